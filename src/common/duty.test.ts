import { describe, expect, it } from 'vitest';
import { activityPace, beijingYearMonth, dutyStatus, isoWeekKey } from './duty';

describe('isoWeekKey (Beijing calendar)', () => {
  it('numbers weeks Monday to Sunday, the Thursday deciding the week-year', () => {
    expect(isoWeekKey(new Date('2026-10-01T04:00:00Z'))).toBe('2026-W40'); // Thursday
    expect(isoWeekKey(new Date('2026-10-04T15:59:59Z'))).toBe('2026-W40'); // Sunday 23:59:59 Beijing
    expect(isoWeekKey(new Date('2026-10-04T16:00:00Z'))).toBe('2026-W41'); // Monday 00:00 Beijing
    expect(isoWeekKey(new Date('2026-12-31T04:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2027-01-03T04:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2024-12-30T04:00:00Z'))).toBe('2025-W01');
  });
  it('reads the Beijing month, not the UTC one', () => {
    expect(beijingYearMonth(new Date('2026-09-30T16:00:00Z'))).toEqual({ year: 2026, month: 10 });
    expect(beijingYearMonth(new Date('2026-12-31T16:00:00Z'))).toEqual({ year: 2027, month: 1 });
  });
});

describe('pace and duty status', () => {
  it('flags a unit only when a whole activity is missing against the pace', () => {
    expect(activityPace(4, 1, 0.49)).toMatchObject({ expected: 1, status: 'on_pace', missing: 3, behindBy: 0 });
    expect(activityPace(4, 1, 0.5)).toMatchObject({ expected: 2, status: 'behind', behindBy: 1 });
    expect(activityPace(4, 4, 0.1)).toMatchObject({ status: 'done', missing: 0 });
  });
  it('counts held lectures first, then those still ahead', () => {
    expect(dutyStatus(1, 1, 0)).toBe('done');
    expect(dutyStatus(2, 1, 1)).toBe('scheduled');
    expect(dutyStatus(2, 0, 1)).toBe('not_done');
    expect(dutyStatus(0, 0, 0)).toBe('done');
  });
});
