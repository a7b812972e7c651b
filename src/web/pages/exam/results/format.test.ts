import { describe, expect, it } from 'vitest';
import { binLabel, binSide, distributionOption, fmtScore, nextUngraded, pct, quickScores, rubricScore, scoreProblem } from './format';

describe('number formatting', () => {
  it('shows rates as percentages and missing values as a dash', () => {
    expect(pct(0.8534)).toBe('85.3%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(null)).toBe('—');
    expect(pct(Number.NaN)).toBe('—');
  });
  it('drops trailing zeros from scores and keeps two decimals at most', () => {
    expect(fmtScore(87)).toBe('87');
    expect(fmtScore(87.5)).toBe('87.5');
    expect(fmtScore(86.66666)).toBe('86.67');
    expect(fmtScore(null)).toBe('—');
  });
});

describe('score distribution chart', () => {
  const bins = [
    { from: 0, to: 50, count: 1 },
    { from: 50, to: 60, count: 0 },
    { from: 55, to: 65, count: 2 },
    { from: 60, to: 100, count: 5 },
  ];
  it('colours bins below, across and above the pass mark differently', () => {
    expect(bins.map((b) => binSide(b, 60))).toEqual(['fail', 'fail', 'straddle', 'pass']);
  });
  it('labels bins with their range and counts each bar', () => {
    expect(binLabel({ from: 90, to: 100 })).toBe('90–100');
    const option = distributionOption(bins, 60);
    const xAxis = option.xAxis as { data: string[] };
    expect(xAxis.data).toEqual(['0–50', '50–60', '55–65', '60–100']);
    const series = (option.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0];
    expect(series.data.map((d) => d.value)).toEqual([1, 0, 2, 5]);
    expect(series.data[0].itemStyle.color).not.toBe(series.data[3].itemStyle.color);
  });
  it('tooltip gives the count and the share of those scored', () => {
    const option = distributionOption(bins, 60);
    const formatter = (option.tooltip as { formatter: (p: { dataIndex: number }) => string }).formatter;
    expect(formatter({ dataIndex: 3 })).toBe('60–100 分<br/>5 人（62.5%）');
  });
});

describe('grading scores', () => {
  it('accepts 0..points in steps of 0.5 and says what is wrong otherwise', () => {
    expect(scoreProblem(0, 10)).toBeNull();
    expect(scoreProblem(7.5, 10)).toBeNull();
    expect(scoreProblem(10, 10)).toBeNull();
    expect(scoreProblem(null, 10)).toBe('请填写得分');
    expect(scoreProblem(-1, 10)).toBe('得分不能为负数');
    expect(scoreProblem(10.5, 10)).toBe('得分不能超过本题分值10分');
    expect(scoreProblem(7.3, 10)).toBe('得分应为0.5的整数倍');
  });
  it('sums the checked rubric points, capped at the question points', () => {
    const rubric = [{ score: 4 }, { score: 3 }, { score: 5 }];
    expect(rubricScore(rubric, [], 10)).toBe(0);
    expect(rubricScore(rubric, [0, 1], 10)).toBe(7);
    expect(rubricScore(rubric, [0, 1, 2], 10)).toBe(10);
    expect(rubricScore([{ score: 1.3 }], [0], 10)).toBe(1);
  });
  it('offers 0, half and full marks as quick scores', () => {
    expect(quickScores(10)).toEqual([0, 5, 10]);
    expect(quickScores(5)).toEqual([0, 2.5, 5]);
    expect(quickScores(1)).toEqual([0, 0.5, 1]);
    expect(quickScores(0.5)).toEqual([0, 0.5]);
  });
});

describe('grading order', () => {
  const items = ['a', 'b', 'c', 'd'].map((token) => ({ token, myGrade: null as { score: number } | null }));
  it('moves on to the next answer I have not graded, wrapping round to the start', () => {
    const list = items.map((i) => (i.token === 'c' ? { ...i, myGrade: { score: 1 } } : i));
    expect(nextUngraded(list, 1)?.token).toBe('d');
    expect(nextUngraded(list, 3)?.token).toBe('a');
  });
  it('never offers the answer just saved, and says when none are left', () => {
    const list = items.map((i) => (i.token === 'b' ? i : { ...i, myGrade: { score: 2 } }));
    expect(nextUngraded(list, 1)).toBeNull();
    expect(nextUngraded(list, 0)?.token).toBe('b');
  });
});
