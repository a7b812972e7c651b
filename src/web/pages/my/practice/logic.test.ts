import { describe, expect, it } from 'vitest';
import type { PracticeFeedback, PracticeQuestion } from '../../../../common/practice';
import { canSubmit, firstOpen, optionMark, percent, setBlank, toggleKey, truefalseMark } from './logic';

const fb = (over: Partial<PracticeFeedback>): PracticeFeedback => ({
  correct: false,
  response: { type: 'multiple', keys: ['A', 'B'] },
  key: { keys: ['A', 'C'], text: 'A、C' },
  explanationHtml: '',
  legalBasis: [],
  wrongBook: null,
  ...over,
});

describe('practice page logic', () => {
  it('多选 toggles keep letters in order', () => {
    expect(toggleKey(['C'], 'A')).toEqual(['A', 'C']);
    expect(toggleKey(['A', 'C'], 'A')).toEqual(['C']);
  });

  it('填空 sets one blank, keeping the others', () => {
    expect(setBlank(null, 2, 1, '民政部门')).toEqual({ type: 'fill', blanks: ['', '民政部门'] });
    expect(setBlank({ type: 'fill', blanks: ['30', ''] }, 2, 1, 'x')).toEqual({ type: 'fill', blanks: ['30', 'x'] });
  });

  it('submit is enabled only for a real answer of the question\'s type', () => {
    const multiple = { type: 'multiple' } as PracticeQuestion;
    expect(canSubmit(multiple, null)).toBe(false);
    expect(canSubmit(multiple, { type: 'multiple', keys: [] })).toBe(false);
    expect(canSubmit(multiple, { type: 'multiple', keys: ['A'] })).toBe(true);
    expect(canSubmit(multiple, { type: 'single', key: 'A' })).toBe(false);
    const fill = { type: 'fill' } as PracticeQuestion;
    expect(canSubmit(fill, { type: 'fill', blanks: [' ', ''] })).toBe(false);
    expect(canSubmit(fill, { type: 'fill', blanks: ['', '30'] })).toBe(true);
  });

  it('marks chosen-right, chosen-wrong and missed options after answering', () => {
    const f = fb({});
    expect(['A', 'B', 'C', 'D'].map((k) => optionMark(k as 'A', f))).toEqual(['right', 'wrong', 'missed', null]);
    expect(optionMark('A', null)).toBeNull();
    const tf = fb({ response: { type: 'truefalse', value: true }, key: { value: false, text: '错误' } });
    expect([truefalseMark(true, tf), truefalseMark(false, tf)]).toEqual(['wrong', 'missed']);
  });

  it('opens at the first unanswered question; percent', () => {
    expect(firstOpen([fb({}), null, null])).toBe(1);
    expect(firstOpen([fb({}), fb({})])).toBe(1);
    expect(firstOpen([])).toBe(0);
    expect(percent(0.853)).toBe('85%');
    expect(percent(null)).toBe('—');
  });
});
