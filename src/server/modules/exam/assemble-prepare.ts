/**
 * What the draw precomputes once per (frozen pool, blueprint): typed arrays of each item's id,
 * facility and difficulty, which quotas and enemy groups each item belongs to, and per 职级 the
 * candidate lists of every section and quota. The service draws thousands of papers from the
 * same pool, so this is memoised per pool array (WeakMap) and blueprint (its JSON). The memo
 * holds only values derived from its inputs, so a draw never depends on call history.
 */
import { QUESTION_TYPE_ZH, type QuestionType } from '../../../common/bank';
import { DIFFICULTY_FACILITY, type Blueprint, type BlueprintQuota } from '../../../common/exam';
import type { PoolItem } from './assemble';

/** Candidate lists for one 职级 (or for everyone when the blueprint does not match ranks). */
export interface RankView {
  /** per section: pool indexes of its type, inside the difficulty window, suiting the rank */
  sections: Int32Array[];
  /** per quota: pool indexes matching it that some section could take (type, window, rank) */
  quotas: Int32Array[];
}

export interface Prepared {
  pool: readonly PoolItem[];
  blueprint: Blueprint;
  totalPoints: number;
  totalCount: number;
  questionId: Int32Array;
  facility: Float64Array;
  difficulty: Float64Array;
  /** per pool index: the quotas (indexes into blueprint.quotas) it counts towards, or null */
  itemQuotas: (Int32Array | null)[];
  /** per pool index: the enemy groups it belongs to, or null */
  itemEnemies: (Int32Array | null)[];
  quotaMin: Int32Array;
  /** Infinity = no max */
  quotaMax: Float64Array;
  /** per type: the sections of that type, in blueprint order */
  sectionsOfType: Map<QuestionType, number[]>;
  /** scratch for one draw (drawPaper is synchronous, so one buffer per prepared draw is safe) */
  mark: Uint8Array;
  enemyUsed: Uint8Array;
  byRank: Map<string, RankView>;
}

/** Expected facility at a (possibly fractional) 1–5 difficulty, interpolating DIFFICULTY_FACILITY. */
export function facilityAt(difficulty: number): number {
  const d = Math.min(5, Math.max(1, difficulty));
  const lo = Math.floor(d);
  const hi = Math.ceil(d);
  if (lo === hi) return DIFFICULTY_FACILITY[lo];
  return DIFFICULTY_FACILITY[lo] + (DIFFICULTY_FACILITY[hi] - DIFFICULTY_FACILITY[lo]) * (d - lo);
}

/** Does the item count towards the quota (kind/ref, and the quota's type restriction)? */
export function matchesQuota(item: PoolItem, q: BlueprintQuota): boolean {
  if (q.type && item.type !== q.type) return false;
  if (q.kind === 'category') return item.categoryIds.includes(Number(q.ref));
  if (q.kind === 'law') return item.lawIds.includes(Number(q.ref));
  return item.tags.includes(String(q.ref));
}

export function inDifficultyWindow(item: PoolItem, bp: Blueprint): boolean {
  return !bp.difficulty || (item.difficulty >= bp.difficulty.min && item.difficulty <= bp.difficulty.max);
}

export function suitsRank(item: PoolItem, bp: Blueprint, rank: string | null): boolean {
  return !bp.matchRank || item.ranks.length === 0 || (rank !== null && item.ranks.includes(rank));
}

export function quotaLabel(q: BlueprintQuota): string {
  if (q.label) return q.label;
  const kind = q.kind === 'category' ? '分类' : q.kind === 'law' ? '法律' : '知识点';
  return `${kind}${q.kind === 'tag' ? '“' + String(q.ref) + '”' : '#' + String(q.ref)}${q.type ? '（' + QUESTION_TYPE_ZH[q.type] + '）' : ''}`;
}

/** The condition every section's candidates meet, for messages: "难度1–3、适合职级“乡科级”". */
export function conditionText(bp: Blueprint, rank: string | null): string {
  const parts: string[] = [];
  if (bp.difficulty) parts.push(`难度${bp.difficulty.min}–${bp.difficulty.max}`);
  if (bp.matchRank) parts.push(rank ? `适合职级“${rank}”` : '不限职级的题目');
  return parts.length ? `（${parts.join('、')}）` : '';
}

const cache = new WeakMap<readonly PoolItem[], Map<string, Prepared>>();

/** The prepared draw for this pool and blueprint (memoised). */
export function prepareDraw(pool: readonly PoolItem[], blueprint: Blueprint): Prepared {
  let perPool = cache.get(pool);
  if (!perPool) {
    perPool = new Map();
    cache.set(pool, perPool);
  }
  const key = JSON.stringify(blueprint);
  let p = perPool.get(key);
  if (!p) {
    if (perPool.size >= 16) perPool.clear();
    p = build(pool, blueprint);
    perPool.set(key, p);
  }
  return p;
}

function build(pool: readonly PoolItem[], bp: Blueprint): Prepared {
  const n = pool.length;
  const questionId = new Int32Array(n);
  const facility = new Float64Array(n);
  const difficulty = new Float64Array(n);
  const itemQuotas: (Int32Array | null)[] = new Array(n).fill(null);
  const itemEnemies: (Int32Array | null)[] = new Array(n).fill(null);
  const indexOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const it = pool[i];
    questionId[i] = it.questionId;
    facility[i] = it.facility;
    difficulty[i] = it.difficulty;
    indexOf.set(it.questionId, i);
  }
  const sectionsOfType = new Map<QuestionType, number[]>();
  bp.sections.forEach((s, si) => sectionsOfType.set(s.type, [...(sectionsOfType.get(s.type) ?? []), si]));
  for (let i = 0; i < n; i++) {
    const it = pool[i];
    if (!sectionsOfType.has(it.type)) continue;
    const qs: number[] = [];
    bp.quotas.forEach((q, qi) => {
      if (matchesQuota(it, q)) qs.push(qi);
    });
    if (qs.length) itemQuotas[i] = Int32Array.from(qs);
  }
  const enemiesOf = new Map<number, number[]>();
  bp.enemies.forEach((group, g) => {
    for (const id of new Set(group)) {
      const i = indexOf.get(id);
      if (i !== undefined) enemiesOf.set(i, [...(enemiesOf.get(i) ?? []), g]);
    }
  });
  for (const [i, gs] of enemiesOf) itemEnemies[i] = Int32Array.from(gs);
  return {
    pool,
    blueprint: bp,
    totalPoints: bp.sections.reduce((s, x) => s + x.count * x.points, 0),
    totalCount: bp.sections.reduce((s, x) => s + x.count, 0),
    questionId,
    facility,
    difficulty,
    itemQuotas,
    itemEnemies,
    quotaMin: Int32Array.from(bp.quotas.map((q) => q.min)),
    quotaMax: Float64Array.from(bp.quotas.map((q) => (q.max === null ? Infinity : q.max))),
    sectionsOfType,
    mark: new Uint8Array(n),
    enemyUsed: new Uint8Array(bp.enemies.length),
    byRank: new Map(),
  };
}

/** Candidate lists for a rank (memoised inside the prepared draw). */
export function rankView(p: Prepared, rank: string | null): RankView {
  const key = p.blueprint.matchRank ? (rank ?? '\u0000') : '*';
  let v = p.byRank.get(key);
  if (v) return v;
  const bp = p.blueprint;
  const perType = new Map<QuestionType, number[]>();
  const perQuota: number[][] = bp.quotas.map(() => []);
  p.pool.forEach((it, i) => {
    if (!p.sectionsOfType.has(it.type) || !inDifficultyWindow(it, bp) || !suitsRank(it, bp, rank)) return;
    let list = perType.get(it.type);
    if (!list) perType.set(it.type, (list = []));
    list.push(i);
    const qs = p.itemQuotas[i];
    if (qs) for (const q of qs) perQuota[q].push(i);
  });
  v = {
    sections: bp.sections.map((s) => Int32Array.from(perType.get(s.type) ?? [])),
    quotas: perQuota.map((l) => Int32Array.from(l)),
  };
  p.byRank.set(key, v);
  return v;
}
