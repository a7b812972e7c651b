/**
 * The answer column as people write it → a typed answer or a precise Chinese error; and pure
 * grading of objective questions, which the exam engine uses at submit.
 *
 * Formats (also listed on the template's 说明 sheet, from ANSWER_FORMAT_HELP):
 *  - 单选: one letter A–H.  多选: two or more letters, written together or separated by , ， 、 ;
 *    ； / or spaces: "AC", "A,C", "A，C", "A、C", "A C", "ac", full-width "ＡＣ".
 *  - 判断: 正确/错误, 对/错, √/×, ✓/✗ (✔/✘), T/F, TRUE/FALSE, 是/否, Y/N, 1/0 (X counts as 错).
 *  - 填空: blanks separated by "|" (or full-width "｜"); when there is no "|", by "；" or ";".
 *    Alternatives accepted for one blank separated by "/" (or "／"): "三十/30|民政部门".
 *    "或" is NOT a separator — it occurs inside legal terms ("单位或者个人").
 */
import {
  OPTION_KEYS,
  type AnswerOf,
  type OptionKey,
  type QuestionContent,
  type QuestionResponse,
} from '../../../common/bank';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export const ANSWER_FORMAT_HELP = {
  single: '填一个选项字母，如 B',
  multiple: '填两个及以上选项字母，可连写或用逗号、顿号、空格分隔，如 ACD、A,C,D、A、C、D',
  truefalse: '正确/错误、对/错、√/×、T/F、是/否、Y/N、1/0 均可',
  fill: '多个空用“|”分隔（没有“|”时也可用“；”）；一个空有多个可接受答案时用“/”分隔，如 三十/30|民政部门',
  essay: '填参考答案；评分要点可写在解析中',
} as const;

const CHOICE_SEPARATORS = /[\s,;、/|]+/g;

/** "A,C" / "ａｃ" / "A、C" … → sorted unique option keys, or an error. */
export function parseChoiceKeys(text: string, optionCount: number = OPTION_KEYS.length): Parsed<OptionKey[]> {
  const t = text.normalize('NFKC').toUpperCase().replace(CHOICE_SEPARATORS, '');
  if (t === '') return fail('请填写答案（选项字母）');
  const bad = [...t].filter((ch) => !(OPTION_KEYS as readonly string[]).includes(ch));
  if (bad.length) return fail(`答案“${text.trim()}”中的“${[...new Set(bad)].join('')}”不是选项字母，应填 A–${OPTION_KEYS[Math.max(optionCount, 2) - 1]} 中的字母`);
  const keys = [...t] as OptionKey[];
  const dup = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (dup.length) return fail(`答案中的选项${[...new Set(dup)].join('、')}重复了`);
  const beyond = keys.filter((k) => OPTION_KEYS.indexOf(k) >= optionCount);
  if (beyond.length) {
    return fail(`答案${beyond.join('、')}不在选项中（本题只有${OPTION_KEYS.slice(0, optionCount).join('、')}${optionCount}个选项）`);
  }
  return { ok: true, value: keys.sort() };
}

export function parseSingleAnswer(text: string, optionCount?: number): Parsed<AnswerOf<'single'>> {
  const r = parseChoiceKeys(text, optionCount);
  if (!r.ok) return r;
  if (r.value.length !== 1) return fail(`单选题只能有一个答案，填写的是${r.value.join('')}；如有多个正确答案请把题型改为多选题`);
  return { ok: true, value: { key: r.value[0] } };
}

export function parseMultipleAnswer(text: string, optionCount?: number): Parsed<AnswerOf<'multiple'>> {
  const r = parseChoiceKeys(text, optionCount);
  if (!r.ok) return r;
  if (r.value.length < 2) return fail(`多选题至少要有两个正确选项，填写的只有${r.value.join('')}；只有一个正确答案请把题型改为单选题`);
  return { ok: true, value: { keys: r.value } };
}

const TRUE_WORDS = new Set(['正确', '对', '√', '✓', '✔', 't', 'true', '是', 'y', 'yes', '1', '对的', 'right']);
const FALSE_WORDS = new Set(['错误', '错', '×', '✗', '✘', 'x', 'f', 'false', '否', 'n', 'no', '0', '不正确', '错的', 'wrong']);

export function parseTrueFalseAnswer(text: string | boolean | number): Parsed<AnswerOf<'truefalse'>> {
  if (typeof text === 'boolean') return { ok: true, value: { value: text } };
  const t = String(text).normalize('NFKC').trim().toLowerCase().replace(/[。.！!]$/, '');
  if (TRUE_WORDS.has(t)) return { ok: true, value: { value: true } };
  if (FALSE_WORDS.has(t)) return { ok: true, value: { value: false } };
  if (t === '') return fail('请填写判断题答案：正确 或 错误');
  return fail(`判断题答案“${String(text).trim()}”无法识别，应填 正确/错误（也可填 对/错、√/×、T/F、是/否、Y/N、1/0）`);
}

/** "三十/30|民政部门" → [{accepted:['三十','30']},{accepted:['民政部门']}]. */
export function parseFillAnswer(text: string, expectedBlanks?: number): Parsed<AnswerOf<'fill'>> {
  const t = text.replace(/｜/g, '|').trim();
  if (t === '') return fail('请填写填空题答案');
  const parts = t.includes('|') ? t.split('|') : t.split(/[；;]/);
  const blanks: AnswerOf<'fill'>['blanks'] = [];
  for (const [i, part] of parts.entries()) {
    const accepted = [...new Set(part.split(/[/／]/).map((s) => s.trim()).filter(Boolean))];
    if (accepted.length === 0) return fail(`第${i + 1}个空的答案是空的（检查是否多写了分隔符“|”或“/”）`);
    blanks.push({ accepted });
  }
  if (expectedBlanks !== undefined && expectedBlanks !== blanks.length) {
    return fail(`题干中有${expectedBlanks}个空，答案有${blanks.length}个空（多个空用“|”分隔），数量应一致`);
  }
  return { ok: true, value: { blanks } };
}

// ---------------------------------------------------------------------------------------------
// Grading

export interface GradingRules {
  /**
   * 多选: 'all_or_nothing' (default) — only the exact set scores; 'partial' — the common
   * Chinese exam rule 少选得一半、错选不得分: any wrong choice scores 0, a non-empty correct
   * subset scores partialCredit (default 0.5) of the points.
   */
  multiple?: 'all_or_nothing' | 'partial';
  partialCredit?: number;
  /** 填空: 'per_blank' (default) — each blank an equal share; 'all_or_nothing' — every blank right. */
  fill?: 'per_blank' | 'all_or_nothing';
}

export interface Grade {
  /** share of the question's points earned, 0..1 */
  credit: number;
  correct: boolean;
  /** fill: which blanks were right */
  blanks?: boolean[];
}

/** For comparing a typed blank: full-width → half-width, no whitespace, no trailing 。.，, case folded unless caseSensitive. */
export function normaliseFillText(s: string, caseSensitive = false): string {
  const t = s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[。.,，;；:：、"'“”‘’]+|[。.,，;；:：、"'“”‘’]+$/g, '');
  return caseSensitive ? t : t.toLowerCase();
}

const ZERO: Grade = { credit: 0, correct: false };
const FULL: Grade = { credit: 1, correct: true };

/**
 * Grades a response to an objective question; the response uses the question's ORIGINAL keys.
 * A missing or mismatched response scores 0. 简答 cannot be graded here (throws).
 */
export function gradeObjective(content: QuestionContent, response: QuestionResponse | null | undefined, rules: GradingRules = {}): Grade {
  if (content.type === 'essay') throw new Error('简答题 is graded by a person, not gradeObjective');
  if (!response || response.type !== content.type) return content.type === 'fill' ? { ...ZERO, blanks: content.answer.blanks.map(() => false) } : ZERO;
  switch (content.type) {
    case 'single':
      return response.type === 'single' && response.key === content.answer.key ? FULL : ZERO;
    case 'truefalse':
      return response.type === 'truefalse' && response.value === content.answer.value ? FULL : ZERO;
    case 'multiple': {
      if (response.type !== 'multiple') return ZERO;
      const chosen = new Set(response.keys);
      const right = new Set(content.answer.keys);
      if (chosen.size === 0 || [...chosen].some((k) => !right.has(k))) return ZERO;
      if (chosen.size === right.size) return FULL;
      return rules.multiple === 'partial' ? { credit: rules.partialCredit ?? 0.5, correct: false } : ZERO;
    }
    case 'fill': {
      if (response.type !== 'fill') return ZERO;
      const blanks = content.answer.blanks.map((b, i) => {
        const given = normaliseFillText(response.blanks[i] ?? '', b.caseSensitive);
        return given !== '' && b.accepted.some((a) => normaliseFillText(a, b.caseSensitive) === given);
      });
      const right = blanks.filter(Boolean).length;
      const all = right === blanks.length;
      const credit = rules.fill === 'all_or_nothing' ? (all ? 1 : 0) : right / blanks.length;
      return { credit, correct: all, blanks };
    }
  }
}
