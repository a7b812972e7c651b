import { describe, expect, it } from 'vitest';
import { addMonths } from './pre-appointment';
import { distributionOf, outcomeOf, type AttemptFacts } from './results';

const a = (attemptNo: number, score: number | null, extra: Partial<AttemptFacts> = {}): AttemptFacts => ({
  id: attemptNo,
  personId: 1,
  attemptNo,
  status: 'submitted',
  score,
  pendingGrading: false,
  passed: score === null ? null : score >= 60,
  submittedAt: new Date(),
  submitReason: 'manual',
  switchCount: 0,
  ...extra,
});

describe('outcomeOf', () => {
  it('best counts the highest graded score, last the latest', () => {
    const attempts = [a(1, 80), a(2, 40)];
    expect(outcomeOf(attempts, 'best', 60)).toMatchObject({ status: 'passed', score: 80, attempts: 2 });
    expect(outcomeOf(attempts, 'last', 60)).toMatchObject({ status: 'failed', score: 40 });
  });

  it('best waits for a pending attempt unless a graded one already passed', () => {
    const pending = a(2, 30, { pendingGrading: true, passed: null });
    expect(outcomeOf([a(1, 50), pending], 'best', 60)).toMatchObject({ status: 'grading', score: null });
    expect(outcomeOf([a(1, 70), pending], 'best', 60)).toMatchObject({ status: 'passed', score: 70 });
    expect(outcomeOf([a(1, 70), pending], 'last', 60)).toMatchObject({ status: 'grading' });
  });

  it('a running attempt alone is in progress; none is not started', () => {
    expect(outcomeOf([a(1, null, { status: 'in_progress', submittedAt: null })], 'best', 60).status).toBe('in_progress');
    expect(outcomeOf([], 'best', 60)).toMatchObject({ status: 'not_started', attempt: null, attempts: 0 });
  });
});

describe('distributionOf', () => {
  it('puts scores in 10% bins of full marks, full marks in the last', () => {
    const bins = distributionOf([0, 9.99, 10, 59.5, 60, 100], 100);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 1, 0, 0, 1]);
    expect(bins[5]).toEqual({ from: 50, to: 60, count: 1 });
    expect(distributionOf([7.5], 15)[5]).toMatchObject({ from: 7.5, to: 9, count: 1 });
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T03:00:00Z'), 1).toISOString()).toBe('2026-02-28T03:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T03:00:00Z'), 12).toISOString()).toBe('2027-01-31T03:00:00.000Z');
    expect(addMonths(new Date('2027-11-30T00:00:00Z'), 3).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });
});
