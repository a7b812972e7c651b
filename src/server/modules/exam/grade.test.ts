import { describe, expect, it } from 'vitest';
import { OPTION_KEYS, questionContentSchema, type QuestionContent, type QuestionResponse } from '../../../common/bank';
import type { PaperItem } from '../../../common/exam';
import { gradeItem, gradePaper, totalOf } from './grade';

const single = questionContentSchema.parse({
  type: 'single',
  stem: '单选',
  difficulty: 2,
  options: OPTION_KEYS.slice(0, 4).map((key) => ({ key, html: `选项${key}` })),
  answer: { key: 'C' },
});
const multiple = questionContentSchema.parse({
  type: 'multiple',
  stem: '多选',
  difficulty: 3,
  options: OPTION_KEYS.slice(0, 5).map((key) => ({ key, html: `选项${key}` })),
  answer: { keys: ['A', 'C', 'D'] },
});
const tf = questionContentSchema.parse({ type: 'truefalse', stem: '判断', difficulty: 1, answer: { value: true } });
const fill = questionContentSchema.parse({
  type: 'fill',
  stem: '{{1}}日内向{{2}}申请',
  difficulty: 2,
  answer: { blanks: [{ accepted: ['三十', '30'] }, { accepted: ['民政部门'] }] },
});
const essay = questionContentSchema.parse({
  type: 'essay',
  stem: '简述',
  difficulty: 4,
  answer: { referenceHtml: '<p>参考</p>' },
});

const contents = new Map<number, QuestionContent>([
  [11, single],
  [12, multiple],
  [13, tf],
  [14, fill],
  [15, essay],
]);
const items: PaperItem[] = [
  { questionId: 1, versionId: 11, type: 'single', points: 2 },
  { questionId: 2, versionId: 12, type: 'multiple', points: 4 },
  { questionId: 3, versionId: 13, type: 'truefalse', points: 1 },
  { questionId: 4, versionId: 14, type: 'fill', points: 3 },
  { questionId: 5, versionId: 15, type: 'essay', points: 10 },
];
const responses = (r: Record<number, QuestionResponse | null>) => new Map(Object.entries(r).map(([k, v]) => [Number(k), v]));

describe('gradeItem', () => {
  it('grades objective items and leaves essays to people', () => {
    expect(gradeItem(single, { type: 'single', key: 'C' })).toBe(1);
    expect(gradeItem(single, { type: 'single', key: 'A' })).toBe(0);
    expect(gradeItem(single, { type: 'truefalse', value: true })).toBe(0);
    expect(gradeItem(multiple, { type: 'multiple', keys: ['A', 'C'] }, { multiple: 'partial', partialCredit: 0.5 })).toBe(0.5);
    expect(gradeItem(multiple, { type: 'multiple', keys: ['A', 'C'] }, { multiple: 'all_or_nothing' })).toBe(0);
    expect(gradeItem(essay, { type: 'essay', text: '答' })).toBeNull();
  });
});

describe('gradePaper', () => {
  it('a perfect paper with graded essay scores full marks', () => {
    const g = gradePaper(
      items,
      contents,
      responses({
        0: { type: 'single', key: 'C' },
        1: { type: 'multiple', keys: ['D', 'A', 'C'] },
        2: { type: 'truefalse', value: true },
        3: { type: 'fill', blanks: ['３０', ' 民政 部门 '] },
        4: { type: 'essay', text: '我的回答' },
      }),
      { gradersPerEssay: 1 },
      new Map([[4, [10]]]),
    );
    expect(g.map((x) => x.score)).toEqual([2, 4, 1, 3, 10]);
    expect(totalOf(g)).toEqual({ score: 20, pending: false });
  });

  it('unanswered positions score 0; an answered essay without grades is pending', () => {
    const g = gradePaper(items, contents, responses({ 4: { type: 'essay', text: '有内容' } }), {});
    expect(g.slice(0, 4).map((x) => x.score)).toEqual([0, 0, 0, 0]);
    expect(g[4]).toEqual({ credit: null, score: null, pending: true });
    expect(totalOf(g)).toEqual({ score: 0, pending: true });
  });

  it('a blank essay scores 0 without waiting for a grader', () => {
    const g = gradePaper(items, contents, responses({ 4: { type: 'essay', text: '   ' } }), {});
    expect(g[4]).toEqual({ credit: 0, score: 0, pending: false });
  });

  it('partial credit for multiple and per-blank fill give fractional scores', () => {
    const r = responses({ 1: { type: 'multiple', keys: ['A'] }, 3: { type: 'fill', blanks: ['30', '公安局'] } });
    const partial = gradePaper(items, contents, r, { multiple: 'partial', partialCredit: 0.5, fill: 'per_blank' });
    expect(partial[1].score).toBe(2);
    expect(partial[3]).toMatchObject({ credit: 0.5, score: 1.5 });
    const strict = gradePaper(items, contents, r, { multiple: 'all_or_nothing', fill: 'all_or_nothing' });
    expect(strict[1].score).toBe(0);
    expect(strict[3].score).toBe(0);
    // a wrong choice among the right ones scores nothing even under 'partial'
    const wrong = gradePaper(items, contents, responses({ 1: { type: 'multiple', keys: ['A', 'B'] } }), { multiple: 'partial' });
    expect(wrong[1].score).toBe(0);
  });

  it('two graders: pending until both graded, then their mean, capped at the points', () => {
    const r = responses({ 4: { type: 'essay', text: '答' } });
    expect(gradePaper(items, contents, r, { gradersPerEssay: 2 }, new Map([[4, [8]]]))[4].pending).toBe(true);
    expect(gradePaper(items, contents, r, { gradersPerEssay: 2 }, new Map([[4, [8, 7]]]))[4]).toEqual({ credit: 0.75, score: 7.5, pending: false });
    expect(gradePaper(items, contents, r, { gradersPerEssay: 1 }, new Map([[4, [12]]]))[4].score).toBe(10);
  });

  it('one third of a blank rounds to 2 decimals', () => {
    const three = questionContentSchema.parse({
      type: 'fill',
      stem: '{{1}}{{2}}{{3}}',
      difficulty: 1,
      answer: { blanks: [{ accepted: ['a'] }, { accepted: ['b'] }, { accepted: ['c'] }] },
    });
    const g = gradePaper([{ questionId: 9, versionId: 99, type: 'fill', points: 1 }], new Map([[99, three]]), responses({ 0: { type: 'fill', blanks: ['a', 'x', 'y'] } }), {});
    expect(g[0].score).toBe(0.33);
  });
});
