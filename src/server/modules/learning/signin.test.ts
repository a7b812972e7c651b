import { describe, expect, it } from 'vitest';
import { isWellFormedSignCode, normaliseSignCode, SIGN_CODE_ALPHABET } from '../../../common/activities';
import { defaultSignInWindow, generateSignInCode } from './signin';

describe('sign-in codes', () => {
  it('are 6 characters with no 0/O/1/I', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = generateSignInCode();
      expect(c).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
      expect(isWellFormedSignCode(c)).toBe(true);
      seen.add(c);
    }
    // 31^6 ≈ 8.9e8 codes: 2000 draws practically never collide
    expect(seen.size).toBeGreaterThan(1995);
  });

  it('draws every alphabet character (uniform index → character)', () => {
    let n = 0;
    const code = generateSignInCode(() => n++ % SIGN_CODE_ALPHABET.length);
    expect(code).toBe(SIGN_CODE_ALPHABET.slice(0, 6));
    expect(generateSignInCode(() => SIGN_CODE_ALPHABET.length - 1)).toBe('999999');
    expect(SIGN_CODE_ALPHABET).not.toMatch(/[0O1I]/);
    expect(new Set(SIGN_CODE_ALPHABET).size).toBe(SIGN_CODE_ALPHABET.length);
  });

  it('normalises what a person types and rejects malformed codes', () => {
    expect(normaliseSignCode(' ab3-k9z ')).toBe('AB3K9Z');
    expect(isWellFormedSignCode('AB3K9Z')).toBe(true);
    expect(isWellFormedSignCode('AB3K9')).toBe(false);
    expect(isWellFormedSignCode('AB3K9O')).toBe(false);
    expect(isWellFormedSignCode('AB3K91')).toBe(false);
  });

  it('default window: 30 minutes before the start to 30 minutes after the end', () => {
    const w = defaultSignInWindow(new Date('2026-03-05T06:00:00Z'), 90);
    expect(w.opensAt.toISOString()).toBe('2026-03-05T05:30:00.000Z');
    expect(w.closesAt.toISOString()).toBe('2026-03-05T08:00:00.000Z');
  });
});
