/**
 * The checker: every constraint a drawn paper must satisfy, verified from the paper, the pool and
 * the blueprint alone — no code shared with the draw beyond the small definitions (quota match,
 * rank suitability, exposure limit), so a bug in the draw's bookkeeping cannot hide itself.
 */
import { QUESTION_TYPE_ZH } from '../../../common/bank';
import type { Blueprint, PaperItem } from '../../../common/exam';
import type { DrawContext, PoolItem } from './assemble';
import { exposureLimit } from './assemble-draw';
import { matchesQuota, quotaLabel, suitsRank } from './assemble-prepare';

const byQuestion = new WeakMap<readonly PoolItem[], Map<number, PoolItem>>();

function poolIndex(pool: readonly PoolItem[]): Map<number, PoolItem> {
  let m = byQuestion.get(pool);
  if (!m) {
    m = new Map(pool.map((it) => [it.questionId, it]));
    byQuestion.set(pool, m);
  }
  return m;
}

const EPS = 1e-9;

export function checkPaper(pool: readonly PoolItem[], blueprint: Blueprint, items: readonly PaperItem[], ctx: DrawContext): string[] {
  const bp = blueprint;
  const problems: string[] = [];
  const index = poolIndex(pool);
  const expected = bp.sections.reduce((s, x) => s + x.count, 0);
  const totalPoints = bp.sections.reduce((s, x) => s + x.count * x.points, 0);
  if (items.length !== expected) problems.push(`试卷应有${expected}道题，实际${items.length}道`);

  // sections: blueprint order, type and points per position
  let pos = 0;
  bp.sections.forEach((s) => {
    for (let k = 0; k < s.count && pos < items.length; k++, pos++) {
      const it = items[pos];
      if (it.type !== s.type) problems.push(`第${pos + 1}题应为${QUESTION_TYPE_ZH[s.type]}，实际为${QUESTION_TYPE_ZH[it.type] ?? it.type}`);
      if (it.points !== s.points) problems.push(`第${pos + 1}题分值应为${s.points}分，实际${it.points}分`);
    }
  });

  const limit = exposureLimit(bp.exposureCap, ctx.plannedPapers);
  const seen = new Set<number>();
  const found: PoolItem[] = [];
  let score = 0;
  let diffSum = 0;
  items.forEach((p, k) => {
    const label = `第${k + 1}题（题目#${p.questionId}）`;
    if (seen.has(p.questionId)) problems.push(`${label}在试卷中重复出现`);
    seen.add(p.questionId);
    const it = index.get(p.questionId);
    if (!it) {
      problems.push(`${label}不在本场考试的题库中`);
      return;
    }
    found.push(it);
    score += p.points * it.facility;
    diffSum += it.difficulty;
    if (it.versionId !== p.versionId) problems.push(`${label}的版本应为${it.versionId}，实际${p.versionId}`);
    if (it.type !== p.type) problems.push(`${label}的题型应为${QUESTION_TYPE_ZH[it.type]}`);
    if (bp.difficulty && (it.difficulty < bp.difficulty.min || it.difficulty > bp.difficulty.max))
      problems.push(`${label}难度${it.difficulty}不在${bp.difficulty.min}–${bp.difficulty.max}之间`);
    if (!suitsRank(it, bp, ctx.rank)) problems.push(`${label}不适合职级“${ctx.rank ?? '未填写'}”`);
    if (ctx.excludeQuestionIds.has(it.questionId)) problems.push(`${label}是考生近期考试中做过的题`);
    const exposure = ctx.exposure.get(it.questionId) ?? 0;
    if (exposure >= limit) problems.push(`${label}已出现在${exposure}份试卷中，达到曝光上限${limit}份`);
    if (it.type === 'single' || it.type === 'multiple') {
      const keys = it.optionKeys ?? [];
      const order = p.optionOrder;
      if (!order) problems.push(`${label}缺少选项顺序`);
      else if (order.length !== keys.length || [...order].sort().join() !== [...keys].sort().join())
        problems.push(`${label}的选项顺序不是原选项的一个排列`);
      else if (!bp.shuffleOptions && order.join() !== keys.join()) problems.push(`${label}不应打乱选项顺序`);
    }
  });

  bp.quotas.forEach((q, qi) => {
    const c = found.filter((it) => matchesQuota(it, q)).length;
    if (c < q.min) problems.push(`配额${qi + 1}“${quotaLabel(q)}”至少${q.min}道，试卷中只有${c}道`);
    if (q.max !== null && c > q.max) problems.push(`配额${qi + 1}“${quotaLabel(q)}”最多${q.max}道，试卷中有${c}道`);
  });

  bp.enemies.forEach((group, g) => {
    const ids = [...new Set(group)].filter((id) => seen.has(id));
    if (ids.length > 1) problems.push(`互斥题组${g + 1}中有${ids.length}道题同时出现（${ids.map((id) => '#' + id).join('、')}）`);
  });

  if (bp.difficulty && found.length) {
    const mean = diffSum / found.length;
    if (Math.abs(mean - bp.difficulty.target) > bp.difficulty.tolerance + EPS)
      problems.push(`平均难度${mean.toFixed(2)}不在目标${bp.difficulty.target}±${bp.difficulty.tolerance}之内`);
  }
  const tol = (bp.fairnessTolerancePct / 200) * totalPoints;
  if (Math.abs(score - ctx.target) > tol + EPS)
    problems.push(`期望得分${score.toFixed(2)}偏离目标${ctx.target.toFixed(2)}超过${tol.toFixed(2)}分（公平性容差${bp.fairnessTolerancePct}%）`);
  return problems;
}
