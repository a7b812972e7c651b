/**
 * 讲法责任: every 在职 党政主要负责人 owes `lectureDutyCount` lectures a year (year settings).
 * A lecture counts when it is a 'lecture' activity of the year with the leader as speaker:
 * held → given; scheduled and still ahead → 已安排.
 */
import ExcelJS from 'exceljs';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { DUTY_STATUS_ZH, dutyStatus, type DutyBoard, type DutyLeader, type DutyLecture, type DutyUnitSummary } from '../../../common/duty';
import { beijingDay } from '../../../common/learning';
import type { Db } from '../../db/client';
import { notFound } from '../../platform/errors';
import { canReadUnitPath, requireRole, subtreeCondition, unitScope, type Principal } from '../../platform/principal';
import { people, units } from '../org/schema';
import { unitPathNames } from '../org/units';
import { activities } from './schema';
import { getLearningSettings } from './settings';

/** Readers of progress pages: organiser/admin (everything) and unit admins (their subtrees). */
export function requireProgressReader(p: Principal): void {
  requireRole(p, 'admin', 'organiser', 'unit_admin');
}

/**
 * The units condition for a principal, narrowed to the subtree of `unitId` when given (a unit
 * outside the principal's scope is a 404). undefined = no restriction.
 */
export async function scopedUnitsCondition(db: Db, p: Principal, unitId?: number): Promise<SQL | undefined> {
  const scope = unitScope(p);
  if (unitId === undefined) return scope;
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!u || !canReadUnitPath(p, u.path)) throw notFound('单位');
  return and(scope, subtreeCondition(u.path));
}

/** The duty board for a year. `now` decides which scheduled lectures are still ahead. */
export async function dutyBoard(db: Db, p: Principal | null, year: number, opts: { unitId?: number; now?: Date } = {}): Promise<DutyBoard> {
  const now = opts.now ?? new Date();
  const scope = p ? await scopedUnitsCondition(db, p, opts.unitId) : undefined;
  const { lectureDutyCount: required } = await getLearningSettings(db, year);
  const leaderRows = await db
    .select({ personId: people.id, name: people.name, title: people.title, unitId: units.id, unitName: units.name, unitPath: units.path, sortOrder: units.sortOrder })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.isPrincipalLeader, true), eq(people.status, '在职'), scope))
    .orderBy(asc(units.path), asc(people.name), asc(people.id));

  const lecturesBy = new Map<number, DutyLecture[]>();
  const heldBy = new Map<number, number>();
  const scheduledBy = new Map<number, number>();
  const ids = leaderRows.map((l) => l.personId);
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({
        id: activities.id,
        title: activities.title,
        kind: activities.kind,
        startsAt: activities.startsAt,
        status: activities.status,
        speaker: activities.speakerPersonId,
        hostUnitName: units.name,
      })
      .from(activities)
      .innerJoin(units, eq(units.id, activities.hostUnitId))
      .where(and(eq(activities.category, 'lecture'), eq(activities.year, year), inArray(activities.speakerPersonId, ids.slice(i, i + 1000)), inArray(activities.status, ['held', 'scheduled'])))
      .orderBy(asc(activities.startsAt));
    for (const r of rows) {
      const pid = r.speaker!;
      const ahead = r.status === 'scheduled' && r.startsAt.getTime() > now.getTime();
      if (r.status === 'held') heldBy.set(pid, (heldBy.get(pid) ?? 0) + 1);
      else if (ahead) scheduledBy.set(pid, (scheduledBy.get(pid) ?? 0) + 1);
      else continue; // a scheduled lecture whose time passed without being recorded as held counts for nothing
      const list = lecturesBy.get(pid) ?? [];
      list.push({ id: r.id, title: r.title, kind: r.kind, startsAt: r.startsAt.toISOString(), status: r.status, hostUnitName: r.hostUnitName });
      lecturesBy.set(pid, list);
    }
  }

  const names = await unitPathNames(db, [...new Set(leaderRows.map((l) => l.unitPath))]);
  const leaders: DutyLeader[] = leaderRows.map((l) => {
    const held = heldBy.get(l.personId) ?? 0;
    const scheduled = scheduledBy.get(l.personId) ?? 0;
    return {
      personId: l.personId,
      name: l.name,
      title: l.title,
      unitId: l.unitId,
      unitName: l.unitName,
      unitPathNames: names.get(l.unitPath) ?? [],
      held,
      scheduled,
      status: dutyStatus(required, held, scheduled),
      lectures: lecturesBy.get(l.personId) ?? [],
    };
  });

  const byUnit = new Map<number, DutyUnitSummary>();
  for (const l of leaders) {
    const u = byUnit.get(l.unitId) ?? { unitId: l.unitId, unitName: l.unitName, unitPathNames: l.unitPathNames, leaders: 0, done: 0, scheduled: 0, notDone: 0 };
    u.leaders++;
    if (l.status === 'done') u.done++;
    else if (l.status === 'scheduled') u.scheduled++;
    else u.notDone++;
    byUnit.set(l.unitId, u);
  }
  const done = leaders.filter((l) => l.status === 'done').length;
  const scheduled = leaders.filter((l) => l.status === 'scheduled').length;
  return {
    year,
    required,
    summary: {
      leaders: leaders.length,
      done,
      scheduled,
      notDone: leaders.length - done - scheduled,
      donePercent: leaders.length ? Math.round((done / leaders.length) * 1000) / 10 : 0,
    },
    units: [...byUnit.values()],
    leaders,
  };
}

/** 讲法责任 as .xlsx: one sheet of leaders, one per unit. */
export async function dutyWorkbook(board: DutyBoard): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('主要负责人');
  ws.columns = [
    { header: '单位', key: 'unit', width: 36 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '职务', key: 'title', width: 16 },
    { header: '应讲（次）', key: 'required', width: 10 },
    { header: '已讲（次）', key: 'held', width: 10 },
    { header: '已安排（次）', key: 'scheduled', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '讲法记录', key: 'lectures', width: 60 },
  ];
  for (const l of board.leaders) {
    ws.addRow({
      unit: l.unitPathNames.join('/'),
      name: l.name,
      title: l.title ?? '',
      required: board.required,
      held: l.held,
      scheduled: l.scheduled,
      status: DUTY_STATUS_ZH[l.status],
      lectures: l.lectures.map((x) => `${beijingDay(new Date(x.startsAt))} ${x.title}（${x.status === 'held' ? '已举行' : '已安排'}）`).join('；'),
    });
  }
  const us = wb.addWorksheet('按单位');
  us.columns = [
    { header: '单位', key: 'unit', width: 36 },
    { header: '主要负责人（人）', key: 'leaders', width: 14 },
    { header: '已完成', key: 'done', width: 10 },
    { header: '已安排', key: 'scheduled', width: 10 },
    { header: '未完成', key: 'notDone', width: 10 },
  ];
  for (const u of board.units) us.addRow({ ...u, unit: u.unitPathNames.join('/') });
  us.addRow({ unit: '合计', leaders: board.summary.leaders, done: board.summary.done, scheduled: board.summary.scheduled, notDone: board.summary.notDone });
  for (const s of [ws, us]) {
    s.getRow(1).font = { bold: true };
    s.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Leaders still owing lectures whose lectures are not even scheduled (the ones a reminder is for). */
export function notDoneLeaders(board: DutyBoard): DutyLeader[] {
  return board.leaders.filter((l) => l.status === 'not_done');
}

// Exported for reminders: the units (with paths) of given ids.
export async function unitPaths(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.path]));
}
