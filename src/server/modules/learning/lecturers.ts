/**
 * 师资库: lecturers (ours or external) with the lectures they gave. A lecture is theirs when the
 * activity names them (lecturer_id) or, for one of our people, has them as speaker.
 */
import ExcelJS from 'exceljs';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { beijingYearMonth, type LecturerDetail, type LecturerInput, type LecturerLectureView, type LecturerView } from '../../../common/duty';
import { beijingDay, type LecturerLevel } from '../../../common/learning';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, notFound } from '../../platform/errors';
import { requireRole, type Principal } from '../../platform/principal';
import { people, units } from '../org/schema';
import { activities, lecturers } from './schema';

type LecturerRow = typeof lecturers.$inferSelect;

export interface LecturerFilters {
  level?: LecturerLevel;
  speciality?: string;
  q?: string;
  active?: boolean;
  year: number;
}

const readers = (p: Principal) => requireRole(p, 'admin', 'organiser', 'unit_admin');
const editors = (p: Principal) => requireRole(p, 'admin', 'organiser');

const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Lectures of the given lecturers (any status), newest first. */
async function lecturesOf(db: Db, rows: Pick<LecturerRow, 'id' | 'personId'>[]): Promise<Map<number, LecturerLectureView[]>> {
  const out = new Map<number, LecturerLectureView[]>();
  if (rows.length === 0) return out;
  const ids = rows.map((r) => r.id);
  const personIds = rows.flatMap((r) => (r.personId ? [r.personId] : []));
  const conds: SQL[] = [inArray(activities.lecturerId, ids)];
  if (personIds.length) conds.push(inArray(activities.speakerPersonId, personIds));
  const acts = await db
    .select({
      id: activities.id,
      category: activities.category,
      kind: activities.kind,
      title: activities.title,
      startsAt: activities.startsAt,
      status: activities.status,
      lecturerId: activities.lecturerId,
      speaker: activities.speakerPersonId,
      hostUnitName: units.name,
    })
    .from(activities)
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .where(or(...conds))
    .orderBy(desc(activities.startsAt), desc(activities.id));
  for (const r of rows) {
    out.set(
      r.id,
      acts
        .filter((a) => a.lecturerId === r.id || (r.personId !== null && a.speaker === r.personId))
        .map((a) => ({ id: a.id, category: a.category, kind: a.kind, title: a.title, startsAt: a.startsAt.toISOString(), status: a.status, hostUnitName: a.hostUnitName })),
    );
  }
  return out;
}

const inBeijingYear = (iso: string, year: number) => new Date(Date.parse(iso) + 8 * 3600_000).getUTCFullYear() === year;

function toView(r: LecturerRow & { personName: string | null }, lectures: LecturerLectureView[], year: number): LecturerView {
  const held = lectures.filter((l) => l.status === 'held');
  const last = held[0] ?? null;
  return {
    id: r.id,
    name: r.name,
    level: r.level as LecturerLevel,
    organisation: r.organisation,
    title: r.title,
    specialities: r.specialities,
    phone: r.phone,
    intro: r.intro,
    personId: r.personId,
    personName: r.personName,
    active: r.active,
    lecturesInYear: held.filter((l) => inBeijingYear(l.startsAt, year)).length,
    lastLecture: last ? { id: last.id, title: last.title, startsAt: last.startsAt } : null,
  };
}

const selectLecturer = (db: Db) =>
  db
    .select({
      id: lecturers.id,
      name: lecturers.name,
      personId: lecturers.personId,
      level: lecturers.level,
      organisation: lecturers.organisation,
      title: lecturers.title,
      specialities: lecturers.specialities,
      phone: lecturers.phone,
      intro: lecturers.intro,
      active: lecturers.active,
      createdAt: lecturers.createdAt,
      updatedAt: lecturers.updatedAt,
      personName: people.name,
    })
    .from(lecturers)
    .leftJoin(people, eq(people.id, lecturers.personId));

export async function listLecturers(db: Db, p: Principal, f: LecturerFilters): Promise<LecturerView[]> {
  readers(p);
  const conds: (SQL | undefined)[] = [];
  if (f.level) conds.push(eq(lecturers.level, f.level));
  if (f.active !== undefined) conds.push(eq(lecturers.active, f.active));
  if (f.speciality) conds.push(sql`${lecturers.specialities} @> ${JSON.stringify([f.speciality])}::jsonb`);
  if (f.q) conds.push(or(ilike(lecturers.name, likeText(f.q)), ilike(lecturers.organisation, likeText(f.q)), ilike(lecturers.title, likeText(f.q))));
  const rows = await selectLecturer(db)
    .where(and(...conds))
    .orderBy(desc(lecturers.active), asc(lecturers.name), asc(lecturers.id));
  const lectures = await lecturesOf(db, rows);
  return rows.map((r) => toView(r, lectures.get(r.id) ?? [], f.year));
}

export async function getLecturer(db: Db, p: Principal, id: number, year: number): Promise<LecturerDetail> {
  readers(p);
  const [r] = await selectLecturer(db).where(eq(lecturers.id, id));
  if (!r) throw notFound('讲师');
  const lectures = (await lecturesOf(db, [r])).get(r.id) ?? [];
  return { ...toView(r, lectures, year), lectures };
}

async function checkPerson(db: Db, personId: number | null): Promise<void> {
  if (personId === null) return;
  const [found] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  if (!found) throw invalid([{ path: 'personId', message: '所选人员不存在' }]);
}

export async function createLecturer(db: Db, p: Principal, actor: AuditActor, input: LecturerInput): Promise<LecturerDetail> {
  editors(p);
  await checkPerson(db, input.personId);
  const id = await db.transaction(async (tx) => {
    const [r] = await tx.insert(lecturers).values(input).returning();
    await audit(tx, actor, { action: 'lecturer.create', entityType: 'lecturer', entityId: r.id, summary: `新增讲师“${r.name}”`, after: input });
    return r.id;
  });
  return getLecturer(db, p, id, beijingYearMonth(new Date()).year);
}

export async function updateLecturer(db: Db, p: Principal, actor: AuditActor, id: number, input: LecturerInput): Promise<LecturerDetail> {
  editors(p);
  await checkPerson(db, input.personId);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(lecturers).where(eq(lecturers.id, id));
    if (!before) throw notFound('讲师');
    await tx
      .update(lecturers)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(lecturers.id, id));
    await audit(tx, actor, { action: 'lecturer.update', entityType: 'lecturer', entityId: id, summary: `修改讲师“${input.name}”`, before, after: input });
  });
  return getLecturer(db, p, id, beijingYearMonth(new Date()).year);
}

/** Deletes a lecturer nobody's activity names; one with lectures can only be set inactive. */
export async function deleteLecturer(db: Db, p: Principal, actor: AuditActor, id: number): Promise<void> {
  editors(p);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(lecturers).where(eq(lecturers.id, id));
    if (!before) throw notFound('讲师');
    const [used] = await tx.select({ id: activities.id }).from(activities).where(eq(activities.lecturerId, id)).limit(1);
    if (used) throw new AppError('CONFLICT', '该讲师已有讲法/学法记录，不能删除；可将其设为“停用”');
    await tx.delete(lecturers).where(eq(lecturers.id, id));
    await audit(tx, actor, { action: 'lecturer.delete', entityType: 'lecturer', entityId: id, summary: `删除讲师“${before.name}”`, before });
  });
}

export async function lecturersWorkbook(items: LecturerView[], year: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('师资库');
  ws.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '级别', key: 'level', width: 10 },
    { header: '工作单位', key: 'organisation', width: 28 },
    { header: '职务/职称', key: 'title', width: 16 },
    { header: '专长', key: 'specialities', width: 30 },
    { header: '联系电话', key: 'phone', width: 14 },
    { header: `${year}年讲课（次）`, key: 'lecturesInYear', width: 14 },
    { header: '最近一次讲课', key: 'last', width: 36 },
    { header: '状态', key: 'active', width: 8 },
  ];
  for (const l of items) {
    ws.addRow({
      ...l,
      organisation: l.organisation ?? '',
      title: l.title ?? '',
      phone: l.phone ?? '',
      specialities: l.specialities.join('、'),
      last: l.lastLecture ? `${beijingDay(new Date(l.lastLecture.startsAt))} ${l.lastLecture.title}` : '',
      active: l.active ? '在库' : '停用',
    });
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
