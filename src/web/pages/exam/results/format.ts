/**
 * Pure helpers of the results, grading and 任前 tabs: number formatting, the score-distribution
 * chart's option, and the grading screen's score rules. No React here, so it is unit-tested.
 */
import type { EChartOption } from '../../../components/EChart';

/** 0.853 → "85.3%"; null/undefined/NaN → "—". */
export function pct(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** 87 → "87", 87.5 → "87.5", 86.6667 → "86.67"; null → "—". */
export function fmtScore(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 100) / 100);
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

export const CHART_COLORS = { fail: '#ff7875', straddle: '#ffc069', pass: '#5b8ff9' } as const;

/** Which side of the pass mark a bin [from, to) lies on: wholly below, wholly at/above, or across it. */
export function binSide(bin: Pick<Bin, 'from' | 'to'>, passMark: number): keyof typeof CHART_COLORS {
  if (bin.to <= passMark) return 'fail';
  if (bin.from >= passMark) return 'pass';
  return 'straddle';
}

/** "60–70" for a middle bin; the last bin is closed, so it reads "90–100". */
export function binLabel(bin: Pick<Bin, 'from' | 'to'>): string {
  return `${fmtScore(bin.from)}–${fmtScore(bin.to)}`;
}

/**
 * The bar chart of how many people scored in each band (10% of full marks each), bars coloured
 * by the pass mark, with counts on top and a tooltip that gives the share of those scored.
 */
export function distributionOption(bins: Bin[], passMark: number): EChartOption {
  const scored = bins.reduce((s, b) => s + b.count, 0);
  return {
    animationDuration: 300,
    grid: { left: 40, right: 16, top: 28, bottom: bins.length > 6 ? 56 : 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const one = Array.isArray(p) ? p[0] : p;
        const bin = bins[one.dataIndex];
        if (!bin) return '';
        return `${binLabel(bin)} 分<br/>${bin.count} 人（${pct(scored ? bin.count / scored : null)}）`;
      },
    },
    // every band labelled; tilted when there are many, so "90–100" never hides its neighbour
    xAxis: {
      type: 'category',
      data: bins.map(binLabel),
      name: '分数',
      nameLocation: 'middle',
      nameGap: bins.length > 6 ? 40 : 28,
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, rotate: bins.length > 6 ? 35 : 0, fontSize: 11 },
    },
    yAxis: { type: 'value', name: '人数', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top', formatter: (p) => (Number(p.value) > 0 ? String(p.value) : '') },
        data: bins.map((b) => ({ value: b.count, itemStyle: { color: CHART_COLORS[binSide(b, passMark)] } })),
      },
    ],
  };
}

/** Why a grade cannot be saved, or null: 0 ≤ score ≤ points, in steps of 0.5. */
export function scoreProblem(score: number | null | undefined, points: number): string | null {
  if (score === null || score === undefined || !Number.isFinite(score)) return '请填写得分';
  if (score < 0) return '得分不能为负数';
  if (score > points) return `得分不能超过本题分值${fmtScore(points)}分`;
  if (Math.abs(score * 2 - Math.round(score * 2)) > 1e-9) return '得分应为0.5的整数倍';
  return null;
}

/** The score of the checked rubric points: their sum, at most the question's points. */
export function rubricScore(rubric: { score: number }[], checked: readonly number[], points: number): number {
  const sum = checked.reduce((s, i) => s + (rubric[i]?.score ?? 0), 0);
  return Math.min(points, Math.floor(sum * 2 + 1e-9) / 2);
}

/** Quick scores offered beside the input: 0, half and full marks (rounded down to 0.5), no repeats. */
export function quickScores(points: number): number[] {
  return [...new Set([0, Math.floor(points) / 2, points])].sort((a, b) => a - b);
}

/**
 * Where the grading screen goes after saving answer `index`: the next answer I have not graded,
 * looking forward and then from the start; null when every other answer has my grade.
 */
export function nextUngraded<T extends { myGrade: unknown }>(items: readonly T[], index: number): T | null {
  const order = [...items.slice(index + 1), ...items.slice(0, Math.max(0, index))];
  return order.find((i) => !i.myGrade) ?? null;
}
