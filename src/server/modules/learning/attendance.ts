/**
 * Attendance of a 集体学法/讲法 activity: the roster tick (PUT the ticked set), the Excel import
 * (same workbook reading and matching rules as the exam roster import), single removal, the
 * candidates to tick, and the printable 签到表. Every insert/delete writes/removes the person's
 * study_credits row in the same transaction (see activities.ts creditPeople/uncreditPeople).
 */
import ExcelJS from 'exceljs';
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AttendanceCandidate, AttendanceChange, AttendanceImportPreview, AttendanceRow, Paged } from '../../../common/activities';
import { ACTIVITY_CATEGORY_ZH } from '../../../common/activities';
import type { FieldIssue } from '../../../common/errors';
import { ATTENDANCE_SOURCE_ZH, type ActivityCategory, type AttendanceSource } from '../../../common/learning';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid } from '../../platform/errors';
import { peopleScope, subtreeCondition, type Principal } from '../../platform/principal';
import { matchRosterRows, nameListTemplate, parseRosterWorkbook } from '../exam/roster-import';
import { readWorkbook } from '../org/import/sheet';
import { people, units } from '../org/schema';
import { activityFor, assertOpenForAttendance, beijingDateTime, canRecordIn, creditPeople, uncreditPeople, type ScopedActivity } from './activities';
import { activities, activityAttendance } from './schema';

const BATCH = 500;

export async function listAttendance(db: Db, p: Principal, activityId: number): Promise<{ items: AttendanceRow[] }> {
  await activityFor(db, p, activityId);
  const rows = await db
    .select({
      personId: activityAttendance.personId,
      name: people.name,
      unitName: units.name,
      employeeNo: people.employeeNo,
      source: activityAttendance.source,
      signedAt: activityAttendance.signedAt,
    })
    .from(activityAttendance)
    .innerJoin(people, eq(people.id, activityAttendance.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(activityAttendance.activityId, activityId))
    .orderBy(asc(units.path), asc(people.name), asc(people.id));
  return { items: rows.map((r) => ({ ...r, source: r.source as AttendanceSource, signedAt: r.signedAt.toISOString() })) };
}

/** Issues for person ids that do not exist or (unit admins) lie outside their subtrees. */
async function personIssues(db: Db, p: Principal, personIds: number[]): Promise<FieldIssue[]> {
  const found = new Set<number>();
  for (let i = 0; i < personIds.length; i += BATCH) {
    const part = personIds.slice(i, i + BATCH);
    const rows = await db
      .select({ id: people.id })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(inArray(people.id, part), staffScope(p)));
    for (const r of rows) found.add(r.id);
  }
  return personIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `personIds.${i}`, message: `人员 #${id} 不存在或不在您管理的单位范围内` }]));
}

/** People a recorder may put on an attendance list: everyone, or a unit admin's subtrees (not just themselves). */
function staffScope(p: Principal): SQL | undefined {
  const s = peopleScope(p);
  if (s === undefined || p.personId === null) return s;
  // peopleScope lets a person see themself; recording is about the administered subtrees only
  return p.adminUnits.length ? or(...p.adminUnits.map((u) => subtreeCondition(u.path))) : sql`false`;
}

/**
 * The roster tick. `personIds` is the full ticked set. Rows not in it are removed when they were
 * ticked on the roster, or when they already existed at `asOf` (the moment the dialog loaded the
 * list — the admin saw them and unticked them); a sign-in or import that arrived while the
 * dialog was open is kept. Without `asOf` only roster-ticked rows are replaced.
 */
export async function setRosterAttendance(
  db: Db,
  p: Principal,
  actor: AuditActor,
  activityId: number,
  body: { personIds: number[]; asOf?: string | null },
): Promise<AttendanceChange> {
  const a = await activityFor(db, p, activityId);
  assertOpenForAttendance(a);
  const ids = [...new Set(body.personIds)];
  const issues = await personIssues(db, p, ids);
  if (issues.length) throw invalid(issues);
  return db.transaction(async (tx) => {
    const locked = await activityFor(tx, p, activityId, { forUpdate: true });
    assertOpenForAttendance(locked);
    const existing = await tx
      .select({ personId: activityAttendance.personId, source: activityAttendance.source, signedAt: activityAttendance.signedAt })
      .from(activityAttendance)
      .where(eq(activityAttendance.activityId, activityId));
    const ticked = new Set(ids);
    const asOf = body.asOf ? new Date(body.asOf) : null;
    const toRemove = existing
      .filter((r) => !ticked.has(r.personId) && (r.source === 'roster' || (asOf !== null && r.signedAt.getTime() <= asOf.getTime())))
      .map((r) => r.personId);
    const present = new Set(existing.map((r) => r.personId));
    const toAdd = ids.filter((id) => !present.has(id));
    await removeRows(tx, locked, toRemove);
    await addRows(tx, locked, toAdd, 'roster', p.accountId);
    const total = existing.length - toRemove.length + toAdd.length;
    if (toAdd.length || toRemove.length) {
      await audit(tx, actor, {
        action: 'activity.attendance.set',
        entityType: 'activity',
        entityId: activityId,
        summary: `${ACTIVITY_CATEGORY_ZH[locked.category as ActivityCategory]}“${locked.title}”勾选参加人员：新增${toAdd.length}人，移除${toRemove.length}人，共${total}人`,
        after: { added: toAdd, removed: toRemove },
      });
    }
    return { added: toAdd.length, removed: toRemove.length, total };
  });
}

async function addRows(tx: Db, a: ScopedActivity, personIds: number[], source: AttendanceSource, recordedBy: number | null): Promise<number[]> {
  const added: number[] = [];
  for (let i = 0; i < personIds.length; i += BATCH) {
    const rows = await tx
      .insert(activityAttendance)
      .values(personIds.slice(i, i + BATCH).map((personId) => ({ activityId: a.id, personId, source, recordedBy })))
      .onConflictDoNothing()
      .returning({ personId: activityAttendance.personId });
    added.push(...rows.map((r) => r.personId));
  }
  await creditPeople(tx, a, added);
  // attendance recorded from the sign-in window on (30 min before the start) means it took place
  const underway = Date.now() >= a.startsAt.getTime() - 30 * 60_000;
  if (added.length && a.status === 'scheduled' && underway) await tx.update(activities).set({ status: 'held', updatedAt: new Date() }).where(eq(activities.id, a.id));
  return added;
}

async function removeRows(tx: Db, a: ScopedActivity, personIds: number[]): Promise<void> {
  for (let i = 0; i < personIds.length; i += BATCH) {
    await tx.delete(activityAttendance).where(and(eq(activityAttendance.activityId, a.id), inArray(activityAttendance.personId, personIds.slice(i, i + BATCH))));
  }
  await uncreditPeople(tx, a, personIds);
}

/** Adds one person's attendance (sign-in); true when newly added. */
export async function addAttendance(tx: Db, a: ScopedActivity, personId: number, source: AttendanceSource, recordedBy: number | null): Promise<boolean> {
  return (await addRows(tx, a, [personId], source, recordedBy)).length === 1;
}

export async function removeAttendance(db: Db, p: Principal, actor: AuditActor, activityId: number, personId: number): Promise<{ ok: true }> {
  await db.transaction(async (tx) => {
    const a = await activityFor(tx, p, activityId, { forUpdate: true });
    const [row] = await tx
      .select({ name: people.name, source: activityAttendance.source })
      .from(activityAttendance)
      .innerJoin(people, eq(people.id, activityAttendance.personId))
      .where(and(eq(activityAttendance.activityId, activityId), eq(activityAttendance.personId, personId)));
    if (!row) throw new AppError('NOT_FOUND', '此人不在参加人员名单中');
    await removeRows(tx, a, [personId]);
    await audit(tx, actor, {
      action: 'activity.attendance.remove',
      entityType: 'activity',
      entityId: activityId,
      summary: `${ACTIVITY_CATEGORY_ZH[a.category as ActivityCategory]}“${a.title}”移除参加人员${row.name}（${ATTENDANCE_SOURCE_ZH[row.source as AttendanceSource]}）`,
    });
  });
  return { ok: true };
}

/**
 * Excel import (姓名 + 身份证号 or 工号). dryRun: preview with every row issue, nothing written;
 * otherwise any issue → 422 and nothing written, else all rows are added in one transaction.
 */
export async function importAttendance(ctx: AppContext, p: Principal, actor: AuditActor, activityId: number, buf: Buffer, dryRun: boolean): Promise<AttendanceImportPreview> {
  const db = ctx.db;
  const a = await activityFor(db, p, activityId);
  assertOpenForAttendance(a);
  const parsed = parseRosterWorkbook(await readWorkbook(buf));
  const issues = [...parsed.issues];
  const matched = await matchRosterRows(ctx, parsed, (m) =>
    canRecordIn(p, m.unitPath) ? null : `${m.name}不在您管理的单位范围内`,
  );
  issues.push(...matched.issues);
  const attending = new Set(
    (await db.select({ id: activityAttendance.personId }).from(activityAttendance).where(eq(activityAttendance.activityId, activityId))).map((r) => r.id),
  );
  const rows = matched.rows.map((m) => ({ row: m.row, personId: m.personId, name: m.name, unitName: m.unitName, alreadyAttending: attending.has(m.personId) }));
  if (parsed.rows.length === 0 && issues.length === 0) issues.push({ sheet: parsed.sheet, row: 1, column: '', message: '文件中没有人员' });
  issues.sort((x, y) => x.row - y.row);
  const toAdd = rows.filter((r) => !r.alreadyAttending).map((r) => r.personId);
  if (dryRun) return { dryRun, rows, added: toAdd.length, issues };
  if (issues.length) throw new AppError('IMPORT_INVALID', `导入文件有${issues.length}处错误，未写入任何数据`, { importIssues: issues });
  const added = await db.transaction(async (tx) => {
    const locked = await activityFor(tx, p, activityId, { forUpdate: true });
    assertOpenForAttendance(locked);
    const ids = await addRows(tx, locked, toAdd, 'excel', p.accountId);
    await audit(tx, actor, {
      action: 'activity.attendance.import',
      entityType: 'activity',
      entityId: activityId,
      summary: `${ACTIVITY_CATEGORY_ZH[locked.category as ActivityCategory]}“${locked.title}”导入参加人员：新增${ids.length}人（文件${rows.length}人）`,
    });
    return ids.length;
  });
  return { dryRun, rows, added, issues };
}

/** People to tick: 在职 people of the host unit and the audience units (subtrees), within the recorder's scope. */
export async function listCandidates(db: Db, p: Principal, activityId: number, q: { q?: string; page: number; pageSize: number }): Promise<Paged<AttendanceCandidate>> {
  const a = await activityFor(db, p, activityId);
  const paths = [a.hostUnitPath];
  if (a.audienceUnitIds.length) for (const u of await db.select({ path: units.path }).from(units).where(inArray(units.id, a.audienceUnitIds))) paths.push(u.path);
  const conds: (SQL | undefined)[] = [eq(people.status, '在职'), or(...paths.map((path) => subtreeCondition(path))), staffScope(p)];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(people.name, like), ilike(people.employeeNo, like)));
  }
  const where = and(...conds);
  const [{ total }] = await db.select({ total: count() }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(where);
  const rows = await db
    .select({
      personId: people.id,
      name: people.name,
      unitName: units.name,
      employeeNo: people.employeeNo,
      attending: sql<boolean>`exists (select 1 from activity_attendance aa where aa.activity_id = ${activityId} and aa.person_id = ${people.id})`.mapWith(Boolean),
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(units.path), asc(people.name), asc(people.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

/** The printable 签到表 of one activity. */
export async function attendanceSheetXlsx(db: Db, p: Principal, activityId: number): Promise<{ buffer: Buffer; filename: string }> {
  const a = await activityFor(db, p, activityId);
  const { items } = await listAttendance(db, p, activityId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('签到表');
  ws.columns = [{ width: 6 }, { width: 14 }, { width: 24 }, { width: 14 }, { width: 14 }, { width: 18 }, { width: 16 }];
  const heading = `${ACTIVITY_CATEGORY_ZH[a.category as ActivityCategory]}签到表`;
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = `${a.title} ${heading}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:G2');
  ws.getCell('A2').value = `形式：${a.kind}\u3000时间：${beijingDateTime(a.startsAt)}（${a.durationMinutes}分钟）\u3000主办单位：${a.hostUnitName}${a.location ? `\u3000地点：${a.location}` : ''}\u3000参加人数：${items.length}`;
  const header = ws.getRow(3);
  header.values = ['序号', '姓名', '单位', '工号', '签到方式', '签到时间', '签名'];
  header.font = { bold: true };
  items.forEach((r, i) => {
    ws.addRow([i + 1, r.name, r.unitName, r.employeeNo ?? '', ATTENDANCE_SOURCE_ZH[r.source], beijingDateTime(new Date(r.signedAt)), '']);
  });
  for (let r = 3; r <= ws.rowCount; r++)
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `签到表-${a.title.slice(0, 40)}.xlsx` };
}

/** The downloadable import template: the exam roster's columns, our own 说明. */
export function attendanceTemplate(): Promise<Buffer> {
  return nameListTemplate('参加人员', [
    '参加人员导入说明',
    '1. 每行一人：“姓名”必填，“身份证号”和“工号”至少填写一项（用于在人员库中查找本人）。',
    '2. 姓名须与人员库中的一致；查不到、姓名不符、不在您管理范围内或重复的行都会标出行号与列，整个文件不会写入。',
    '3. 身份证号请以文本格式填写（本模板已设为文本），避免 Excel 把它变成科学计数法。',
    '4. 已登记参加的人员会被跳过，不会重复登记；导入的每人按活动时长计入学时。',
  ]);
}

