/**
 * A synthetic pool for tests and bench/assemble.ts: a realistic type mix (单选 45%, 多选 20%,
 * 判断 25%, 填空 5%, 简答 5%), difficulties 1–5 weighted towards 2–3, ~10 laws cited with a
 * skew (the big codes are cited most), a two-level category tree (5 roots × 4 children), 30
 * 知识点 tags, and about 15% of questions restricted to some 职级. Deterministic per seed.
 */
import type { OptionKey, QuestionType } from '../../../common/bank';
import { DIFFICULTY_FACILITY, seededRandom, type Blueprint, type BlueprintInput } from '../../../common/exam';
import { blueprintSchema } from '../../../common/exam';
import type { PoolItem } from './assemble';

const TYPE_MIX: [QuestionType, number][] = [
  ['single', 0.45],
  ['multiple', 0.2],
  ['truefalse', 0.25],
  ['fill', 0.05],
  ['essay', 0.05],
];
const DIFFICULTY_MIX: [number, number][] = [
  [1, 0.1],
  [2, 0.25],
  [3, 0.35],
  [4, 0.2],
  [5, 0.1],
];
/** law ids 1..10, cited with weights 10, 9, …, 1 */
export const SYNTHETIC_LAWS = 10;
/** category roots 1..5; children of root r are r*10+1 .. r*10+4 */
export const SYNTHETIC_CATEGORY_ROOTS = [1, 2, 3, 4, 5];
const RANK_SETS: string[][] = [['县处级', '乡科级'], ['乡科级', '一般干部'], ['厅局级', '县处级']];

function weighted<T>(rng: () => number, mix: [T, number][]): T {
  let r = rng();
  for (const [v, w] of mix) {
    if (r < w) return v;
    r -= w;
  }
  return mix[mix.length - 1][0];
}

export function syntheticPool(n: number, seed: number): PoolItem[] {
  const rng = seededRandom(seed);
  const lawMix: [number, number][] = Array.from({ length: SYNTHETIC_LAWS }, (_, i) => [i + 1, (SYNTHETIC_LAWS - i) / 55]);
  const out: PoolItem[] = [];
  for (let k = 0; k < n; k++) {
    const type = weighted(rng, TYPE_MIX);
    const difficulty = weighted(rng, DIFFICULTY_MIX);
    const root = SYNTHETIC_CATEGORY_ROOTS[Math.floor(rng() * SYNTHETIC_CATEGORY_ROOTS.length)];
    const child = root * 10 + 1 + Math.floor(rng() * 4);
    const laws = new Set([weighted(rng, lawMix)]);
    if (rng() < 0.3) laws.add(weighted(rng, lawMix));
    const tags = new Set([`知识点${1 + Math.floor(rng() * 30)}`]);
    if (rng() < 0.4) tags.add(`知识点${1 + Math.floor(rng() * 30)}`);
    const r = rng();
    const ranks = r < 0.15 ? RANK_SETS[Math.floor(rng() * RANK_SETS.length)] : [];
    let optionKeys: OptionKey[] | undefined;
    if (type === 'single') optionKeys = ['A', 'B', 'C', 'D'];
    if (type === 'multiple') optionKeys = rng() < 0.5 ? ['A', 'B', 'C', 'D'] : ['A', 'B', 'C', 'D', 'E'];
    out.push({
      questionId: k + 1,
      versionId: 500_000 + k + 1,
      type,
      difficulty,
      facility: DIFFICULTY_FACILITY[difficulty],
      categoryIds: [child, root],
      lawIds: [...laws],
      tags: [...tags],
      ranks,
      ...(optionKeys ? { optionKeys } : {}),
    });
  }
  return out;
}

/** The realistic annual-exam blueprint: 25 单选×2 + 10 多选×3 + 10 判断×2 = 100 points, 5 quotas, difficulty 3 ± 0.3. */
export function realisticBlueprint(overrides: Partial<BlueprintInput> = {}): Blueprint {
  return blueprintSchema.parse({
    sections: [
      { type: 'single', count: 25, points: 2 },
      { type: 'multiple', count: 10, points: 3 },
      { type: 'truefalse', count: 10, points: 2 },
    ],
    quotas: [
      { kind: 'law', ref: 1, label: '宪法', min: 8 },
      { kind: 'law', ref: 2, label: '民法典', min: 5, max: 15 },
      { kind: 'category', ref: 3, label: '行政法分类', min: 6 },
      { kind: 'category', ref: 5, label: '党内法规分类', max: 10 },
      { kind: 'tag', ref: '知识点7', label: '知识点7（单选）', type: 'single', min: 2 },
    ],
    difficulty: { target: 3, tolerance: 0.3 },
    fairnessTolerancePct: 1,
    exposureCap: 0.3,
    ...overrides,
  });
}
