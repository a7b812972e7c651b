import { describe, expect, it } from 'vitest';
import { conclusionOf, emptyMinutes, examResultText, hoursText, standingExam, type ArchiveExam } from './archive';

const exam = (o: Partial<ArchiveExam>): ArchiveExam => ({
  examId: 1,
  title: '考试',
  kind: 'annual',
  opensAt: '2026-06-01T00:00:00.000Z',
  closesAt: '2026-06-02T00:00:00.000Z',
  outcome: 'passed',
  score: 80,
  passMark: 60,
  totalPoints: 100,
  withheld: false,
  validUntil: null,
  ...o,
});

describe('standingExam', () => {
  it('a pass in the 补考 stands over the failed exam', () => {
    const failed = exam({ examId: 1, outcome: 'failed', score: 40 });
    const makeup = exam({ examId: 2, outcome: 'passed', score: 70, kind: 'makeup', opensAt: '2026-07-01T00:00:00.000Z' });
    expect(standingExam([failed, makeup])?.examId).toBe(2);
    expect(standingExam([makeup, failed])?.examId).toBe(2);
  });
  it('the best pass wins; 缺考 ranks below a fail; none is null', () => {
    expect(standingExam([exam({ examId: 1, score: 70 }), exam({ examId: 2, score: 90 })])?.examId).toBe(2);
    expect(standingExam([exam({ examId: 1, outcome: 'absent', score: null }), exam({ examId: 2, outcome: 'failed', score: 30 })])?.examId).toBe(2);
    expect(standingExam([])).toBeNull();
  });
});

describe('texts', () => {
  it('hours keep one decimal', () => {
    expect(hoursText(90)).toBe('1.5');
    expect(hoursText(120)).toBe('2');
    expect(hoursText(255.5)).toBe('4.3');
  });
  it('exam result wording', () => {
    expect(examResultText(exam({ score: 92 }))).toBe('92分合格');
    expect(examResultText(exam({ outcome: 'failed', score: 50 }))).toBe('50分不合格');
    expect(examResultText(exam({ outcome: 'absent', score: null }))).toBe('缺考');
    expect(examResultText(exam({ withheld: true, score: null, outcome: 'grading' }))).toBe('成绩未公布');
    expect(examResultText(null)).toBe('未参加');
  });
  it('the 结论 line', () => {
    const minutes = { ...emptyMinutes(), reading: 2400, group_study: 150 };
    const line = conclusionOf({
      lists: { requiredTotal: 10, requiredDone: 8, optionalTotal: 0, optionalDone: 0, percent: 85, items: [] },
      hours: { minutes, totalMinutes: 2550, targetHours: 40 },
      annualExams: [exam({ score: 92 })],
      lectureDuty: { applies: true, required: 1, given: 1, scheduled: 0, met: true },
      preAppointment: { exams: [], hasValidPass: false, validUntil: null },
    });
    expect(line).toBe('学法清单必学完成 85%，学时 42.5/40 小时，年度考试92分合格，讲法 1/1 次');
    const none = conclusionOf({
      lists: { requiredTotal: 0, requiredDone: 0, optionalTotal: 0, optionalDone: 0, percent: null, items: [] },
      hours: { minutes: emptyMinutes(), totalMinutes: 0, targetHours: null },
      annualExams: [],
      lectureDuty: { applies: false, required: 0, given: 0, scheduled: 0, met: null },
      preAppointment: { exams: [], hasValidPass: false, validUntil: null },
    });
    expect(none).toBe('未分配学法清单，学时 0 小时，年度考试未参加');
  });
});
