/**
 * The publishing check: for every 职级 on the roster, can the bank meet the blueprint? Counts per
 * type, quota feasibility, the difficulty target's reachable range, the expected-score target,
 * the exposure cap — each problem names the blueprint field and what the bank has — and, when
 * none of those fails, a few trial draws (sequential, with exposure) to catch combinations.
 */
import { QUESTION_TYPE_ZH, type QuestionType } from '../../../common/bank';
import type { Blueprint } from '../../../common/exam';
import type { BlueprintProblem, PoolItem } from './assemble';
import { drawPaper, exposureLimit, targetExpectedScore } from './assemble-draw';
import { conditionText, prepareDraw, quotaLabel, rankView } from './assemble-prepare';

const TRIAL_PAPERS = 5;

/** Sum of the k smallest / largest values. */
function extremes(values: number[], k: number): [number, number] {
  const v = [...values].sort((a, b) => a - b);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < k && i < v.length; i++) {
    lo += v[i];
    hi += v[v.length - 1 - i];
  }
  return [lo, hi];
}

export function checkBlueprint(pool: readonly PoolItem[], blueprint: Blueprint, opts: { ranks: (string | null)[]; rosterSize: number }): BlueprintProblem[] {
  const bp = blueprint;
  const p = prepareDraw(pool, bp);
  const out: BlueprintProblem[] = [];
  const seen = new Set<string>();
  const push = (path: string, message: string) => {
    const key = path + '\u0000' + message;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path, message });
    }
  };
  const ranks: (string | null)[] = bp.matchRank ? (opts.ranks.length ? [...new Set(opts.ranks)] : [null]) : [null];
  const roster = Math.max(1, opts.rosterSize);
  const target = targetExpectedScore(pool, bp);
  const tolS = (bp.fairnessTolerancePct / 200) * p.totalPoints;

  if (bp.difficulty && bp.difficulty.min > bp.difficulty.max)
    push('difficulty.min', `最低难度${bp.difficulty.min}高于最高难度${bp.difficulty.max}`);

  for (const rank of ranks) {
    const view = rankView(p, rank);
    const cond = conditionText(bp, rank);
    const forRank = bp.matchRank && rank ? `（职级“${rank}”）` : '';
    let structural = false;
    const problem = (path: string, message: string) => {
      structural = true;
      push(path, message);
    };

    // counts per type (sections of one type share its candidates)
    const countOfType = new Map<QuestionType, number>();
    bp.sections.forEach((s) => countOfType.set(s.type, (countOfType.get(s.type) ?? 0) + s.count));
    const firstSection = new Map<QuestionType, number>();
    bp.sections.forEach((s, si) => {
      if (!firstSection.has(s.type)) firstSection.set(s.type, si);
    });
    for (const [type, need] of countOfType) {
      const si = firstSection.get(type)!;
      const have = view.sections[si].length;
      if (have < need) problem(`sections.${si}.count`, `${QUESTION_TYPE_ZH[type]}需要${need}道，题库中符合条件的启用${QUESTION_TYPE_ZH[type]}只有${have}道${cond}`);
      // exposure cap: every paper takes `need` of the `have`, each at most `limit` times
      if (bp.exposureCap !== null && have >= need) {
        const limit = exposureLimit(bp.exposureCap, roster);
        if (have * limit < need * roster)
          problem(
            'exposureCap',
            `曝光上限${Math.round(bp.exposureCap * 1000) / 10}%下每道题最多出现在${limit}份试卷中：${roster}份试卷共需${QUESTION_TYPE_ZH[type]}${need * roster}题次，而${have}道${QUESTION_TYPE_ZH[type]}最多提供${have * limit}题次${cond}`,
          );
      }
    }

    // quotas
    bp.quotas.forEach((q, qi) => {
      const label = quotaLabel(q);
      const cands = view.quotas[qi];
      const types = q.type ? [q.type] : [...countOfType.keys()];
      const room = types.reduce((s, t) => s + (countOfType.get(t) ?? 0), 0);
      if (q.min > cands.length) problem(`quotas.${qi}.min`, `配额“${label}”至少需要${q.min}道，题库中符合条件的题目只有${cands.length}道${cond}`);
      else if (q.min > room) problem(`quotas.${qi}.min`, `配额“${label}”至少需要${q.min}道，但试卷中可容纳的相应题型只有${room}道`);
      if (q.max !== null) {
        // questions the quota is forced to take: a type whose non-quota candidates cannot fill it
        let forced = 0;
        for (const t of types) {
          const si = firstSection.get(t);
          if (si === undefined) continue;
          const inQuota = new Set(Array.from(cands).filter((i) => pool[i].type === t));
          const others = view.sections[si].length - inQuota.size;
          forced += Math.max(0, (countOfType.get(t) ?? 0) - others);
        }
        if (forced > q.max) problem(`quotas.${qi}.max`, `配额“${label}”最多${q.max}道，但题库中不属于该配额的题目不足，每份试卷至少要从中抽${forced}道${cond}`);
      }
    });
    // minimums of disjoint quotas restricted to one type cannot exceed that type's count
    for (const [type, need] of countOfType) {
      const qs = bp.quotas.map((q, qi) => ({ q, qi })).filter(({ q }) => q.type === type && q.min > 0);
      const sum = qs.reduce((s, { q }) => s + q.min, 0);
      if (sum <= need) continue;
      const owners = new Map<number, number>();
      let overlap = false;
      for (const { qi } of qs)
        for (const i of view.quotas[qi]) {
          if (owners.has(i)) overlap = true;
          owners.set(i, qi);
        }
      if (!overlap) problem(`quotas.${qs[qs.length - 1].qi}.min`, `${QUESTION_TYPE_ZH[type]}各配额的最少题数合计${sum}道，超过了${QUESTION_TYPE_ZH[type]}的题数${need}道`);
    }

    // difficulty target and expected-score target: the range the candidates can reach at all
    if (!structural) {
      let dLo = 0;
      let dHi = 0;
      let sLo = 0;
      let sHi = 0;
      const used = new Set<QuestionType>();
      bp.sections.forEach((s, si) => {
        if (used.has(s.type)) return;
        used.add(s.type);
        const need = countOfType.get(s.type)!;
        const list = Array.from(view.sections[si]);
        const [a, b] = extremes(
          list.map((i) => p.difficulty[i]),
          need,
        );
        dLo += a;
        dHi += b;
        // points differ by section: take the section's points for its whole type (a bound, exact when one section per type)
        const [c, d] = extremes(
          list.map((i) => p.facility[i] * s.points),
          need,
        );
        sLo += c;
        sHi += d;
      });
      const n = p.totalCount;
      if (bp.difficulty) {
        const { target: t, tolerance } = bp.difficulty;
        if (dHi / n < t - tolerance || dLo / n > t + tolerance)
          problem('difficulty.target', `目标难度${t}±${tolerance}无法达到：题库中符合条件的题目${cond}组成的试卷平均难度只能在${(dLo / n).toFixed(2)}–${(dHi / n).toFixed(2)}之间`);
      }
      if (!structural && (sHi < target - tolS || sLo > target + tolS))
        problem(
          bp.difficulty ? 'difficulty.target' : 'fairnessTolerancePct',
          `各试卷的期望得分应为${target.toFixed(2)}±${tolS.toFixed(2)}分，但题库中符合条件的题目${cond}组成的试卷期望得分只能在${sLo.toFixed(2)}–${sHi.toFixed(2)}之间`,
        );
    }

    // trial draws: sequential papers with exposure, as the exam will draw them
    if (!structural) {
      const exposure = new Map<number, number>();
      for (let k = 0; k < TRIAL_PAPERS; k++) {
        const r = drawPaper(pool, bp, 0x5eed + k * 7919, { rank, excludeQuestionIds: new Set(), exposure, plannedPapers: roster, target });
        if (!r.ok) {
          push('', `试抽第${k + 1}份试卷${forRank}失败：${r.problems.join('；')}`);
          break;
        }
        for (const it of r.items) exposure.set(it.questionId, (exposure.get(it.questionId) ?? 0) + 1);
      }
    }
  }
  return out;
}
