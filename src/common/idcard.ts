/**
 * 居民身份证号码 (GB 11643-1999): 17 digits + check character (0-9 or X).
 * The check character is ISO 7064 MOD 11-2 over the first 17 digits.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function normaliseIdNumber(raw: string): string {
  // Excel and copy/paste bring full-width digits, spaces and a lower-case x.
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[ｘＸ]/g, 'X')
    .replace(/\s+/g, '')
    .toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'length' | 'format' | 'birthdate' | 'checksum';

/** Returns null when valid, otherwise what is wrong with it. */
export function idNumberProblem(id: string): IdNumberProblem | null {
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'birthdate';
  }
  if (date.getTime() > Date.now()) return 'birthdate';
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export const ID_NUMBER_PROBLEM_ZH: Record<IdNumberProblem, string> = {
  length: '身份证号应为18位',
  format: '身份证号格式不正确（前17位为数字，末位为数字或X）',
  birthdate: '身份证号中的出生日期无效',
  checksum: '身份证号校验位不正确',
};

/** 1101**********1234 — first 4 and last 4 kept. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** Gender from the 17th digit (odd: 男, even: 女). */
export function genderFromIdNumber(id: string): '男' | '女' | null {
  if (!/^\d{17}/.test(id)) return null;
  return Number(id[16]) % 2 === 1 ? '男' : '女';
}
