/** What a reader types into “跳转到第__条”: 260, 一百三十三, 133之一, 133-1, 第十条. */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

function chinese(s: string): number | null {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      total += (digit || 1) * UNITS[ch];
      digit = 0;
    } else return null;
  }
  return total + digit || null;
}

const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : chinese(s));

export function articleNumberFromInput(input: string): { no: number; suffix: number } | null {
  const m = /^第?\s*([0-9零〇一二两三四五六七八九十百千]+)\s*条?\s*(?:(?:之|-)\s*([0-9一二三四五六七八九十]+))?$/.exec(input.trim());
  if (!m) return null;
  const no = num(m[1]);
  const suffix = m[2] ? num(m[2]) : 0;
  if (!no || no > 9999 || suffix === null) return null;
  return { no, suffix };
}
