/**
 * The exam engine's model, shared by server and web: exam kinds and settings, the blueprint
 * (组卷规则), paper items, attempts, autosave, and the shapes the API returns.
 *
 * Invariants this module's users rely on (product.md, "hard to add later"):
 *  - an examinee's browser only ever receives PublicQuestion (src/server/modules/bank/public.ts)
 *    until their attempt is submitted, and answer keys only when the exam's answersRelease allows;
 *  - the server owns the clock: AttemptView carries serverNow and deadlineAt, the client timer
 *    only displays deadlineAt − (serverNow offset);
 *  - every save carries a per-attempt sequence number; the server keeps, per question, the answer
 *    with the highest seq, so a late retry never overwrites a newer answer;
 *  - a paper is frozen: it lists exact question version ids, points and option order.
 *
 * API (all under /api; organiser = admin or organiser role):
 *   organiser  GET/POST /exams, GET/PUT/DELETE /exams/:id, POST /exams/:id/check (blueprint vs bank),
 *              POST /exams/:id/publish, POST /exams/:id/close, POST /exams/:id/publish-results,
 *              GET/POST/DELETE /exams/:id/roster, POST /exams/:id/roster/import (Excel),
 *              PUT /exams/:id/roster/:personId (extra time / window override),
 *              GET /exams/:id/attempts/:attemptId (organiser view incl. events),
 *              GET /exams/:id/results, GET /exams/:id/results.xlsx, GET /exams/:id/report/:personId (printable),
 *              GET /exams/:id/grading (queue by question), GET/PUT /exams/:id/grading/:position/…,
 *              POST /exams/:id/regrade {questionId}, GET /exams/:id/candidates (任前 pass list),
 *              GET /exams/:id/notice (printable 考试结果通知), POST /exams/:id/schedule-makeup
 *   examinee   GET /my/exams, POST /my/exams/:examId/start, GET /my/attempts/:id,
 *              PUT /my/attempts/:id/answers (batch autosave), POST /my/attempts/:id/events,
 *              POST /my/attempts/:id/submit, GET /my/attempts/:id/result
 */
import { z } from 'zod';
import { QUESTION_TYPES, type OptionKey, type QuestionResponse, type QuestionType } from './bank';
import { RANKS } from './org';

// ---------------------------------------------------------------------------------------------
// Vocabularies

export const EXAM_KINDS = ['annual', 'pre_appointment', 'makeup', 'practice'] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];
export const EXAM_KIND_ZH: Record<ExamKind, string> = {
  annual: '年度学法考试',
  pre_appointment: '任前法律知识考试（凡提必考）',
  makeup: '补考',
  practice: '模拟/练习',
};

/** draft: being set up · published: open to its roster within the window · closed: window over, results being finalised */
export const EXAM_STATUSES = ['draft', 'published', 'closed'] as const;
export type ExamStatus = (typeof EXAM_STATUSES)[number];
export const EXAM_STATUS_ZH: Record<ExamStatus, string> = { draft: '草稿', published: '已发布', closed: '已结束' };

export const RELEASE_MODES = ['immediate', 'after_close', 'published', 'never'] as const;
export type ReleaseMode = (typeof RELEASE_MODES)[number];
export const RELEASE_MODE_ZH: Record<ReleaseMode, string> = {
  immediate: '交卷后立即',
  after_close: '考试结束后',
  published: '考评办发布后',
  never: '不公布',
};

export const ATTEMPT_STATUSES = ['in_progress', 'submitted'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** Why an attempt was submitted. */
export const SUBMIT_REASONS = ['manual', 'deadline', 'switch_limit', 'organiser'] as const;
export type SubmitReason = (typeof SUBMIT_REASONS)[number];
export const SUBMIT_REASON_ZH: Record<SubmitReason, string> = {
  manual: '考生交卷',
  deadline: '到时自动交卷',
  switch_limit: '切屏超限自动交卷',
  organiser: '考评办收卷',
};

/** What an examinee's row in a results roster says. */
export const ROSTER_STATUSES = ['not_started', 'in_progress', 'submitted', 'grading', 'passed', 'failed'] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];
export const ROSTER_STATUS_ZH: Record<RosterStatus, string> = {
  not_started: '未参加',
  in_progress: '进行中',
  submitted: '已交卷',
  grading: '待阅卷',
  passed: '通过',
  failed: '未通过',
};

/** Anti-cheating events the exam page reports (honestly: a browser can hide none of these reliably). */
export const ATTEMPT_EVENT_KINDS = ['blur', 'hidden', 'copy', 'paste', 'fullscreen_exit', 'device_takeover', 'resume'] as const;
export type AttemptEventKind = (typeof ATTEMPT_EVENT_KINDS)[number];
export const ATTEMPT_EVENT_ZH: Record<AttemptEventKind, string> = {
  blur: '窗口失去焦点',
  hidden: '切换标签页/应用',
  copy: '复制',
  paste: '粘贴',
  fullscreen_exit: '退出全屏',
  device_takeover: '在另一台设备上继续',
  resume: '重新进入考试',
};
/** Events counted against switchLimit. */
export const SWITCH_EVENT_KINDS: readonly AttemptEventKind[] = ['blur', 'hidden'];

/** Saves arriving this long after the deadline are still accepted (requests in flight at the deadline). */
export const SAVE_GRACE_SECONDS = 15;
/** Each process looks for overdue attempts this often. */
export const FINALISE_INTERVAL_SECONDS = 15;
/** The exam page warns when this much time is left. */
export const WARN_BEFORE_SECONDS = 5 * 60;

/**
 * Expected facility (share of examinees answering right) for the bank's 1–5 difficulty, until a
 * question has measured facility or IRT parameters (issue 7). Used to make papers equally hard.
 */
export const DIFFICULTY_FACILITY: Record<number, number> = { 1: 0.9, 2: 0.8, 3: 0.65, 4: 0.5, 5: 0.35 };

// ---------------------------------------------------------------------------------------------
// Blueprint (组卷规则)

const count = (label: string, max = 500) =>
  z.number({ message: `${label}应为整数` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(max, `${label}不能超过${max}`);
const points = (label: string) =>
  z.number({ message: `${label}应为数字` }).positive(`${label}应大于0`).max(100, `${label}不能超过100`).multipleOf(0.5, `${label}应为0.5的整数倍`);

export const blueprintSectionSchema = z.object({
  type: z.enum(QUESTION_TYPES, { message: '未知题型' }),
  count: count('题数', 200).min(1, '每种题型至少1道'),
  points: points('每题分值'),
});
export type BlueprintSection = z.output<typeof blueprintSectionSchema>;

/** A quota on how many questions of the paper come from a category subtree, a law, or carry a 知识点 tag. */
export const blueprintQuotaSchema = z
  .object({
    kind: z.enum(['category', 'law', 'tag'], { message: '配额类型应为分类、法律或知识点' }),
    /** category id (subtree), law id, or the tag text */
    ref: z.union([z.number().int().positive(), z.string().trim().min(1).max(50)]),
    /** shown in messages; filled by the UI */
    label: z.string().max(100).default(''),
    /** restrict to one type; omitted = all types */
    type: z.enum(QUESTION_TYPES).optional(),
    min: count('最少题数').default(0),
    max: count('最多题数').nullable().default(null),
  })
  .refine((q) => q.max === null || q.max >= q.min, { message: '最多题数不能小于最少题数', path: ['max'] });
export type BlueprintQuota = z.output<typeof blueprintQuotaSchema>;

export const blueprintSchema = z.object({
  sections: z.array(blueprintSectionSchema).min(1, '请至少设置一种题型').max(5),
  quotas: z.array(blueprintQuotaSchema).max(50, '配额最多50条').default([]),
  difficulty: z
    .object({
      /** target mean difficulty of a paper on the bank's 1–5 scale */
      target: z.number().min(1, '目标难度应在1–5之间').max(5, '目标难度应在1–5之间'),
      /** each paper's mean difficulty within target ± tolerance */
      tolerance: z.number().min(0.05, '难度容差至少0.05').max(2, '难度容差不超过2').default(0.3),
      /** only questions with difficulty in [min, max] */
      min: z.number().int().min(1).max(5).default(1),
      max: z.number().int().min(1).max(5).default(5),
    })
    .nullable()
    .default(null),
  /**
   * Equal hardness: every paper's expected score (Σ points × expected facility) lies within
   * ± fairnessTolerancePct/2 % of full marks of the exam's target, so any two papers differ by
   * at most fairnessTolerancePct % of full marks.
   */
  fairnessTolerancePct: z.number().min(0.2, '公平性容差至少0.2%').max(10, '公平性容差不超过10%').default(1),
  /** only questions whose suitableRanks include the examinee's 职级 (questions with none suit everyone) */
  matchRank: z.boolean().default(false),
  /** leave out questions this person saw in their last N exams (practice excluded); 0 = off */
  excludeSeenInLastExams: count('排除近几场考试', 20).default(0),
  /** groups of question ids of which at most one may appear on a paper (互斥题) */
  enemies: z.array(z.array(z.number().int().positive()).min(2).max(50)).max(200).default([]),
  /** a question may appear on at most this share of the exam's papers (e.g. 0.3); null = no cap */
  exposureCap: z.number().gt(0, '曝光上限应大于0').max(1, '曝光上限不超过100%').nullable().default(null),
  shuffleQuestions: z.boolean().default(true),
  shuffleOptions: z.boolean().default(true),
});
export type Blueprint = z.output<typeof blueprintSchema>;
export type BlueprintInput = z.input<typeof blueprintSchema>;

/** A fixed paper: the same questions for everyone (current versions frozen at publish). */
export const fixedPaperSchema = z.object({
  items: z
    .array(z.object({ questionId: z.number().int().positive(), points: points('分值') }))
    .min(1, '固定试卷至少要有1道题')
    .max(300, '固定试卷最多300道题'),
  shuffleQuestions: z.boolean().default(false),
  shuffleOptions: z.boolean().default(true),
});
export type FixedPaper = z.output<typeof fixedPaperSchema>;

export const paperSpecSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('blueprint'), blueprint: blueprintSchema }),
  z.object({ mode: z.literal('fixed'), fixed: fixedPaperSchema }),
]);
export type PaperSpec = z.output<typeof paperSpecSchema>;

// ---------------------------------------------------------------------------------------------
// Roster rule and exam settings

export const rosterRuleSchema = z.object({
  /** unit subtrees (ids); empty with no other criterion = nobody by rule */
  unitIds: z.array(z.number().int().positive()).max(200).default([]),
  ranks: z.array(z.enum(RANKS)).default([]),
  postCategories: z.array(z.string().trim().min(1).max(30)).max(50).default([]),
  principalLeadersOnly: z.boolean().default(false),
});
export type RosterRule = z.output<typeof rosterRuleSchema>;

export const gradingRulesSchema = z.object({
  multiple: z.enum(['all_or_nothing', 'partial']).default('all_or_nothing'),
  /** share of the points for a correct subset under 'partial' (少选得分) */
  partialCredit: z.number().min(0).max(1).default(0.5),
  fill: z.enum(['per_blank', 'all_or_nothing']).default('per_blank'),
  /** 简答: 1 grader, or 2 whose scores are averaged */
  gradersPerEssay: z.union([z.literal(1), z.literal(2)]).default(1),
});
export type GradingRulesSetting = z.output<typeof gradingRulesSchema>;

const dateTime = (label: string) => z.iso.datetime({ offset: true, message: `${label}应为日期时间` });

export const examInputSchema = z
  .object({
    title: z.string().trim().min(1, '请填写考试名称').max(100, '考试名称不能超过100个字符'),
    kind: z.enum(EXAM_KINDS, { message: '未知考试类型' }),
    /** 补考: the exam it repeats */
    makeupOfExamId: z.number().int().positive().nullable().default(null),
    year: z.number().int().min(2000).max(2100),
    instructions: z.string().max(5000, '考试须知不能超过5000个字符').default(''),
    opensAt: dateTime('开考时间'),
    closesAt: dateTime('截止时间'),
    durationMinutes: z.number({ message: '考试时长应为整数分钟' }).int('考试时长应为整数分钟').min(1, '考试时长至少1分钟').max(600, '考试时长不超过600分钟'),
    passMark: z.number({ message: '及格分应为数字' }).min(0, '及格分不能为负数'),
    maxAttempts: z.number().int().min(1, '允许作答次数至少1次').max(20, '允许作答次数不超过20次').default(1),
    attemptScoring: z.enum(['best', 'last']).default('best'),
    resultsRelease: z.enum(RELEASE_MODES).default('after_close'),
    answersRelease: z.enum(RELEASE_MODES).default('never'),
    displayMode: z.enum(['one_per_page', 'all_on_one_page']).default('one_per_page'),
    grading: gradingRulesSchema.default({ multiple: 'all_or_nothing', partialCredit: 0.5, fill: 'per_blank', gradersPerEssay: 1 }),
    /** switch-away events (blur/hidden) before the attempt is submitted automatically; null = only logged */
    switchLimit: z.number().int().min(1).max(100).nullable().default(null),
    /** 任前: how long a pass stays valid, in months */
    passValidMonths: z.number().int().min(1).max(120).nullable().default(null),
    rosterRule: rosterRuleSchema.nullable().default(null),
    paper: paperSpecSchema,
  })
  .superRefine((e, ctx) => {
    if (Date.parse(e.closesAt) <= Date.parse(e.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '截止时间应晚于开考时间' });
    if (e.kind === 'makeup' && !e.makeupOfExamId) ctx.addIssue({ code: 'custom', path: ['makeupOfExamId'], message: '补考须选择对应的原考试' });
    const total = totalPointsOf(e.paper);
    if (e.passMark > total) ctx.addIssue({ code: 'custom', path: ['passMark'], message: `及格分不能高于总分${total}` });
    // product rule: nobody sees a key before the exam closes (others may still be writing it)
    if (e.answersRelease === 'immediate' && e.kind !== 'practice') {
      ctx.addIssue({ code: 'custom', path: ['answersRelease'], message: '答案与解析须在考试结束后公布；只有模拟/练习可以交卷后立即公布' });
    }
  });
export type ExamInput = z.output<typeof examInputSchema>;
export type ExamInputRaw = z.input<typeof examInputSchema>;

export function totalPointsOf(paper: PaperSpec): number {
  if (paper.mode === 'blueprint') return paper.blueprint.sections.reduce((s, x) => s + x.count * x.points, 0);
  return paper.fixed.items.reduce((s, x) => s + x.points, 0);
}

/** Per-person override: extra time and/or a different window; takes effect at once, also for a running attempt. */
export const rosterOverrideSchema = z.object({
  extraMinutes: z.number().int().min(0).max(600).default(0),
  opensAt: dateTime('个人开考时间').nullable().default(null),
  closesAt: dateTime('个人截止时间').nullable().default(null),
});
export type RosterOverride = z.output<typeof rosterOverrideSchema>;

// ---------------------------------------------------------------------------------------------
// Papers and attempts

/** One question of a frozen paper. Server-side only (it says which version, not the answer). */
export interface PaperItem {
  questionId: number;
  versionId: number;
  type: QuestionType;
  points: number;
  /** single/multiple: original option keys in the order shown (displayed A = optionOrder[0]) */
  optionOrder?: OptionKey[];
}

/**
 * A response as the exam page sends it: choice letters are the DISPLAYED letters; the server maps
 * them to original keys with the paper's optionOrder before storing.
 */
export const displayedResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single'), key: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']).nullable() }),
  z.object({ type: z.literal('multiple'), keys: z.array(z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])).max(8) }),
  z.object({ type: z.literal('truefalse'), value: z.boolean().nullable() }),
  z.object({ type: z.literal('fill'), blanks: z.array(z.string().max(500, '填写内容不能超过500个字符')).max(20) }),
  z.object({ type: z.literal('essay'), text: z.string().max(20_000, '作答不能超过20000个字符') }),
]);
export type DisplayedResponse = z.output<typeof displayedResponseSchema>;

/** PUT /api/my/attempts/:id/answers — a batch of saves (the client's retry queue flushes in one request). */
export const saveAnswersSchema = z.object({
  deviceId: z.string().min(8).max(64),
  saves: z
    .array(
      z.object({
        /** 0-based position of the question on the paper */
        position: z.number().int().min(0).max(299),
        /** per-attempt, strictly increasing on the client; the server keeps the highest per position */
        seq: z.number().int().min(1).max(2_000_000_000),
        response: displayedResponseSchema.nullable(),
        flagged: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(300),
});
export type SaveAnswersRequest = z.input<typeof saveAnswersSchema>;

export interface SaveAnswersResponse {
  /** every seq in the request is acknowledged: stored, or older than what is stored */
  acknowledged: number[];
  /** highest seq stored for this attempt */
  lastSeq: number;
  serverNow: string;
  deadlineAt: string;
}

/** What the exam page gets: public questions only, plus the examinee's own saved answers. */
export interface AttemptView {
  id: number;
  examId: number;
  examTitle: string;
  attemptNo: number;
  status: AttemptStatus;
  displayMode: 'one_per_page' | 'all_on_one_page';
  startedAt: string;
  deadlineAt: string;
  /** the server's clock when this response was made; the client computes its offset from it */
  serverNow: string;
  totalPoints: number;
  switchLimit: number | null;
  switchCount: number;
  /** highest seq the server has stored; the client continues above it */
  lastSeq: number;
  items: AttemptItemView[];
}

export interface AttemptItemView {
  position: number;
  points: number;
  /** from toPublicQuestion: no answer, 解析 or basis */
  question: {
    id: number;
    type: QuestionType;
    stem: string;
    options?: { label: OptionKey; html: string }[];
    blankCount?: number;
  };
  /** the saved response in DISPLAYED letters, or null */
  response: DisplayedResponse | null;
  flagged: boolean;
  seq: number;
}

/** GET /api/my/exams — one row per exam on my roster. */
export interface MyExamItem {
  examId: number;
  title: string;
  kind: ExamKind;
  instructions: string;
  opensAt: string;
  closesAt: string;
  durationMinutes: number;
  extraMinutes: number;
  totalPoints: number;
  passMark: number;
  questionCount: number;
  maxAttempts: number;
  attemptsUsed: number;
  /** 未开始 (window not open) / 可参加 / 进行中 / 已交卷 / 已结束 (missed) / 成绩 (result visible) */
  state: 'upcoming' | 'open' | 'in_progress' | 'submitted' | 'missed' | 'result';
  /** the running attempt, when state is in_progress */
  activeAttemptId: number | null;
  /** latest submitted attempt */
  lastAttemptId: number | null;
  /** when results are visible */
  score: number | null;
  passed: boolean | null;
  /**
   * When results become visible, so an examinee waiting for them can be told: the exam's
   * resultsRelease, and for 'after_close' the examinee's personal close time (their override, else
   * the exam's close; ISO) — results show then, or earlier if the organiser closes the exam.
   * null for 'immediate' (visible at submit), 'published' (whenever 考评办 publishes) and 'never'.
   */
  resultsRelease: ReleaseMode;
  resultsAt: string | null;
}

/** GET /api/my/attempts/:id/result */
export interface AttemptResultView {
  attemptId: number;
  examTitle: string;
  status: AttemptStatus;
  submittedAt: string | null;
  submitReason: SubmitReason | null;
  /** null while results are not released or essays await grading */
  score: number | null;
  totalPoints: number;
  passMark: number;
  passed: boolean | null;
  pendingGrading: boolean;
  resultsVisible: boolean;
  answersVisible: boolean;
  /** as in MyExamItem: the exam's resultsRelease; for 'after_close' my personal close time (ISO), else null */
  resultsRelease: ReleaseMode;
  resultsAt: string | null;
  /** when answersVisible: each item with key and 解析; otherwise only my responses and credit when resultsVisible */
  items: {
    position: number;
    points: number;
    question: AttemptItemView['question'];
    response: DisplayedResponse | null;
    score: number | null;
    /** displayed letters / 正确/错误 / accepted blanks / reference answer html, when answersVisible */
    correctAnswer?: string;
    explanationHtml?: string;
  }[];
}

/** The random source every draw uses: mulberry32 over a 32-bit seed, reproducible on any machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type { QuestionResponse };
