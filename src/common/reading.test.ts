import { describe, expect, it } from 'vitest';
import { readThresholdSeconds, readingBeatSchema } from './reading';

describe('readThresholdSeconds', () => {
  it('is 3 s plus 1 s per 25 characters (rounded up)', () => {
    expect(readThresholdSeconds(0)).toBe(3);
    expect(readThresholdSeconds(1)).toBe(4);
    expect(readThresholdSeconds(25)).toBe(4);
    expect(readThresholdSeconds(26)).toBe(5);
    expect(readThresholdSeconds(250)).toBe(13);
  });
  it('never asks more than a minute, however long the article', () => {
    expect(readThresholdSeconds(1425)).toBe(60);
    expect(readThresholdSeconds(1426)).toBe(60);
    expect(readThresholdSeconds(100_000)).toBe(60);
  });
  it('treats junk lengths as empty', () => {
    expect(readThresholdSeconds(-5)).toBe(3);
  });
});

describe('readingBeatSchema', () => {
  it('accepts a law beat and defaults reads to none', () => {
    expect(readingBeatSchema.parse({ target: { kind: 'law', lawId: 3 }, active: true })).toEqual({ target: { kind: 'law', lawId: 3 }, reads: [], active: true });
  });
  it('refuses more than 200 reads and unknown targets', () => {
    const reads = Array.from({ length: 201 }, (_, i) => ({ articleId: i + 1, seconds: 5 }));
    expect(readingBeatSchema.safeParse({ target: { kind: 'law', lawId: 3 }, reads, active: true }).success).toBe(false);
    expect(readingBeatSchema.safeParse({ target: { kind: 'book', id: 3 }, active: true }).success).toBe(false);
  });
});
