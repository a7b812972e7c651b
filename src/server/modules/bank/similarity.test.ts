import { describe, expect, it } from 'vitest';
import { SimilarityIndex, jaccard, shingles, similarity, similarityLevel, similarityText } from './similarity';

const opts = (...xs: string[]) => xs.map((html) => ({ html }));

const original = {
  stem: '<p>根据《中华人民共和国民法典》规定，夫妻一方要求离婚的，可以由有关组织进行调解或者直接向哪个机关提起离婚诉讼？</p>',
  options: opts('人民法院', '人民检察院', '公安机关', '民政部门'),
};
const shuffled = { stem: original.stem, options: opts('民政部门', '公安机关', '人民法院', '人民检察院') };
const oneWord = {
  stem: '<p>依照《中华人民共和国民法典》规定，夫妻一方要求离婚的，可以由有关组织进行调解或者直接向哪个机关提起离婚诉讼？</p>',
  options: original.options,
};
const formatted = {
  stem: '根据《中华人民共和国民法典》规定，夫妻一方要求离婚的，可以由<b>有关组织</b>进行调解，或者直接向哪个机关提起离婚诉讼?',
  options: opts('人民法院。', '人民检察院', '公安机关', '民政部门'),
};
const otherArticle = {
  stem: '<p>根据《中华人民共和国民法典》规定，自然人的民事权利能力一律平等，那么民事权利能力从何时开始？</p>',
  options: opts('出生时', '满十八周岁时', '满十六周岁时', '登记户口时'),
};
const otherSubject = {
  stem: '<p>行政机关作出责令停产停业的行政处罚决定之前，应当告知当事人有要求举行听证的权利吗？</p>',
  options: opts('应当告知', '可以不告知', '视情况而定', '无须告知'),
};

describe('similarity', () => {
  it('reordered options are a duplicate (identical text)', () => {
    expect(similarity(original, shuffled)).toBe(1);
    expect(similarityLevel(similarity(original, shuffled))).toBe('duplicate');
  });
  it('one word changed is a duplicate', () => {
    const s = similarity(original, oneWord);
    expect(s).toBeGreaterThanOrEqual(0.8);
    expect(s).toBeLessThan(1);
  });
  it('punctuation, width and formatting do not matter', () => {
    expect(similarity(original, formatted)).toBe(1);
    expect(similarityText({ stem: 'ＡＢＣ，１２３' })).toBe(similarityText({ stem: '<i>abc</i>123' }));
  });
  it('a different article of the same law or a different subject is not similar', () => {
    expect(similarityLevel(similarity(original, otherArticle))).toBeNull();
    expect(similarity(original, otherArticle)).toBeLessThan(0.4);
    expect(similarity(original, otherSubject)).toBeLessThan(0.1);
  });
  it('a true/false statement rewritten a little more is "similar", not duplicate', () => {
    const a = { stem: '民事主体从事民事活动，应当遵循自愿原则，按照自己的意思设立、变更、终止民事法律关系。' };
    const b = { stem: '民事主体从事民事活动，应当遵循公平原则，按照自己的意愿设立、变更民事法律关系。' };
    expect(similarityLevel(similarity(a, b))).toBe('similar');
  });
  it('jaccard on sorted arrays', () => {
    expect(jaccard(Uint32Array.from([1, 2, 3]), Uint32Array.from([2, 3, 4]))).toBe(0.5);
    expect(jaccard(shingles('abc'), shingles('abc'))).toBe(1);
  });
});

describe('SimilarityIndex', () => {
  it('finds the duplicates among many questions and ranks them', () => {
    const index = new SimilarityIndex<number>();
    index.add(1, original);
    index.add(2, otherArticle);
    index.add(3, otherSubject);
    for (let i = 0; i < 500; i++) index.add(100 + i, { stem: `第${i}号随机题：某某单位第${i * 7}次会议讨论事项${i % 13}是否符合规定`, options: opts(`甲${i}`, `乙${i}`) });
    const hits = index.query(shuffled);
    expect(hits[0]).toEqual({ id: 1, score: 1, level: 'duplicate' });
    expect(hits.map((h) => h.id)).not.toContain(2);
    expect(index.query(oneWord).map((h) => h.id)).toEqual([1]);
    expect(index.query(otherSubject)[0].id).toBe(3);
  });
});
