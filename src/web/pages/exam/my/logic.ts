/** Pure helpers for the examinee pages: answer states, the answer card, grouping "my exams". */
import type { QuestionType } from '../../../../common/bank';
import type { AttemptItemView, DisplayedResponse, MyExamItem } from '../../../../common/exam';

export type AnswerState = 'empty' | 'partial' | 'done';

/** Whether a question is answered: a 填空 with some blanks left is 'partial'. */
export function answerState(response: DisplayedResponse | null, blankCount = 1): AnswerState {
  if (!response) return 'empty';
  switch (response.type) {
    case 'single':
      return response.key ? 'done' : 'empty';
    case 'multiple':
      return response.keys.length ? 'done' : 'empty';
    case 'truefalse':
      return response.value === null ? 'empty' : 'done';
    case 'essay':
      return response.text.trim() ? 'done' : 'empty';
    case 'fill': {
      const filled = response.blanks.filter((b) => b.trim()).length;
      if (filled === 0) return 'empty';
      return filled >= Math.max(1, blankCount) ? 'done' : 'partial';
    }
  }
}

/** Text answers are saved after a pause in typing; choices at once. */
export const isTextType = (t: QuestionType) => t === 'fill' || t === 'essay';

/** Toggling a letter of a 多选 keeps the letters in A…H order. */
export function toggleKey<K extends string>(keys: readonly K[], key: K): K[] {
  return keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key].sort();
}

/** A 填空 answer with blank i set, padded to blankCount. */
export function setBlank(prev: DisplayedResponse | null, blankCount: number, i: number, value: string): DisplayedResponse {
  const blanks = prev?.type === 'fill' ? [...prev.blanks] : [];
  while (blanks.length < blankCount) blanks.push('');
  blanks[i] = value;
  return { type: 'fill', blanks };
}

export interface CardEntry {
  position: number;
  no: number;
  state: AnswerState;
  flagged: boolean;
}

export interface LocalAnswer {
  response: DisplayedResponse | null;
  flagged: boolean;
}

export function cardEntries(items: readonly AttemptItemView[], answers: ReadonlyMap<number, LocalAnswer>): CardEntry[] {
  return items.map((it, i) => {
    const a = answers.get(it.position);
    return { position: it.position, no: i + 1, state: answerState(a?.response ?? null, it.question.blankCount ?? 1), flagged: a?.flagged ?? false };
  });
}

/** What the submit dialog lists: questions not (fully) answered and questions flagged for review. */
export function submitSummary(entries: readonly CardEntry[]) {
  return {
    answered: entries.filter((e) => e.state === 'done').length,
    unanswered: entries.filter((e) => e.state === 'empty').map((e) => e.no),
    partial: entries.filter((e) => e.state === 'partial').map((e) => e.no),
    flagged: entries.filter((e) => e.flagged).map((e) => e.no),
  };
}

/** Question numbers as a short list: 1、3、5–8. */
export function numberList(nos: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < nos.length; i++) {
    let j = i;
    while (j + 1 < nos.length && nos[j + 1] === nos[j] + 1) j++;
    out.push(j - i >= 2 ? `${nos[i]}–${nos[j]}` : nos.slice(i, j + 1).join('、'));
    i = j;
  }
  return out.join('、');
}

export type MyExamGroupKey = MyExamItem['state'];

export const MY_EXAM_GROUPS: { key: MyExamGroupKey; label: string }[] = [
  { key: 'in_progress', label: '进行中' },
  { key: 'open', label: '可参加' },
  { key: 'upcoming', label: '未开始' },
  { key: 'submitted', label: '已交卷' },
  { key: 'result', label: '成绩' },
  { key: 'missed', label: '已结束' },
];

/** My exams in the order a person acts on them; within a group, soonest closing (or opening) first. */
export function groupMyExams(items: readonly MyExamItem[]): { key: MyExamGroupKey; label: string; items: MyExamItem[] }[] {
  return MY_EXAM_GROUPS.map((g) => ({
    ...g,
    items: items
      .filter((i) => i.state === g.key)
      .sort((a, b) => (g.key === 'upcoming' ? a.opensAt.localeCompare(b.opensAt) : g.key === 'open' || g.key === 'in_progress' ? a.closesAt.localeCompare(b.closesAt) : b.closesAt.localeCompare(a.closesAt))),
  })).filter((g) => g.items.length > 0);
}

export const attemptsLeft = (e: Pick<MyExamItem, 'maxAttempts' | 'attemptsUsed'>) => Math.max(0, e.maxAttempts - e.attemptsUsed);

/** Another attempt may be started: attempts left and the window is open (the server decides in the end). */
export function canStartAgain(e: MyExamItem, now: number): boolean {
  return attemptsLeft(e) > 0 && Date.parse(e.opensAt) <= now && now < Date.parse(e.closesAt) && (e.state === 'submitted' || e.state === 'result');
}

/** "11月24日 09:00 – 11月30日 18:00" (the year only when not this year). */
export function formatWindow(opensAt: string, closesAt: string, now = new Date()): string {
  return `${formatDateTime(opensAt, now)} – ${formatDateTime(closesAt, now)}`;
}

export function formatDateTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  const md = `${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
  return d.getFullYear() === now.getFullYear() ? md : `${d.getFullYear()}年${md}`;
}

/**
 * What an examinee whose score is not visible is told about when it will be: "成绩将于 11月30日 18:00
 * 考试结束后公布" / "成绩待考评办统一发布" / "本场考试不公布成绩"; null for 'immediate' (nothing to wait for).
 */
export function resultsReleaseText(e: Pick<MyExamItem, 'resultsRelease' | 'resultsAt'>, now = new Date()): string | null {
  switch (e.resultsRelease) {
    case 'after_close':
      return e.resultsAt ? `成绩将于 ${formatDateTime(e.resultsAt, now)} 考试结束后公布` : '成绩将于考试结束后公布';
    case 'published':
      return '成绩待考评办统一发布';
    case 'never':
      return '本场考试不公布成绩';
    default:
      return null;
  }
}

/** 90分钟 / 2小时 / 1小时30分钟 */
export function formatMinutes(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (h === 0) return `${m}分钟`;
  return m ? `${h}小时${m}分钟` : `${h}小时`;
}

/** Scores print without a trailing .0 (87.5 stays). */
export const fmtScore = (n: number) => String(Math.round(n * 10) / 10);
