/**
 * 集体学法 and 讲法 records (one `activities` table, category 'study' | 'lecture'): create, edit,
 * delete, list, detail, the list export, and the study_credits rows attendance earns.
 *
 * Who: organiser/admin anywhere; a unit admin only for activities whose host unit lies in their
 * subtree (anything else answers 404). Members reach activities only through sign-in and
 * /api/my/activities.
 */
import ExcelJS from 'exceljs';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ActivityDetail, ActivityInput, ActivityListItem, ActivityListQuery, MyActivity, Paged } from '../../../common/activities';
import { ACTIVITY_CATEGORY_ZH } from '../../../common/activities';
import type { FieldIssue } from '../../../common/errors';
import { ACTIVITY_STATUS_ZH, beijingDay, type ActivityCategory, type ActivityStatus, type AttendanceSource, type CreditSource } from '../../../common/learning';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors';
import { canManageUnitPath, hasRole, seesEverything, subtreeCondition, unitScope, type Principal } from '../../platform/principal';
import { files } from '../files/schema';
import { laws } from '../laws/schema';
import { people, units } from '../org/schema';
import { unitPathNames } from '../org/units';
import { activities, activityAttendance, lecturers, studyCredits } from './schema';

export type ActivityRow = typeof activities.$inferSelect;
export interface ScopedActivity extends ActivityRow {
  hostUnitPath: string;
  hostUnitName: string;
}

/** Admin, organiser and unit admin record activities; anyone else is refused before their input is read. */
export function requireRecorder(p: Principal): void {
  if (!hasRole(p, 'admin', 'organiser', 'unit_admin')) throw forbidden();
}

/** A unit admin may act on units in their subtrees; organiser and admin anywhere. */
export function canRecordIn(p: Principal, unitPath: string): boolean {
  return seesEverything(p) || canManageUnitPath(p, unitPath);
}

export const creditSourceOf = (category: string): CreditSource => (category === 'lecture' ? 'lecture' : 'group_study');

/** Beijing calendar year of an instant. */
export const beijingYear = (d: Date): number => Number(beijingDay(d).slice(0, 4));

/** The activity if the principal may see it, else 404 (its existence is not disclosed). */
export async function activityFor(db: Db, p: Principal, id: number, opts: { forUpdate?: boolean } = {}): Promise<ScopedActivity> {
  const q = db
    .select({ a: activities, hostUnitPath: units.path, hostUnitName: units.name })
    .from(activities)
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .where(eq(activities.id, id));
  const [row] = opts.forUpdate ? await q.for('update', { of: activities }) : await q;
  if (!row || !canRecordIn(p, row.hostUnitPath)) throw notFound('活动');
  return { ...row.a, hostUnitPath: row.hostUnitPath, hostUnitName: row.hostUnitName };
}

// ---------------------------------------------------------------------------------------------
// Credits: one study_credits row per attendee (source group_study | lecture, refId = activity id).

/** Writes (or updates) the credit of these attendees; a cancelled activity credits nothing. */
export async function creditPeople(tx: Db, a: ActivityRow, personIds: number[]): Promise<void> {
  if (a.status === 'cancelled' || personIds.length === 0) return;
  const day = beijingDay(a.startsAt);
  const source = creditSourceOf(a.category);
  for (let i = 0; i < personIds.length; i += 500) {
    await tx
      .insert(studyCredits)
      .values(personIds.slice(i, i + 500).map((personId) => ({ personId, day, source, refId: a.id, minutes: a.durationMinutes })))
      .onConflictDoUpdate({
        target: [studyCredits.personId, studyCredits.day, studyCredits.source, studyCredits.refId],
        set: { minutes: a.durationMinutes, updatedAt: sql`now()` },
      });
  }
}

export async function uncreditPeople(tx: Db, a: ActivityRow, personIds: number[]): Promise<void> {
  if (personIds.length === 0) return;
  for (let i = 0; i < personIds.length; i += 500) {
    await tx
      .delete(studyCredits)
      .where(and(eq(studyCredits.source, creditSourceOf(a.category)), eq(studyCredits.refId, a.id), inArray(studyCredits.personId, personIds.slice(i, i + 500))));
  }
}

/** After a change of date, duration, status or category: every attendee's credit rewritten from the record. */
export async function rewriteCredits(tx: Db, a: ActivityRow): Promise<void> {
  await tx.delete(studyCredits).where(and(inArray(studyCredits.source, ['group_study', 'lecture']), eq(studyCredits.refId, a.id)));
  if (a.status === 'cancelled') return;
  await tx.execute(sql`
    insert into study_credits (person_id, day, source, ref_id, minutes)
    select person_id, ${beijingDay(a.startsAt)}::date, ${creditSourceOf(a.category)}, ${a.id}, ${a.durationMinutes}
      from activity_attendance where activity_id = ${a.id}
    on conflict (person_id, day, source, ref_id) do update set minutes = excluded.minutes, updated_at = now()`);
}

// ---------------------------------------------------------------------------------------------
// Create / update / delete

/** References the zod schema cannot check: units, people, lecturer, files, laws — and scope. */
async function referenceIssues(db: Db, p: Principal, input: ActivityInput): Promise<{ issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const [host] = await db.select({ path: units.path }).from(units).where(eq(units.id, input.hostUnitId));
  if (!host) issues.push({ path: 'hostUnitId', message: '主办单位不存在' });
  else if (!canRecordIn(p, host.path)) issues.push({ path: 'hostUnitId', message: '只能登记本单位及下级单位主办的活动' });

  if (input.speakerPersonId !== null) {
    const [sp] = await db.select({ path: units.path }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(eq(people.id, input.speakerPersonId));
    if (!sp || !canRecordIn(p, sp.path)) issues.push({ path: 'speakerPersonId', message: '主讲人不存在或不在您管理的单位范围内' });
  }
  if (input.lecturerId !== null) {
    const [l] = await db.select({ id: lecturers.id }).from(lecturers).where(eq(lecturers.id, input.lecturerId));
    if (!l) issues.push({ path: 'lecturerId', message: '师资库中没有此讲师' });
  }
  if (input.audienceUnitIds.length) {
    const found = new Set((await db.select({ id: units.id }).from(units).where(inArray(units.id, input.audienceUnitIds))).map((u) => u.id));
    input.audienceUnitIds.forEach((id, i) => {
      if (!found.has(id)) issues.push({ path: `audienceUnitIds.${i}`, message: `单位 #${id} 不存在` });
    });
  }
  if (input.fileIds.length) {
    const found = new Set((await db.select({ id: files.id }).from(files).where(inArray(files.id, input.fileIds))).map((f) => f.id));
    input.fileIds.forEach((id, i) => {
      if (!found.has(id)) issues.push({ path: `fileIds.${i}`, message: `附件 #${id} 不存在，请重新上传` });
    });
  }
  const lawIds = [...new Set(input.laws.flatMap((l) => (l.lawId !== null ? [l.lawId] : [])))];
  if (lawIds.length) {
    const found = new Set((await db.select({ id: laws.id }).from(laws).where(inArray(laws.id, lawIds))).map((l) => l.id));
    input.laws.forEach((l, i) => {
      if (l.lawId !== null && !found.has(l.lawId)) issues.push({ path: `laws.${i}.lawId`, message: '法规库中没有此法规' });
    });
  }
  return { issues };
}

function valuesOf(input: ActivityInput, status: ActivityStatus) {
  const startsAt = new Date(input.startsAt);
  return {
    category: input.category,
    kind: input.kind,
    title: input.title,
    year: beijingYear(startsAt),
    startsAt,
    durationMinutes: input.durationMinutes,
    hostUnitId: input.hostUnitId,
    presenter: input.presenter,
    speakerPersonId: input.speakerPersonId,
    lecturerId: input.category === 'lecture' ? input.lecturerId : null,
    audienceUnitIds: input.audienceUnitIds,
    audienceSize: input.audienceSize,
    laws: input.laws,
    location: input.location,
    summary: input.summary,
    fileIds: input.fileIds,
    status,
  };
}

const defaultStatus = (startsAt: string, now = new Date()): ActivityStatus => (Date.parse(startsAt) <= now.getTime() ? 'held' : 'scheduled');

export async function createActivity(db: Db, p: Principal, actor: AuditActor, input: ActivityInput): Promise<ActivityDetail> {
  const { issues } = await referenceIssues(db, p, input);
  if (issues.length) throw invalid(issues);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(activities)
      .values({ ...valuesOf(input, input.status ?? defaultStatus(input.startsAt)), createdBy: p.accountId })
      .returning();
    await audit(tx, actor, {
      action: 'activity.create',
      entityType: 'activity',
      entityId: row.id,
      summary: `登记${ACTIVITY_CATEGORY_ZH[row.category as ActivityCategory]}“${row.title}”`,
      after: row,
    });
    return row.id;
  });
  return activityDetail(db, p, id);
}

export async function updateActivity(db: Db, p: Principal, actor: AuditActor, id: number, input: ActivityInput): Promise<ActivityDetail> {
  await activityFor(db, p, id);
  const { issues } = await referenceIssues(db, p, input);
  if (issues.length) throw invalid(issues);
  await db.transaction(async (tx) => {
    const before = await activityFor(tx, p, id, { forUpdate: true });
    if (before.category !== input.category) throw invalid([{ path: 'category', message: '不能修改活动类别（集体学法/讲法）' }]);
    const status = input.status ?? (before.status === 'cancelled' ? 'cancelled' : defaultStatus(input.startsAt));
    const values = valuesOf(input, status);
    const stopSignIn = status === 'cancelled' ? { signInCode: null, signInOpensAt: null, signInClosesAt: null } : {};
    const [after] = await tx
      .update(activities)
      .set({ ...values, ...stopSignIn, updatedAt: new Date() })
      .where(eq(activities.id, id))
      .returning();
    const creditChanged =
      before.status !== after.status || before.durationMinutes !== after.durationMinutes || beijingDay(before.startsAt) !== beijingDay(after.startsAt);
    if (creditChanged) await rewriteCredits(tx, after);
    const { hostUnitPath: _p, hostUnitName: _n, ...beforeRow } = before;
    await audit(tx, actor, {
      action: 'activity.update',
      entityType: 'activity',
      entityId: id,
      summary: `修改${ACTIVITY_CATEGORY_ZH[after.category as ActivityCategory]}“${after.title}”${before.status !== after.status ? `（${ACTIVITY_STATUS_ZH[after.status as ActivityStatus]}）` : ''}`,
      before: beforeRow,
      after,
    });
  });
  return activityDetail(db, p, id);
}

/** Deletes the record, its attendance and the credits it gave, in one transaction. */
export async function deleteActivity(db: Db, p: Principal, actor: AuditActor, id: number): Promise<{ ok: true }> {
  await db.transaction(async (tx) => {
    const a = await activityFor(tx, p, id, { forUpdate: true });
    const [{ n }] = await tx.select({ n: count() }).from(activityAttendance).where(eq(activityAttendance.activityId, id));
    await tx.delete(studyCredits).where(and(inArray(studyCredits.source, ['group_study', 'lecture']), eq(studyCredits.refId, id)));
    await tx.delete(activityAttendance).where(eq(activityAttendance.activityId, id));
    await tx.delete(activities).where(eq(activities.id, id));
    const { hostUnitPath: _p, hostUnitName: _n, ...row } = a;
    await audit(tx, actor, {
      action: 'activity.delete',
      entityType: 'activity',
      entityId: id,
      summary: `删除${ACTIVITY_CATEGORY_ZH[a.category as ActivityCategory]}“${a.title}”及其${n}条参加记录`,
      before: row,
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Reads

const speakers = alias(people, 'speaker');

function listConditions(p: Principal, f: Omit<ActivityListQuery, 'page' | 'pageSize'>, unitFilterPath: string | null): SQL | undefined {
  const conds: (SQL | undefined)[] = [unitScope(p)];
  if (f.category) conds.push(eq(activities.category, f.category));
  if (f.kind) conds.push(eq(activities.kind, f.kind));
  if (f.year) conds.push(eq(activities.year, f.year));
  if (f.status) conds.push(eq(activities.status, f.status));
  if (unitFilterPath !== null) conds.push(subtreeCondition(unitFilterPath));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(activities.title, like), ilike(activities.presenter, like), ilike(speakers.name, like), ilike(lecturers.name, like)));
  }
  return and(...conds);
}

async function unitFilterPathOf(db: Db, unitId: number | undefined): Promise<string | null> {
  if (!unitId) return null;
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  // an unknown unit matches nothing rather than everything
  return u?.path ?? '/0/';
}

const attendanceCount = sql<number>`(select count(*) from activity_attendance aa where aa.activity_id = ${activities.id})`.mapWith(Number);

const listColumns = {
  id: activities.id,
  category: activities.category,
  kind: activities.kind,
  title: activities.title,
  year: activities.year,
  startsAt: activities.startsAt,
  durationMinutes: activities.durationMinutes,
  hostUnitId: activities.hostUnitId,
  hostUnitName: units.name,
  presenter: activities.presenter,
  speakerName: speakers.name,
  lecturerName: lecturers.name,
  status: activities.status,
  attendanceCount,
  audienceSize: activities.audienceSize,
};

type ListRow = { [K in keyof typeof listColumns]: unknown } & { startsAt: Date };
const toListItem = (r: ListRow): ActivityListItem => ({ ...(r as unknown as ActivityListItem), startsAt: r.startsAt.toISOString() });

function baseList(db: Db) {
  return db
    .select(listColumns)
    .from(activities)
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .leftJoin(speakers, eq(speakers.id, activities.speakerPersonId))
    .leftJoin(lecturers, eq(lecturers.id, activities.lecturerId));
}

export async function listActivities(db: Db, p: Principal, query: ActivityListQuery): Promise<Paged<ActivityListItem>> {
  const { page, pageSize, ...f } = query;
  const where = listConditions(p, f, await unitFilterPathOf(db, f.unitId));
  const [{ total }] = await db
    .select({ total: count() })
    .from(activities)
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .leftJoin(speakers, eq(speakers.id, activities.speakerPersonId))
    .leftJoin(lecturers, eq(lecturers.id, activities.lecturerId))
    .where(where);
  const rows = await baseList(db)
    .where(where)
    .orderBy(desc(activities.startsAt), desc(activities.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map((r) => toListItem(r as ListRow)), total, page, pageSize };
}

export async function activityDetail(db: Db, p: Principal, id: number): Promise<ActivityDetail> {
  const a = await activityFor(db, p, id);
  const [item] = await baseList(db).where(eq(activities.id, id));
  const [pathNames, audience, fileRows] = await Promise.all([
    unitPathNames(db, [a.hostUnitPath]),
    a.audienceUnitIds.length ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, a.audienceUnitIds)) : [],
    a.fileIds.length ? db.select({ id: files.id, name: files.name, mime: files.mime, size: files.size }).from(files).where(inArray(files.id, a.fileIds)) : [],
  ]);
  const audienceById = new Map(audience.map((u) => [u.id, u]));
  const filesById = new Map(fileRows.map((f) => [f.id, f]));
  return {
    ...toListItem(item as ListRow),
    hostUnitPath: a.hostUnitPath,
    hostUnitPathNames: (pathNames.get(a.hostUnitPath) ?? []).join('/'),
    speakerPersonId: a.speakerPersonId,
    lecturerId: a.lecturerId,
    audienceUnits: a.audienceUnitIds.flatMap((uid) => (audienceById.has(uid) ? [audienceById.get(uid)!] : [])),
    laws: a.laws,
    location: a.location,
    summary: a.summary,
    files: a.fileIds.flatMap((fid) => (filesById.has(fid) ? [filesById.get(fid)!] : [])),
    signIn: { code: a.signInCode, opensAt: a.signInOpensAt?.toISOString() ?? null, closesAt: a.signInClosesAt?.toISOString() ?? null },
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Beijing wall-clock "2026-03-05 14:30" for sheets and messages. */
export function beijingDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const EXPORT_MAX_ROWS = 20_000;

/** The filtered list as .xlsx (one row per activity). */
export async function exportActivitiesXlsx(db: Db, p: Principal, query: Omit<ActivityListQuery, 'page' | 'pageSize'>): Promise<{ buffer: Buffer; filename: string }> {
  const where = listConditions(p, query, await unitFilterPathOf(db, query.unitId));
  const rows = await db
    .select({ ...listColumns, laws: activities.laws, location: activities.location })
    .from(activities)
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .leftJoin(speakers, eq(speakers.id, activities.speakerPersonId))
    .leftJoin(lecturers, eq(lecturers.id, activities.lecturerId))
    .where(where)
    .orderBy(asc(activities.startsAt), asc(activities.id))
    .limit(EXPORT_MAX_ROWS);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const title = query.category ? ACTIVITY_CATEGORY_ZH[query.category] : '集体学法与讲法';
  const ws = wb.addWorksheet(title);
  ws.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '类别', key: 'category', width: 10 },
    { header: '形式', key: 'kind', width: 16 },
    { header: '主题', key: 'title', width: 36 },
    { header: '开始时间', key: 'startsAt', width: 18 },
    { header: '时长（分钟）', key: 'duration', width: 12 },
    { header: '主办单位', key: 'host', width: 20 },
    { header: '主讲/领学', key: 'presenter', width: 16 },
    { header: '地点', key: 'location', width: 18 },
    { header: '学习法规', key: 'laws', width: 36 },
    { header: '登记参加人数', key: 'attendance', width: 12 },
    { header: '参加人数（申报）', key: 'audienceSize', width: 14 },
    { header: '状态', key: 'status', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  rows.forEach((row, i) => {
    const r = toListItem(row as ListRow);
    ws.addRow({
      no: i + 1,
      category: ACTIVITY_CATEGORY_ZH[r.category],
      kind: r.kind,
      title: r.title,
      startsAt: beijingDateTime(new Date(r.startsAt)),
      duration: r.durationMinutes,
      host: r.hostUnitName,
      presenter: [r.speakerName ?? r.presenter, r.lecturerName].filter(Boolean).join('、'),
      location: row.location ?? '',
      laws: row.laws.map((l) => l.title + (l.articles ? ` ${l.articles}` : '')).join('；'),
      attendance: r.attendanceCount,
      audienceSize: r.audienceSize ?? '',
      status: ACTIVITY_STATUS_ZH[r.status],
    });
  });
  const stamp = beijingDay(new Date()).replaceAll('-', '');
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${title}-${stamp}.xlsx` };
}

/** Refuses attendance changes on a cancelled activity. */
export function assertOpenForAttendance(a: ActivityRow): void {
  if (a.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消，不能登记参加人员');
}

// ---------------------------------------------------------------------------------------------
// Member: what I attended, and what I gave as speaker

export async function myActivities(db: Db, p: Principal, year: number): Promise<{ attended: MyActivity[]; gave: MyActivity[] }> {
  if (p.personId === null) return { attended: [], gave: [] };
  const personId = p.personId;
  const cols = {
    id: activities.id,
    category: activities.category,
    kind: activities.kind,
    title: activities.title,
    startsAt: activities.startsAt,
    durationMinutes: activities.durationMinutes,
    hostUnitName: units.name,
    status: activities.status,
  };
  const attendedRows = await db
    .select({
      ...cols,
      source: activityAttendance.source,
      creditMinutes: sql<number>`coalesce((select sum(sc.minutes) from study_credits sc where sc.person_id = ${personId} and sc.ref_id = ${activities.id} and sc.source in ('group_study', 'lecture')), 0)`.mapWith(Number),
    })
    .from(activityAttendance)
    .innerJoin(activities, eq(activities.id, activityAttendance.activityId))
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .where(and(eq(activityAttendance.personId, personId), eq(activities.year, year)))
    .orderBy(desc(activities.startsAt));
  const gaveRows = await db
    .select(cols)
    .from(activities)
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .where(and(eq(activities.speakerPersonId, personId), eq(activities.year, year)))
    .orderBy(desc(activities.startsAt));
  const shape = (r: typeof gaveRows[number], source: AttendanceSource | null, creditMinutes: number): MyActivity => ({
    ...r,
    category: r.category as ActivityCategory,
    status: r.status as ActivityStatus,
    startsAt: r.startsAt.toISOString(),
    source,
    creditMinutes,
  });
  return {
    attended: attendedRows.map((r) => shape(r, r.source as AttendanceSource, r.creditMinutes)),
    gave: gaveRows.map((r) => shape(r, null, 0)),
  };
}
