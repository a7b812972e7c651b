import { describe, expect, it } from 'vitest';
import { clockOffset, formatRemaining, remainingMs } from './clock';

describe('exam clock', () => {
  it('counts down from the server deadline even when the device clock is an hour fast', () => {
    const serverNow = '2026-11-24T10:00:00.000Z';
    const deviceFast = Date.parse(serverNow) + 3600_000; // device thinks it is 11:00
    const offset = clockOffset(serverNow, deviceFast);
    expect(offset).toBe(-3600_000);
    // 90 minutes to go by the server; 30 s later on the device, 89:30 remain
    expect(remainingMs('2026-11-24T11:30:00.000Z', offset, deviceFast + 30_000)).toBe(89.5 * 60_000);
  });

  it('shows the same time left whatever the device clock says', () => {
    const deadline = '2026-11-24T10:05:00.000Z';
    const serverNow = '2026-11-24T10:00:00.000Z';
    for (const skew of [-86_400_000, -5000, 0, 7_200_000]) {
      const received = Date.parse(serverNow) + skew;
      expect(remainingMs(deadline, clockOffset(serverNow, received), received + 1000)).toBe(299_000);
    }
  });

  it('never goes below zero past the deadline', () => {
    expect(remainingMs('2026-11-24T10:00:00.000Z', 0, Date.parse('2026-11-24T10:01:00.000Z'))).toBe(0);
  });

  it('formats mm:ss below an hour and h:mm:ss above, rounding up', () => {
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(1)).toBe('00:01');
    expect(formatRemaining(5 * 60_000)).toBe('05:00');
    expect(formatRemaining(2 * 3600_000 + 61_000)).toBe('2:01:01');
  });
});
