import { describe, expect, it } from 'vitest';
import { OPTION_KEYS, questionContentSchema, type OptionKey } from '../../../common/bank';
import type { PaperItem } from '../../../common/exam';
import { toDisplayed, toOriginal } from './autosave';

const multiple = questionContentSchema.parse({
  type: 'multiple',
  stem: '多选',
  difficulty: 3,
  options: OPTION_KEYS.slice(0, 5).map((key) => ({ key, html: key })),
  answer: { keys: ['A', 'C'] },
});
const fill = questionContentSchema.parse({ type: 'fill', stem: '{{1}}和{{2}}', difficulty: 1, answer: { blanks: [{ accepted: ['x'] }, { accepted: ['y'] }] } });

describe('displayed ↔ original letters', () => {
  it('round-trips every subset under a random option order', () => {
    for (let trial = 0; trial < 50; trial++) {
      const order = [...multiple.options!.map((o) => o.key)].sort(() => Math.random() - 0.5) as OptionKey[];
      const item: PaperItem = { questionId: 1, versionId: 1, type: 'multiple', points: 2, optionOrder: order };
      const shown = OPTION_KEYS.slice(0, 5).filter(() => Math.random() < 0.5);
      const r = toOriginal({ type: 'multiple', keys: shown }, item, multiple);
      if (!r.ok) throw new Error(r.message);
      // displayed letter i is original order[i]
      expect(r.value).toEqual({ type: 'multiple', keys: shown.map((d) => order[OPTION_KEYS.indexOf(d)]).sort() });
      expect(toDisplayed(r.value, item, multiple)).toEqual({ type: 'multiple', keys: shown });
    }
  });

  it('refuses letters not shown, duplicates, a wrong type and too many blanks; pads missing blanks', () => {
    const item: PaperItem = { questionId: 1, versionId: 1, type: 'multiple', points: 2, optionOrder: ['E', 'D', 'C', 'B', 'A'] };
    expect(toOriginal({ type: 'multiple', keys: ['F'] }, item, multiple)).toMatchObject({ ok: false, message: '选项F不存在' });
    expect(toOriginal({ type: 'multiple', keys: ['A', 'A'] }, item, multiple)).toMatchObject({ ok: false });
    expect(toOriginal({ type: 'single', key: 'A' }, item, multiple)).toMatchObject({ ok: false, message: expect.stringContaining('多选题') });
    const fillItem: PaperItem = { questionId: 2, versionId: 2, type: 'fill', points: 2 };
    expect(toOriginal({ type: 'fill', blanks: ['a', 'b', 'c'] }, fillItem, fill)).toMatchObject({ ok: false });
    expect(toOriginal({ type: 'fill', blanks: ['a'] }, fillItem, fill)).toEqual({ ok: true, value: { type: 'fill', blanks: ['a', ''] } });
  });
});
