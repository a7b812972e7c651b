/**
 * Chinese numerals as statutes write article and chapter numbers: 一…九十九, 百, 千, 零
 * (第一千二百六十条 = 1260, 第二百零五条 = 205, 第一百一十条 = 110, 第十条 = 10).
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const DIGIT_CHARS = '零一二三四五六七八九';

/** The characters a numeral may contain (for building regular expressions). */
export const NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/**
 * Parses a Chinese numeral below 10,000; returns null for anything malformed
 * (empty, unknown characters, 十十, 一二, units out of order such as 十百).
 */
export function fromChineseNumeral(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 10_000;
  let sawZero = false;
  for (const ch of s) {
    if (ch in DIGITS) {
      const d = DIGITS[ch];
      if (digit !== null) return null; // two digits in a row (一二)
      if (d === 0) {
        if (sawZero || total === 0) return null;
        sawZero = true;
        continue;
      }
      digit = d;
    } else if (ch in UNITS) {
      const u = UNITS[ch];
      if (u >= lastUnit) return null; // 十十, 十百
      if (digit === null) {
        // a bare 十 is 一十 only at the start (十二 = 12); 一百十 is not how statutes write 110
        if (u !== 10 || total !== 0) return null;
        digit = 1;
      }
      total += digit * u;
      digit = null;
      lastUnit = u;
      sawZero = false;
    } else {
      return null;
    }
  }
  if (digit === null && sawZero) return null; // 一千零
  if (digit !== null) {
    // a trailing digit must sit right after the unit below the last one, or after a 零
    if (lastUnit !== 10_000 && lastUnit !== 10 && !sawZero) return null;
    total += digit;
  }
  return total > 0 ? total : null;
}

/** Writes 1…9999 as statutes do: 10 → 十, 110 → 一百一十, 205 → 二百零五, 1010 → 一千零一十. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`cannot write ${n} as a Chinese numeral`);
  if (n < 10) return DIGIT_CHARS[n];
  if (n < 20) return '十' + (n % 10 ? DIGIT_CHARS[n % 10] : '');
  const parts: string[] = [];
  const places: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let pendingZero = false;
  let started = false;
  for (const [value, unit] of places) {
    const d = Math.floor(n / value) % 10;
    if (d === 0) {
      if (started) pendingZero = true;
      continue;
    }
    if (pendingZero) parts.push('零');
    pendingZero = false;
    started = true;
    parts.push(DIGIT_CHARS[d] + unit);
  }
  return parts.join('');
}

/** 第一百三十三条之一 for (133, 1); 第五条 for (5, 0). */
export function articleLabel(no: number, suffix = 0): string {
  return `第${toChineseNumeral(no)}条${suffix ? `之${toChineseNumeral(suffix)}` : ''}`;
}
