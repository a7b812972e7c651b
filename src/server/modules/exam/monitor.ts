/**
 * 监考: what the organiser sees of each attempt — who is writing, their deadline, how far they
 * got, how often they saved and switched away, and the full anti-cheating event log.
 * Admin and organiser see every attempt; a unit admin only those of people in their subtrees
 * (anyone else's attempt, and an exam with nobody of theirs, is a 404, as if it did not exist).
 */
import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { AttemptDetail, AttemptEventEntry, AttemptSummary, Paged } from '../../../common/exam-admin';
import type { AttemptStatus, ExamInput, SubmitReason } from '../../../common/exam';
import type { Db } from '../../db/client';
import { notFound } from '../../platform/errors';
import { peopleScope, type Principal } from '../../platform/principal';
import { people, units } from '../org/schema';
import { unitPathNames } from '../org/units';
import { loadExam } from './exams';
import { requireExamInScope, requireResultsReader } from './results';
import { attemptAnswers, attemptEvents, examAttempts, examPapers } from './schema';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A saved response that holds something (a 填空 with one blank filled counts). */
const nonEmptyResponse = sql`(case ${attemptAnswers.response}->>'type'
  when 'single' then coalesce(${attemptAnswers.response}->>'key', '') <> ''
  when 'multiple' then jsonb_array_length(coalesce(${attemptAnswers.response}->'keys', '[]'::jsonb)) > 0
  when 'truefalse' then ${attemptAnswers.response}->>'value' is not null
  when 'essay' then btrim(coalesce(${attemptAnswers.response}->>'text', '')) <> ''
  when 'fill' then exists (select 1 from jsonb_array_elements_text(coalesce(${attemptAnswers.response}->'blanks', '[]'::jsonb)) b where btrim(b) <> '')
  else false end)`;

// Correlated subqueries name the outer attempt explicitly ("exam_attempts"."id"): an interpolated
// column may render unqualified and then bind to the subquery's own table.
const outerAttemptId = sql.raw('"exam_attempts"."id"');

const summaryColumns = {
  attemptId: examAttempts.id,
  examId: examAttempts.examId,
  personId: examAttempts.personId,
  name: people.name,
  employeeNo: people.employeeNo,
  unitId: units.id,
  unitName: units.name,
  unitPathIds: units.path,
  attemptNo: examAttempts.attemptNo,
  status: examAttempts.status,
  startedAt: examAttempts.startedAt,
  deadlineAt: examAttempts.deadlineAt,
  submittedAt: examAttempts.submittedAt,
  submitReason: examAttempts.submitReason,
  score: examAttempts.score,
  passed: examAttempts.passed,
  pendingGrading: examAttempts.pendingGrading,
  lastSeq: examAttempts.lastSeq,
  switchCount: examAttempts.switchCount,
  questionCount: sql<number>`jsonb_array_length(${examPapers.items})`,
  answeredCount: sql<number>`(select count(*)::int from attempt_answers where attempt_answers.attempt_id = ${outerAttemptId} and ${nonEmptyResponse})`,
  eventCount: sql<number>`(select count(*)::int from attempt_events e where e.attempt_id = ${outerAttemptId})`,
  takeovers: sql<number>`(select count(*)::int from attempt_events e where e.attempt_id = ${outerAttemptId} and e.kind = 'device_takeover')`,
};

type SummaryRow = Awaited<ReturnType<typeof summaryQuery>>[number];

function toSummary(r: SummaryRow, switchLimit: number | null, paths: Map<string, string[]>): AttemptSummary {
  const submitted = r.status === 'submitted';
  return {
    attemptId: r.attemptId,
    examId: r.examId,
    personId: r.personId,
    name: r.name,
    employeeNo: r.employeeNo,
    unitId: r.unitId,
    unitName: r.unitName,
    unitPath: paths.get(r.unitPathIds) ?? [r.unitName],
    attemptNo: r.attemptNo,
    status: r.status as AttemptStatus,
    startedAt: r.startedAt.toISOString(),
    deadlineAt: r.deadlineAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submitReason: (r.submitReason as SubmitReason | null) ?? null,
    score: submitted && r.score !== null ? Number(r.score) : null,
    passed: submitted ? r.passed : null,
    pendingGrading: r.pendingGrading,
    answeredCount: Number(r.answeredCount),
    questionCount: Number(r.questionCount),
    saveCount: r.lastSeq,
    switchCount: r.switchCount,
    switchLimit,
    deviceChanged: Number(r.takeovers) > 0,
    eventCount: Number(r.eventCount),
  };
}

function summaryQuery(db: Db, conditions: (SQL | undefined)[]) {
  return db
    .select(summaryColumns)
    .from(examAttempts)
    .innerJoin(people, eq(people.id, examAttempts.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .innerJoin(examPapers, eq(examPapers.id, examAttempts.paperId))
    .where(and(...conditions));
}

export interface AttemptFilters {
  status?: AttemptStatus;
  q?: string;
}

/** The exam's attempts in the principal's scope: running ones by nearest deadline, submitted ones latest first. */
export async function listAttempts(db: Db, p: Principal, examId: number, f: AttemptFilters, page: number, pageSize: number): Promise<Paged<AttemptSummary>> {
  requireResultsReader(p);
  const exam = await loadExam(db, examId);
  await requireExamInScope(db, p, exam);
  const conditions: (SQL | undefined)[] = [eq(examAttempts.examId, examId), peopleScope(p)];
  if (f.status) conditions.push(eq(examAttempts.status, f.status));
  const q = f.q?.trim();
  if (q) conditions.push(or(ilike(people.name, `%${escapeLike(q)}%`), eq(people.employeeNo, q)));
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(examAttempts)
    .innerJoin(people, eq(people.id, examAttempts.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(...conditions));
  const order =
    f.status === 'in_progress'
      ? [asc(examAttempts.deadlineAt), asc(examAttempts.id)]
      : [sql`${examAttempts.status} = 'submitted'`, desc(sql`coalesce(${examAttempts.submittedAt}, ${examAttempts.startedAt})`), desc(examAttempts.id)];
  const rows = await summaryQuery(db, conditions)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const paths = await unitPathNames(db, [...new Set(rows.map((r) => r.unitPathIds))]);
  const limit = (exam.settings as ExamInput).switchLimit ?? null;
  return { items: rows.map((r) => toSummary(r, limit, paths)), total: Number(n), page, pageSize };
}

/** One attempt with its whole event log (oldest first). */
export async function attemptDetail(db: Db, p: Principal, examId: number, attemptId: number): Promise<AttemptDetail> {
  requireResultsReader(p);
  const exam = await loadExam(db, examId);
  const [row] = await summaryQuery(db, [eq(examAttempts.examId, examId), eq(examAttempts.id, attemptId), peopleScope(p)]);
  if (!row) throw notFound('作答记录');
  const events = await db
    .select({ id: attemptEvents.id, kind: attemptEvents.kind, at: attemptEvents.at, detail: attemptEvents.detail })
    .from(attemptEvents)
    .where(eq(attemptEvents.attemptId, attemptId))
    .orderBy(asc(attemptEvents.at), asc(attemptEvents.id));
  const paths = await unitPathNames(db, [row.unitPathIds]);
  return {
    ...toSummary(row, (exam.settings as ExamInput).switchLimit ?? null, paths),
    events: events.map((e): AttemptEventEntry => ({ id: e.id, kind: e.kind, at: e.at.toISOString(), detail: e.detail })),
  };
}
