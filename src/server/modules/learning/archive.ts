/**
 * 学法档案: one person's year read from every source (learning lists, the credit ledger, group
 * study and lectures, exams, practice), and the per-person table of a unit for the 组织部.
 * The table reads each source with one grouped query for the whole page of people (never one
 * query per person), list completion included (A's evaluation, for the page's people only).
 */
import { and, asc, count, eq, ilike, inArray, isNull, ne, or, sql, sum, type SQL } from 'drizzle-orm';
import {
  conclusionOf,
  emptyMinutes,
  standingExam,
  type ArchiveActivity,
  type ArchiveExam,
  type ArchiveLists,
  type ArchivePersonHeader,
  type ArchivePractice,
  type ArchiveRow,
  type PersonArchive,
} from '../../../common/archive';
import type { ExamKind } from '../../../common/exam';
import { CREDIT_SOURCES, type AssignmentRule, type CreditSource } from '../../../common/learning';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { forbidden, notFound } from '../../platform/errors';
import { peopleScope, requireRole, seesEverything, subtreeCondition, unitScope, type Principal } from '../../platform/principal';
import { people, units } from '../org/schema';
import { unitPathNames } from '../org/units';
import { examColumns, type ExamRowLite } from '../exam/columns';
import { isReleased } from '../exam/my-views';
import { outcomeFor, personPreAppointment } from '../exam/pre-appointment';
import { rosterOutcomes } from '../exam/results';
import { examCandidates, exams } from '../exam/schema';
import { peopleListProgress, personListProgress, unitListCompletion } from './lists-progress';
import { activities, activityAttendance, learningQuotas, practiceAnswers, studyCredits, wrongBook } from './schema';
import { getLearningSettings } from './settings';

// ---------------------------------------------------------------------------------------------
// Year boundaries (Beijing calendar)

/** [start, end) of a Beijing calendar year as instants. */
export function beijingYearRange(year: number): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(year, 0, 1) - 8 * 3600_000), end: new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000) };
}

const dayRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

// ---------------------------------------------------------------------------------------------
// People

interface PersonRow {
  id: number;
  name: string;
  gender: string | null;
  employeeNo: string | null;
  unitId: number;
  unitPath: string;
  title: string | null;
  rank: string | null;
  postCategory: string | null;
  isPrincipalLeader: boolean;
  status: string;
}

const personColumns = {
  id: people.id,
  name: people.name,
  gender: people.gender,
  employeeNo: people.employeeNo,
  unitId: people.unitId,
  unitPath: units.path,
  title: people.title,
  rank: people.rank,
  postCategory: people.postCategory,
  isPrincipalLeader: people.isPrincipalLeader,
  status: people.status,
};

/** Staff who may read other people's archives; unit admins within their subtrees. */
export function requireArchiveReader(p: Principal): void {
  requireRole(p, 'admin', 'organiser', 'unit_admin');
}

/** The person if the principal may see them, else 404 (also for unknown ids). */
async function personInScope(db: Db, p: Principal, personId: number): Promise<PersonRow> {
  const scope = peopleScope(p);
  const [row] = await db
    .select(personColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.id, personId), ...(scope ? [scope] : [])));
  if (!row) throw notFound('人员');
  return row;
}

async function headersOf(db: Db, rows: PersonRow[]): Promise<Map<number, ArchivePersonHeader>> {
  const names = await unitPathNames(db, [...new Set(rows.map((r) => r.unitPath))]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        personId: r.id,
        name: r.name,
        gender: r.gender,
        employeeNo: r.employeeNo,
        unitId: r.unitId,
        unitPath: (names.get(r.unitPath) ?? []).join('/'),
        title: r.title,
        rank: r.rank,
        postCategory: r.postCategory,
        isPrincipalLeader: r.isPrincipalLeader,
        status: r.status,
      },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Sources, each read for many people at once

/** Credited minutes by source for the Beijing year. */
async function minutesByPerson(db: Db, ids: number[], year: number): Promise<Map<number, Record<CreditSource, number>>> {
  const out = new Map<number, Record<CreditSource, number>>();
  if (!ids.length) return out;
  const { from, to } = dayRange(year);
  const rows = await db
    .select({ personId: studyCredits.personId, source: studyCredits.source, minutes: sum(studyCredits.minutes).mapWith(Number) })
    .from(studyCredits)
    .where(and(inArray(studyCredits.personId, ids), sql`${studyCredits.day} >= ${from}::date`, sql`${studyCredits.day} <= ${to}::date`))
    .groupBy(studyCredits.personId, studyCredits.source);
  for (const r of rows) {
    if (!(CREDIT_SOURCES as readonly string[]).includes(r.source)) continue;
    const m = out.get(r.personId) ?? emptyMinutes();
    m[r.source as CreditSource] = Math.round((r.minutes ?? 0) * 10) / 10;
    out.set(r.personId, m);
  }
  return out;
}

const totalOf = (m: Record<CreditSource, number>) => Math.round(CREDIT_SOURCES.reduce((s, k) => s + m[k], 0) * 10) / 10;

/** Attendance counts on not-cancelled activities of the year, by category. */
async function attendanceCounts(db: Db, ids: number[], year: number): Promise<Map<number, { study: number; lecture: number }>> {
  const out = new Map<number, { study: number; lecture: number }>();
  if (!ids.length) return out;
  const rows = await db
    .select({ personId: activityAttendance.personId, category: activities.category, n: count() })
    .from(activityAttendance)
    .innerJoin(activities, eq(activities.id, activityAttendance.activityId))
    .where(and(inArray(activityAttendance.personId, ids), eq(activities.year, year), ne(activities.status, 'cancelled')))
    .groupBy(activityAttendance.personId, activities.category);
  for (const r of rows) {
    const c = out.get(r.personId) ?? { study: 0, lecture: 0 };
    if (r.category === 'study') c.study = r.n;
    else if (r.category === 'lecture') c.lecture = r.n;
    out.set(r.personId, c);
  }
  return out;
}

/** Lectures each person gave (held) or is scheduled to give in the year. */
async function lecturesGivenCounts(db: Db, ids: number[], year: number): Promise<Map<number, { held: number; scheduled: number }>> {
  const out = new Map<number, { held: number; scheduled: number }>();
  if (!ids.length) return out;
  const rows = await db
    .select({ personId: activities.speakerPersonId, status: activities.status, n: count() })
    .from(activities)
    .where(and(inArray(activities.speakerPersonId, ids), eq(activities.category, 'lecture'), eq(activities.year, year), inArray(activities.status, ['held', 'scheduled'])))
    .groupBy(activities.speakerPersonId, activities.status);
  for (const r of rows) {
    if (r.personId === null) continue;
    const c = out.get(r.personId) ?? { held: 0, scheduled: 0 };
    if (r.status === 'held') c.held = r.n;
    else c.scheduled = r.n;
    out.set(r.personId, c);
  }
  return out;
}

async function practiceByPerson(db: Db, ids: number[], year: number): Promise<Map<number, ArchivePractice>> {
  const out = new Map<number, ArchivePractice>();
  if (!ids.length) return out;
  const { start, end } = beijingYearRange(year);
  const answered = await db
    .select({
      personId: practiceAnswers.personId,
      answered: count(),
      correct: sql<number>`count(*) filter (where ${practiceAnswers.correct})`.mapWith(Number),
      days: sql<number>`count(distinct ((${practiceAnswers.answeredAt} + interval '8 hours') at time zone 'UTC')::date)`.mapWith(Number),
    })
    .from(practiceAnswers)
    .where(
      and(
        inArray(practiceAnswers.personId, ids),
        sql`${practiceAnswers.answeredAt} >= ${start.toISOString()}::timestamptz`,
        sql`${practiceAnswers.answeredAt} < ${end.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(practiceAnswers.personId);
  const wrong = await db
    .select({
      personId: wrongBook.personId,
      open: sql<number>`count(*) filter (where ${wrongBook.masteredAt} is null)`.mapWith(Number),
      mastered: sql<number>`count(*) filter (where ${wrongBook.masteredAt} is not null)`.mapWith(Number),
    })
    .from(wrongBook)
    .where(inArray(wrongBook.personId, ids))
    .groupBy(wrongBook.personId);
  const empty = (): ArchivePractice => ({ answered: 0, correct: 0, correctRate: null, days: 0, wrongOpen: 0, wrongMastered: 0 });
  for (const a of answered) out.set(a.personId, { ...empty(), answered: a.answered, correct: a.correct, correctRate: a.answered ? a.correct / a.answered : null, days: a.days });
  for (const w of wrong) out.set(w.personId, { ...(out.get(w.personId) ?? empty()), wrongOpen: w.open, wrongMastered: w.mastered });
  return out;
}

/** Personal hours quotas of the year; a person's target is the largest that applies to them. */
async function hoursQuotas(db: Db, year: number): Promise<{ rule: AssignmentRule | null; target: number }[]> {
  return db
    .select({ rule: learningQuotas.rule, target: learningQuotas.target })
    .from(learningQuotas)
    .where(and(eq(learningQuotas.year, year), eq(learningQuotas.metric, 'personal_hours')));
}

/** An assignment rule against a person's current post; an empty rule means everyone. */
export function ruleMatches(rule: AssignmentRule | null, p: Pick<PersonRow, 'unitPath' | 'rank' | 'postCategory' | 'isPrincipalLeader'>): boolean {
  if (!rule) return true;
  const unitIds = rule.unitIds ?? [];
  const ranks: readonly string[] = rule.ranks ?? [];
  const posts = rule.postCategories ?? [];
  if (unitIds.length) {
    const onPath = new Set(p.unitPath.split('/').filter(Boolean).map(Number));
    if (!unitIds.some((u) => onPath.has(u))) return false;
  }
  if (ranks.length && !(p.rank && ranks.includes(p.rank))) return false;
  if (posts.length && !(p.postCategory && posts.includes(p.postCategory))) return false;
  if (rule.principalLeadersOnly && !p.isPrincipalLeader) return false;
  return true;
}

function targetHoursOf(quotas: { rule: AssignmentRule | null; target: number }[], p: PersonRow): number | null {
  const targets = quotas.filter((q) => ruleMatches(q.rule, p)).map((q) => q.target);
  return targets.length ? Math.max(...targets) : null;
}

// ---------------------------------------------------------------------------------------------
// Exams

type ExamClass = 'annual' | 'pre';

/** Exams of the year that belong in an archive: annual and 任前 ones, each 补考 classed by the exam it repeats. Practice exams are left out. */
async function examsOfYear(db: Db, year: number): Promise<{ exam: ExamRowLite; cls: ExamClass }[]> {
  const all = await db
    .select({ id: exams.id, kind: exams.kind, makeupOfExamId: exams.makeupOfExamId })
    .from(exams)
    .where(ne(exams.status, 'draft'));
  const byId = new Map(all.map((e) => [e.id, e]));
  const rootKind = (id: number): string | null => {
    const seen = new Set<number>();
    let e = byId.get(id);
    while (e && e.kind === 'makeup' && e.makeupOfExamId !== null && !seen.has(e.id)) {
      seen.add(e.id);
      e = byId.get(e.makeupOfExamId);
    }
    return e && e.kind !== 'makeup' ? e.kind : null;
  };
  const rows = await db
    .select(examColumns)
    .from(exams)
    .where(and(eq(exams.year, year), ne(exams.status, 'draft'), inArray(exams.kind, ['annual', 'pre_appointment', 'makeup'])))
    .orderBy(asc(exams.opensAt), asc(exams.id));
  const out: { exam: ExamRowLite; cls: ExamClass }[] = [];
  for (const exam of rows) {
    const root = rootKind(exam.id);
    if (root === 'annual') out.push({ exam, cls: 'annual' });
    else if (root === 'pre_appointment') out.push({ exam, cls: 'pre' });
  }
  return out;
}

/**
 * Each person's outcome on each exam (roster members only), with the exam's own scoring policy
 * (rosterOutcomes) and 缺考/待考 by personal window (outcomeFor). `self` withholds results the
 * exam does not release to the examinee yet.
 */
async function examOutcomes(db: Db, ids: number[], list: { exam: ExamRowLite; cls: ExamClass }[], self: boolean, now = new Date()): Promise<Map<number, { annual: ArchiveExam[]; pre: ArchiveExam[] }>> {
  const out = new Map<number, { annual: ArchiveExam[]; pre: ArchiveExam[] }>();
  if (!ids.length || !list.length) return out;
  for (const { exam, cls } of list) {
    const outcomes = await rosterOutcomes(db, exam, [inArray(people.id, ids)]);
    if (!outcomes.length) continue;
    const cands = await db
      .select()
      .from(examCandidates)
      .where(and(eq(examCandidates.examId, exam.id), inArray(examCandidates.personId, outcomes.map((o) => o.personId))));
    const candOf = new Map(cands.map((c) => [c.personId, c]));
    for (const o of outcomes) {
      const cand = candOf.get(o.personId) ?? null;
      const ended = exam.status === 'closed' || now.getTime() >= (cand?.closesAtOverride ?? exam.closesAt).getTime();
      let outcome = outcomeFor(o, ended);
      let score = o.score;
      let withheld = false;
      if (self && (outcome === 'passed' || outcome === 'failed' || outcome === 'grading') && !isReleased(exam.settings?.resultsRelease ?? 'after_close', exam, cand, now)) {
        withheld = true;
        outcome = 'grading';
        score = null;
      }
      const e: ArchiveExam = {
        examId: exam.id,
        title: exam.title,
        kind: exam.kind as ExamKind,
        opensAt: exam.opensAt.toISOString(),
        closesAt: exam.closesAt.toISOString(),
        outcome,
        score,
        passMark: exam.passMark,
        totalPoints: exam.totalPoints,
        withheld,
        validUntil: null,
      };
      const entry = out.get(o.personId) ?? { annual: [], pre: [] };
      entry[cls].push(e);
      out.set(o.personId, entry);
    }
  }
  return out;
}

/** 任前: validity from the exam module's per-person history (the same one /api/people/:id/pre-appointment shows). */
async function withPreValidity(ctx: AppContext, p: Principal, personId: number, pre: ArchiveExam[]) {
  if (!pre.length) return { exams: pre, hasValidPass: false, validUntil: null };
  const history = await personPreAppointment(ctx, p, personId);
  const byExam = new Map(history.exams.map((h) => [h.examId, h]));
  return {
    exams: pre.map((e) => (e.withheld ? e : { ...e, validUntil: byExam.get(e.examId)?.validUntil ?? null })),
    // standing today (a pass of an earlier year may still be valid), unless a result here is withheld
    hasValidPass: history.hasValidPass && !pre.some((e) => e.withheld),
    validUntil: history.hasValidPass && !pre.some((e) => e.withheld) ? history.validUntil : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Learning lists (A's evaluation)

async function listsOf(db: Db, personId: number, year: number): Promise<ArchiveLists> {
  const p = await personListProgress(db, personId, year);
  return {
    requiredTotal: p.requiredTotal,
    requiredDone: p.requiredDone,
    optionalTotal: p.optionalTotal,
    optionalDone: p.optionalDone,
    percent: p.requiredTotal > 0 ? p.percent : null,
    items: p.items.map((i) => ({
      segment: i.segment,
      kind: i.kind,
      title: i.title,
      required: i.required,
      expectedMinutes: i.expectedMinutes,
      done: i.done,
      percent: i.percent,
      detail: i.detail,
    })),
  };
}

/**
 * List completion for many people at once. A page (or any set up to BULK_LIST_MIN people) is
 * evaluated for its own people only (peopleListProgress: one query per table for all of them);
 * larger sets (the Excel of everyone) take A's unitListCompletion over the whole subtree (the
 * selected unit, else each root of the principal's scope), which covers 在职 people only; anyone
 * either leaves out is evaluated one by one.
 */
const BULK_LIST_MIN = 1000;

const listsSummary = (r: { requiredTotal: number; requiredDone: number; optionalTotal: number; optionalDone: number; percent: number }): ArchiveLists => ({
  requiredTotal: r.requiredTotal,
  requiredDone: r.requiredDone,
  optionalTotal: r.optionalTotal,
  optionalDone: r.optionalDone,
  percent: r.requiredTotal > 0 ? r.percent : null,
  items: [],
});

async function bulkListCompletion(db: Db, p: Principal, persons: PersonRow[], year: number, unitId: number | undefined): Promise<Map<number, ArchiveLists>> {
  const out = new Map<number, ArchiveLists>();
  if (persons.length === 0) return out;
  if (persons.length < BULK_LIST_MIN) {
    for (const [personId, progress] of await peopleListProgress(db, persons.map((x) => x.id), year)) out.set(personId, listsSummary(progress));
    return out;
  }
  let roots: number[];
  if (unitId !== undefined) roots = [unitId];
  else if (seesEverything(p)) roots = (await db.select({ id: units.id }).from(units).where(isNull(units.parentId))).map((u) => u.id);
  else roots = p.adminUnits.map((u) => u.id);
  const wanted = new Set(persons.map((x) => x.id));
  for (const root of roots) {
    const c = await unitListCompletion(db, p, { year, unitId: root });
    for (const r of c.people) if (wanted.has(r.personId)) out.set(r.personId, listsSummary(r));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One person's archive

async function activityList(db: Db, where: SQL): Promise<ArchiveActivity[]> {
  const rows = await db
    .select({
      activityId: activities.id,
      startsAt: activities.startsAt,
      kind: activities.kind,
      title: activities.title,
      hostUnitName: units.name,
      presenter: activities.presenter,
      durationMinutes: activities.durationMinutes,
      status: activities.status,
    })
    .from(activities)
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .where(where)
    .orderBy(asc(activities.startsAt), asc(activities.id));
  return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), status: r.status === 'scheduled' ? 'scheduled' : 'held' }));
}

async function attendedList(db: Db, personId: number, year: number, category: 'study' | 'lecture'): Promise<ArchiveActivity[]> {
  const attended = db.select({ id: activityAttendance.activityId }).from(activityAttendance).where(eq(activityAttendance.personId, personId));
  return activityList(db, and(inArray(activities.id, attended), eq(activities.category, category), eq(activities.year, year), ne(activities.status, 'cancelled'))!);
}

async function buildArchive(ctx: AppContext, p: Principal, person: PersonRow, year: number, self: boolean): Promise<PersonArchive> {
  const db = ctx.db;
  const ids = [person.id];
  const [headers, lists, minutes, quotas, groupStudy, lecturesAttended, lecturesGiven, settings, examList, practice] = await Promise.all([
    headersOf(db, [person]),
    listsOf(db, person.id, year),
    minutesByPerson(db, ids, year),
    hoursQuotas(db, year),
    attendedList(db, person.id, year, 'study'),
    attendedList(db, person.id, year, 'lecture'),
    activityList(db, and(eq(activities.speakerPersonId, person.id), eq(activities.category, 'lecture'), eq(activities.year, year), inArray(activities.status, ['held', 'scheduled']))!),
    getLearningSettings(db, year),
    examsOfYear(db, year),
    practiceByPerson(db, ids, year),
  ]);
  const outcomes = (await examOutcomes(db, ids, examList, self)).get(person.id) ?? { annual: [], pre: [] };
  const preAppointment = await withPreValidity(ctx, p, person.id, outcomes.pre);
  const m = minutes.get(person.id) ?? emptyMinutes();
  const given = lecturesGiven.filter((l) => l.status === 'held').length;
  const lectureDuty = {
    applies: person.isPrincipalLeader,
    required: person.isPrincipalLeader ? settings.lectureDutyCount : 0,
    given,
    scheduled: lecturesGiven.length - given,
    met: person.isPrincipalLeader ? given >= settings.lectureDutyCount : null,
  };
  const archive: Omit<PersonArchive, 'conclusion'> = {
    year,
    generatedAt: new Date().toISOString(),
    person: headers.get(person.id)!,
    lists,
    hours: { minutes: m, totalMinutes: totalOf(m), targetHours: targetHoursOf(quotas, person) },
    groupStudy,
    lecturesGiven,
    lectureDuty,
    lecturesAttended,
    annualExams: outcomes.annual,
    preAppointment,
    practice: practice.get(person.id) ?? { answered: 0, correct: 0, correctRate: null, days: 0, wrongOpen: 0, wrongMastered: 0 },
  };
  return { ...archive, conclusion: conclusionOf(archive) };
}

/** GET /api/archives/people/:personId — staff, within scope (else 404). */
export async function personArchive(ctx: AppContext, p: Principal, personId: number, year: number): Promise<PersonArchive> {
  requireArchiveReader(p);
  const person = await personInScope(ctx.db, p, personId);
  return buildArchive(ctx, p, person, year, false);
}

/** GET /api/my/archive — the signed-in member's own; results the exam has not released stay hidden. */
export async function myArchive(ctx: AppContext, p: Principal, year: number): Promise<PersonArchive> {
  if (p.personId === null) throw forbidden('只有登记了人员信息的账号才有学法档案');
  const person = await personInScope(ctx.db, p, p.personId);
  return buildArchive(ctx, p, person, year, true);
}

// ---------------------------------------------------------------------------------------------
// The unit table

export interface ArchiveFilter {
  year: number;
  unitId?: number;
  q?: string;
}

/** The 在职 people the filter selects within the principal's scope (404 for a unit outside it). */
async function peopleConditions(db: Db, p: Principal, f: ArchiveFilter): Promise<SQL[]> {
  requireArchiveReader(p);
  // the unit's current staff (as list completion counts them); anyone else's archive stays readable by id
  const conds: SQL[] = [eq(people.status, '在职')];
  const scope = peopleScope(p);
  if (scope) conds.push(scope);
  if (f.unitId !== undefined) {
    const us = unitScope(p);
    const [unit] = await db
      .select({ path: units.path })
      .from(units)
      .where(and(eq(units.id, f.unitId), ...(us ? [us] : [])));
    if (!unit) throw notFound('单位');
    conds.push(subtreeCondition(unit.path));
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(people.name, like), ilike(people.employeeNo, like))!);
  }
  return conds;
}

export async function unitDisplayName(db: Db, unitId: number | undefined): Promise<string> {
  if (unitId === undefined) return '全部单位';
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!u) return '';
  return ((await unitPathNames(db, [u.path])).get(u.path) ?? []).join('/');
}

/** Rows for these people, each source read once for all of them. */
async function rowsFor(ctx: AppContext, p: Principal, persons: PersonRow[], year: number, unitId?: number): Promise<ArchiveRow[]> {
  const db = ctx.db;
  const ids = persons.map((x) => x.id);
  const [headers, minutes, attended, given, practice, quotas, settings, examList] = await Promise.all([
    headersOf(db, persons),
    minutesByPerson(db, ids, year),
    attendanceCounts(db, ids, year),
    lecturesGivenCounts(db, ids, year),
    practiceByPerson(db, ids, year),
    hoursQuotas(db, year),
    getLearningSettings(db, year),
    examsOfYear(db, year),
  ]);
  const outcomes = await examOutcomes(db, ids, examList, false);
  const listCompletion = await bulkListCompletion(db, p, persons, year, unitId);
  const rows: ArchiveRow[] = [];
  for (const person of persons) {
    const lists = listCompletion.get(person.id) ?? (await listsOf(db, person.id, year));
    const h = headers.get(person.id)!;
    const m = minutes.get(person.id) ?? emptyMinutes();
    const ex = outcomes.get(person.id) ?? { annual: [], pre: [] };
    const annual = standingExam(ex.annual);
    const preInfo = ex.pre.length ? await withPreValidity(ctx, p, person.id, ex.pre) : null;
    const pre = preInfo ? standingExam(preInfo.exams) : null;
    const pr = practice.get(person.id);
    rows.push({
      personId: person.id,
      name: person.name,
      employeeNo: person.employeeNo,
      unitPath: h.unitPath,
      title: person.title,
      rank: person.rank,
      postCategory: person.postCategory,
      isPrincipalLeader: person.isPrincipalLeader,
      listPercent: lists.percent,
      listRequiredDone: lists.requiredDone,
      listRequiredTotal: lists.requiredTotal,
      minutes: m,
      totalMinutes: totalOf(m),
      targetHours: targetHoursOf(quotas, person),
      groupStudyCount: attended.get(person.id)?.study ?? 0,
      lecturesAttended: attended.get(person.id)?.lecture ?? 0,
      lecturesGiven: given.get(person.id)?.held ?? 0,
      lecturesRequired: person.isPrincipalLeader ? settings.lectureDutyCount : null,
      annualScore: annual?.score ?? null,
      annualOutcome: annual?.outcome ?? null,
      preOutcome: pre?.outcome ?? null,
      preValidUntil: pre?.validUntil ?? null,
      practiceAnswered: pr?.answered ?? 0,
      practiceCorrectRate: pr?.correctRate ?? null,
    });
  }
  return rows;
}

const peopleOrder = [asc(units.path), asc(people.name), asc(people.id)];

/** GET /api/archives — one row per person in scope, a page at a time. */
export async function archiveList(ctx: AppContext, p: Principal, f: ArchiveFilter, page: number, pageSize: number) {
  const conds = await peopleConditions(ctx.db, p, f);
  const where = and(...conds);
  const [{ total }] = await ctx.db.select({ total: count() }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(where);
  const persons = await ctx.db
    .select(personColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(...peopleOrder)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { year: f.year, items: await rowsFor(ctx, p, persons, f.year, f.unitId), total, page, pageSize };
}

/** Every row the filter selects (Excel). */
export async function allArchiveRows(ctx: AppContext, p: Principal, f: ArchiveFilter): Promise<ArchiveRow[]> {
  const conds = await peopleConditions(ctx.db, p, f);
  const persons = await ctx.db
    .select(personColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(...conds))
    .orderBy(...peopleOrder);
  return rowsFor(ctx, p, persons, f.year, f.unitId);
}

/** Every archive the filter selects (batch printing), at most `limit`. */
export async function archivesFor(ctx: AppContext, p: Principal, f: ArchiveFilter, limit: number): Promise<{ archives: PersonArchive[]; total: number }> {
  const conds = await peopleConditions(ctx.db, p, f);
  const where = and(...conds);
  const [{ total }] = await ctx.db.select({ total: count() }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(where);
  const persons = await ctx.db
    .select(personColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(...peopleOrder)
    .limit(limit);
  const archives: PersonArchive[] = [];
  for (const person of persons) archives.push(await buildArchive(ctx, p, person, f.year, false));
  return { archives, total };
}
