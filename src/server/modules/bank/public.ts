/**
 * The only shape of a question that may be sent to an examinee's browser before their attempt
 * is submitted. It is built field by field from an allow-list (never by copying the version
 * and deleting fields), so a field added to the model later stays server-side by default.
 *
 * Left out on purpose: the answer, 解析, legal basis, rubric and reference answer, difficulty,
 * knowledge points, category, ranks, year, source and any statistics.
 */
import { blankNumbers, OPTION_KEYS, type OptionKey, type QuestionContent, type QuestionType } from '../../../common/bank';

export interface PublicOption {
  /** the letter shown to this examinee (A, B, … in the paper's frozen order) */
  label: OptionKey;
  html: string;
}

export interface PublicQuestion {
  /** the question version's id as the paper refers to it */
  id: number;
  type: QuestionType;
  stem: string;
  /** single/multiple only */
  options?: PublicOption[];
  /** fill only: the stem holds markers {{1}}…{{blankCount}} */
  blankCount?: number;
}

export interface VersionForExam {
  id: number;
  content: QuestionContent;
}

/**
 * optionOrder: the question's original option keys in the order this paper shows them (frozen
 * when the paper is drawn), e.g. ['C','A','D','B'] shows original C as "A". Omitted: original order.
 */
export function toPublicQuestion(version: VersionForExam, opts: { optionOrder?: readonly OptionKey[] } = {}): PublicQuestion {
  const c = version.content;
  const q: PublicQuestion = { id: version.id, type: c.type, stem: c.stem };
  if (c.type === 'single' || c.type === 'multiple') {
    const order = checkOptionOrder(c.options.map((o) => o.key), opts.optionOrder);
    const byKey = new Map(c.options.map((o) => [o.key, o.html]));
    q.options = order.map((key, i) => ({ label: OPTION_KEYS[i], html: byKey.get(key)! }));
  } else if (c.type === 'fill') {
    q.blankCount = blankNumbers(c.stem).length;
  }
  return q;
}

function checkOptionOrder(keys: OptionKey[], order: readonly OptionKey[] | undefined): readonly OptionKey[] {
  if (!order) return keys;
  const ok = order.length === keys.length && new Set(order).size === order.length && order.every((k) => keys.includes(k));
  if (!ok) throw new Error(`optionOrder ${order.join('')} is not a permutation of the options ${keys.join('')}`);
  return order;
}

/** Server-side: a displayed letter → the original option key (undefined for a letter not shown). */
export function displayedToOriginal(label: string, optionOrder: readonly OptionKey[]): OptionKey | undefined {
  const i = OPTION_KEYS.indexOf(label as OptionKey);
  return i >= 0 ? optionOrder[i] : undefined;
}

/** Server-side: original option key → the letter this examinee saw (for review pages). */
export function originalToDisplayed(key: OptionKey, optionOrder: readonly OptionKey[]): OptionKey | undefined {
  const i = optionOrder.indexOf(key);
  return i >= 0 ? OPTION_KEYS[i] : undefined;
}

/**
 * A random permutation of the option keys (Fisher–Yates) from a random source in [0, 1) — the
 * exam engine passes a seeded one so the drawn paper can be reproduced.
 */
export function shuffledOptionOrder(keys: readonly OptionKey[], random: () => number): OptionKey[] {
  const out = [...keys];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
