/**
 * 练习 (每日一练, 专项练习, 错题本, 统计): request and response shapes shared by the server and the
 * web page, and the pure helpers both use. Practice shows options in their original order, so an
 * option's displayed letter IS its original key (no mapping needed on either side).
 */
import { z } from 'zod';
import { OBJECTIVE_TYPES, optionKeySchema, MAX_BLANKS, MAX_OPTIONS, type ObjectiveType, type OptionKey, type QuestionContent } from './bank';

export const PRACTICE_MODES = ['daily', 'law', 'wrongbook', 'random'] as const;
export type PracticeMode = (typeof PRACTICE_MODES)[number];
export const PRACTICE_MODE_ZH: Record<PracticeMode, string> = { daily: '每日一练', law: '专项练习', wrongbook: '错题重做', random: '随机练习' };

/** Question types practice draws: 简答 has no automatic grade, so it is left out. */
export const PRACTICE_TYPES: readonly ObjectiveType[] = OBJECTIVE_TYPES;

export const MAX_PRACTICE_SET = 50;
export const DEFAULT_PRACTICE_SET = 10;
/** by-law breakdown in the statistics: this many laws, most answered first */
export const STATS_TOP_LAWS = 10;

const positiveId = (what: string) =>
  z.number({ message: `请选择${what}` }).int(`${what}编号无效`).positive(`${what}编号无效`);

/** POST /api/practice/sets: by law (optionally one 编/章/节 of its table of contents) or random. */
export const practiceSetRequestSchema = z
  .object({
    mode: z.enum(['law', 'random'], { message: '练习方式应为 law（按法规）或 random（随机）' }).default('law'),
    lawId: positiveId('法规').optional(),
    nodeId: positiveId('章节').nullable().optional(),
    count: z
      .number({ message: '题数应为数字' })
      .int('题数应为整数')
      .min(1, '题数至少为1')
      .max(MAX_PRACTICE_SET, `题数不能超过${MAX_PRACTICE_SET}`)
      .default(DEFAULT_PRACTICE_SET),
  })
  .superRefine((b, ctx) => {
    if (b.mode === 'law' && b.lawId === undefined) ctx.addIssue({ code: 'custom', path: ['lawId'], message: '请选择要练习的法规' });
    if (b.mode === 'random' && (b.lawId !== undefined || (b.nodeId ?? null) !== null)) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: '随机练习不按法规选题；按法规练习请用 mode: law' });
    }
  });
export type PracticeSetRequest = z.output<typeof practiceSetRequestSchema>;

/** A practice response in the question's option keys (what is shown). 简答 is not practised. */
export const practiceResponseSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('single'), key: optionKeySchema }),
    z.object({ type: z.literal('multiple'), keys: z.array(optionKeySchema).min(1, '请至少选择一个选项').max(MAX_OPTIONS) }),
    z.object({ type: z.literal('truefalse'), value: z.boolean({ message: '请选择正确或错误' }) }),
    z.object({
      type: z.literal('fill'),
      blanks: z
        .array(
          z
            .string()
            .max(500, '填写内容不能超过500个字符')
            // PostgreSQL text and jsonb cannot hold U+0000
            .refine((s) => !s.includes('\u0000'), '填写内容含有无效字符'),
        )
        .min(1, '请填写答案')
        .max(MAX_BLANKS),
    }),
  ],
  { message: '作答类型应为单选、多选、判断或填空' },
);
export type PracticeResponse = z.output<typeof practiceResponseSchema>;

export const practiceAnswerRequestSchema = z.object({
  versionId: positiveId('题目'),
  mode: z.enum(PRACTICE_MODES, { message: '练习方式应为 daily、law、wrongbook 或 random' }),
  response: practiceResponseSchema,
});
export type PracticeAnswerRequest = z.output<typeof practiceAnswerRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Responses

export interface PracticeOption {
  /** the letter shown; practice keeps the original order, so it is also the original key */
  label: OptionKey;
  html: string;
}

/** A question as practice shows it before it is answered (no key, no 解析). */
export interface PracticeQuestion {
  questionId: number;
  versionId: number;
  type: ObjectiveType;
  stem: string;
  options?: PracticeOption[];
  /** fill: the stem holds markers {{1}}…{{blankCount}} */
  blankCount?: number;
}

export interface PracticeKey {
  /** single/multiple: the right options (original keys = displayed letters) */
  keys?: OptionKey[];
  /** truefalse */
  value?: boolean;
  /** fill: accepted answers per blank */
  blanks?: string[][];
  /** the key as one line of text, e.g. "A、C、D", "正确", "三十（或 30）；民政部门" */
  text: string;
}

export interface PracticeLegalBasis {
  lawTitle: string;
  articleLabel: string;
  /** law_articles id when the citation is linked; the page links to /laws/articles/:id */
  articleId: number | null;
}

/** What answering returns (and what a reload of today's set shows for answered questions). */
export interface PracticeFeedback {
  correct: boolean;
  /** fill: which blanks were right */
  blanks?: boolean[];
  response: PracticeResponse;
  key: PracticeKey;
  explanationHtml: string;
  legalBasis: PracticeLegalBasis[];
  /** the 错题本 entry after this answer: null when the question is not (or no longer) open in it */
  wrongBook: { wrongCount: number; correctStreak: number; mastered: boolean } | null;
}

export interface DailyPracticeItem extends PracticeQuestion {
  /** the latest answer given to it today in 每日一练, with the key */
  answered: PracticeFeedback | null;
}

export interface DailyPracticeView {
  day: string;
  items: DailyPracticeItem[];
  answeredCount: number;
  total: number;
}

export interface PracticeSetView {
  mode: 'law' | 'random';
  /** questions available for the choice (the set has min(count, available)) */
  available: number;
  items: PracticeQuestion[];
}

export type WrongBookStatus = 'open' | 'mastered';

export interface WrongBookItem {
  questionId: number;
  /** the question as it stands: its current version when still active, else the version last answered wrongly */
  question: PracticeQuestion;
  /** false when the question was retired (已停用), is being revised or left the practice pool: it cannot be redone */
  available: boolean;
  /** the question was retired (已停用) in the bank; unavailable but not retired = being revised or outside the practice categories */
  retired: boolean;
  wrongCount: number;
  correctStreak: number;
  lastWrongAt: string;
  masteredAt: string | null;
}

export interface WrongBookView {
  items: WrongBookItem[];
  total: number;
  open: number;
  mastered: number;
}

export interface PracticeLawStat {
  lawId: number;
  title: string;
  answered: number;
  correct: number;
}

export interface PracticeStats {
  year: number;
  answered: number;
  correct: number;
  /** correct / answered, 0..1; null when nothing was answered */
  correctRate: number | null;
  daysPractised: number;
  /** consecutive Beijing days with at least one answer, ending today (or yesterday when today has none yet) */
  currentStreak: number;
  /** days whose 每日一练 set was answered whole */
  dailyCompletedDays: number;
  wrongBookOpen: number;
  wrongBookMastered: number;
  byLaw: PracticeLawStat[];
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

/** 'YYYY-MM-DD' + n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Consecutive days with practice ending at `today`; when today has none yet, a run ending
 * yesterday still counts (the day is not over). Days are 'YYYY-MM-DD' (Beijing).
 */
export function currentDayStreak(days: Iterable<string>, today: string): number {
  const set = new Set(days);
  let day = set.has(today) ? today : addDays(today, -1);
  let n = 0;
  while (set.has(day)) {
    n++;
    day = addDays(day, -1);
  }
  return n;
}

/** The key of an objective question as practice shows it after answering. */
export function practiceKeyOf(content: QuestionContent): PracticeKey {
  switch (content.type) {
    case 'single':
      return { keys: [content.answer.key], text: content.answer.key };
    case 'multiple':
      return { keys: [...content.answer.keys], text: content.answer.keys.join('、') };
    case 'truefalse':
      return { value: content.answer.value, text: content.answer.value ? '正确' : '错误' };
    case 'fill': {
      const blanks = content.answer.blanks.map((b) => [...b.accepted]);
      const text = blanks.map((acc) => (acc.length > 1 ? `${acc[0]}（或 ${acc.slice(1).join('、')}）` : acc[0])).join('；');
      return { blanks, text };
    }
    case 'essay':
      throw new Error('简答题 is not practised');
  }
}
