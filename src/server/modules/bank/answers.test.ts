import { describe, expect, it } from 'vitest';
import { OPTION_KEYS, questionContentSchema, type OptionKey, type QuestionContent } from '../../../common/bank';
import { gradeObjective, normaliseFillText, parseChoiceKeys, parseFillAnswer, parseMultipleAnswer, parseSingleAnswer, parseTrueFalseAnswer } from './answers';

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const err = (r: { ok: boolean; error?: string }) => (r.ok ? null : r.error);

describe('choice answers', () => {
  it.each(['AC', 'A,C', 'A，C', 'A、C', 'A C', 'ac', 'ＡＣ', 'C A', ' a ; c ', 'A/C'])('%s → A, C', (s) => {
    expect(ok(parseChoiceKeys(s))).toEqual(['A', 'C']);
    expect(ok(parseMultipleAnswer(s, 4))).toEqual({ keys: ['A', 'C'] });
  });
  it('single takes one letter', () => {
    expect(ok(parseSingleAnswer('b', 4))).toEqual({ key: 'B' });
    expect(ok(parseSingleAnswer('Ｄ', 4))).toEqual({ key: 'D' });
    expect(err(parseSingleAnswer('AB', 4))).toContain('单选题只能有一个答案');
  });
  it('gives precise errors', () => {
    expect(err(parseMultipleAnswer('A', 4))).toContain('多选题至少要有两个正确选项');
    expect(err(parseSingleAnswer('E', 4))).toBe('答案E不在选项中（本题只有A、B、C、D4个选项）');
    expect(err(parseChoiceKeys('A1'))).toContain('“1”不是选项字母');
    expect(err(parseChoiceKeys('AA'))).toContain('重复');
    expect(err(parseChoiceKeys(' '))).toContain('请填写答案');
  });
});

describe('true/false answers', () => {
  it.each(['正确', '对', '√', '✓', '✔', 'T', 't', 'TRUE', 'true', '是', 'Y', 'y', '1', 'Ｔ'])('%s → true', (s) => {
    expect(ok(parseTrueFalseAnswer(s))).toEqual({ value: true });
  });
  it.each(['错误', '错', '×', '✗', '✘', 'F', 'FALSE', 'false', '否', 'N', '0', 'X'])('%s → false', (s) => {
    expect(ok(parseTrueFalseAnswer(s))).toEqual({ value: false });
  });
  it('Excel booleans and numbers too; nonsense is an error', () => {
    expect(ok(parseTrueFalseAnswer(true))).toEqual({ value: true });
    expect(ok(parseTrueFalseAnswer(0))).toEqual({ value: false });
    expect(err(parseTrueFalseAnswer('A'))).toContain('判断题答案“A”无法识别');
  });
});

describe('fill answers', () => {
  it('splits blanks on | (or ； without |) and alternatives on /', () => {
    expect(ok(parseFillAnswer('三十/30|民政部门'))).toEqual({ blanks: [{ accepted: ['三十', '30'] }, { accepted: ['民政部门'] }] });
    expect(ok(parseFillAnswer('十八；十六'))).toEqual({ blanks: [{ accepted: ['十八'] }, { accepted: ['十六'] }] });
    expect(ok(parseFillAnswer('单位或者个人'))).toEqual({ blanks: [{ accepted: ['单位或者个人'] }] });
    expect(ok(parseFillAnswer('甲；乙｜丙'))).toEqual({ blanks: [{ accepted: ['甲；乙'] }, { accepted: ['丙'] }] });
  });
  it('checks the blank count against the stem and empty blanks', () => {
    expect(err(parseFillAnswer('甲|乙', 3))).toContain('题干中有3个空，答案有2个空');
    expect(err(parseFillAnswer('甲||乙'))).toContain('第2个空的答案是空的');
  });
});

// ---------------------------------------------------------------------------------------------

const choice = (type: 'single' | 'multiple', answer: OptionKey[], n = 5): QuestionContent =>
  questionContentSchema.parse({
    type,
    stem: '题',
    difficulty: 3,
    options: OPTION_KEYS.slice(0, n).map((key) => ({ key, html: `选项${key}` })),
    answer: type === 'single' ? { key: answer[0] } : { keys: answer },
  });

/** Small deterministic PRNG for property-style loops. */
function rng(seed: number) {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const subset = (r: () => number, n: number) => OPTION_KEYS.slice(0, n).filter(() => r() < 0.5);

describe('gradeObjective', () => {
  it('single and true/false: right or wrong', () => {
    const q = choice('single', ['C']);
    expect(gradeObjective(q, { type: 'single', key: 'C' })).toEqual({ credit: 1, correct: true });
    expect(gradeObjective(q, { type: 'single', key: 'A' }).credit).toBe(0);
    expect(gradeObjective(q, { type: 'single', key: null }).credit).toBe(0);
    expect(gradeObjective(q, null).credit).toBe(0);
    expect(gradeObjective(q, { type: 'truefalse', value: true }).credit).toBe(0);
    const tf = questionContentSchema.parse({ type: 'truefalse', stem: '题', difficulty: 1, answer: { value: false } });
    expect(gradeObjective(tf, { type: 'truefalse', value: false }).credit).toBe(1);
    expect(gradeObjective(tf, { type: 'truefalse', value: true }).credit).toBe(0);
    expect(gradeObjective(tf, { type: 'truefalse', value: null }).credit).toBe(0);
  });

  it('multiple, property: all-or-nothing scores only the exact set; partial = 少选得一半、错选不得分', () => {
    const r = rng(42);
    for (let i = 0; i < 2000; i++) {
      const n = 2 + Math.floor(r() * 7);
      let key = subset(r, n);
      if (key.length < 2) key = OPTION_KEYS.slice(0, 2);
      const q = choice('multiple', key, n);
      const chosen = subset(r, n);
      const exact = chosen.length === key.length && chosen.every((k) => key.includes(k));
      const wrong = chosen.some((k) => !key.includes(k));
      const resp = { type: 'multiple' as const, keys: chosen };
      expect(gradeObjective(q, resp).credit).toBe(exact ? 1 : 0);
      const partial = gradeObjective(q, resp, { multiple: 'partial' }).credit;
      expect(partial).toBe(exact ? 1 : wrong || chosen.length === 0 ? 0 : 0.5);
      // partial never gives less than all-or-nothing, and response order never matters
      expect(partial).toBeGreaterThanOrEqual(gradeObjective(q, resp).credit);
      expect(gradeObjective(q, { type: 'multiple', keys: [...chosen].reverse() }, { multiple: 'partial' }).credit).toBe(partial);
    }
    expect(gradeObjective(choice('multiple', ['A', 'B', 'C']), { type: 'multiple', keys: ['A'] }, { multiple: 'partial', partialCredit: 0.4 }).credit).toBe(0.4);
  });

  it('fill: width, spaces, case and end punctuation do not matter; caseSensitive blanks keep case', () => {
    const q = questionContentSchema.parse({
      type: 'fill',
      stem: '{{1}}、{{2}}和{{3}}',
      difficulty: 2,
      answer: { blanks: [{ accepted: ['三十', '30'] }, { accepted: ['PM2.5'] }, { accepted: ['GDP'], caseSensitive: true }] },
    });
    const g = gradeObjective(q, { type: 'fill', blanks: [' ３０ ', 'pm 2.5。', 'GDP'] });
    expect(g).toEqual({ credit: 1, correct: true, blanks: [true, true, true] });
    const h = gradeObjective(q, { type: 'fill', blanks: ['三 十', 'PM2.5', 'gdp'] });
    expect(h.blanks).toEqual([true, true, false]);
    expect(h.credit).toBeCloseTo(2 / 3);
    expect(gradeObjective(q, { type: 'fill', blanks: ['三十'] }, { fill: 'all_or_nothing' }).credit).toBe(0);
    expect(gradeObjective(q, { type: 'fill', blanks: ['', '', ''] }).credit).toBe(0);
  });

  it('fill, property: an accepted answer in any width/spacing/case always scores; anything else never does', () => {
    const r = rng(7);
    const words = ['民政部门', '三十日', 'ABC', '人民法院', '六个月', 'x1'];
    const widen = (s: string) => [...s].map((ch) => (/[!-~]/.test(ch) && r() < 0.5 ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
    for (let i = 0; i < 500; i++) {
      const w = words[Math.floor(r() * words.length)];
      const other = words.find((x) => x !== w)!;
      const q = questionContentSchema.parse({ type: 'fill', stem: '{{1}}', difficulty: 1, answer: { blanks: [{ accepted: [w] }] } });
      const typed = ` ${widen(r() < 0.5 ? w.toLowerCase() : w)} `;
      expect(gradeObjective(q, { type: 'fill', blanks: [typed] }).credit).toBe(1);
      expect(gradeObjective(q, { type: 'fill', blanks: [other] }).credit).toBe(0);
    }
  });

  it('refuses to grade 简答', () => {
    const q = questionContentSchema.parse({ type: 'essay', stem: '论述', difficulty: 3, answer: { referenceHtml: '参考' } });
    expect(() => gradeObjective(q, { type: 'essay', text: 'x' })).toThrow();
  });

  it('normaliseFillText', () => {
    expect(normaliseFillText('　ＰＭ２．５ 。')).toBe('pm2.5');
    expect(normaliseFillText('ＰＭ', true)).toBe('PM');
  });
});
