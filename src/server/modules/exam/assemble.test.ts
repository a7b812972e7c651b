import { describe, expect, it } from 'vitest';
import { blueprintSchema, type Blueprint, type BlueprintInput, type PaperItem } from '../../../common/exam';
import { checkBlueprint, checkPaper, drawPaper, exposureLimit, targetExpectedScore, type DrawContext, type PoolItem } from './assemble';
import { realisticBlueprint, syntheticPool } from './assemble-fixtures';

const ctxFor = (pool: readonly PoolItem[], bp: Blueprint, over: Partial<DrawContext> = {}): DrawContext => ({
  rank: null,
  excludeQuestionIds: new Set(),
  exposure: new Map(),
  plannedPapers: 1000,
  target: targetExpectedScore(pool, bp),
  ...over,
});

function mustDraw(pool: readonly PoolItem[], bp: Blueprint, seed: number, ctx: DrawContext): PaperItem[] {
  const r = drawPaper(pool, bp, seed, ctx);
  if (!r.ok) throw new Error(`draw failed: ${r.problems.join('；')}`);
  return r.items;
}

/** Draw `n` papers one after another, each seeing the exposure of the ones before (as the exam does). */
function drawSequence(pool: readonly PoolItem[], bp: Blueprint, n: number, over: Partial<DrawContext> = {}) {
  const exposure = new Map<number, number>();
  const papers: PaperItem[][] = [];
  const scores: number[] = [];
  const problems: string[][] = [];
  for (let k = 0; k < n; k++) {
    const ctx = ctxFor(pool, bp, { plannedPapers: n, exposure, ...over });
    const r = drawPaper(pool, bp, 1000 + k, ctx);
    if (!r.ok) throw new Error(`paper ${k} failed: ${r.problems.join('；')}`);
    problems.push(checkPaper(pool, bp, r.items, ctx));
    papers.push(r.items);
    scores.push(r.expectedScore);
    for (const it of r.items) exposure.set(it.questionId, (exposure.get(it.questionId) ?? 0) + 1);
  }
  return { papers, scores, problems, exposure };
}

/** Mean number of shared questions over all pairs of papers, from per-question exposure counts. */
const meanOverlap = (exposure: Map<number, number>, papers: number) =>
  [...exposure.values()].reduce((s, e) => s + (e * (e - 1)) / 2, 0) / ((papers * (papers - 1)) / 2);

const bpWith = (over: Partial<BlueprintInput>) => realisticBlueprint(over);

describe('drawPaper', () => {
  const pool = syntheticPool(4000, 7);
  const bp = realisticBlueprint();

  it('every paper over many seeds, pools and ranks passes every constraint of the checker', () => {
    const pools = [pool, syntheticPool(2500, 99), syntheticPool(6000, 3)];
    const blueprints = [bp, bpWith({ matchRank: true }), bpWith({ difficulty: null, fairnessTolerancePct: 0.5 }), bpWith({ shuffleOptions: false, shuffleQuestions: false })];
    for (const pl of pools)
      for (const b of blueprints)
        for (const rank of [null, '乡科级', '县处级'])
          for (let seed = 1; seed <= 12; seed++) {
            const ctx = ctxFor(pl, b, { rank });
            const items = mustDraw(pl, b, seed * 7919, ctx);
            expect(checkPaper(pl, b, items, ctx)).toEqual([]);
            expect(items.map((i) => i.type)).toEqual([...Array(25).fill('single'), ...Array(10).fill('multiple'), ...Array(10).fill('truefalse')]);
            expect(items.reduce((s, i) => s + i.points, 0)).toBe(100);
          }
  });

  it('the same seed gives the same paper; another seed a different one', () => {
    const ctx = ctxFor(pool, bp);
    const a = mustDraw(pool, bp, 42, ctx);
    expect(mustDraw(pool, bp, 42, ctxFor(pool, bp))).toEqual(a);
    // also after other draws have used (and memoised) the same prepared pool
    mustDraw(pool, bp, 43, ctx);
    expect(mustDraw(pool, bp, 42, ctx)).toEqual(a);
    const b = mustDraw(pool, bp, 4242, ctx);
    expect(b.map((i) => i.questionId)).not.toEqual(a.map((i) => i.questionId));
  });

  it('shuffles options per question when asked, and keeps the original order when not', () => {
    const items = mustDraw(pool, bp, 5, ctxFor(pool, bp));
    const choice = items.filter((i) => i.type === 'single' || i.type === 'multiple');
    expect(choice.every((i) => i.optionOrder && i.optionOrder.length >= 4)).toBe(true);
    expect(choice.filter((i) => i.optionOrder!.join('') !== 'ABCD' && i.optionOrder!.join('') !== 'ABCDE').length).toBeGreaterThan(20);
    expect(items.filter((i) => i.type === 'truefalse').every((i) => i.optionOrder === undefined)).toBe(true);

    const plain = bpWith({ shuffleOptions: false, shuffleQuestions: false });
    const fixed = mustDraw(pool, plain, 5, ctxFor(pool, plain));
    for (const i of fixed.filter((x) => x.optionOrder)) expect(['ABCD', 'ABCDE']).toContain(i.optionOrder!.join(''));
    const singles = fixed.slice(0, 25).map((i) => i.questionId);
    expect(singles).toEqual([...singles].sort((x, y) => x - y));
  });

  it('500 sequential papers: expected scores within the fairness tolerance, overlap near its floor, exposure under the cap', () => {
    const big = syntheticPool(20_000, 11);
    const b = bpWith({ exposureCap: 0.05 });
    const { scores, problems, exposure } = drawSequence(big, b, 500);
    expect(problems.every((p) => p.length === 0)).toBe(true);
    const spreadPct = Math.max(...scores) - Math.min(...scores); // 100 points: points = %
    expect(spreadPct).toBeLessThanOrEqual(b.fairnessTolerancePct);
    expect(Math.max(...exposure.values())).toBeLessThanOrEqual(exposureLimit(0.05, 500));
    // floor Σ k²/n over the sections' candidate counts
    const n = (t: string) => big.filter((x) => x.type === t).length;
    const floor = 25 ** 2 / n('single') + 10 ** 2 / n('multiple') + 10 ** 2 / n('truefalse');
    expect(meanOverlap(exposure, 500)).toBeLessThanOrEqual(1.3 * floor);
  });

  it('spreads a small bank evenly and never draws a question past its exposure cap', () => {
    const small = syntheticPool(300, 5);
    const b = bpWith({ quotas: [], exposureCap: 0.2, difficulty: null, fairnessTolerancePct: 2 });
    const papers = 150;
    const limit = exposureLimit(0.2, papers);
    const { problems, exposure } = drawSequence(small, b, papers);
    expect(problems.flat()).toEqual([]);
    expect(Math.max(...exposure.values())).toBeLessThanOrEqual(limit);
    // once every single-choice question is at the cap, the next paper is refused, saying why
    const full = new Map(small.map((x) => [x.questionId, x.type === 'single' ? limit : 0]));
    const r = drawPaper(small, b, 1, ctxFor(small, b, { exposure: full, plannedPapers: papers }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/^单选题需要25道，符合条件且未超曝光上限、未被排除的题目只有0道/);
  });

  it('draws only questions that suit the examinee’s rank, and none they saw recently', () => {
    const b = bpWith({ matchRank: true });
    const exclude = new Set(pool.filter((x) => x.questionId % 3 === 0).map((x) => x.questionId));
    for (let seed = 0; seed < 20; seed++) {
      const items = mustDraw(pool, b, seed, ctxFor(pool, b, { rank: '厅局级', excludeQuestionIds: exclude }));
      for (const it of items) {
        const q = pool.find((x) => x.questionId === it.questionId)!;
        expect(q.ranks.length === 0 || q.ranks.includes('厅局级')).toBe(true);
        expect(exclude.has(it.questionId)).toBe(false);
      }
    }
  });

  it('never puts two questions of an enemy group on one paper', () => {
    const small = syntheticPool(400, 8);
    const singles = small.filter((x) => x.type === 'single').map((x) => x.questionId);
    // groups of 6 covering 120 of the ~180 singles: a random paper would often hold two of one group
    const enemies = Array.from({ length: 20 }, (_, g) => singles.slice(g * 6, g * 6 + 6));
    const b = bpWith({ enemies, quotas: [], exposureCap: null });
    for (let seed = 0; seed < 60; seed++) {
      const ctx = ctxFor(small, b);
      const items = mustDraw(small, b, seed, ctx);
      expect(checkPaper(small, b, items, ctx)).toEqual([]);
      const on = new Set(items.map((i) => i.questionId));
      for (const g of enemies) expect(g.filter((id) => on.has(id)).length).toBeLessThanOrEqual(1);
    }
  });

  it('honours quota minimums and maximums even when the bank leans the other way', () => {
    // law 10 is the rarest law; ask for at least 6 of its questions and at most 3 of the commonest law
    const b = bpWith({
      quotas: [
        { kind: 'law', ref: 10, label: '稀有法', min: 6 },
        { kind: 'law', ref: 1, label: '常见法', max: 3 },
      ],
    });
    for (let seed = 0; seed < 30; seed++) {
      const ctx = ctxFor(pool, b);
      const items = mustDraw(pool, b, seed, ctx);
      const lawsOf = (id: number) => pool.find((x) => x.questionId === id)!.lawIds;
      expect(items.filter((i) => lawsOf(i.questionId).includes(10)).length).toBeGreaterThanOrEqual(6);
      expect(items.filter((i) => lawsOf(i.questionId).includes(1)).length).toBeLessThanOrEqual(3);
    }
  });

  it('fails with the constraint it could not meet', () => {
    const b = bpWith({ quotas: [{ kind: 'tag', ref: '不存在的知识点', label: '不存在的知识点', min: 1 }] });
    const r = drawPaper(pool, b, 1, ctxFor(pool, b));
    expect(r).toEqual({ ok: false, problems: [expect.stringContaining('配额“不存在的知识点”至少需要1道题，只选出0道')] });

    const easy = bpWith({ difficulty: { target: 3, tolerance: 0.3, min: 1, max: 5 } });
    const r2 = drawPaper(pool, easy, 1, ctxFor(pool, easy, { target: 95 }));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.problems[0]).toContain('期望得分');
  });
});

describe('targetExpectedScore', () => {
  const pool = syntheticPool(3000, 2);
  it('is the facility at the difficulty target times full marks', () => {
    expect(targetExpectedScore(pool, realisticBlueprint())).toBeCloseTo(65, 9);
    expect(targetExpectedScore(pool, bpWith({ difficulty: { target: 2.5, tolerance: 0.3, min: 1, max: 5 } }))).toBeCloseTo(72.5, 9);
  });
  it('without a difficulty target is what the bank’s eligible questions score on average', () => {
    const b = bpWith({ difficulty: null });
    const mean = (t: string) => pool.filter((x) => x.type === t).reduce((s, x, _, a) => s + x.facility / a.length, 0);
    expect(targetExpectedScore(pool, b)).toBeCloseTo(50 * mean('single') + 30 * mean('multiple') + 20 * mean('truefalse'), 9);
  });
});

describe('checkPaper catches a tampered paper', () => {
  const pool = syntheticPool(3000, 4);
  const bp = realisticBlueprint();
  const ctx = ctxFor(pool, bp);
  const paper = mustDraw(pool, bp, 77, ctx);
  const byId = new Map(pool.map((x) => [x.questionId, x]));
  const unused = (type: string, ok: (x: PoolItem) => boolean = () => true) =>
    pool.find((x) => x.type === type && !paper.some((p) => p.questionId === x.questionId) && ok(x))!;
  const asItem = (x: PoolItem, points: number): PaperItem => ({ questionId: x.questionId, versionId: x.versionId, type: x.type, points, ...(x.optionKeys ? { optionOrder: [...x.optionKeys] } : {}) });

  it('accepts the untouched paper', () => expect(checkPaper(pool, bp, paper, ctx)).toEqual([]));

  it('a duplicate question', () => {
    const t = paper.map((p) => ({ ...p }));
    t[1] = { ...t[0] };
    expect(checkPaper(pool, bp, t, ctx)).toContainEqual(expect.stringContaining(`第2题（题目#${t[0].questionId}）在试卷中重复出现`));
  });

  it('wrong points, wrong section order, a missing question', () => {
    const t = paper.map((p) => ({ ...p }));
    t[3].points = 3;
    expect(checkPaper(pool, bp, t, ctx)).toContain('第4题分值应为2分，实际3分');
    const swapped = [paper[30], ...paper.slice(1, 30), paper[0], ...paper.slice(31)];
    expect(checkPaper(pool, bp, swapped, ctx)).toContain('第1题应为单选题，实际为多选题');
    expect(checkPaper(pool, bp, paper.slice(1), ctx)).toContain('试卷应有45道题，实际44道');
  });

  it('an enemy pair', () => {
    const partner = unused('single', (x) => x.difficulty === byId.get(paper[0].questionId)!.difficulty);
    const withEnemies = bpWith({ enemies: [[paper[0].questionId, partner.questionId]] });
    const t = [...paper];
    const j = t.findIndex((p, k) => k > 0 && p.type === 'single' && byId.get(p.questionId)!.difficulty === partner.difficulty);
    t[j] = asItem(partner, 2);
    expect(checkPaper(pool, withEnemies, t, ctx)).toContainEqual(expect.stringContaining('互斥题组1中有2道题同时出现'));
  });

  it('a broken quota', () => {
    // replace every 宪法 (law 1) question by one of the same type and difficulty without it
    const t = paper.map((p) => {
      const q = byId.get(p.questionId)!;
      if (!q.lawIds.includes(1)) return p;
      return asItem(unused(q.type, (x) => !x.lawIds.includes(1) && x.difficulty === q.difficulty && !x.categoryIds.includes(5)), p.points);
    });
    expect(checkPaper(pool, bp, t, ctx)).toContainEqual(expect.stringMatching(/^配额1“宪法”至少8道，试卷中只有0道$/));
  });

  it('an excluded, over-exposed or unsuitable question, and a score off target', () => {
    const id = paper[0].questionId;
    expect(checkPaper(pool, bp, paper, { ...ctx, excludeQuestionIds: new Set([id]) })).toContainEqual(expect.stringContaining('近期考试中做过'));
    expect(checkPaper(pool, bp, paper, { ...ctx, exposure: new Map([[id, 300]]) })).toContainEqual(expect.stringContaining('达到曝光上限300份'));
    expect(checkPaper(pool, bp, paper, { ...ctx, target: ctx.target + 2 })).toContainEqual(expect.stringContaining('超过0.50分（公平性容差1%）'));
  });
});

describe('checkBlueprint', () => {
  const pool = syntheticPool(3000, 6);

  it('a feasible blueprint has no problems, for every rank on the roster', () => {
    expect(checkBlueprint(pool, bpWith({ matchRank: true }), { ranks: ['乡科级', '县处级', null], rosterSize: 200 })).toEqual([]);
  });

  it('too few questions of a type, naming the condition and the rank', () => {
    const b = blueprintSchema.parse({
      sections: [{ type: 'single', count: 25, points: 2 }],
      matchRank: true,
      difficulty: { target: 1.5, tolerance: 0.5, min: 1, max: 1 },
    });
    const few = pool.filter((x) => x.type === 'single' && x.difficulty === 1).slice(0, 12).map((x) => ({ ...x, ranks: ['乡科级'] }));
    const others = pool.filter((x) => x.type !== 'single');
    expect(checkBlueprint([...few, ...others], b, { ranks: ['乡科级'], rosterSize: 10 })).toContainEqual({
      path: 'sections.0.count',
      message: '单选题需要25道，题库中符合条件的启用单选题只有12道（难度1–1、适合职级“乡科级”）',
    });
  });

  it('an unreachable quota, difficulty target and exposure cap', () => {
    const quota = checkBlueprint(pool, bpWith({ quotas: [{ kind: 'law', ref: 10, label: '稀有法', type: 'truefalse', min: 11 }] }), { ranks: [], rosterSize: 10 });
    expect(quota).toContainEqual(expect.objectContaining({ path: 'quotas.0.min' }));

    const hard = checkBlueprint(pool, bpWith({ quotas: [], difficulty: { target: 4.5, tolerance: 0.2, min: 1, max: 3 } }), { ranks: [], rosterSize: 10 });
    expect(hard).toContainEqual({ path: 'difficulty.target', message: expect.stringMatching(/^目标难度4.5±0.2无法达到：.*平均难度只能在1\.\d\d–3\.00之间$/) });

    const singles = pool.filter((x) => x.type === 'single').length;
    const cap = checkBlueprint(pool, bpWith({ exposureCap: 0.01 }), { ranks: [], rosterSize: 1000 });
    expect(cap).toContainEqual({
      path: 'exposureCap',
      message: `曝光上限1%下每道题最多出现在10份试卷中：1000份试卷共需单选题25000题次，而${singles}道单选题最多提供${singles * 10}题次（难度1–5）`,
    });
  });

  it('quota minimums of one type that cannot fit its count', () => {
    const b = bpWith({
      quotas: [
        { kind: 'category', ref: 1, type: 'truefalse', min: 6 },
        { kind: 'category', ref: 2, type: 'truefalse', min: 6 },
      ],
    });
    expect(checkBlueprint(pool, b, { ranks: [], rosterSize: 10 })).toContainEqual({ path: 'quotas.1.min', message: '判断题各配额的最少题数合计12道，超过了判断题的题数10道' });
  });
});
