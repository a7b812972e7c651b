import { describe, expect, it } from 'vitest';
import { questionContentSchema } from './bank';
import { addDays, currentDayStreak, practiceKeyOf, practiceSetRequestSchema } from './practice';

describe('currentDayStreak', () => {
  it('counts consecutive days ending today', () => {
    expect(currentDayStreak(['2026-11-23', '2026-11-24', '2026-11-25'], '2026-11-25')).toBe(3);
  });
  it('a run ending yesterday still counts while today has no practice yet', () => {
    expect(currentDayStreak(['2026-11-23', '2026-11-24'], '2026-11-25')).toBe(2);
  });
  it('a gap ends the run; nothing recent is 0', () => {
    expect(currentDayStreak(['2026-11-20', '2026-11-22', '2026-11-25'], '2026-11-25')).toBe(1);
    expect(currentDayStreak(['2026-11-20'], '2026-11-25')).toBe(0);
    expect(currentDayStreak([], '2026-11-25')).toBe(0);
  });
  it('runs across month and year ends', () => {
    expect(currentDayStreak(['2025-12-30', '2025-12-31', '2026-01-01'], '2026-01-01')).toBe(3);
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('practiceKeyOf', () => {
  const parse = (c: unknown) => questionContentSchema.parse(c);
  const opts = [{ key: 'A', html: '甲' }, { key: 'B', html: '乙' }, { key: 'C', html: '丙' }];
  it('states each type\'s key as the page shows it', () => {
    expect(practiceKeyOf(parse({ type: 'single', stem: '题', difficulty: 1, options: opts, answer: { key: 'B' } }))).toEqual({ keys: ['B'], text: 'B' });
    expect(practiceKeyOf(parse({ type: 'multiple', stem: '题', difficulty: 1, options: opts, answer: { keys: ['A', 'C'] } }))).toEqual({ keys: ['A', 'C'], text: 'A、C' });
    expect(practiceKeyOf(parse({ type: 'truefalse', stem: '题', difficulty: 1, answer: { value: false } }))).toEqual({ value: false, text: '错误' });
    expect(
      practiceKeyOf(parse({ type: 'fill', stem: '{{1}}日内向{{2}}', difficulty: 1, answer: { blanks: [{ accepted: ['三十', '30'] }, { accepted: ['民政部门'] }] } })),
    ).toEqual({ blanks: [['三十', '30'], ['民政部门']], text: '三十（或 30）；民政部门' });
  });
});

describe('practiceSetRequestSchema', () => {
  it('by law needs a law; random takes none; count within 1..50 (default 10)', () => {
    expect(practiceSetRequestSchema.parse({ lawId: 3 })).toEqual({ mode: 'law', lawId: 3, count: 10 });
    expect(practiceSetRequestSchema.parse({ mode: 'random', count: 5 })).toEqual({ mode: 'random', count: 5 });
    const noLaw = practiceSetRequestSchema.safeParse({ count: 5 });
    expect(noLaw.success ? [] : noLaw.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['lawId', '请选择要练习的法规']]);
    expect(practiceSetRequestSchema.safeParse({ lawId: 3, count: 51 }).success).toBe(false);
    expect(practiceSetRequestSchema.safeParse({ mode: 'random', lawId: 3 }).success).toBe(false);
  });
});
