import { describe, expect, it } from 'vitest';
import { highlightRanges, makeSnippet, splitTerms } from './search-text';

describe('splitTerms', () => {
  it('splits on ASCII and full-width spaces, lower-cases, drops duplicates and contained terms', () => {
    expect(splitTerms('  个人信息\u3000处理者  个人信息 ')).toEqual(['个人信息', '处理者']);
    expect(splitTerms('信息 个人信息')).toEqual(['个人信息']);
    expect(splitTerms('APP')).toEqual(['app']);
    expect(splitTerms('   ')).toEqual([]);
    expect(splitTerms('a b c d e f g')).toHaveLength(5);
  });
});

describe('highlightRanges', () => {
  it('finds every occurrence and merges overlaps', () => {
    expect(highlightRanges('个人信息处理者处理个人信息', ['个人信息', '处理者'])).toEqual([
      { start: 0, end: 7 },
      { start: 9, end: 13 },
    ]);
    expect(highlightRanges('ABC abc', ['abc'])).toEqual([
      { start: 0, end: 3 },
      { start: 4, end: 7 },
    ]);
    expect(highlightRanges('没有', ['个人'])).toEqual([]);
  });
});

describe('makeSnippet', () => {
  const long = '甲'.repeat(200) + '个人信息' + '乙'.repeat(30) + '处理者' + '丙'.repeat(200);

  it('short text is returned whole with its highlights', () => {
    expect(makeSnippet('第一段\n第二段个人信息', ['个人信息'])).toEqual({ snippet: '第一段 第二段个人信息', highlights: [{ start: 7, end: 11 }] });
  });

  it('cuts a window around the terms, marks the cuts, and the ranges point at the terms', () => {
    const { snippet, highlights } = makeSnippet(long, ['个人信息', '处理者'], 80);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(highlights.map((h) => snippet.slice(h.start, h.end))).toEqual(['个人信息', '处理者']);
  });

  it('prefers the window where more distinct terms occur together', () => {
    const text = '处理者' + '甲'.repeat(300) + '个人信息乙处理者' + '丙'.repeat(300);
    const { snippet, highlights } = makeSnippet(text, ['个人信息', '处理者'], 60);
    expect(highlights.map((h) => snippet.slice(h.start, h.end))).toEqual(['个人信息', '处理者']);
  });
});
