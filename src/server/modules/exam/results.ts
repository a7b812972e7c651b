/**
 * Results of an exam: each roster member's status and counted score (best or last attempt), the
 * summary statistics, per-unit participation and pass rates. Organisers see everyone; a unit admin
 * sees only the people of their subtrees (peopleScope). Everything is computed from the database
 * on each request (no cache another process would need).
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { ROSTER_STATUSES, type ExamKind, type ExamStatus, type RosterStatus, type SubmitReason } from '../../../common/exam';
import type { z } from 'zod';
import type { DistributionBin, ResultRow, ResultsSummary, ResultsView, UnitResult, resultsQuerySchema } from '../../../common/exam-results';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, notFound } from '../../platform/errors';
import { canReadUnitPath, peopleScope, requireRole, seesEverything, subtreeCondition, type Principal } from '../../platform/principal';
import { people, units } from '../org/schema';
import { unitPathNames } from '../org/units';
import { roundScore } from './grade';
import { examAttempts, examCandidates, exams } from './schema';
import { examColumns, type ExamRowLite } from './columns';

/** An exam as results read it: no frozen pool (see columns.ts). */
export type ExamRow = ExamRowLite;

export async function loadExam(db: Db, id: number): Promise<ExamRow> {
  const [exam] = await db.select(examColumns).from(exams).where(eq(exams.id, id));
  if (!exam) throw notFound('考试');
  return exam;
}

export const attemptScoringOf = (exam: ExamRow): 'best' | 'last' => (exam.settings?.attemptScoring === 'last' ? 'last' : 'best');

/** Organisers (and admins) manage results; unit admins may read those of their subtrees. */
export function requireResultsReader(p: Principal): void {
  requireRole(p, 'admin', 'organiser', 'unit_admin');
}

export interface AttemptFacts {
  id: number;
  personId: number;
  attemptNo: number;
  status: string;
  score: number | null;
  pendingGrading: boolean;
  passed: boolean | null;
  submittedAt: Date | null;
  submitReason: string | null;
  switchCount: number;
}

export interface PersonOutcome {
  status: RosterStatus;
  /** the attempt that counts (or the running one when none is submitted) */
  attempt: AttemptFacts | null;
  score: number | null;
  passed: boolean | null;
  attempts: number;
}

const isPassed = (a: AttemptFacts, passMark: number) => (a.passed ?? (a.score !== null && a.score >= passMark));

/**
 * One person's status from their attempts. `last`: the latest submitted attempt counts. `best`:
 * the highest graded score counts — but while an attempt awaits essay grading and no graded
 * attempt has already passed, the result is 待阅卷 (the pending one could still be the best).
 */
export function outcomeOf(attempts: AttemptFacts[], scoring: 'best' | 'last', passMark: number): PersonOutcome {
  const submitted = attempts.filter((a) => a.status === 'submitted').sort((a, b) => a.attemptNo - b.attemptNo);
  if (!submitted.length) {
    const running = attempts.find((a) => a.status === 'in_progress') ?? null;
    return { status: running ? 'in_progress' : 'not_started', attempt: running, score: null, passed: null, attempts: attempts.length };
  }
  let counted: AttemptFacts;
  if (scoring === 'last') {
    counted = submitted[submitted.length - 1];
  } else {
    const graded = submitted.filter((a) => !a.pendingGrading && a.score !== null);
    const best = graded.reduce<AttemptFacts | null>((m, a) => (!m || a.score! > m.score! ? a : m), null);
    const pending = submitted.filter((a) => a.pendingGrading);
    if (pending.length && !(best && isPassed(best, passMark))) counted = pending[pending.length - 1];
    else counted = best ?? submitted[submitted.length - 1];
  }
  const base = { attempt: counted, attempts: attempts.length };
  if (counted.pendingGrading) return { ...base, status: 'grading', score: null, passed: null };
  if (counted.score === null) return { ...base, status: 'submitted', score: null, passed: null };
  const passed = isPassed(counted, passMark);
  return { ...base, status: passed ? 'passed' : 'failed', score: counted.score, passed };
}

export interface RosterPerson {
  personId: number;
  name: string;
  employeeNo: string | null;
  unitId: number;
  unitName: string;
  unitPath: string;
  rank: string | null;
  title: string | null;
  source: string;
}

export interface RosterOutcome extends RosterPerson, PersonOutcome {}

/** Roster members (within scope and extra conditions) with their outcome, ordered by unit then name. */
export async function rosterOutcomes(db: Db, exam: ExamRow, conditions: (SQL | undefined)[]): Promise<RosterOutcome[]> {
  const roster = await db
    .select({
      personId: people.id,
      name: people.name,
      employeeNo: people.employeeNo,
      unitId: units.id,
      unitName: units.name,
      unitPath: units.path,
      rank: people.rank,
      title: people.title,
      source: examCandidates.source,
    })
    .from(examCandidates)
    .innerJoin(people, eq(people.id, examCandidates.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(examCandidates.examId, exam.id), ...conditions.filter((c): c is SQL => !!c)))
    .orderBy(asc(units.path), asc(people.name), asc(people.id));
  const attempts = await db
    .select({
      id: examAttempts.id,
      personId: examAttempts.personId,
      attemptNo: examAttempts.attemptNo,
      status: examAttempts.status,
      score: examAttempts.score,
      pendingGrading: examAttempts.pendingGrading,
      passed: examAttempts.passed,
      submittedAt: examAttempts.submittedAt,
      submitReason: examAttempts.submitReason,
      switchCount: examAttempts.switchCount,
    })
    .from(examAttempts)
    .where(eq(examAttempts.examId, exam.id));
  const byPerson = new Map<number, AttemptFacts[]>();
  for (const a of attempts) {
    const list = byPerson.get(a.personId);
    if (list) list.push(a);
    else byPerson.set(a.personId, [a]);
  }
  const scoring = attemptScoringOf(exam);
  return roster.map((r) => ({ ...r, ...outcomeOf(byPerson.get(r.personId) ?? [], scoring, exam.passMark) }));
}

// ---------------------------------------------------------------------------------------------
// Statistics

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);
const participatedStatuses: readonly RosterStatus[] = ['submitted', 'grading', 'passed', 'failed'];

/** 10 bins of 10% of full marks; the last bin includes full marks. */
export function distributionOf(scores: number[], totalPoints: number): DistributionBin[] {
  const width = totalPoints / 10;
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: roundScore(i * width), to: roundScore((i + 1) * width), count: 0 }));
  if (totalPoints <= 0) return bins;
  for (const s of scores) {
    const i = Math.min(9, Math.max(0, Math.floor((s * 10) / totalPoints + 1e-9)));
    bins[i].count++;
  }
  return bins;
}

export function summaryOf(rows: RosterOutcome[], totalPoints: number): ResultsSummary {
  const counts = Object.fromEntries(ROSTER_STATUSES.map((s) => [s, 0])) as Record<RosterStatus, number>;
  for (const r of rows) counts[r.status]++;
  const participated = participatedStatuses.reduce((s, k) => s + counts[k], 0);
  const scores = rows
    .filter((r) => r.status === 'passed' || r.status === 'failed')
    .map((r) => r.score!)
    .sort((a, b) => a - b);
  const n = scores.length;
  const mean = n ? scores.reduce((s, x) => s + x, 0) / n : null;
  const median = n ? (n % 2 ? scores[(n - 1) / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2) : null;
  const stdev = mean !== null ? Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / n) : null;
  return {
    rosterSize: rows.length,
    counts,
    participated,
    participationRate: rate(participated, rows.length),
    passed: counts.passed,
    passRate: rate(counts.passed, participated),
    mean: mean === null ? null : roundScore(mean),
    median: median === null ? null : roundScore(median),
    min: n ? scores[0] : null,
    max: n ? scores[n - 1] : null,
    stdev: stdev === null ? null : roundScore(stdev),
    distribution: distributionOf(scores, totalPoints),
  };
}

export async function byUnitOf(db: Db, rows: RosterOutcome[]): Promise<UnitResult[]> {
  const groups = new Map<number, RosterOutcome[]>();
  for (const r of rows) {
    const g = groups.get(r.unitId);
    if (g) g.push(r);
    else groups.set(r.unitId, [r]);
  }
  const names = await unitPathNames(
    db,
    [...groups.values()].map((g) => g[0].unitPath),
  );
  return [...groups.values()]
    .sort((a, b) => (a[0].unitPath < b[0].unitPath ? -1 : a[0].unitPath > b[0].unitPath ? 1 : 0))
    .map((g) => {
      const s = summaryOf(g, 100);
      return {
        unitId: g[0].unitId,
        unitName: g[0].unitName,
        unitPath: (names.get(g[0].unitPath) ?? [g[0].unitName]).join(' / '),
        rosterSize: s.rosterSize,
        participated: s.participated,
        participationRate: s.participationRate,
        passed: s.passed,
        passRate: s.passRate,
        mean: s.mean,
      };
    });
}

export function toResultRow(r: RosterOutcome): ResultRow {
  return {
    personId: r.personId,
    name: r.name,
    employeeNo: r.employeeNo,
    unitId: r.unitId,
    unitName: r.unitName,
    rank: r.rank,
    title: r.title,
    status: r.status,
    score: r.score,
    passed: r.passed,
    attempts: r.attempts,
    attemptId: r.attempt?.id ?? null,
    submittedAt: r.attempt?.submittedAt?.toISOString() ?? null,
    submitReason: (r.attempt?.submitReason as SubmitReason | null) ?? null,
    switchCount: r.attempt?.switchCount ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Services

export type ResultsFilters = Omit<z.output<typeof resultsQuerySchema>, 'page' | 'pageSize'>;

/**
 * A unit admin reads an exam's results only when it is published (or closed) and has at least one
 * candidate in their scope; otherwise the exam does not exist for them (404, as for people).
 */
export async function requireExamInScope(db: Db, p: Principal, exam: ExamRow): Promise<void> {
  if (seesEverything(p)) return;
  if (exam.status === 'draft') throw notFound('考试');
  const [hit] = await db
    .select({ personId: examCandidates.personId })
    .from(examCandidates)
    .innerJoin(people, eq(people.id, examCandidates.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(examCandidates.examId, exam.id), peopleScope(p)))
    .limit(1);
  if (!hit) throw notFound('考试');
}

/** The roster in scope (and in filters.unitId's subtree); a unit outside the scope is a 404. */
export async function scopedOutcomes(db: Db, p: Principal, exam: ExamRow, unitId?: number): Promise<RosterOutcome[]> {
  await requireExamInScope(db, p, exam);
  const conditions: (SQL | undefined)[] = [peopleScope(p)];
  if (unitId !== undefined) {
    const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
    if (!u || !canReadUnitPath(p, u.path)) throw notFound('单位');
    conditions.push(subtreeCondition(u.path));
  }
  return rosterOutcomes(db, exam, conditions);
}

export function filterRows(rows: RosterOutcome[], f: ResultsFilters): RosterOutcome[] {
  const q = f.q?.trim().toLowerCase();
  return rows.filter((r) => (!f.status || r.status === f.status) && (!q || r.name.toLowerCase().includes(q) || (r.employeeNo ?? '').toLowerCase() === q));
}

export function examHeader(exam: ExamRow): ResultsView['exam'] {
  return {
    id: exam.id,
    title: exam.title,
    kind: exam.kind as ExamKind,
    status: exam.status as ExamStatus,
    opensAt: exam.opensAt.toISOString(),
    closesAt: exam.closesAt.toISOString(),
    totalPoints: exam.totalPoints,
    passMark: exam.passMark,
    attemptScoring: attemptScoringOf(exam),
    resultsPublishedAt: exam.resultsPublishedAt?.toISOString() ?? null,
  };
}

export async function getResults(ctx: AppContext, p: Principal, examId: number, f: ResultsFilters, page: number, pageSize: number): Promise<ResultsView> {
  requireResultsReader(p);
  const exam = await loadExam(ctx.db, examId);
  const all = await scopedOutcomes(ctx.db, p, exam, f.unitId);
  const rows = filterRows(all, f);
  return {
    exam: examHeader(exam),
    summary: summaryOf(all, exam.totalPoints),
    byUnit: await byUnitOf(ctx.db, all),
    rows: { items: rows.slice((page - 1) * pageSize, page * pageSize).map(toResultRow), total: rows.length, page, pageSize },
  };
}

/** 发布成绩: examinees see their results when the exam's resultsRelease is 'published'. */
export async function publishResults(ctx: AppContext, p: Principal, actor: AuditActor, examId: number) {
  requireRole(p, 'admin', 'organiser');
  return ctx.db.transaction(async (tx) => {
    const exam = await loadExam(tx, examId);
    if (exam.status === 'draft') throw new AppError('CONFLICT', '考试尚未发布，不能发布成绩', { issues: [{ path: 'id', message: '考试尚未发布，不能发布成绩' }] });
    const now = new Date();
    await tx.update(exams).set({ resultsPublishedAt: now, updatedAt: now }).where(eq(exams.id, examId));
    await audit(tx, actor, {
      action: 'exam.publish_results',
      entityType: 'exam',
      entityId: examId,
      summary: `发布考试“${exam.title}”的成绩`,
      before: { resultsPublishedAt: exam.resultsPublishedAt },
      after: { resultsPublishedAt: now },
    });
    return { examId, resultsPublishedAt: now.toISOString() };
  });
}

/** Whether the exam's window is over (closed, or past its close time). */
export const examEnded = (exam: ExamRow, now = new Date()) => exam.status === 'closed' || (exam.status === 'published' && exam.closesAt.getTime() <= now.getTime());
