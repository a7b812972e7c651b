/**
 * The question bank's model, shared by server and web: question types, the content of one
 * question version, statuses and their transitions, and an examinee's response.
 *
 * HTML fields (stem, option html, explanationHtml, referenceHtml) must already be sanitised
 * by the server (src/server/modules/bank/sanitize.ts) before they are stored; this module only
 * checks their shape, so the web app can use the same schema for forms.
 *
 * Fill-in-the-blank (填空) stems mark each blank with the canonical marker {{1}}, {{2}}, … —
 * numbered from 1 in reading order, one per blank in answer.blanks. Imports convert the usual
 * 「（\u3000）」「（ ）」「()」「____」 into it (see normaliseBlankMarkers); the exam page renders each
 * marker as an input. Numbered markers are unambiguous: （ ） and ____ also occur in ordinary
 * Chinese text (e.g. a form to fill in quoted in a statute), {{n}} never does.
 */
import { z } from 'zod';
import type { FieldIssue } from './errors';
import { RANKS } from './org';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fill', 'essay'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_ZH: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  truefalse: '判断题',
  fill: '填空题',
  essay: '简答题',
};
/** Types graded by the machine at submit; 简答 goes to a person. */
export const OBJECTIVE_TYPES = ['single', 'multiple', 'truefalse', 'fill'] as const satisfies readonly QuestionType[];
export type ObjectiveType = (typeof OBJECTIVE_TYPES)[number];

export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
export const MAX_BLANKS = 20;
/** Images are stored inline as data: URIs, so an HTML field may be large; 2 MB of text. */
export const MAX_HTML_LENGTH = 2_000_000;

export const DIFFICULTY_ZH: Record<number, string> = { 1: '容易', 2: '较易', 3: '中等', 4: '较难', 5: '困难' };

/** {{1}}, {{2}}, … in a stem. */
export const BLANK_MARKER_RE = /\{\{(\d+)\}\}/g;
export const blankMarker = (n: number) => `{{${n}}}`;

/** The numbers of the blank markers in a stem, in reading order. */
export function blankNumbers(stem: string): number[] {
  return [...stem.matchAll(BLANK_MARKER_RE)].map((m) => Number(m[1]));
}

/**
 * Plain text → text with canonical blank markers: 「（\u3000）」「（ ）」「()」 (any spaces, full- or
 * half-width brackets, also empty) and 3 or more underscores「___」 become {{1}}, {{2}}, … in
 * order. Existing {{n}} markers are renumbered in order too.
 */
export function normaliseBlankMarkers(text: string): string {
  let n = 0;
  return text.replace(/\{\{\d+\}\}|[（(][\s\u3000]*[）)]|_{3,}|＿{2,}/g, () => blankMarker(++n));
}

const html = (label: string) =>
  z
    .string({ message: `${label}应为文本` })
    .max(MAX_HTML_LENGTH, `${label}过长（含图片不超过2MB）`);
const requiredHtml = (label: string) =>
  html(label).refine((s) => s.replace(/<br\s*\/?>|&nbsp;|<\/?p>|\s/gi, '') !== '', `请填写${label}`);
const shortText = (label: string, max: number) =>
  z.string({ message: `${label}应为文本` }).trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字符`);

export const optionKeySchema = z.enum(OPTION_KEYS, { message: '选项字母应为 A–H' });

export const optionSchema = z.object({
  key: optionKeySchema,
  html: requiredHtml('选项内容'),
});
export type QuestionOption = z.output<typeof optionSchema>;

export const legalBasisSchema = z.object({
  /** a law_articles row of the law library, when resolved */
  articleId: z.number().int().positive().optional(),
  lawTitle: shortText('法律名称', 100),
  /** "第一千零七十九条", "第十条第二款"; empty when the whole law is cited */
  articleLabel: z.string().trim().max(50, '条文编号不能超过50个字符'),
});
export type LegalBasis = z.output<typeof legalBasisSchema>;

export const rubricItemSchema = z.object({
  point: shortText('评分要点', 500),
  score: z.number({ message: '要点分值应为数字' }).positive('要点分值应大于0').max(100, '要点分值不能超过100'),
});

const fillBlankSchema = z.object({
  accepted: z
    .array(shortText('填空答案', 200), { message: '每个空至少要有一个答案' })
    .min(1, '每个空至少要有一个答案')
    .max(20, '每个空最多20个可接受答案'),
  caseSensitive: z.boolean().optional(),
});

const common = {
  stem: requiredHtml('题干'),
  explanationHtml: html('解析').default(''),
  difficulty: z
    .number({ message: '难度应为1–5的整数' })
    .int('难度应为1–5的整数')
    .min(1, '难度应为1–5的整数')
    .max(5, '难度应为1–5的整数'),
  legalBasis: z.array(legalBasisSchema).max(20, '法律依据最多20条').default([]),
  knowledgePoints: z.array(shortText('知识点', 50)).max(20, '知识点最多20个').default([]),
  categoryPath: z.array(shortText('分类名称', 50)).max(8, '分类最多8级').default([]),
  suitableRanks: z.array(z.enum(RANKS, { message: `职级应为：${RANKS.join('、')}` })).default([]),
  yearAdded: z
    .number({ message: '年度应为4位年份' })
    .int('年度应为4位年份')
    .min(2000, '年度应在2000–2100之间')
    .max(2100, '年度应在2000–2100之间')
    .nullable()
    .default(null),
  source: z.string().trim().max(200, '来源不能超过200个字符').default(''),
};

const choiceOptions = z
  .array(optionSchema, { message: '请填写选项' })
  .min(MIN_OPTIONS, `至少要有${MIN_OPTIONS}个选项`)
  .max(MAX_OPTIONS, `最多${MAX_OPTIONS}个选项`)
  .superRefine((opts, ctx) => {
    opts.forEach((o, i) => {
      if (o.key !== OPTION_KEYS[i]) {
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `选项应从A起连续编号，第${i + 1}个选项应为${OPTION_KEYS[i]}` });
      }
    });
  });

/** Typed as options so code can read `content.options` on any type; must be absent or empty. */
const noOptions = (type: QuestionType) =>
  z
    .array(optionSchema)
    .max(0, `${QUESTION_TYPE_ZH[type]}不能有选项`)
    .optional();

const singleSchema = z.object({
  type: z.literal('single'),
  ...common,
  options: choiceOptions,
  answer: z.object({ key: optionKeySchema }, { message: '请填写答案' }),
});
const multipleSchema = z.object({
  type: z.literal('multiple'),
  ...common,
  options: choiceOptions,
  answer: z.object({
    keys: z
      .array(optionKeySchema, { message: '多选题答案应为选项字母列表' })
      .min(2, '多选题至少要有2个正确选项')
      .refine((ks) => ks.every((k, i) => i === 0 || ks[i - 1] < k), '正确选项应按字母顺序排列且不能重复'),
  }, { message: '请填写答案' }),
});
const truefalseSchema = z.object({
  type: z.literal('truefalse'),
  ...common,
  options: noOptions('truefalse'),
  answer: z.object({ value: z.boolean({ message: '判断题答案应为“正确”或“错误”' }) }, { message: '请填写答案' }),
});
const fillSchema = z.object({
  type: z.literal('fill'),
  ...common,
  options: noOptions('fill'),
  answer: z.object({
    blanks: z.array(fillBlankSchema, { message: '请填写各空的答案' }).min(1, '填空题至少要有一个空').max(MAX_BLANKS, `填空题最多${MAX_BLANKS}个空`),
  }, { message: '请填写答案' }),
});
const essaySchema = z.object({
  type: z.literal('essay'),
  ...common,
  options: noOptions('essay'),
  answer: z.object({
    referenceHtml: requiredHtml('参考答案'),
    rubric: z.array(rubricItemSchema).max(50, '评分要点最多50条').default([]),
  }, { message: '请填写参考答案' }),
});

/**
 * One question version's content. Every problem is reported (zod collects them all), each with
 * its field path, e.g. "options.2.html" or "answer.keys".
 */
export const questionContentSchema = z
  .discriminatedUnion('type', [singleSchema, multipleSchema, truefalseSchema, fillSchema, essaySchema], {
    message: `题型应为：${QUESTION_TYPES.map((t) => QUESTION_TYPE_ZH[t]).join('、')}`,
  })
  .superRefine((q, ctx) => {
    for (const i of crossFieldIssues(q)) ctx.addIssue({ code: 'custom', path: i.path.split('.'), message: i.message });
  });

/**
 * Checks between fields (answer among the options, blanks counted in the stem). zod skips
 * refinements once a field has a type error, so checkQuestionContent also runs this on the raw
 * input: it must therefore tolerate any shape.
 */
function crossFieldIssues(input: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!input || typeof input !== 'object') return issues;
  const q = input as { type?: unknown; stem?: unknown; options?: unknown; answer?: Record<string, unknown> | null };
  const add = (path: string, message: string) => issues.push({ path, message });
  const answer = q.answer && typeof q.answer === 'object' ? q.answer : {};
  if ((q.type === 'single' || q.type === 'multiple') && Array.isArray(q.options)) {
    const keys = new Set(q.options.map((o: { key?: unknown } | null) => o?.key).filter((k): k is string => typeof k === 'string'));
    const raw = q.type === 'single' ? [answer.key] : Array.isArray(answer.keys) ? answer.keys : [];
    const missing = raw.filter((k): k is string => typeof k === 'string' && (OPTION_KEYS as readonly string[]).includes(k) && !keys.has(k));
    if (missing.length) {
      add(q.type === 'single' ? 'answer.key' : 'answer.keys', `答案${missing.join('、')}不在选项中（选项为${[...keys].join('、')}）`);
    }
  }
  if (typeof q.stem !== 'string') return issues;
  const nums = blankNumbers(q.stem);
  if (q.type === 'fill' && Array.isArray(answer.blanks)) {
    if (nums.length !== answer.blanks.length) {
      add('answer.blanks', `题干中有${nums.length}个空（{{1}}、{{2}}…），答案有${answer.blanks.length}个空，数量应一致`);
    } else if (nums.some((n, i) => n !== i + 1)) {
      add('stem', '题干中的空应按顺序编号为 {{1}}、{{2}}…');
    }
  }
  if (q.type !== 'fill' && nums.length > 0) add('stem', '只有填空题的题干可以含有空位标记 {{n}}');
  return issues;
}

export type QuestionContentInput = z.input<typeof questionContentSchema>;
export type QuestionContent = z.output<typeof questionContentSchema>;
export type ContentOf<T extends QuestionType> = Extract<QuestionContent, { type: T }>;
export type AnswerOf<T extends QuestionType> = ContentOf<T>['answer'];
export type QuestionAnswer = QuestionContent['answer'];

/** zod issues → [{path: "options.2.html", message}] (the API's FieldIssue shape). */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export type ContentCheck = { ok: true; content: QuestionContent } | { ok: false; issues: FieldIssue[] };

/** Validates a question's content and returns either the typed content or ALL issues. */
export function checkQuestionContent(input: unknown): ContentCheck {
  const r = questionContentSchema.safeParse(input);
  if (r.success) return { ok: true, content: r.data };
  const issues = toFieldIssues(r.error);
  const seen = new Set(issues.map((i) => `${i.path}\u0000${i.message}`));
  for (const i of crossFieldIssues(input)) if (!seen.has(`${i.path}\u0000${i.message}`)) issues.push(i);
  return { ok: false, issues };
}

// ---------------------------------------------------------------------------------------------
// An examinee's response (what autosave sends), always in the question's ORIGINAL option keys:
// the exam engine maps the displayed (shuffled) letters back before storing or grading.

export const questionResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single'), key: optionKeySchema.nullable() }),
  z.object({ type: z.literal('multiple'), keys: z.array(optionKeySchema).max(MAX_OPTIONS) }),
  z.object({ type: z.literal('truefalse'), value: z.boolean().nullable() }),
  z.object({ type: z.literal('fill'), blanks: z.array(z.string().max(500, '填写内容不能超过500个字符')).max(MAX_BLANKS) }),
  z.object({ type: z.literal('essay'), text: z.string().max(20_000, '作答不能超过20000个字符') }),
]);
export type QuestionResponse = z.output<typeof questionResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Status of a question (of its current version).

export const QUESTION_STATUSES = ['draft', 'pending_review', 'active', 'retired'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QUESTION_STATUS_ZH: Record<QuestionStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  active: '启用',
  retired: '停用',
};

export interface TransitionContext {
  /** the organisation's setting: a second person must approve before 启用 */
  reviewRequired: boolean;
  /** the person acting is the author of the version being approved */
  actorIsAuthor: boolean;
}

/**
 * Why a status change is not allowed (Chinese), or null when it is.
 *   草稿 → 待审核 (submit) · 草稿 → 启用 only without required review
 *   待审核 → 启用 (approve; by someone other than the author when review is required) · 待审核 → 草稿 (return)
 *   启用 → 停用 · 停用 → 启用 (only without required review) · 停用 → 草稿 (to revise and resubmit)
 * Retired questions stay for the record and are never drawn; editing creates a new version and
 * is not a status change.
 */
export function transitionProblem(from: QuestionStatus, to: QuestionStatus, ctx: TransitionContext): string | null {
  const zh = (s: QuestionStatus) => `“${QUESTION_STATUS_ZH[s]}”`;
  if (from === to) return `题目已是${zh(to)}状态`;
  const reviewGate = ctx.reviewRequired ? '本系统要求题目经他人审核后才能启用，请先提交审核' : null;
  switch (`${from}>${to}`) {
    case 'draft>pending_review':
    case 'pending_review>draft':
    case 'active>retired':
    case 'retired>draft':
      return null;
    case 'draft>active':
    case 'retired>active':
      return reviewGate;
    case 'pending_review>active':
      return ctx.reviewRequired && ctx.actorIsAuthor ? '不能审核自己编写的题目，请由其他人审核' : null;
    default:
      return `不能从${zh(from)}改为${zh(to)}`;
  }
}

export function allowedTransitions(from: QuestionStatus, ctx: TransitionContext): QuestionStatus[] {
  return QUESTION_STATUSES.filter((to) => transitionProblem(from, to, ctx) === null);
}

/** Only active questions are drawn into new papers. */
export const isDrawable = (s: QuestionStatus) => s === 'active';
