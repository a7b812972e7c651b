import { describe, expect, it } from 'vitest';
import type { PersonListProgressItem } from '../../../common/learning-lists';
import { itemLink, ruleSelects, summarise } from './lists-progress';

const subject = { unitPath: '/1/4/9/', rank: '乡科级', postCategory: '行政执法', isPrincipalLeader: false };
const paths = new Map([
  [4, '/1/4/'],
  [7, '/1/7/'],
]);
const rule = (r: Partial<{ unitIds: number[]; ranks: string[]; postCategories: string[]; principalLeadersOnly: boolean }>) =>
  ({ unitIds: [], ranks: [], postCategories: [], principalLeadersOnly: false, ...r }) as Parameters<typeof ruleSelects>[0];

describe('ruleSelects', () => {
  it('selects everyone with no rule or an empty rule (unlike exam rosters)', () => {
    expect(ruleSelects(null, subject, paths)).toBe(true);
    expect(ruleSelects(rule({}), subject, paths)).toBe(true);
  });
  it('needs every given criterion; unit subtrees are alternatives', () => {
    expect(ruleSelects(rule({ unitIds: [7, 4] }), subject, paths)).toBe(true);
    expect(ruleSelects(rule({ unitIds: [7] }), subject, paths)).toBe(false);
    expect(ruleSelects(rule({ unitIds: [4], postCategories: ['综合管理'] }), subject, paths)).toBe(false);
    expect(ruleSelects(rule({ ranks: ['乡科级'], postCategories: ['行政执法'] }), subject, paths)).toBe(true);
    expect(ruleSelects(rule({ principalLeadersOnly: true }), subject, paths)).toBe(false);
    expect(ruleSelects(rule({ postCategories: ['行政执法'] }), { ...subject, postCategory: null }, paths)).toBe(false);
  });
  it('a rule naming only a deleted unit selects nobody', () => {
    expect(ruleSelects(rule({ unitIds: [999] }), subject, paths)).toBe(false);
  });
});

describe('summarise', () => {
  const item = (required: boolean, percent: number): PersonListProgressItem => ({
    itemId: 1,
    listId: 1,
    listName: 'x',
    segment: '3',
    kind: 'law',
    title: 't',
    required,
    expectedMinutes: 0,
    done: percent === 100,
    percent,
    detail: '',
    link: null,
  });
  it('averages the required items only, rounding down', () => {
    const s = summarise(2026, [item(true, 100), item(true, 33), item(false, 0), item(false, 100)]);
    expect(s).toMatchObject({ requiredTotal: 2, requiredDone: 1, optionalTotal: 2, optionalDone: 1, percent: 66 });
  });
  it('is 0 with nothing required', () => {
    expect(summarise(2026, [item(false, 100)]).percent).toBe(0);
  });
});

describe('itemLink', () => {
  it('points laws at the reader and materials at the material reader with the expected time', () => {
    expect(itemLink({ kind: 'law', lawId: 3, materialId: null, expectedMinutes: 0 })).toBe('/laws/3');
    expect(itemLink({ kind: 'material', lawId: null, materialId: 5, expectedMinutes: 30 })).toBe('/my/learning/materials/5?expected=30');
    expect(itemLink({ kind: 'course', lawId: null, materialId: null, expectedMinutes: 0 })).toBeNull();
  });
});
