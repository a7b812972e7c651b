/** Pure helpers of the practice page (unit-tested in logic.test.ts). */
import { OPTION_KEYS, type OptionKey } from '../../../../common/bank';
import type { PracticeFeedback, PracticeQuestion, PracticeResponse } from '../../../../common/practice';

/** A local, possibly incomplete answer. */
export type Draft = PracticeResponse | null;

/** Toggles an option in a 多选 answer, keeping the letters in order. */
export function toggleKey(keys: readonly OptionKey[], key: OptionKey): OptionKey[] {
  const next = keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
  return next.sort((a, b) => OPTION_KEYS.indexOf(a) - OPTION_KEYS.indexOf(b));
}

/** Sets blank i (0-based) of a 填空 answer. */
export function setBlank(draft: Draft, blankCount: number, i: number, value: string): PracticeResponse {
  const blanks = Array.from({ length: Math.max(blankCount, i + 1) }, (_, j) => (draft?.type === 'fill' ? (draft.blanks[j] ?? '') : ''));
  blanks[i] = value;
  return { type: 'fill', blanks };
}

/** Whether the draft can be submitted: a choice made, or at least one blank filled. */
export function canSubmit(q: PracticeQuestion, draft: Draft): boolean {
  if (!draft || draft.type !== q.type) return false;
  switch (draft.type) {
    case 'single':
      return true;
    case 'multiple':
      return draft.keys.length > 0;
    case 'truefalse':
      return typeof draft.value === 'boolean';
    case 'fill':
      return draft.blanks.some((b) => b.trim() !== '');
  }
}

export type OptionMark = 'right' | 'wrong' | 'missed' | null;

/**
 * How an option looks after answering: chosen and right → right; chosen but not in the key →
 * wrong; in the key but not chosen → missed; anything else unmarked.
 */
export function optionMark(label: OptionKey, feedback: PracticeFeedback | null): OptionMark {
  if (!feedback) return null;
  const key = feedback.key.keys ?? [];
  const r = feedback.response;
  const chosen = r.type === 'single' ? r.key === label : r.type === 'multiple' ? r.keys.includes(label) : false;
  if (chosen) return key.includes(label) ? 'right' : 'wrong';
  return key.includes(label) ? 'missed' : null;
}

export function truefalseMark(value: boolean, feedback: PracticeFeedback | null): OptionMark {
  if (!feedback || feedback.response.type !== 'truefalse') return null;
  const chosen = feedback.response.value === value;
  const right = feedback.key.value === value;
  if (chosen) return right ? 'right' : 'wrong';
  return right ? 'missed' : null;
}

/** The first question without an answer (the end when all are answered). */
export function firstOpen(feedback: readonly (PracticeFeedback | null)[]): number {
  const i = feedback.findIndex((f) => f === null);
  return i < 0 ? Math.max(0, feedback.length - 1) : i;
}

/** 0.853 → "85%"; null → "—" */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
