import { describe, expect, it } from 'vitest';
import type { AttemptItemView, MyExamItem } from '../../../../common/exam';
import { answerState, canStartAgain, cardEntries, formatMinutes, groupMyExams, numberList, resultsReleaseText, setBlank, submitSummary, toggleKey, type LocalAnswer } from './logic';

describe('answer state', () => {
  it('knows answered, unanswered and half-filled questions of every type', () => {
    expect(answerState(null)).toBe('empty');
    expect(answerState({ type: 'single', key: null })).toBe('empty');
    expect(answerState({ type: 'single', key: 'B' })).toBe('done');
    expect(answerState({ type: 'multiple', keys: [] })).toBe('empty');
    expect(answerState({ type: 'truefalse', value: false })).toBe('done');
    expect(answerState({ type: 'essay', text: '   ' })).toBe('empty');
    expect(answerState({ type: 'fill', blanks: ['行政', ''] }, 2)).toBe('partial');
    expect(answerState({ type: 'fill', blanks: ['行政', '复议'] }, 2)).toBe('done');
  });

  it('multiple-choice letters stay sorted; blanks pad to the blank count', () => {
    expect(toggleKey(['C'], 'A')).toEqual(['A', 'C']);
    expect(toggleKey(['A', 'C'], 'A')).toEqual(['C']);
    expect(setBlank(null, 3, 1, '十八')).toEqual({ type: 'fill', blanks: ['', '十八', ''] });
  });
});

describe('submit summary', () => {
  const item = (position: number, type: AttemptItemView['question']['type'], blankCount?: number): AttemptItemView => ({
    position,
    points: 2,
    question: { id: position + 100, type, stem: 's', blankCount },
    response: null,
    flagged: false,
    seq: 0,
  });
  it('lists unanswered, half-filled and flagged questions by their number', () => {
    const items = [item(0, 'single'), item(1, 'fill', 2), item(2, 'essay'), item(3, 'truefalse')];
    const answers = new Map<number, LocalAnswer>([
      [0, { response: { type: 'single', key: 'A' }, flagged: true }],
      [1, { response: { type: 'fill', blanks: ['x', ''] }, flagged: false }],
    ]);
    expect(submitSummary(cardEntries(items, answers))).toEqual({ answered: 1, unanswered: [3, 4], partial: [2], flagged: [1] });
  });
  it('prints runs of numbers compactly', () => {
    expect(numberList([1, 3, 5, 6, 7, 8, 10, 11])).toBe('1、3、5–8、10、11');
    expect(numberList([])).toBe('');
  });
});

describe('my exams', () => {
  const exam = (examId: number, state: MyExamItem['state'], closesAt: string, extra: Partial<MyExamItem> = {}): MyExamItem => ({
    examId,
    title: `考试${examId}`,
    kind: 'annual',
    instructions: '',
    opensAt: '2026-11-01T00:00:00Z',
    closesAt,
    durationMinutes: 90,
    extraMinutes: 0,
    totalPoints: 100,
    passMark: 60,
    questionCount: 50,
    maxAttempts: 1,
    attemptsUsed: 0,
    state,
    activeAttemptId: null,
    lastAttemptId: null,
    score: null,
    passed: null,
    resultsRelease: 'after_close',
    resultsAt: closesAt,
    ...extra,
  });

  it('puts running exams first, then open ones closing soonest, and leaves out empty groups', () => {
    const groups = groupMyExams([exam(1, 'open', '2026-12-30T00:00:00Z'), exam(2, 'result', '2026-10-01T00:00:00Z'), exam(3, 'open', '2026-12-01T00:00:00Z'), exam(4, 'in_progress', '2026-12-31T00:00:00Z')]);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.examId)])).toEqual([
      ['进行中', [4]],
      ['可参加', [3, 1]],
      ['成绩', [2]],
    ]);
  });

  it('offers another attempt only with attempts left inside the window', () => {
    const now = Date.parse('2026-11-24T00:00:00Z');
    expect(canStartAgain(exam(1, 'submitted', '2026-12-01T00:00:00Z', { maxAttempts: 2, attemptsUsed: 1 }), now)).toBe(true);
    expect(canStartAgain(exam(1, 'submitted', '2026-12-01T00:00:00Z', { maxAttempts: 1, attemptsUsed: 1 }), now)).toBe(false);
    expect(canStartAgain(exam(1, 'result', '2026-11-20T00:00:00Z', { maxAttempts: 3, attemptsUsed: 1 }), now)).toBe(false);
  });

  it('tells a waiting examinee when results come, by release mode', () => {
    const now = new Date(2026, 10, 24, 12, 0);
    const at = new Date(2026, 10, 30, 18, 5).toISOString();
    expect(resultsReleaseText({ resultsRelease: 'after_close', resultsAt: at }, now)).toBe('成绩将于 11月30日 18:05 考试结束后公布');
    expect(resultsReleaseText({ resultsRelease: 'published', resultsAt: null }, now)).toBe('成绩待考评办统一发布');
    expect(resultsReleaseText({ resultsRelease: 'never', resultsAt: null }, now)).toBe('本场考试不公布成绩');
    expect(resultsReleaseText({ resultsRelease: 'immediate', resultsAt: null }, now)).toBeNull();
  });

  it('writes durations the way people say them', () => {
    expect([45, 60, 90, 120].map(formatMinutes)).toEqual(['45分钟', '1小时', '1小时30分钟', '2小时']);
  });
});
