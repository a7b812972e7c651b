import { describe, expect, it } from 'vitest';
import { articleLabel, fromChineseNumeral, toChineseNumeral } from './numerals';

describe('Chinese numerals', () => {
  const cases: [number, string][] = [
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [143, '一百四十三'],
    [205, '二百零五'],
    [1000, '一千'],
    [1005, '一千零五'],
    [1010, '一千零一十'],
    [1260, '一千二百六十'],
    [2001, '二千零一'],
  ];
  it.each(cases)('%i ⇄ %s', (n, s) => {
    expect(toChineseNumeral(n)).toBe(s);
    expect(fromChineseNumeral(s)).toBe(n);
  });

  it('round-trips every article number up to 9999', () => {
    for (let n = 1; n <= 9999; n++) expect(fromChineseNumeral(toChineseNumeral(n))).toBe(n);
  });

  it('accepts 〇 for 零 and 两 for 二', () => {
    expect(fromChineseNumeral('一百〇五')).toBe(105);
    expect(fromChineseNumeral('两百')).toBe(200);
  });

  it.each(['', '零', '十十', '一二', '十百', '一百五', '一千零', 'abc', '一百十', '二零'])('rejects %j', (s) => {
    expect(fromChineseNumeral(s)).toBeNull();
  });

  it('labels articles, 之一 included', () => {
    expect(articleLabel(133, 1)).toBe('第一百三十三条之一');
    expect(articleLabel(1260)).toBe('第一千二百六十条');
    expect(() => toChineseNumeral(0)).toThrow(RangeError);
  });
});
