/**
 * The draw: per attempt, a seeded random pick honouring quota minimums first, then the rest of
 * each section, preferring less-exposed questions (a small tournament: of a few random eligible
 * candidates the least-exposed wins, so exposure stays even without scanning the bank); then
 * local-search swaps within a section (keeping quotas, enemies and the exposure cap) until the
 * paper's expected score and mean difficulty are inside their tolerances. A few retries with
 * derived seeds; otherwise the problems say which constraint could not be met.
 */
import { QUESTION_TYPE_ZH } from '../../../common/bank';
import { seededRandom, type Blueprint, type PaperItem } from '../../../common/exam';
import { shuffledOptionOrder } from '../bank/public';
import type { DrawContext, DrawResult, PoolItem } from './assemble';
import { conditionText, facilityAt, prepareDraw, quotaLabel, rankView, type Prepared, type RankView } from './assemble-prepare';

/** Candidates compared per pick (the least exposed wins). */
const TOURNAMENT = 3;
/** Candidates looked at per local-search step. */
const SWAP_CANDIDATES = 12;
/** Whole draws tried (each with a seed derived from the caller's) before giving up. */
const ATTEMPTS = 4;
/** Aim slightly inside the tolerances so rounding never tips a paper over. */
const AIM = 0.98;

/**
 * The expected score every paper of the exam is steered to. With a difficulty target: Σ points ×
 * count × facility interpolated at the target (DIFFICULTY_FACILITY) — a paper whose mean
 * difficulty is the target has about this expected score, so both constraints can hold at once.
 * Without one: Σ over sections of points × count × the mean facility of the section's eligible
 * items (type, ignoring rank) — what a uniformly random paper scores on average, so the swaps
 * needed are few and exposure stays even.
 */
export function targetExpectedScore(pool: readonly PoolItem[], blueprint: Blueprint): number {
  if (blueprint.difficulty) {
    const f = facilityAt(blueprint.difficulty.target);
    return blueprint.sections.reduce((s, x) => s + x.points * x.count * f, 0);
  }
  let total = 0;
  for (const s of blueprint.sections) {
    let sum = 0;
    let n = 0;
    for (const it of pool) {
      if (it.type !== s.type) continue;
      sum += it.facility;
      n++;
    }
    total += s.points * s.count * (n ? sum / n : facilityAt(3));
  }
  return total;
}

/** How many papers may contain one question: floor(cap × planned), at least 1; Infinity without a cap. */
export function exposureLimit(cap: number | null, plannedPapers: number): number {
  return cap === null ? Infinity : Math.max(1, Math.floor(cap * plannedPapers + 1e-9));
}

export function drawPaper(pool: readonly PoolItem[], blueprint: Blueprint, seed: number, ctx: DrawContext): DrawResult {
  const p = prepareDraw(pool, blueprint);
  const view = rankView(p, ctx.rank);
  let problems: string[] = [];
  for (let a = 0; a < ATTEMPTS; a++) {
    const rng = seededRandom((seed + Math.imul(a, 0x9e3779b9)) >>> 0);
    const r = drawOnce(p, view, rng, ctx);
    if ('problem' in r) {
      problems = [r.problem];
      // a shortage of candidates is not luck: retrying will not help
      if (r.final) break;
      continue;
    }
    return { ok: true, items: toPaperItems(p, r.picked, rng), expectedScore: r.score, meanDifficulty: r.meanDifficulty };
  }
  return { ok: false, problems };
}

function toPaperItems(p: Prepared, picked: number[][], rng: () => number): PaperItem[] {
  const bp = p.blueprint;
  const out: PaperItem[] = [];
  bp.sections.forEach((s, si) => {
    const list = picked[si];
    if (bp.shuffleQuestions) {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
    } else list.sort((x, y) => p.questionId[x] - p.questionId[y]);
    for (const i of list) {
      const it = p.pool[i];
      const item: PaperItem = { questionId: it.questionId, versionId: it.versionId, type: it.type, points: s.points };
      if (it.type === 'single' || it.type === 'multiple') {
        const keys = it.optionKeys ?? [];
        item.optionOrder = bp.shuffleOptions ? shuffledOptionOrder(keys, rng) : [...keys];
      }
      out.push(item);
    }
  });
  return out;
}

type Once = { picked: number[][]; score: number; meanDifficulty: number } | { problem: string; final: boolean };

function drawOnce(p: Prepared, view: RankView, rng: () => number, ctx: DrawContext): Once {
  const bp = p.blueprint;
  const { mark, enemyUsed, questionId: qid, itemQuotas, itemEnemies, quotaMin, quotaMax } = p;
  const limit = exposureLimit(bp.exposureCap, ctx.plannedPapers);
  const exposureOf = (i: number) => ctx.exposure.get(qid[i]) ?? 0;
  const picked: number[][] = bp.sections.map(() => []);
  const qCount = new Int32Array(bp.quotas.length);
  const all: number[] = [];
  try {
    /** may this item join the paper now (ignoring which section has room)? */
    const allowed = (i: number): boolean => {
      if (mark[i] || ctx.excludeQuestionIds.has(qid[i]) || exposureOf(i) >= limit) return false;
      const gs = itemEnemies[i];
      if (gs) for (const g of gs) if (enemyUsed[g]) return false;
      const qs = itemQuotas[i];
      if (qs) for (const q of qs) if (qCount[q] >= quotaMax[q]) return false;
      return true;
    };
    const add = (i: number, si: number) => {
      mark[i] = 1;
      all.push(i);
      picked[si].push(i);
      const gs = itemEnemies[i];
      if (gs) for (const g of gs) enemyUsed[g] = 1;
      const qs = itemQuotas[i];
      if (qs) for (const q of qs) qCount[q]++;
    };
    /** the first section of the item's type that still has room, or -1 */
    const roomFor = (i: number): number => {
      for (const si of p.sectionsOfType.get(p.pool[i].type) ?? []) if (picked[si].length < bp.sections[si].count) return si;
      return -1;
    };
    /** tournament pick from a candidate list; falls back to a full scan when sampling keeps missing */
    const pick = (list: Int32Array, ok: (i: number) => boolean): number => {
      if (list.length === 0) return -1;
      let best = -1;
      let bestE = Infinity;
      let got = 0;
      for (let t = 0; t < 24 * TOURNAMENT && got < TOURNAMENT; t++) {
        const i = list[Math.floor(rng() * list.length)];
        if (!ok(i)) continue;
        got++;
        const e = exposureOf(i);
        if (e < bestE) {
          best = i;
          bestE = e;
        }
      }
      if (best >= 0) return best;
      let seen = 0;
      for (const i of list) {
        if (!ok(i)) continue;
        const e = exposureOf(i);
        if (e < bestE) {
          best = i;
          bestE = e;
          seen = 1;
        } else if (e === bestE && rng() * ++seen < 1) best = i;
      }
      return best;
    };

    // 1. quota minimums, tightest first (fewest candidates per missing question)
    const order = bp.quotas.map((_, q) => q).filter((q) => quotaMin[q] > 0);
    order.sort((a, b) => view.quotas[a].length / quotaMin[a] - view.quotas[b].length / quotaMin[b] || a - b);
    for (const q of order) {
      while (qCount[q] < quotaMin[q]) {
        const i = pick(view.quotas[q], (x) => allowed(x) && roomFor(x) >= 0);
        if (i < 0) {
          return {
            problem: `配额“${quotaLabel(bp.quotas[q])}”至少需要${quotaMin[q]}道题，只选出${qCount[q]}道：符合条件且未超曝光上限、未被排除的题目不足${conditionText(bp, ctx.rank)}`,
            final: false,
          };
        }
        add(i, roomFor(i));
      }
    }
    // 2. the rest of each section
    for (let si = 0; si < bp.sections.length; si++) {
      const s = bp.sections[si];
      while (picked[si].length < s.count) {
        const i = pick(view.sections[si], allowed);
        if (i < 0) {
          let usable = picked[si].length;
          for (const x of view.sections[si]) if (!mark[x] && !ctx.excludeQuestionIds.has(qid[x]) && exposureOf(x) < limit) usable++;
          return {
            problem: `${QUESTION_TYPE_ZH[s.type]}需要${s.count}道，符合条件${conditionText(bp, ctx.rank)}且未超曝光上限、未被排除的题目只有${usable}道${usable >= s.count ? '（其余受配额上限或互斥题限制）' : ''}`,
            final: usable < s.count,
          };
        }
        add(i, si);
      }
    }
    // 3. local search on expected score and mean difficulty
    const target = ctx.target;
    const tolS = (bp.fairnessTolerancePct / 200) * p.totalPoints;
    const dt = bp.difficulty;
    const n = p.totalCount;
    const pointsOf = bp.sections.map((s) => s.points);
    let score = 0;
    let diffSum = 0;
    bp.sections.forEach((_, si) => {
      for (const i of picked[si]) {
        score += pointsOf[si] * p.facility[i];
        diffSum += p.difficulty[i];
      }
    });
    const cost = (sc: number, ds: number): number => {
      let c = Math.max(0, Math.abs(sc - target) - tolS * AIM) / tolS;
      if (dt) c += Math.max(0, Math.abs(ds / n - dt.target) - dt.tolerance * AIM) / dt.tolerance;
      return c;
    };
    let cur = cost(score, diffSum);
    const maxSteps = 40 * n;
    for (let step = 0; cur > 0 && step < maxSteps; step++) {
      const si = Math.floor(rng() * bp.sections.length);
      const slot = Math.floor(rng() * picked[si].length);
      const out = picked[si][slot];
      // take `out` off the paper's counts (it stays marked, so it is not its own candidate)
      const outQ = itemQuotas[out];
      const outG = itemEnemies[out];
      if (outQ) for (const q of outQ) qCount[q]--;
      if (outG) for (const g of outG) enemyUsed[g] = 0;
      const w = pointsOf[si];
      const baseS = score - w * p.facility[out];
      const baseD = diffSum - p.difficulty[out];
      let best = -1;
      let bestC = cur;
      let bestE = Infinity;
      const list = view.sections[si];
      for (let t = 0; t < SWAP_CANDIDATES; t++) {
        const i = list[Math.floor(rng() * list.length)];
        if (!allowed(i)) continue;
        // quotas `out` was holding at their minimum must be held by the newcomer
        let keeps = true;
        if (outQ) {
          for (const q of outQ) {
            if (qCount[q] >= quotaMin[q]) continue;
            const iq = itemQuotas[i];
            if (!iq || !iq.includes(q)) {
              keeps = false;
              break;
            }
          }
        }
        if (!keeps) continue;
        const c = cost(baseS + w * p.facility[i], baseD + p.difficulty[i]);
        const e = exposureOf(i);
        if (c < bestC - 1e-12 || (best >= 0 && c <= bestC + 1e-12 && e < bestE)) {
          best = i;
          bestC = c;
          bestE = e;
        }
      }
      if (best < 0) {
        if (outQ) for (const q of outQ) qCount[q]++;
        if (outG) for (const g of outG) enemyUsed[g] = 1;
        continue;
      }
      mark[out] = 0;
      mark[best] = 1;
      all.push(best);
      picked[si][slot] = best;
      const bg = itemEnemies[best];
      if (bg) for (const g of bg) enemyUsed[g] = 1;
      const bq = itemQuotas[best];
      if (bq) for (const q of bq) qCount[q]++;
      score = baseS + w * p.facility[best];
      diffSum = baseD + p.difficulty[best];
      cur = bestC;
    }
    if (cur > 0) {
      const parts: string[] = [];
      if (Math.abs(score - target) > tolS * AIM)
        parts.push(`期望得分${score.toFixed(2)}未能调整到目标${target.toFixed(2)}±${tolS.toFixed(2)}（公平性容差${bp.fairnessTolerancePct}%）`);
      if (dt && Math.abs(diffSum / n - dt.target) > dt.tolerance * AIM)
        parts.push(`平均难度${(diffSum / n).toFixed(2)}未能调整到目标${dt.target}±${dt.tolerance}`);
      return { problem: `在配额、互斥题和曝光上限的限制下，${parts.join('；')}`, final: false };
    }
    return { picked, score, meanDifficulty: diffSum / n };
  } finally {
    for (const i of all) {
      mark[i] = 0;
      const gs = itemEnemies[i];
      if (gs) for (const g of gs) enemyUsed[g] = 0;
    }
  }
}
