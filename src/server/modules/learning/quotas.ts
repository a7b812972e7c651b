/**
 * 学法指标: counts of activities a unit must host, or personal study hours, per year, and the
 * progress against them with a linear pace through the year (yearElapsedFraction).
 */
import ExcelJS from 'exceljs';
import { and, asc, count, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import {
  activityPace,
  PACE_STATUS_ZH,
  UNIT_ON_PACE_THRESHOLD,
  type ActivityQuotaUnitRow,
  type HoursQuotaPersonRow,
  type HoursQuotaUnitRow,
  type PaceStatus,
  type QuotaProgress,
  type QuotaView,
} from '../../../common/duty';
import type { FieldIssue } from '../../../common/errors';
import { beijingDay, yearElapsedFraction, type AssignmentRule, type QuotaInput } from '../../../common/learning';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, notFound } from '../../platform/errors';
import { canReadUnitPath, requireRole, unitScope, type Principal } from '../../platform/principal';
import { people, units } from '../org/schema';
import { unitPathNames } from '../org/units';
import { ruleCondition, rulePaths } from './lists-progress';
import { activities, learningQuotas, studyCredits } from './schema';

type QuotaRow = typeof learningQuotas.$inferSelect;

export function requireQuotaEditor(p: Principal): void {
  requireRole(p, 'admin', 'organiser');
}

function toView(r: QuotaRow): QuotaView {
  return {
    id: r.id,
    year: r.year,
    name: r.name,
    metric: r.metric as QuotaView['metric'],
    activityKind: r.activityKind,
    unitIds: r.unitIds,
    rule: r.rule ?? null,
    target: Number(r.target),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** personal_hours quotas ignore units and kind; activity_count quotas ignore the rule. */
function normalise(q: QuotaInput): QuotaInput {
  return q.metric === 'personal_hours' ? { ...q, activityKind: null, unitIds: [] } : { ...q, rule: null, unitIds: [...new Set(q.unitIds)] };
}

async function unitIssues(db: Db, ids: number[], path: string): Promise<FieldIssue[]> {
  if (ids.length === 0) return [];
  const found = new Set((await db.select({ id: units.id }).from(units).where(inArray(units.id, [...new Set(ids)]))).map((u) => u.id));
  return ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `${path}.${i}`, message: `单位 #${id} 不存在` }]));
}

async function validate(db: Db, q: QuotaInput): Promise<void> {
  const issues = [...(await unitIssues(db, q.unitIds, 'unitIds')), ...(await unitIssues(db, q.rule?.unitIds ?? [], 'rule.unitIds'))];
  if (issues.length) throw invalid(issues);
}

export async function listQuotas(db: Db, p: Principal, year?: number): Promise<QuotaView[]> {
  requireRole(p, 'admin', 'organiser', 'unit_admin');
  const rows = await db
    .select()
    .from(learningQuotas)
    .where(year ? eq(learningQuotas.year, year) : undefined)
    .orderBy(asc(learningQuotas.year), asc(learningQuotas.id));
  return rows.map(toView);
}

export async function getQuota(db: Db, p: Principal, id: number): Promise<QuotaView> {
  requireRole(p, 'admin', 'organiser', 'unit_admin');
  const [r] = await db.select().from(learningQuotas).where(eq(learningQuotas.id, id));
  if (!r) throw notFound('指标');
  return toView(r);
}

export async function createQuota(db: Db, p: Principal, actor: AuditActor, input: QuotaInput): Promise<QuotaView> {
  requireQuotaEditor(p);
  const q = normalise(input);
  await validate(db, q);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(learningQuotas)
      .values({ ...q, createdBy: p.accountId })
      .returning();
    await audit(tx, actor, { action: 'quota.create', entityType: 'learning_quota', entityId: r.id, summary: `新增学法指标“${r.name}”`, after: q });
    return toView(r);
  });
}

export async function updateQuota(db: Db, p: Principal, actor: AuditActor, id: number, input: QuotaInput): Promise<QuotaView> {
  requireQuotaEditor(p);
  const q = normalise(input);
  await validate(db, q);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(learningQuotas).where(eq(learningQuotas.id, id));
    if (!before) throw notFound('指标');
    const [r] = await tx
      .update(learningQuotas)
      .set({ ...q, updatedAt: new Date() })
      .where(eq(learningQuotas.id, id))
      .returning();
    await audit(tx, actor, { action: 'quota.update', entityType: 'learning_quota', entityId: id, summary: `修改学法指标“${r.name}”`, before: toView(before), after: q });
    return toView(r);
  });
}

export async function deleteQuota(db: Db, p: Principal, actor: AuditActor, id: number): Promise<void> {
  requireQuotaEditor(p);
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(learningQuotas).where(eq(learningQuotas.id, id)).returning();
    if (!before) throw notFound('指标');
    await audit(tx, actor, { action: 'quota.delete', entityType: 'learning_quota', entityId: id, summary: `删除学法指标“${before.name}”`, before: toView(before) });
  });
}

// ---------------------------------------------------------------------------------------------
// Who a rule selects

export interface RulePerson {
  personId: number;
  name: string;
  unitId: number;
  unitName: string;
  unitPath: string;
}

/**
 * 在职 people a learning rule selects: an empty or missing rule means everyone; otherwise all
 * criteria combine with AND, unit subtrees with OR among them. `scope` narrows further (a unit
 * admin's subtrees).
 */
export async function peopleMatchingRule(db: Db, rule: AssignmentRule | null, scope?: SQL): Promise<RulePerson[]> {
  // the same rule evaluation as 学法清单 (lists-progress.ts), so a quota and a list select alike
  const cond = ruleCondition(rule, await rulePaths(db, [rule]));
  return db
    .select({ personId: people.id, name: people.name, unitId: units.id, unitName: units.name, unitPath: units.path })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.status, '在职'), scope, cond))
    .orderBy(asc(units.path), asc(people.name), asc(people.id));
}

// ---------------------------------------------------------------------------------------------
// Progress

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The credit days that count as of `at`: from 1 January up to `at`'s Beijing day, at most 31 December. */
function yearBounds(year: number, at: Date) {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const day = beijingDay(at);
  return { first, upTo: day < last ? day : last };
}

export interface HoursDetail {
  units: HoursQuotaUnitRow[];
  people: (HoursQuotaPersonRow & { unitPath: string })[];
  expectedHours: number;
}

async function hoursDetail(db: Db, p: Principal | null, q: QuotaView, at: Date): Promise<HoursDetail> {
  const fraction = yearElapsedFraction(q.year, at);
  const expectedHours = round1(q.target * fraction);
  const matched = await peopleMatchingRule(db, q.rule, p ? unitScope(p) : undefined);
  const { first, upTo } = yearBounds(q.year, at);
  const minutesBy = new Map<number, number>();
  if (matched.length && upTo >= first) {
    const rows = await db
      .select({ personId: studyCredits.personId, minutes: sql<string>`sum(${studyCredits.minutes})` })
      .from(studyCredits)
      .where(and(gte(studyCredits.day, first), lte(studyCredits.day, upTo)))
      .groupBy(studyCredits.personId);
    for (const r of rows) minutesBy.set(r.personId, Number(r.minutes));
  }
  const personRows = matched.map((m) => {
    const hours = round1((minutesBy.get(m.personId) ?? 0) / 60);
    const status: PaceStatus = hours >= q.target ? 'done' : hours < q.target * fraction ? 'behind' : 'on_pace';
    return { personId: m.personId, name: m.name, unitId: m.unitId, unitName: m.unitName, unitPath: m.unitPath, hours, status };
  });
  const names = await unitPathNames(db, [...new Set(matched.map((m) => m.unitPath))]);
  const byUnit = new Map<number, { row: HoursQuotaUnitRow; total: number }>();
  for (const r of personRows) {
    const u = byUnit.get(r.unitId) ?? {
      total: 0,
      row: { unitId: r.unitId, unitName: r.unitName, unitPathNames: names.get(r.unitPath) ?? [], people: 0, meanHours: 0, onTarget: 0, behindPace: 0, onPaceShare: 1, flagged: false },
    };
    u.row.people++;
    u.total += r.hours;
    if (r.status === 'done') u.row.onTarget++;
    if (r.status === 'behind') u.row.behindPace++;
    byUnit.set(r.unitId, u);
  }
  const unitRows = [...byUnit.values()].map(({ row, total }) => {
    const onPaceShare = row.people ? (row.people - row.behindPace) / row.people : 1;
    return { ...row, meanHours: row.people ? round1(total / row.people) : 0, onPaceShare: Math.round(onPaceShare * 1000) / 1000, flagged: onPaceShare < UNIT_ON_PACE_THRESHOLD };
  });
  return { units: unitRows, people: personRows, expectedHours };
}

async function activityRows(db: Db, p: Principal | null, q: QuotaView, at: Date): Promise<ActivityQuotaUnitRow[]> {
  const fraction = yearElapsedFraction(q.year, at);
  const unitRows = q.unitIds.length ? await db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(inArray(units.id, q.unitIds)) : [];
  const visible = unitRows.filter((u) => !p || canReadUnitPath(p, u.path));
  const doneBy = new Map<number, number>();
  if (visible.length) {
    const rows = await db
      .select({ unitId: activities.hostUnitId, n: count() })
      .from(activities)
      .where(
        and(
          inArray(
            activities.hostUnitId,
            visible.map((u) => u.id),
          ),
          eq(activities.kind, q.activityKind ?? ''),
          eq(activities.status, 'held'),
          eq(activities.year, q.year),
          lte(activities.startsAt, at),
        ),
      )
      .groupBy(activities.hostUnitId);
    for (const r of rows) doneBy.set(r.unitId, r.n);
  }
  const names = await unitPathNames(
    db,
    visible.map((u) => u.path),
  );
  const order = new Map(q.unitIds.map((id, i) => [id, i]));
  return visible
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .map((u) => {
      const done = doneBy.get(u.id) ?? 0;
      return { unitId: u.id, unitName: u.name, unitPathNames: names.get(u.path) ?? [], done, ...activityPace(q.target, done, fraction) };
    });
}

/** Progress of one quota as seen by `p` (null = the whole organisation, for jobs). */
export async function quotaProgress(db: Db, p: Principal | null, q: QuotaView, at: Date): Promise<QuotaProgress> {
  const fraction = Math.round(yearElapsedFraction(q.year, at) * 10000) / 10000;
  if (q.metric === 'activity_count') {
    const rows = await activityRows(db, p, q, at);
    return { quota: q, metric: 'activity_count', fraction, units: rows, behindUnits: rows.filter((r) => r.status === 'behind').length };
  }
  const d = await hoursDetail(db, p, q, at);
  return {
    quota: q,
    metric: 'personal_hours',
    fraction,
    expectedHours: d.expectedHours,
    units: d.units,
    behindUnits: d.units.filter((u) => u.flagged).length,
    people: d.people.length,
    behindPeople: d.people.filter((x) => x.status === 'behind').length,
  };
}

export async function allQuotaProgress(db: Db, p: Principal, year: number, at: Date): Promise<QuotaProgress[]> {
  const quotas = await listQuotas(db, p, year);
  const out: QuotaProgress[] = [];
  for (const q of quotas) out.push(await quotaProgress(db, p, q, at));
  return out;
}

/** The people of a personal-hours quota (optionally one unit, or only those behind pace). */
export async function quotaPeople(db: Db, p: Principal | null, q: QuotaView, at: Date, f: { unitId?: number; status?: PaceStatus } = {}) {
  if (q.metric !== 'personal_hours') throw new AppError('BAD_REQUEST', '只有个人学时指标有人员明细');
  const d = await hoursDetail(db, p, q, at);
  return {
    expectedHours: d.expectedHours,
    items: d.people.filter((x) => (f.unitId === undefined || x.unitId === f.unitId) && (f.status === undefined || x.status === f.status)),
  };
}

export async function quotaWorkbook(db: Db, p: Principal, q: QuotaView, at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('按单位');
  const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
  if (q.metric === 'activity_count') {
    ws.columns = [
      { header: '单位', key: 'unit', width: 36 },
      { header: '目标（次）', key: 'target', width: 10 },
      { header: '已完成（次）', key: 'done', width: 12 },
      { header: '按进度应完成（次）', key: 'expected', width: 16 },
      { header: '状态', key: 'status', width: 8 },
      { header: '还差（次）', key: 'missing', width: 10 },
    ];
    for (const r of await activityRows(db, p, q, at)) ws.addRow({ ...r, unit: r.unitPathNames.join('/'), target: q.target, status: PACE_STATUS_ZH[r.status] });
  } else {
    const d = await hoursDetail(db, p, q, at);
    ws.columns = [
      { header: '单位', key: 'unit', width: 36 },
      { header: '人数', key: 'people', width: 8 },
      { header: '人均学时', key: 'meanHours', width: 10 },
      { header: '已达标（人）', key: 'onTarget', width: 12 },
      { header: '进度落后（人）', key: 'behindPace', width: 14 },
      { header: '进度正常比例', key: 'share', width: 12 },
      { header: '预警', key: 'flag', width: 8 },
    ];
    for (const r of d.units) ws.addRow({ ...r, unit: r.unitPathNames.join('/'), share: pct(r.onPaceShare), flag: r.flagged ? '落后' : '' });
    const ps = wb.addWorksheet('人员');
    ps.columns = [
      { header: '单位', key: 'unit', width: 30 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '学时', key: 'hours', width: 8 },
      { header: `目标（${q.target}学时）`, key: 'target', width: 14 },
      { header: '状态', key: 'status', width: 8 },
    ];
    for (const r of d.people) ps.addRow({ unit: r.unitName, name: r.name, hours: r.hours, target: q.target, status: PACE_STATUS_ZH[r.status] });
    ps.getRow(1).font = { bold: true };
    ps.views = [{ state: 'frozen', ySplit: 1 }];
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export { hoursDetail, activityRows };
