import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AttemptEventKind, ExamInput, PaperItem, QuestionResponse, RosterRule } from '../../../common/exam';
import { people } from '../org/schema';
import type { PoolItem } from './assemble';

/**
 * An exam. `settings` holds the validated ExamInput (the form as saved); the columns that
 * queries filter or the clock needs are copied out of it. Publishing freezes the paper: the pool
 * snapshot (active question versions with their draw attributes) for a blueprint, or the exact
 * versions of a fixed paper. Neither changes afterwards, whatever happens in the bank.
 */
export const exams = pgTable(
  'exams',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull().default('draft'),
    /** 补考: the exam it repeats. No FK to itself (the backup orders tables by FK). */
    makeupOfExamId: integer('makeup_of_exam_id'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    passMark: numeric('pass_mark', { mode: 'number' }).notNull(),
    totalPoints: numeric('total_points', { mode: 'number' }).notNull(),
    settings: jsonb('settings').$type<ExamInput>().notNull(),
    /** frozen at publish (blueprint exams): what papers are drawn from */
    pool: jsonb('pool').$type<PoolItem[]>(),
    /** frozen at publish (fixed papers): the exact items, option order unshuffled */
    fixedItems: jsonb('fixed_items').$type<PaperItem[]>(),
    /** the expected-score target every paper is steered to (blueprint exams) */
    targetExpectedScore: numeric('target_expected_score', { mode: 'number' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exams_status_idx').on(t.status, t.closesAt), index('exams_year_idx').on(t.year)],
);

/**
 * 考生名单: who may take an exam. Built from the roster rule at publish (source 'rule'), added by
 * hand or Excel ('list'), or scheduled from a failed exam ('makeup'). Overrides take effect at
 * once: a running attempt's deadline is recomputed when they change.
 */
export const examCandidates = pgTable(
  'exam_candidates',
  {
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    source: text('source').notNull().default('list'),
    extraSeconds: integer('extra_seconds').notNull().default(0),
    opensAtOverride: timestamp('opens_at_override', { withTimezone: true }),
    closesAtOverride: timestamp('closes_at_override', { withTimezone: true }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.examId, t.personId] }), index('exam_candidates_person_idx').on(t.personId)],
);

/**
 * One examinee's frozen paper for one attempt: exact question versions, points and option order.
 * Drawn at publish (pre-drawn for the roster) or when a later attempt starts; never changed.
 */
export const examPapers = pgTable(
  'exam_papers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    attemptNo: integer('attempt_no').notNull(),
    seed: integer('seed').notNull(),
    items: jsonb('items').$type<PaperItem[]>().notNull(),
    expectedScore: numeric('expected_score', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exam_papers_person_attempt_uq').on(t.examId, t.personId, t.attemptNo)],
);

/**
 * An attempt. `deadlineAt` is the server's clock: min(start + duration + extra, window close),
 * recomputed when an override changes. `activeDeviceId` is the one device allowed to save.
 */
export const examAttempts = pgTable(
  'exam_attempts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    attemptNo: integer('attempt_no').notNull(),
    paperId: integer('paper_id')
      .notNull()
      .references(() => examPapers.id),
    status: text('status').notNull().default('in_progress'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submitReason: text('submit_reason'),
    activeDeviceId: text('active_device_id'),
    lastSeq: integer('last_seq').notNull().default(0),
    switchCount: integer('switch_count').notNull().default(0),
    /** sum of graded item scores; null until submitted */
    score: numeric('score', { mode: 'number' }),
    /** essays still waiting for a grader */
    pendingGrading: boolean('pending_grading').notNull().default(false),
    passed: boolean('passed'),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('exam_attempts_person_no_uq').on(t.examId, t.personId, t.attemptNo),
    // the finaliser's scan: running attempts by deadline
    index('exam_attempts_running_idx').on(t.deadlineAt).where(sql`status = 'in_progress'`),
    index('exam_attempts_person_idx').on(t.personId),
  ],
);

/**
 * The saved answer per question of an attempt. An upsert only replaces a row whose seq is lower,
 * so a late retry never overwrites a newer answer. The response is in ORIGINAL option keys.
 */
export const attemptAnswers = pgTable(
  'attempt_answers',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    seq: integer('seq').notNull(),
    response: jsonb('response').$type<QuestionResponse>(),
    flagged: boolean('flagged').notNull().default(false),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    /** set at grading: share of points 0..1 (objective) and points earned */
    credit: numeric('credit', { mode: 'number' }),
    score: numeric('score', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position] })],
);

/** Focus loss, tab switches, copy/paste, full-screen exit, device takeover: shown to the organiser. */
export const attemptEvents = pgTable(
  'attempt_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AttemptEventKind>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    detail: text('detail'),
  },
  (t) => [index('attempt_events_attempt_idx').on(t.attemptId)],
);

/** 简答 grades: one row per grader per answer; with two graders the item score is their mean. */
export const essayGrades = pgTable(
  'essay_grades',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    graderAccountId: integer('grader_account_id').notNull(),
    score: numeric('score', { mode: 'number' }).notNull(),
    comment: text('comment'),
    gradedAt: timestamp('graded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position, t.graderAccountId] })],
);

/**
 * Re-grades after a key correction: which question, which version's key was applied, and who;
 * the per-attempt score changes are in `changes` (also written to the audit log).
 */
export const examRegrades = pgTable('exam_regrades', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  examId: integer('exam_id')
    .notNull()
    .references(() => exams.id, { onDelete: 'cascade' }),
  questionId: integer('question_id').notNull(),
  keyVersionId: integer('key_version_id').notNull(),
  reason: text('reason'),
  changes: jsonb('changes').$type<{ attemptId: number; personId: number; before: number | null; after: number | null }[]>().notNull(),
  actorAccountId: integer('actor_account_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Which key an item is graded with when it differs from the version shown (after a re-grade). */
export const attemptKeyOverrides = pgTable(
  'attempt_key_overrides',
  {
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    questionId: integer('question_id').notNull(),
    keyVersionId: integer('key_version_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.examId, t.questionId] })],
);

export type { RosterRule };
