import { describe, expect, it } from 'vitest';
import {
  QUESTION_STATUSES,
  allowedTransitions,
  blankNumbers,
  checkQuestionContent,
  normaliseBlankMarkers,
  questionContentSchema,
  transitionProblem,
  type QuestionContentInput,
} from './bank';

const single: QuestionContentInput = {
  type: 'single',
  stem: '<p>我国的根本大法是（　）。</p>',
  options: [
    { key: 'A', html: '宪法' },
    { key: 'B', html: '民法典' },
    { key: 'C', html: '刑法' },
  ],
  answer: { key: 'A' },
  difficulty: 1,
};

const paths = (input: unknown) => {
  const r = checkQuestionContent(input);
  return r.ok ? [] : r.issues.map((i) => i.path);
};

describe('questionContentSchema', () => {
  it('accepts each type and fills defaults', () => {
    const r = checkQuestionContent(single);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.content).toMatchObject({ explanationHtml: '', legalBasis: [], knowledgePoints: [], yearAdded: null, source: '' });
    expect(paths({ ...single, type: 'multiple', answer: { keys: ['A', 'C'] } })).toEqual([]);
    expect(paths({ type: 'truefalse', stem: '宪法是根本大法。', answer: { value: true }, difficulty: 2 })).toEqual([]);
    expect(paths({ type: 'fill', stem: '{{1}}是根本大法，{{2}}是基本法律。', answer: { blanks: [{ accepted: ['宪法'] }, { accepted: ['民法典', '民法'] }] }, difficulty: 2 })).toEqual([]);
    expect(
      paths({ type: 'essay', stem: '简述依法行政的基本要求。', answer: { referenceHtml: '<p>合法行政……</p>', rubric: [{ point: '合法行政', score: 2 }] }, difficulty: 4 }),
    ).toEqual([]);
  });

  it('reports every problem at once, with field paths', () => {
    const r = checkQuestionContent({
      type: 'single',
      stem: '<p> </p>',
      options: [
        { key: 'A', html: '宪法' },
        { key: 'C', html: '' },
      ],
      answer: { key: 'E' },
      difficulty: 6,
      suitableRanks: ['县处级', '科长'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['answer.key', 'difficulty', 'options.1.html', 'options.1.key', 'stem', 'suitableRanks.1']);
    expect(r.issues.find((i) => i.path === 'answer.key')!.message).toContain('不在选项中');
  });

  it('checks option counts and multiple-choice keys', () => {
    expect(paths({ ...single, options: [{ key: 'A', html: '宪法' }] })).toEqual(['options']);
    const nine = 'ABCDEFGHI'.split('').map((k) => ({ key: k, html: k }));
    expect(paths({ ...single, options: nine })).toContain('options');
    expect(paths({ ...single, type: 'multiple', answer: { keys: ['A'] } })).toEqual(['answer.keys']);
    expect(paths({ ...single, type: 'multiple', answer: { keys: ['C', 'A'] } })).toEqual(['answer.keys']);
    expect(paths({ ...single, type: 'multiple', answer: { keys: ['A', 'A'] } })).toEqual(['answer.keys']);
  });

  it('refuses options on 判断/填空/简答 and blank markers outside 填空', () => {
    expect(paths({ type: 'truefalse', stem: '对吗', options: [{ key: 'A', html: '对' }], answer: { value: true }, difficulty: 1 })).toEqual(['options']);
    expect(paths({ type: 'truefalse', stem: '{{1}}对吗', answer: { value: true }, difficulty: 1 })).toEqual(['stem']);
  });

  it('checks blanks: count and numbering', () => {
    const fill = (stem: string, n: number) => ({ type: 'fill', stem, difficulty: 1, answer: { blanks: Array.from({ length: n }, () => ({ accepted: ['x'] })) } });
    expect(paths(fill('{{1}}和{{2}}', 1))).toEqual(['answer.blanks']);
    expect(paths(fill('{{2}}和{{1}}', 2))).toEqual(['stem']);
    expect(paths(fill('没有空', 1))).toEqual(['answer.blanks']);
    expect(paths({ type: 'fill', stem: '{{1}}', difficulty: 1, answer: { blanks: [{ accepted: [] }] } })).toEqual(['answer.blanks.0.accepted']);
  });

  it('an unknown type is one clear issue', () => {
    const r = questionContentSchema.safeParse({ ...single, type: 'matching' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain('题型应为');
  });

  it('legal basis needs a law title', () => {
    expect(paths({ ...single, legalBasis: [{ lawTitle: '', articleLabel: '第一条' }] })).toEqual(['legalBasis.0.lawTitle']);
    expect(paths({ ...single, legalBasis: [{ articleId: 7, lawTitle: '民法典', articleLabel: '第一千零七十九条' }] })).toEqual([]);
  });
});

describe('blank markers', () => {
  it('normalises the usual blanks into numbered markers', () => {
    expect(normaliseBlankMarkers('公民（　）周岁为成年人，（ ）周岁以上（）可以____。')).toBe('公民{{1}}周岁为成年人，{{2}}周岁以上{{3}}可以{{4}}。');
    expect(normaliseBlankMarkers('{{3}}和{{1}}')).toBe('{{1}}和{{2}}');
    expect(normaliseBlankMarkers('下划线__两个不算')).toBe('下划线__两个不算');
    expect(blankNumbers('a{{1}}b{{2}}')).toEqual([1, 2]);
  });
});

describe('status transitions', () => {
  const strict = { reviewRequired: true, actorIsAuthor: false };
  const lax = { reviewRequired: false, actorIsAuthor: true };
  it('follows 草稿 → 待审核 → 启用 → 停用 with review', () => {
    expect(allowedTransitions('draft', strict)).toEqual(['pending_review']);
    expect(allowedTransitions('pending_review', strict)).toEqual(['draft', 'active']);
    expect(allowedTransitions('active', strict)).toEqual(['retired']);
    expect(allowedTransitions('retired', strict)).toEqual(['draft']);
  });
  it('the author cannot approve their own question when review is required', () => {
    expect(transitionProblem('pending_review', 'active', { reviewRequired: true, actorIsAuthor: true })).toContain('不能审核自己');
    expect(transitionProblem('pending_review', 'active', lax)).toBeNull();
  });
  it('without required review a draft may be enabled directly', () => {
    expect(allowedTransitions('draft', lax)).toEqual(['pending_review', 'active']);
    expect(allowedTransitions('retired', lax)).toEqual(['draft', 'active']);
  });
  it('never allows a change to the same status or out of order', () => {
    for (const s of QUESTION_STATUSES) expect(transitionProblem(s, s, lax)).toMatch(/已是/);
    expect(transitionProblem('active', 'pending_review', lax)).toMatch(/不能从/);
    expect(transitionProblem('retired', 'pending_review', lax)).toMatch(/不能从/);
  });
});
