/**
 * The organiser's side of exam setup: what the /api/exams management routes accept and return.
 * Shared by server (src/server/modules/exam/routes-manage.ts) and web (the organiser pages).
 *
 *   GET    /api/exams?year&kind&status&q&page&pageSize   → Paged<ExamListItem>
 *   POST   /api/exams                  examInputSchema    → ExamDetail (a draft)
 *   GET    /api/exams/:id                                 → ExamDetail
 *   PUT    /api/exams/:id              draft: examInputSchema; published: examPublishedUpdateSchema → ExamDetail
 *   DELETE /api/exams/:id              drafts only        → { ok: true }
 *   POST   /api/exams/:id/check                           → BlueprintCheckResult
 *   POST   /api/exams/:id/publish                         → ExamDetail (422 VALIDATION with issues when the check fails)
 *   POST   /api/exams/:id/close                           → ExamDetail
 *   GET    /api/exams/:id/roster?q&page&pageSize          → Paged<RosterRow>
 *   POST   /api/exams/:id/roster       rosterAddSchema    → { added: number }
 *   DELETE /api/exams/:id/roster/:personId                → { ok: true } (409 once an attempt exists)
 *   PUT    /api/exams/:id/roster/:personId  rosterOverrideSchema → RosterRow
 *   POST   /api/exams/:id/roster/import?dryRun=1  (multipart Excel) → RosterImportPreview (422 IMPORT_INVALID with importIssues)
 *   GET    /api/exams/roster-template.xlsx
 */
import { z } from 'zod';
import type { AttemptEventKind, AttemptStatus, ExamInput, ExamKind, ExamStatus, RosterStatus, SubmitReason } from './exam';
import type { QuestionType } from './bank';
import type { ImportIssue } from './errors';
import { ATTEMPT_STATUSES, EXAM_KINDS, EXAM_STATUSES } from './exam';
import { MAX_PAGE_SIZE } from './org';

export { examInputSchema, rosterOverrideSchema } from './exam';

/** What an exam is from the organiser's point of view right now (status + clock). */
export const EXAM_PHASES = ['draft', 'upcoming', 'open', 'ended'] as const;
export type ExamPhase = (typeof EXAM_PHASES)[number];
export const EXAM_PHASE_ZH: Record<ExamPhase, string> = { draft: '草稿', upcoming: '未开始', open: '进行中', ended: '已结束' };

export function examPhaseOf(status: ExamStatus, opensAt: string | Date, closesAt: string | Date, now: Date = new Date()): ExamPhase {
  if (status === 'draft') return 'draft';
  if (status === 'closed') return 'ended';
  const t = now.getTime();
  if (t < new Date(opensAt).getTime()) return 'upcoming';
  if (t >= new Date(closesAt).getTime()) return 'ended';
  return 'open';
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---------------------------------------------------------------------------------------------
// Requests

const pageFields = {
  page: z.coerce.number().int().min(1, '页码应为正整数').default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `每页最多${MAX_PAGE_SIZE}条`).default(20),
};

export const examListQuery = z.object({
  year: z.coerce.number().int().min(2000, '年份应在2000–2100之间').max(2100, '年份应在2000–2100之间').optional(),
  kind: z.enum(EXAM_KINDS, { message: '未知考试类型' }).optional(),
  status: z.enum(EXAM_STATUSES, { message: '未知考试状态' }).optional(),
  q: z.string().trim().max(100, '搜索词不能超过100个字符').optional(),
  ...pageFields,
});
export type ExamListQuery = z.input<typeof examListQuery>;

/**
 * PUT /api/exams/:id on a published exam: only these fields may change (all optional). The full
 * form (examInputSchema) is accepted too, as long as every other field is unchanged; a changed
 * frozen field is reported as an issue on its path.
 */
export const examPublishedUpdateSchema = z.strictObject(
  {
    title: z.string().trim().min(1, '请填写考试名称').max(100, '考试名称不能超过100个字符').optional(),
    instructions: z.string().max(5000, '考试须知不能超过5000个字符').optional(),
    closesAt: z.iso.datetime({ offset: true, message: '截止时间应为日期时间' }).optional(),
    passValidMonths: z.number().int().min(1).max(120).nullable().optional(),
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? `考试发布后只能修改名称、考试须知、截止时间和合格有效期（${iss.keys.join('、')}不能修改）` : undefined) },
);
export type ExamPublishedUpdate = z.input<typeof examPublishedUpdateSchema>;

export const rosterListQuery = z.object({
  q: z.string().trim().max(100, '搜索词不能超过100个字符').optional(),
  ...pageFields,
});
export type RosterListQuery = z.input<typeof rosterListQuery>;

export const rosterAddSchema = z.object({
  personIds: z.array(z.number().int().positive('无效的人员编号')).min(1, '请至少选择1人').max(5000, '一次最多添加5000人'),
});
export type RosterAddRequest = z.input<typeof rosterAddSchema>;

// ---------------------------------------------------------------------------------------------
// Responses

export interface ExamListItem {
  id: number;
  title: string;
  kind: ExamKind;
  year: number;
  status: ExamStatus;
  phase: ExamPhase;
  opensAt: string;
  closesAt: string;
  durationMinutes: number;
  totalPoints: number;
  passMark: number;
  /** materialised roster rows (before publish: the explicit list only) */
  rosterSize: number;
  /** people with at least one attempt */
  startedCount: number;
  /** people with at least one submitted attempt */
  submittedCount: number;
  paperMode: 'blueprint' | 'fixed';
}

export interface ExamDetail extends ExamListItem {
  /** the form as saved (validated ExamInput) */
  settings: ExamInput;
  makeupOfExamId: number | null;
  /** title of the exam a 补考 repeats */
  makeupOfTitle: string | null;
  /** frozen at publish: questions in the pool (blueprint) or on the fixed paper; null on drafts */
  poolSize: number | null;
  /** frozen at publish (blueprint exams): the expected score every paper is steered to */
  targetExpectedScore: number | null;
  publishedAt: string | null;
  closedAt: string | null;
  resultsPublishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** which fields PUT accepts now */
  editable: 'all' | 'limited' | 'none';
  /** a 补考: the kind of the exam it repeats (through 补考 of 补考 to the first non-makeup exam); else null */
  makeupOfKind: ExamKind | null;
}

/** A constraint the bank cannot meet (path into the exam form, e.g. "paper.blueprint.sections.0.count"). */
export interface BlueprintCheckProblem {
  path: string;
  message: string;
}

export interface BlueprintCheckResult {
  ok: boolean;
  problems: BlueprintCheckProblem[];
  /** active questions per type in the pool (or on the fixed paper) */
  poolByType: Partial<Record<QuestionType, number>>;
  /** roster the check sized the exposure cap for: rule + explicit list (distinct people) */
  rosterSize: number;
  /** null when the pool cannot meet the blueprint or for fixed papers */
  targetExpectedScore: number | null;
  /** ~50 trial draws (blueprint exams, when ok); null otherwise */
  simulated: {
    papers: number;
    /** how many of the trial draws failed */
    failed: number;
    expectedScoreMin: number;
    expectedScoreMax: number;
    /** (max − min) / total points × 100 */
    spreadPct: number;
    /** mean pairwise shared questions / questions per paper */
    meanOverlap: number;
    /** floor of meanOverlap given the pool: questions per paper / eligible pool size (per type, weighted) */
    overlapFloor: number;
    /** highest share of trial papers a single question appeared on */
    maxExposure: number;
  } | null;
}

export type RosterSource = 'rule' | 'list' | 'makeup';
export const ROSTER_SOURCE_ZH: Record<RosterSource, string> = { rule: '按规则', list: '名单', makeup: '补考安排' };

export interface RosterRow {
  personId: number;
  name: string;
  unitId: number;
  unitName: string;
  /** unit names from the top, e.g. ["某区", "司法局"] */
  unitPath: string[];
  rank: string | null;
  postCategory: string | null;
  title: string | null;
  source: RosterSource;
  extraMinutes: number;
  opensAtOverride: string | null;
  closesAtOverride: string | null;
  /** attempt-1 paper exists (pre-drawn at publish or drawn later) */
  paperDrawn: boolean;
  attemptsUsed: number;
  /** summary of this person's attempts (not_started / in_progress / submitted / grading / passed / failed) */
  status: RosterStatus;
  /** best or last score per the exam's attemptScoring, when graded */
  score: number | null;
  /** deadline of the running attempt, if any */
  runningDeadlineAt: string | null;
}

/** One matched row of a roster import file. */
export interface RosterImportRow {
  /** 1-based Excel row */
  row: number;
  personId: number;
  name: string;
  unitName: string;
  /** already on the roster (nothing to add) */
  alreadyOnRoster: boolean;
}

export interface RosterImportPreview {
  dryRun: boolean;
  rows: RosterImportRow[];
  /** rows that will be (or were) added */
  added: number;
  issues: ImportIssue[];
}

// ---------------------------------------------------------------------------------------------
// 监考: attempts as the organiser sees them (src/server/modules/exam/monitor.ts)
//
//   GET /api/exams/:id/attempts?status&q&page&pageSize → Paged<AttemptSummary>
//   GET /api/exams/:id/attempts/:attemptId             → AttemptDetail (with the event log)
// Admin and organiser see everyone; a unit admin sees people of their subtrees (others: 404).

export const attemptListQuery = z.object({
  status: z.enum(ATTEMPT_STATUSES, { message: '作答状态应为 in_progress 或 submitted' }).optional(),
  q: z.string().trim().max(100, '搜索词不能超过100个字符').optional(),
  ...pageFields,
});
export type AttemptListQuery = z.input<typeof attemptListQuery>;

export interface AttemptSummary {
  attemptId: number;
  examId: number;
  personId: number;
  name: string;
  employeeNo: string | null;
  unitId: number;
  unitName: string;
  /** unit names from the top */
  unitPath: string[];
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string;
  deadlineAt: string;
  submittedAt: string | null;
  submitReason: SubmitReason | null;
  /** only once submitted (null while running) */
  score: number | null;
  passed: boolean | null;
  /** 简答 answers still waiting for a grader */
  pendingGrading: boolean;
  /** questions with a non-empty answer saved */
  answeredCount: number;
  questionCount: number;
  /** saves acknowledged by the server (the attempt's last seq) */
  saveCount: number;
  switchCount: number;
  /** the exam's switch limit (null = only logged) */
  switchLimit: number | null;
  /** the attempt was taken over by another device at least once */
  deviceChanged: boolean;
  eventCount: number;
}

export interface AttemptEventEntry {
  id: number;
  kind: AttemptEventKind;
  at: string;
  detail: string | null;
}

export interface AttemptDetail extends AttemptSummary {
  /** every logged event, oldest first */
  events: AttemptEventEntry[];
}
