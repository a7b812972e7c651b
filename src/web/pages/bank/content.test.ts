import { describe, expect, it } from 'vitest';
import { checkQuestionContent } from '../../../common/bank';
import { contentToValues, emptyValues, issueField, renumberBlanks, valuesToContent } from './content';

describe('editor values ↔ question content', () => {
  it('a filled-in 单选 form is valid content with <br/> for line breaks', () => {
    const v = { ...emptyValues('single'), stem: '第一行\n第二行', options: [{ html: '甲' }, { html: '乙' }], singleKey: 'B' as const };
    const c = valuesToContent(v);
    const r = checkQuestionContent(c);
    expect(r.ok).toBe(true);
    expect(c.stem).toBe('第一行<br/>第二行');
    expect(c.options).toEqual([
      { key: 'A', html: '甲' },
      { key: 'B', html: '乙' },
    ]);
  });

  it('round-trips stored content back into the form', () => {
    const v = { ...emptyValues('fill'), stem: '不满{{1}}周岁为{{2}}', blanks: [{ accepted: ['八', '8'] }, { accepted: ['无民事行为能力人'] }] };
    const c = valuesToContent(v);
    const r = checkQuestionContent(c);
    expect(r.ok).toBe(true);
    if (r.ok) expect(contentToValues(r.content, null).blanks).toEqual(v.blanks);
  });

  it('maps server and client issue paths onto editor fields', () => {
    expect(issueField('content.options.2.html')).toEqual(['options', 2, 'html']);
    expect(issueField('content.answer.key')).toEqual(['singleKey']);
    expect(issueField('answer.keys')).toEqual(['multiKeys']);
    expect(issueField('content.answer.blanks.1.accepted.0')).toEqual(['blanks', 1, 'accepted']);
    expect(issueField('content.legalBasis.0.articleLabel')).toEqual(['legalBasis', 0, 'articleLabel']);
    expect(issueField('content.answer.rubric.3.score')).toEqual(['rubric', 3, 'score']);
    expect(issueField('answer.blanks')).toBeNull();
  });

  it('renumbers blank markers in reading order', () => {
    expect(renumberBlanks('a{{2}}b{{0}}c{{1}}')).toBe('a{{1}}b{{2}}c{{3}}');
  });
});
