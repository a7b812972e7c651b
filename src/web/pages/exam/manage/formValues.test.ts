import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { examInputSchema, totalPointsOf } from '../../../../common/exam';
import { emptyExamValues, examToValues, formQuestionCount, formTotalPoints, issueFieldPath, nearestRegistered, valuesToInput, type ExamFormValues } from './formValues';

const filled = (patch: Partial<ExamFormValues> = {}): ExamFormValues => ({ ...emptyExamValues(dayjs('2026-11-24T10:00:00+08:00')), title: '2026年度学法考试', ...patch });

describe('exam form values ↔ ExamInput', () => {
  it('a new form with a title is a valid 100-point annual exam of 45 questions', () => {
    const v = filled();
    const r = examInputSchema.safeParse(valuesToInput(v));
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(totalPointsOf(r.data.paper)).toBe(100);
    expect(formTotalPoints(v)).toBe(100);
    expect(formQuestionCount(v)).toBe(45);
    expect(r.data.kind).toBe('annual');
    expect(Date.parse(r.data.closesAt)).toBeGreaterThan(Date.parse(r.data.opensAt));
  });

  it('round-trips every setting through the saved form', () => {
    const v = filled({ kind: 'pre_appointment', passValidMonths: 24, switchLimitOn: true, switchLimit: 5, maxAttempts: 2, attemptScoring: 'last' });
    v.grading = { multiple: 'partial', partialCreditPct: 40, fill: 'all_or_nothing', gradersPerEssay: 2 };
    v.rosterRule = { unitIds: [3, 7], ranks: ['乡科级'], postCategories: ['行政执法'], principalLeadersOnly: true };
    v.blueprint = {
      ...v.blueprint,
      quotas: [{ kind: 'law', ref: 12, label: '宪法', type: 'single', min: 5, max: 8 }],
      difficultyOn: true,
      difficulty: { target: 3.2, tolerance: 0.2, min: 2, max: 5 },
      exposureCapPct: 30,
      enemies: [{ ids: [4, 9] }],
      excludeSeenInLastExams: 2,
      matchRank: true,
    };
    const parsed = examInputSchema.parse(valuesToInput(v));
    expect(parsed.grading.partialCredit).toBe(0.4);
    expect(parsed.switchLimit).toBe(5);
    expect(parsed.passValidMonths).toBe(24);
    if (parsed.paper.mode !== 'blueprint') throw new Error('mode');
    expect(parsed.paper.blueprint.exposureCap).toBe(0.3);
    expect(parsed.paper.blueprint.enemies).toEqual([[4, 9]]);
    expect(parsed.paper.blueprint.quotas[0]).toMatchObject({ kind: 'law', ref: 12, type: 'single', min: 5, max: 8 });

    const back = examToValues(parsed);
    expect(back.blueprint).toEqual(v.blueprint);
    expect(back.grading).toEqual(v.grading);
    expect(back.rosterRule).toEqual(v.rosterRule);
    expect(back.window![0].valueOf()).toBe(v.window![0].valueOf());
    expect(back.switchLimitOn).toBe(true);
  });

  it('switches that are off send null, and a non-任前 exam drops the pass validity', () => {
    const v = filled({ switchLimitOn: false, switchLimit: 3, rosterRuleOn: false, passValidMonths: 12 });
    const input = valuesToInput(v);
    expect(input.switchLimit).toBeNull();
    expect(input.rosterRule).toBeNull();
    expect(input.passValidMonths).toBeNull();
    if (input.paper.mode !== 'blueprint') throw new Error('mode');
    expect(input.paper.blueprint.difficulty).toBeNull();
    expect(input.paper.blueprint.exposureCap).toBeNull();
  });

  it('a fixed paper keeps the blueprint aside and totals its own points', () => {
    const v = filled({ paperMode: 'fixed', passMark: 3, fixed: { items: [{ questionId: 5, points: 2 }, { questionId: 8, points: 2.5 }], shuffleQuestions: true, shuffleOptions: false } });
    expect(formTotalPoints(v)).toBe(4.5);
    const parsed = examInputSchema.parse(valuesToInput(v));
    expect(parsed.paper).toEqual({ mode: 'fixed', fixed: { items: [{ questionId: 5, points: 2 }, { questionId: 8, points: 2.5 }], shuffleQuestions: true, shuffleOptions: false } });
    expect(examToValues(parsed).blueprint.sections).toHaveLength(3); // the default blueprint is there to switch back to
  });

  it('a blank count is sent as missing, so the server names that field', () => {
    const v = filled();
    v.blueprint.sections[1] = { ...v.blueprint.sections[1], count: null };
    const r = examInputSchema.safeParse(JSON.parse(JSON.stringify(valuesToInput(v))));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toContain('paper.blueprint.sections.1.count');
  });
});

describe('issue paths → form fields', () => {
  it('maps server paths onto the fields the form shows', () => {
    expect(issueFieldPath('closesAt')).toEqual(['window']);
    expect(issueFieldPath('opensAt')).toEqual(['window']);
    expect(issueFieldPath('paper.blueprint.sections.0.count')).toEqual(['blueprint', 'sections', 0, 'count']);
    expect(issueFieldPath('paper.blueprint.quotas.2.min')).toEqual(['blueprint', 'quotas', 2, 'min']);
    expect(issueFieldPath('paper.blueprint.exposureCap')).toEqual(['blueprint', 'exposureCapPct']);
    expect(issueFieldPath('paper.blueprint.enemies.1.0')).toEqual(['blueprint', 'enemies', 1, 'ids']);
    expect(issueFieldPath('paper.blueprint.difficulty')).toEqual(['blueprint', 'difficulty', 'target']);
    expect(issueFieldPath('paper.fixed.items.3.points')).toEqual(['fixed', 'items', 3, 'points']);
    expect(issueFieldPath('grading.partialCredit')).toEqual(['grading', 'partialCreditPct']);
    expect(issueFieldPath('paper')).toEqual(['paperMode']);
    expect(issueFieldPath('passMark')).toEqual(['passMark']);
  });

  it('finds the nearest field the form has registered', () => {
    const registered = [['title'], ['blueprint', 'sections', 0, 'type'], ['blueprint', 'sections', 0, 'count'], ['blueprint', 'difficulty', 'target']];
    expect(nearestRegistered(['blueprint', 'sections', 0, 'count'], registered)).toEqual(['blueprint', 'sections', 0, 'count']);
    // an issue on the whole section lands on its first field
    expect(nearestRegistered(['blueprint', 'sections', 0], registered)).toEqual(['blueprint', 'sections', 0, 'type']);
    // a deeper path than any field falls back to its registered ancestor
    expect(nearestRegistered(['blueprint', 'difficulty', 'target', 'x'], registered)).toEqual(['blueprint', 'difficulty', 'target']);
    expect(nearestRegistered(['blueprint', 'quotas', 0, 'min'], registered)).toBeNull();
  });
});
