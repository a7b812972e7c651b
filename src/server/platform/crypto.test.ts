import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../common/org';
import { createFieldCipher, oneTimePassword, parseKey } from './crypto';

describe('field cipher', () => {
  const cipher = createFieldCipher(crypto.randomBytes(32));

  it('round-trips and never stores the plain value', () => {
    const stored = cipher.encrypt('110101199003074477');
    expect(stored).not.toContain('110101199003074477');
    expect(cipher.decrypt(stored)).toBe('110101199003074477');
  });

  it('uses a fresh IV each time but a stable blind index', () => {
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
    expect(cipher.blindIndex('110101199003074477')).toBe(cipher.blindIndex('110101199003074477'));
  });

  it('detects tampering', () => {
    const stored = cipher.encrypt('110101199003074477');
    const buf = Buffer.from(stored.slice(3), 'base64');
    buf[buf.length - 1] ^= 1;
    expect(() => cipher.decrypt('v1:' + buf.toString('base64'))).toThrow();
  });

  it('cannot decrypt with another key', () => {
    const other = createFieldCipher(crypto.randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('abc'))).toThrow();
  });

  it('parses hex and base64 keys and rejects short ones', () => {
    const k = crypto.randomBytes(32);
    expect(parseKey(k.toString('hex')).equals(k)).toBe(true);
    expect(parseKey(k.toString('base64')).equals(k)).toBe(true);
    expect(() => parseKey('abcd')).toThrow(/32 bytes/);
  });
});

describe('one-time passwords', () => {
  it('always satisfy the password rule', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblems(oneTimePassword())).toEqual([]);
  });
});

describe('password rule (等保 2.0)', () => {
  it('requires 8 characters and 3 of 4 classes', () => {
    expect(passwordProblems('Ab1#')).toContain('密码至少8位');
    expect(passwordProblems('abcdefgh1')).toHaveLength(1);
    expect(passwordProblems('abcdefG1')).toEqual([]);
    expect(passwordProblems('abcdef#1')).toEqual([]);
  });
});
