/**
 * bench/assemble: drawing papers (组卷, src/server/modules/exam/assemble.ts) from a synthetic bank
 * of 20,000 questions with the realistic blueprint — 25 单选×2 + 10 多选×3 + 10 判断×2 = 100
 * points, 5 quotas by law/category/tag, difficulty 3 ± 0.3, fairness ±0.5 points, exposure cap.
 * Run: npx tsx bench/assemble.ts [papers] [ilpPapers] [bankSize]
 *
 * Ours: `papers` papers drawn one after another, each seeing the exposure of the ones before (as
 * the exam does): papers/s, share passing every constraint (checkPaper), expected-score spread,
 * mean pairwise overlap against its floor Σ k²/n, highest exposure against the cap.
 * Baseline (same run): the same blueprint as a 0-1 integer program solved by HiGHS (npm
 * `highs`, WebAssembly): a binary per eligible question, one row per section count, quota rows,
 * mean difficulty and the expected-score band as linear rows, over-exposed questions left out,
 * a random objective (minus an exposure penalty) for variety.
 */
import loadHighs from 'highs';
import type { PaperItem } from '../src/common/exam';
import { seededRandom } from '../src/common/exam';
import { checkPaper, drawPaper, exposureLimit, prepareDraw, targetExpectedScore, type DrawContext, type PoolItem } from '../src/server/modules/exam/assemble';
import { realisticBlueprint, syntheticPool } from '../src/server/modules/exam/assemble-fixtures';
import { matchesQuota } from '../src/server/modules/exam/assemble-prepare';

const PAPERS = Number(process.argv[2] ?? 1000);
const ILP_PAPERS = Number(process.argv[3] ?? 30);
const BANK = Number(process.argv[4] ?? 20_000);

const pool = syntheticPool(BANK, 2026);
const bp = realisticBlueprint({ exposureCap: 0.3 });
const target = targetExpectedScore(pool, bp);
const totalPoints = bp.sections.reduce((s, x) => s + x.count * x.points, 0);
const eligible = (it: PoolItem) => bp.sections.some((s) => s.type === it.type) && (!bp.difficulty || (it.difficulty >= bp.difficulty.min && it.difficulty <= bp.difficulty.max));
const floor = bp.sections.reduce((f, s) => f + s.count ** 2 / pool.filter((it) => it.type === s.type && eligible(it)).length, 0);
/** The true minimum for `papers` papers: every section's questions used as evenly as possible. */
function evenMinimum(papers: number): number {
  let pairs = 0;
  for (const s of bp.sections) {
    const n = pool.filter((it) => it.type === s.type && eligible(it)).length;
    const uses = papers * s.count;
    const e = Math.floor(uses / n);
    const extra = uses - e * n;
    pairs += (n - extra) * ((e * (e - 1)) / 2) + extra * (((e + 1) * e) / 2);
  }
  return pairs / ((papers * (papers - 1)) / 2);
}

interface Run {
  label: string;
  papers: number;
  seconds: number;
  valid: number;
  failed: number;
  scores: number[];
  exposure: Map<number, number>;
}

function summary(r: Run, planned: number) {
  const drawn = r.papers - r.failed;
  const overlap = [...r.exposure.values()].reduce((s, e) => s + (e * (e - 1)) / 2, 0) / ((drawn * (drawn - 1)) / 2);
  const spread = r.scores.length ? ((Math.max(...r.scores) - Math.min(...r.scores)) / totalPoints) * 100 : NaN;
  const limit = exposureLimit(bp.exposureCap, planned);
  console.log(
    `${r.label.padEnd(8)} ${String(r.papers).padStart(6)} ${(r.papers / r.seconds).toFixed(1).padStart(10)} ${((r.valid / r.papers) * 100).toFixed(1).padStart(7)}% ` +
      `${spread.toFixed(2).padStart(9)}% ${overlap.toFixed(4).padStart(9)} (${(overlap / floor).toFixed(2)}× floor) ${String(Math.max(...r.exposure.values())).padStart(5)}/${limit}`,
  );
  return r.papers / r.seconds;
}

function record(run: Run, ctx: DrawContext, items: PaperItem[], score: number) {
  if (checkPaper(pool, bp, items, ctx).length === 0) run.valid++;
  run.scores.push(score);
  for (const it of items) run.exposure.set(it.questionId, (run.exposure.get(it.questionId) ?? 0) + 1);
}

// --- ours
let t0 = performance.now();
prepareDraw(pool, bp);
const prepMs = performance.now() - t0;
const ours: Run = { label: 'ours', papers: PAPERS, seconds: 0, valid: 0, failed: 0, scores: [], exposure: new Map() };
t0 = performance.now();
for (let k = 0; k < PAPERS; k++) {
  const ctx: DrawContext = { rank: null, excludeQuestionIds: new Set(), exposure: ours.exposure, plannedPapers: PAPERS, target };
  const r = drawPaper(pool, bp, k + 1, ctx);
  if (!r.ok) {
    ours.failed++;
    continue;
  }
  record(ours, ctx, r.items, r.expectedScore);
}
ours.seconds = (performance.now() - t0) / 1000;

// --- HiGHS
const highs = await loadHighs();
const ilp: Run = { label: 'HiGHS', papers: ILP_PAPERS, seconds: 0, valid: 0, failed: 0, scores: [], exposure: new Map() };
const candidates = pool.map((it, i) => ({ it, i })).filter(({ it }) => eligible(it));
const pointsOf = (it: PoolItem) => bp.sections.find((s) => s.type === it.type)!.points;
const fmt = (x: number) => (Math.round(x * 1e6) / 1e6).toString();
/** "a x1 + b x2 …" broken over lines (LP format readers dislike very long lines) */
const sum = (terms: { c: number; i: number }[]) =>
  terms
    .map(({ c, i }, k) => `${k ? (c < 0 ? '- ' : '+ ') : c < 0 ? '-' : ''}${fmt(Math.abs(c))} x${i}${k % 12 === 11 ? '\n ' : ''}`)
    .join(' ');
let ilpSolveSeconds = 0;
const rng = seededRandom(77);
t0 = performance.now();
for (let k = 0; k < ILP_PAPERS; k++) {
  const limit = exposureLimit(bp.exposureCap, PAPERS);
  const usable = candidates.filter(({ it }) => (ilp.exposure.get(it.questionId) ?? 0) < limit);
  const rows: string[] = [];
  bp.sections.forEach((s, si) => rows.push(` sec${si}: ${sum(usable.filter(({ it }) => it.type === s.type).map(({ i }) => ({ c: 1, i })))} = ${s.count}`));
  bp.quotas.forEach((q, qi) => {
    const terms = usable.filter(({ it }) => matchesQuota(it, q)).map(({ i }) => ({ c: 1, i }));
    if (q.min > 0) rows.push(` qmin${qi}: ${sum(terms)} >= ${q.min}`);
    if (q.max !== null) rows.push(` qmax${qi}: ${sum(terms)} <= ${q.max}`);
  });
  const n = bp.sections.reduce((s, x) => s + x.count, 0);
  if (bp.difficulty) {
    const d = sum(usable.map(({ it, i }) => ({ c: it.difficulty, i })));
    rows.push(` dlo: ${d} >= ${fmt(n * (bp.difficulty.target - bp.difficulty.tolerance))}`);
    rows.push(` dhi: ${d} <= ${fmt(n * (bp.difficulty.target + bp.difficulty.tolerance))}`);
  }
  const tolS = (bp.fairnessTolerancePct / 200) * totalPoints;
  const e = sum(usable.map(({ it, i }) => ({ c: pointsOf(it) * it.facility, i })));
  rows.push(` slo: ${e} >= ${fmt(target - tolS)}`, ` shi: ${e} <= ${fmt(target + tolS)}`);
  const objective = sum(usable.map(({ it, i }) => ({ c: rng() - 0.5 * (ilp.exposure.get(it.questionId) ?? 0) + 1e-3, i })));
  const lp = `Maximize\n obj: ${objective}\nSubject To\n${rows.join('\n')}\nBinary\n ${usable.map(({ i }) => `x${i}`).join('\n ')}\nEnd\n`;
  const s0 = performance.now();
  const sol = highs.solve(lp, { output_flag: false, time_limit: 60 });
  ilpSolveSeconds += (performance.now() - s0) / 1000;
  if (sol.Status !== 'Optimal' && sol.Status !== 'Time limit reached') {
    ilp.failed++;
    continue;
  }
  const value = (i: number) => (sol.Columns[`x${i}`] as { Primal?: number } | undefined)?.Primal ?? 0;
  const picked = usable.filter(({ i }) => value(i) > 0.5);
  const items: PaperItem[] = bp.sections.flatMap((s) =>
    picked
      .filter(({ it }) => it.type === s.type)
      .map(({ it }) => ({ questionId: it.questionId, versionId: it.versionId, type: it.type, points: s.points, ...(it.optionKeys ? { optionOrder: [...it.optionKeys] } : {}) })),
  );
  const ctx: DrawContext = { rank: null, excludeQuestionIds: new Set(), exposure: ilp.exposure, plannedPapers: PAPERS, target };
  record(
    ilp,
    ctx,
    items,
    picked.reduce((s2, { it }) => s2 + pointsOf(it) * it.facility, 0),
  );
}
ilp.seconds = (performance.now() - t0) / 1000;

console.log(`bank ${BANK} questions (${candidates.length} of the blueprint's types), blueprint ${totalPoints} points, target expected score ${target.toFixed(2)} ± ${((bp.fairnessTolerancePct / 200) * totalPoints).toFixed(2)}`);
console.log(
  `exposure cap ${bp.exposureCap} of ${PAPERS} planned papers; overlap floor Σk²/n = ${floor.toFixed(4)} (uniform random draws; perfectly even exposure over ${PAPERS} papers: ${evenMinimum(PAPERS).toFixed(4)}); prepareDraw once: ${prepMs.toFixed(1)} ms`,
);
console.log('solver    papers   papers/s   valid     spread   overlap              max exposure');
const a = summary(ours, PAPERS);
const b = summary(ilp, PAPERS);
console.log(`ours/HiGHS: ${(a / b).toFixed(0)}× papers/s (HiGHS: ${((ilpSolveSeconds / ILP_PAPERS) * 1000).toFixed(0)} ms/paper in solve(), the rest building the LP text)`);
if (ours.failed || ilp.failed) console.log(`failed draws: ours ${ours.failed}, HiGHS ${ilp.failed}`);
