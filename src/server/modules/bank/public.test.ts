import { describe, expect, it } from 'vitest';
import { questionContentSchema, type QuestionContent, type QuestionContentInput } from '../../../common/bank';
import { displayedToOriginal, originalToDisplayed, shuffledOptionOrder, toPublicQuestion } from './public';

const secretBits = {
  explanationHtml: '<p>解析秘密：参见第一千零七十九条</p>',
  legalBasis: [{ articleId: 1079, lawTitle: '依据法名秘密', articleLabel: '第一千零七十九条' }],
  knowledgePoints: ['知识点秘密'],
  categoryPath: ['分类秘密'],
  suitableRanks: ['县处级' as const],
  yearAdded: 2026,
  source: '来源秘密',
  difficulty: 4,
};

const inputs: QuestionContentInput[] = [
  {
    type: 'single',
    stem: '<p>调解离婚由谁进行？</p>',
    options: [
      { key: 'A', html: '有关组织' },
      { key: 'B', html: '公安机关' },
      { key: 'C', html: '检察院' },
      { key: 'D', html: '税务局' },
    ],
    answer: { key: 'A' },
    ...secretBits,
  },
  {
    type: 'multiple',
    stem: '<p>下列哪些属于基本原则？</p>',
    options: [
      { key: 'A', html: '平等' },
      { key: 'B', html: '自愿' },
      { key: 'C', html: '垄断' },
    ],
    answer: { keys: ['A', 'B'] },
    ...secretBits,
  },
  { type: 'truefalse', stem: '<p>民法典自2021年1月1日起施行。</p>', answer: { value: true }, ...secretBits },
  {
    type: 'fill',
    stem: '<p>离婚冷静期为{{1}}日，届满后{{2}}日内申请发证。</p>',
    answer: { blanks: [{ accepted: ['三十甲', '30甲'] }, { accepted: ['卅乙'] }] },
    ...secretBits,
  },
  {
    type: 'essay',
    stem: '<p>简述离婚冷静期制度。</p>',
    answer: { referenceHtml: '<p>参考答案秘密</p>', rubric: [{ point: '评分要点秘密', score: 5 }] },
    ...secretBits,
  },
];
const versions = inputs.map((c, i) => ({ id: 100 + i, content: questionContentSchema.parse(c) as QuestionContent }));

/** Every string the examinee must not see, for one question. */
function secrets(c: QuestionContent): string[] {
  const s = ['解析秘密', '依据法名秘密', '知识点秘密', '分类秘密', '来源秘密', '县处级', '2026', '1079', 'difficulty', 'answer', 'explanation', 'legalBasis'];
  if (c.type === 'fill') s.push(...c.answer.blanks.flatMap((b) => b.accepted));
  if (c.type === 'essay') s.push('参考答案秘密', '评分要点秘密', 'rubric', 'reference');
  if (c.type === 'truefalse') s.push(':true', ':false', 'value');
  if (c.type === 'multiple' || c.type === 'single') s.push('"key', 'keys', 'correct');
  return s;
}

describe('toPublicQuestion', () => {
  it.each(versions.map((v) => [v.content.type, v] as const))('%s: the JSON an examinee receives holds no part of the key', (_t, v) => {
    const json = JSON.stringify(toPublicQuestion(v, v.content.type === 'single' ? { optionOrder: ['C', 'A', 'D', 'B'] } : {}));
    for (const s of secrets(v.content)) expect(json, `${s} leaked: ${json}`).not.toContain(s);
    expect(json).toContain(v.content.stem);
  });

  it('has exactly the allowed fields', () => {
    for (const v of versions) {
      const keys = Object.keys(toPublicQuestion(v)).sort();
      expect(['blankCount', 'id', 'options', 'stem', 'type']).toEqual(expect.arrayContaining(keys));
    }
    expect(toPublicQuestion(versions[3]).blankCount).toBe(2);
  });

  it('shows options in the frozen order, relabelled A.., and maps them back server-side', () => {
    const order = ['C', 'A', 'D', 'B'] as const;
    const q = toPublicQuestion(versions[0], { optionOrder: order });
    expect(q.options).toEqual([
      { label: 'A', html: '检察院' },
      { label: 'B', html: '有关组织' },
      { label: 'C', html: '税务局' },
      { label: 'D', html: '公安机关' },
    ]);
    // the correct option (original A) is shown as B
    expect(originalToDisplayed('A', order)).toBe('B');
    expect(displayedToOriginal('B', order)).toBe('A');
    expect(displayedToOriginal('E', order)).toBeUndefined();
  });

  it('refuses an option order that is not a permutation of the options', () => {
    expect(() => toPublicQuestion(versions[0], { optionOrder: ['A', 'B', 'C'] })).toThrow(/permutation/);
    expect(() => toPublicQuestion(versions[0], { optionOrder: ['A', 'A', 'B', 'C'] })).toThrow(/permutation/);
    expect(() => toPublicQuestion(versions[0], { optionOrder: ['A', 'B', 'C', 'E'] })).toThrow(/permutation/);
  });

  it('shuffledOptionOrder is a permutation and reproducible from the same random source', () => {
    const seeded = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const a = shuffledOptionOrder(['A', 'B', 'C', 'D', 'E'], seeded(7));
    expect([...a].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(shuffledOptionOrder(['A', 'B', 'C', 'D', 'E'], seeded(7))).toEqual(a);
  });
});
