/**
 * Results, grading, re-grading and 凡提必考 (任前) shapes, shared by server and web.
 *
 * API (organiser = admin or organiser; unit_admin only where said, restricted to their subtree):
 *   GET  /api/exams/for-unit?year&kind&status&q&page&pageSize   Paged<ExamListItem>: exams that are not drafts
 *        and have a candidate in the reader's scope; counts cover that scope only (unit_admin, organiser)
 *   GET  /api/exams/:id/results            ResultsView (organiser; unit_admin: their subtree's people; 404 when
 *        nobody of theirs is on the roster or the exam is a draft)
 *   GET  /api/exams/:id/results.xlsx       roster + per-unit + summary sheets (same scope as above)
 *   GET  /api/exams/:id/report/:personId   printable A4 HTML score report (same scope)
 *   POST /api/exams/:id/publish-results    PublishResultsResponse
 *   GET  /api/exams/:id/grading            GradingQueue
 *   GET  /api/exams/:id/grading/:questionId            GradingView (blind)
 *   PUT  /api/exams/:id/grading/:questionId/:token     EssayGradeRequest → GradingItem
 *   POST /api/exams/:id/regrade            RegradeRequest → RegradeResult
 *   GET  /api/exams/:id/regrades           RegradeResult[] (newest first)
 *   GET  /api/exams/:id/candidates         CandidatesView (任前 and its 补考)
 *   GET  /api/exams/:id/notice             printable A4 HTML 考试结果通知 (to 组织部)
 *   POST /api/exams/:id/schedule-makeup    ScheduleMakeupRequest → ScheduleMakeupResult
 *   GET  /api/people/:id/pre-appointment   PreAppointmentHistory (scope-checked like people)
 *
 * Rates are fractions 0..1 (null when the denominator is 0); scores are points.
 */
import { z } from 'zod';
import { MAX_PAGE_SIZE } from './org';
import { ROSTER_STATUSES, type ExamKind, type ExamStatus, type RosterStatus, type SubmitReason } from './exam';

/** A 简答 rubric line (评分要点), as stored in the question's answer. */
export interface RubricItem {
  point: string;
  score: number;
}

// ---------------------------------------------------------------------------------------------
// Results

/**
 * GET /api/exams/:id/results query. `unitId` = that unit's subtree; `status` and `q` (name or 工号)
 * filter the rows only — the summary and byUnit cover everyone in scope (and in unitId's subtree).
 */
export const resultsQuerySchema = z.object({
  unitId: z.coerce.number().int().positive('单位编号应为正整数').optional(),
  status: z.enum(ROSTER_STATUSES, { message: '未知状态' }).optional(),
  q: z.string().trim().max(50, '检索词不能超过50个字符').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type ResultsQuery = z.input<typeof resultsQuerySchema>;

export interface DistributionBin {
  /** score range [from, to) in points; the last bin includes full marks */
  from: number;
  to: number;
  count: number;
}

export interface ResultsSummary {
  /** people on the roster (in scope) */
  rosterSize: number;
  counts: Record<RosterStatus, number>;
  /** roster members with at least one submitted attempt (已交卷/待阅卷/通过/未通过) */
  participated: number;
  /** participated / rosterSize (参考率) */
  participationRate: number | null;
  passed: number;
  /** passed / participated (合格率) */
  passRate: number | null;
  /** statistics over the counted scores of graded attempts (待阅卷 excluded); null when none */
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** population standard deviation */
  stdev: number | null;
  /** 10 bins of 10% of full marks each */
  distribution: DistributionBin[];
}

export interface UnitResult {
  /** the person's own unit (直属单位) */
  unitId: number;
  unitName: string;
  /** full path of names, e.g. "区司法局 / 办公室" */
  unitPath: string;
  rosterSize: number;
  participated: number;
  participationRate: number | null;
  passed: number;
  passRate: number | null;
  mean: number | null;
}

export interface ResultRow {
  personId: number;
  name: string;
  employeeNo: string | null;
  unitId: number;
  unitName: string;
  rank: string | null;
  title: string | null;
  status: RosterStatus;
  /** the counted attempt's score (exam setting attemptScoring: best or last); null when none */
  score: number | null;
  passed: boolean | null;
  /** attempts started */
  attempts: number;
  /** the counted attempt (or the running one), for GET /exams/:id/attempts/:attemptId */
  attemptId: number | null;
  submittedAt: string | null;
  submitReason: SubmitReason | null;
  switchCount: number;
}

export interface ResultsView {
  exam: {
    id: number;
    title: string;
    kind: ExamKind;
    status: ExamStatus;
    opensAt: string;
    closesAt: string;
    totalPoints: number;
    passMark: number;
    attemptScoring: 'best' | 'last';
    resultsPublishedAt: string | null;
  };
  summary: ResultsSummary;
  byUnit: UnitResult[];
  rows: { items: ResultRow[]; total: number; page: number; pageSize: number };
}

export interface PublishResultsResponse {
  examId: number;
  resultsPublishedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Grading (简答)

export interface GradingQueueItem {
  questionId: number;
  /** 0-based positions the question has on the papers (fixed papers: one; drawn papers: several) */
  positions: number[];
  /** plain text of the stem, for the list */
  stem: string;
  points: number;
  referenceHtml: string;
  rubric: RubricItem[];
  /** submitted answers to this question */
  answers: number;
  /** of those, the ones I have graded */
  gradedByMe: number;
  /** of those, the ones with gradersPerEssay distinct grades (final) */
  fullyGraded: number;
}

export interface GradingQueue {
  examId: number;
  examTitle: string;
  gradersPerEssay: 1 | 2;
  items: GradingQueueItem[];
}

/**
 * One answer to grade. BLIND: no name, unit, person or attempt id — `token` is an opaque HMAC,
 * and the items are ordered by it (not by who or when). Only MY grade is shown, never another
 * grader's.
 */
export interface GradingItem {
  token: string;
  /** the examinee's answer (plain text as typed); '' when left blank */
  text: string;
  myGrade: { score: number; comment: string; gradedAt: string } | null;
}

export interface GradingView {
  examId: number;
  questionId: number;
  /** HTML of the stem (sanitised, as stored in the bank) */
  stemHtml: string;
  points: number;
  referenceHtml: string;
  rubric: RubricItem[];
  gradersPerEssay: 1 | 2;
  items: GradingItem[];
}

/** PUT /api/exams/:id/grading/:questionId/:token. score ≤ the question's points (checked by the server). */
export const essayGradeSchema = z.object({
  score: z
    .number({ message: '得分应为数字' })
    .min(0, '得分不能为负数')
    .max(100, '得分不能超过100')
    .multipleOf(0.5, '得分应为0.5的整数倍'),
  comment: z.string().trim().max(2000, '评语不能超过2000个字符').default(''),
});
export type EssayGradeRequest = z.input<typeof essayGradeSchema>;

// ---------------------------------------------------------------------------------------------
// Re-grade after a key correction

export const regradeSchema = z.object({
  questionId: z.number({ message: '请选择题目' }).int('题目编号应为整数').positive('题目编号应为正整数'),
  reason: z.string().trim().min(1, '请填写重新评分的原因').max(500, '原因不能超过500个字符'),
});
export type RegradeRequest = z.input<typeof regradeSchema>;

export interface RegradeAffected {
  personId: number;
  name: string;
  unitName: string;
  attemptId: number;
  attemptNo: number;
  before: number | null;
  after: number | null;
  passedBefore: boolean | null;
  passedAfter: boolean | null;
}

export interface RegradeResult {
  id: number;
  examId: number;
  questionId: number;
  /** the version whose key is now used for this exam */
  keyVersionId: number;
  reason: string;
  actorName: string | null;
  createdAt: string;
  /** submitted attempts that contain the question (all re-scored) */
  attemptsRescored: number;
  /** only those whose score changed */
  affected: RegradeAffected[];
}

// ---------------------------------------------------------------------------------------------
// 凡提必考 (任前法律知识考试)

/** absent (缺考) only once the person's window has ended; before that, not started is pending (待考). */
export const CANDIDATE_OUTCOMES = ['passed', 'failed', 'absent', 'grading', 'in_progress', 'pending'] as const;
export type CandidateOutcome = (typeof CANDIDATE_OUTCOMES)[number];
export const CANDIDATE_OUTCOME_ZH: Record<CandidateOutcome, string> = {
  passed: '通过',
  failed: '未通过',
  absent: '缺考',
  grading: '待阅卷',
  in_progress: '考试中',
  pending: '待考',
};

export interface CandidateRow {
  personId: number;
  name: string;
  unitName: string;
  title: string | null;
  rank: string | null;
  outcome: CandidateOutcome;
  score: number | null;
  submittedAt: string | null;
  /** passed: submittedAt + passValidMonths (null when the exam sets no validity) */
  validUntil: string | null;
  /** 'rule' | 'list' | 'makeup' */
  source: string;
}

export interface CandidatesView {
  exam: {
    id: number;
    title: string;
    kind: ExamKind;
    status: ExamStatus;
    opensAt: string;
    closesAt: string;
    totalPoints: number;
    passMark: number;
    passValidMonths: number | null;
  };
  counts: Record<CandidateOutcome, number>;
  rows: CandidateRow[];
  /** 补考 exams whose makeupOfExamId is this exam, for schedule-makeup */
  makeupExams: { id: number; title: string; status: ExamStatus; opensAt: string }[];
}

export const scheduleMakeupSchema = z.object({
  makeupExamId: z.number({ message: '请选择补考' }).int('补考编号应为整数').positive('补考编号应为正整数'),
});
export type ScheduleMakeupRequest = z.input<typeof scheduleMakeupSchema>;

export interface ScheduleMakeupResult {
  makeupExamId: number;
  /** failed and absent candidates now on the makeup roster */
  added: { personId: number; name: string; unitName: string; outcome: 'failed' | 'absent' }[];
  /** failed/absent candidates that were already on it */
  alreadyOnRoster: number;
}

export interface PreAppointmentExam {
  examId: number;
  title: string;
  kind: ExamKind;
  opensAt: string;
  closesAt: string;
  outcome: CandidateOutcome;
  score: number | null;
  passMark: number;
  submittedAt: string | null;
  validUntil: string | null;
  /** a pass still valid today */
  valid: boolean;
}

export interface PreAppointmentHistory {
  personId: number;
  name: string;
  unitName: string;
  /** a pass of a 任前 exam (or its 补考) valid today */
  hasValidPass: boolean;
  /** the latest validity end among valid passes; null = none or no expiry set */
  validUntil: string | null;
  /** newest first */
  exams: PreAppointmentExam[];
}
