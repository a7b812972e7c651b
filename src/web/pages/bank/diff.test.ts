import { describe, expect, it } from 'vitest';
import { diffText } from './diff';

describe('diffText', () => {
  it('marks a changed word inside a sentence', () => {
    expect(diffText('年满十八周岁', '年满十六周岁')).toEqual([
      { kind: 'same', text: '年满十' },
      { kind: 'del', text: '八' },
      { kind: 'add', text: '六' },
      { kind: 'same', text: '周岁' },
    ]);
  });
  it('handles empty sides', () => {
    expect(diffText('', 'abc')).toEqual([{ kind: 'add', text: 'abc' }]);
    expect(diffText('abc', '')).toEqual([{ kind: 'del', text: 'abc' }]);
    expect(diffText('', '')).toEqual([]);
  });
});
