import { describe, expect, it } from 'vitest';
import { checkQuestionContent } from '../../../../common/bank';
import { parseGift } from '../formats/index';
import { readMoodleFixture } from '../formats/fixtures';
import { contentToMoodle, mapMoodleQuestion, moodleCategoryPath, moodleTextToHtml } from './map-moodle';

const one = (gift: string) => {
  const r = parseGift(gift);
  expect(r.errors).toEqual([]);
  expect(r.questions).toHaveLength(1);
  return mapMoodleQuestion(r.questions[0]);
};
const content = (gift: string) => {
  const m = one(gift);
  expect(m.errors).toEqual([]);
  const c = checkQuestionContent(m.input);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return { content: c.content, warnings: m.warnings, categoryPath: m.categoryPath };
};

describe('IR → model', () => {
  it('maps single choice, with general feedback as 解析 and tags as 知识点', () => {
    const { content: c } = content('// [tag:成年]\n::q1::成年人的年龄是？{=十八周岁 ~十六周岁 ~十四周岁 ####民法典第十七条}');
    expect(c).toMatchObject({
      type: 'single',
      stem: '成年人的年龄是？',
      options: [{ key: 'A', html: '十八周岁' }, { key: 'B', html: '十六周岁' }, { key: 'C', html: '十四周岁' }],
      answer: { key: 'A' },
      explanationHtml: '民法典第十七条',
      difficulty: 3,
      knowledgePoints: ['成年'],
    });
  });

  it('maps multiple response: correct = fraction > 0; unequal weights are a warning', () => {
    const eq = content('下列属于原则的有？{~%50%平等 ~%50%自愿 ~%-100%垄断}');
    expect(eq.content).toMatchObject({ type: 'multiple', answer: { keys: ['A', 'B'] } });
    expect(eq.warnings).toEqual([]);
    const uneq = content('下列属于原则的有？{~%70%平等 ~%30%自愿 ~%-50%垄断}');
    expect(uneq.content).toMatchObject({ type: 'multiple', answer: { keys: ['A', 'B'] } });
    expect(uneq.warnings.join()).toContain('权重');
    const onlyOne = content('下列哪个对？{~%100%平等 ~%0%垄断 ~%0%歧视}');
    expect(onlyOne.content).toMatchObject({ type: 'single', answer: { key: 'A' } });
    expect(onlyOne.warnings.join()).toContain('单选');
  });

  it('maps true/false with feedback dropped as a warning', () => {
    const r = content('宪法是根本法。{TRUE#错了#对了####宪法序言}');
    expect(r.content).toMatchObject({ type: 'truefalse', answer: { value: true }, explanationHtml: '宪法序言' });
    expect(r.warnings.join()).toContain('反馈');
  });

  it('maps short answer to one blank: _____ or appended, only 100% answers', () => {
    const a = content('离婚冷静期为{=三十日 =30日 =%50%一个月}天。');
    expect(a.content).toMatchObject({ type: 'fill', stem: '离婚冷静期为{{1}}天。', answer: { blanks: [{ accepted: ['三十日', '30日'] }] } });
    expect(a.warnings.join()).toContain('一个月');
    const b = content('成年年龄？{=十八周岁}');
    expect(b.content.stem).toBe('成年年龄？ {{1}}');
  });

  it('maps numerical to fill with the exact number; tolerance is a warning', () => {
    const r = content('民法典共有多少条？{#1260:5}');
    expect(r.content).toMatchObject({ type: 'fill', answer: { blanks: [{ accepted: ['1260'] }] } });
    expect(r.warnings.join()).toContain('误差');
  });

  it('maps essay with graderinfo; without one it is an error', () => {
    const m = one('简述依法治国。{}');
    expect(m.errors).toEqual([expect.stringContaining('简答题缺少参考答案')]);
    const fromFeedback = content('简述依法治国。{####坚持党的领导}');
    expect(fromFeedback.content).toMatchObject({ type: 'essay', explanationHtml: '', answer: { referenceHtml: '坚持党的领导' } });
    expect(fromFeedback.warnings.join()).toContain('整体反馈');
  });

  it('refuses matching and description with a Chinese message', () => {
    expect(one('配对{=甲 -> 一 =乙 -> 二 =丙 -> 三}').errors[0]).toContain('不支持的题型：匹配题');
    expect(one('这是一段说明').errors[0]).toContain('说明文字');
  });

  it('strips Moodle contexts from category paths', () => {
    expect(moodleCategoryPath('$course$/top/宪法/第一章')).toEqual(['宪法', '第一章']);
    expect(moodleCategoryPath('$system$/民法典')).toEqual(['民法典']);
    expect(moodleCategoryPath('top')).toEqual([]);
    expect(moodleCategoryPath('a//b/c')).toEqual(['a/b', 'c']);
    expect(content('$CATEGORY: $course$/top/宪法\n\n题？{T}').categoryPath).toEqual(['宪法']);
  });

  it('converts text formats to HTML', () => {
    expect(moodleTextToHtml('a<b>\nc', 'plain')).toBe('a&lt;b&gt;<br />c');
    expect(moodleTextToHtml('<b>x</b>\ny', 'moodle')).toBe('<b>x</b><br />y');
    expect(moodleTextToHtml('p1\nl2\n\np2', 'markdown')).toBe('<p>p1<br />l2</p><p>p2</p>');
  });

  it('maps every question of the Moodle GIFT fixture to content or a clear error', () => {
    const r = parseGift(readMoodleFixture('gift/questions.gift.txt'));
    const mapped = r.questions.map((q) => ({ qtype: q.qtype, ...mapMoodleQuestion(q) }));
    for (const m of mapped) {
      if (m.errors.length) expect(['match', 'essay']).toContain(m.qtype);
      else expect(checkQuestionContent(m.input).ok).toBe(true);
    }
    expect(mapped.filter((m) => !m.errors.length).map((m) => m.qtype)).toEqual(['multichoice', 'multichoice', 'numerical', 'shortanswer', 'truefalse', 'truefalse', 'truefalse']);
  });
});

describe('model → IR → model', () => {
  it('round-trips every type Moodle can carry', () => {
    const samples = [
      'Q1？{=甲 ~乙 ~丙}',
      'Q2？{~%50%甲 ~%50%乙 ~%-100%丙}',
      'Q3。{F####解析}',
      'Q4为{=三十日 =30日}天。',
    ];
    for (const s of samples) {
      const { content: c } = content(s);
      const ir = contentToMoodle(7, c, ['宪法'])!;
      expect(ir.name).toBe('7');
      const back = mapMoodleQuestion(ir);
      expect(back.errors).toEqual([]);
      expect(checkQuestionContent(back.input)).toMatchObject({ ok: true, content: { ...c, categoryPath: ['宪法'] } });
    }
  });

  it('skips fill questions with more than one blank', () => {
    const c = checkQuestionContent({ type: 'fill', stem: '{{1}}和{{2}}', difficulty: 3, answer: { blanks: [{ accepted: ['a'] }, { accepted: ['b'] }] } });
    expect(c.ok && contentToMoodle(1, c.content, [])).toBeNull();
  });
});
