/**
 * Law reading evidence for list progress, counted in two parts (reads of the current version's
 * articles directly, reads of older versions carried over by number and 之N suffix), against the
 * plain definition — distinct current articles in scope that the person read in any version —
 * computed here with the join the count used to be. Also: the 学法档案 table fills its list
 * column from its own page's people, with the same figures as each person's own progress, for
 * small and large pages.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveRow } from '../../src/common/archive';
import { beijingDay } from '../../src/common/learning';
import type { UnitCompletion } from '../../src/common/learning-lists';
import type { LawVersionView } from '../../src/common/laws';
import { lawArticles, laws } from '../../src/server/modules/laws/schema';
import { people as peopleTable } from '../../src/server/modules/org/schema';
import { articleReads } from '../../src/server/modules/learning/schema';
import { peopleListProgress, personListProgress } from '../../src/server/modules/learning/lists-progress';
import { adminClient, type Client, createTestApp, type TestApp } from '../helpers/app';
import { uploadLaw } from '../helpers/multipart';

let t: TestApp;
let admin: Client;
let unitId: number;
let lawId: number;
const YEAR = Number(beijingDay(new Date()).slice(0, 4));
/** law_articles ids by version number (1, 2, 3) and article number */
const art: Record<number, Map<number, number>> = {};
let wholeItem: number;
let chosenItem: number;
const ids: number[] = [];


const LAW = (date: string, articles: number) =>
  [
    '# 证据计数测试条例',
    '',
    `${date} 某区人民代表大会常务委员会通过`,
    '',
    '<!-- INFO END -->',
    '',
    '## 第一章 总则',
    '',
    ...['一', '二', '三', '四', '五', '六', '七'].slice(0, articles).flatMap((n) => [`第${n}条 第${n}条的内容。`, '']),
  ].join('\n');

async function versionArticles(version: number) {
  const law = (await admin.get(`/api/laws/${lawId}`)).json() as LawVersionView;
  const rows = await t.ctx.db.select({ id: lawArticles.id, no: lawArticles.no }).from(lawArticles).where(eq(lawArticles.versionId, law.version.id));
  art[version] = new Map(rows.map((a) => [a.no, a.id]));
}

const read = (personId: number, version: number, no: number) => ({ personId, articleId: art[version].get(no)!, lawId, articleNo: no, suffix: 0, seconds: 30 });

/** The definition: distinct current-version articles (optionally only these) read by law, number and suffix in any version. */
async function reference(personIds: number[], only?: number[]): Promise<Map<number, number>> {
  const rows = await t.ctx.db
    .select({ personId: articleReads.personId, n: sql<number>`count(distinct ${lawArticles.id})::int` })
    .from(articleReads)
    .innerJoin(laws, eq(laws.id, articleReads.lawId))
    .innerJoin(lawArticles, and(eq(lawArticles.versionId, laws.currentVersionId), eq(lawArticles.no, articleReads.articleNo), eq(lawArticles.suffix, articleReads.suffix)))
    .where(and(eq(articleReads.lawId, lawId), inArray(articleReads.personId, personIds), only ? inArray(lawArticles.id, only) : undefined))
    .groupBy(articleReads.personId);
  return new Map(rows.map((r) => [r.personId, Number(r.n)]));
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  unitId = (await admin.post('/api/units', { name: '证据测试单位', parentId: null })).json().id;
  const rows = await t.ctx.db
    .insert(peopleTable)
    .values(Array.from({ length: 45 }, (_, i) => ({ name: `读者${String(i).padStart(2, '0')}`, unitId })))
    .returning({ id: peopleTable.id });
  ids.push(...rows.map((r) => r.id));

  // version 1: 5 articles
  const up = await uploadLaw(admin, LAW('2020年1月1日', 5), { category: '地方性法规' });
  expect(up.statusCode, up.body).toBe(200);
  lawId = up.json().lawId;
  await versionArticles(1);
  const list = await admin.post('/api/learning/lists', {
    year: YEAR,
    name: '证据测试清单',
    items: [
      { segment: '3', kind: 'law', lawId },
      { segment: 'N', kind: 'law', lawId, articleIds: [art[1].get(2)!, art[1].get(4)!], title: '第二条和第四条' },
    ],
  });
  expect(list.statusCode, list.body).toBe(200);
  [wholeItem, chosenItem] = list.json().items.map((i: { id: number }) => i.id);
  expect((await admin.post(`/api/learning/lists/${list.json().id}/publish`)).statusCode).toBe(200);

  // reads of version 1, then version 2 (6 articles), reads of both, then version 3 (7 articles)
  const [a, b, c, d] = ids;
  await t.ctx.db.insert(articleReads).values([read(a, 1, 1), read(a, 1, 2), read(b, 1, 4), read(c, 1, 1), read(c, 1, 2), read(c, 1, 3), read(c, 1, 4), read(c, 1, 5)]);
  expect((await uploadLaw(admin, LAW('2024年1月1日', 6), { lawId: String(lawId) })).statusCode).toBe(200);
  await versionArticles(2);
  // a reads 第一条 again in version 2 (one article, not two); b reads 第四条 in version 2 too
  await t.ctx.db.insert(articleReads).values([read(a, 2, 1), read(a, 2, 6), read(b, 2, 4), read(d, 2, 6)]);
  expect((await uploadLaw(admin, LAW('2026年1月1日', 7), { lawId: String(lawId) })).statusCode).toBe(200);
  await versionArticles(3);
  // in the current version: a reads 第一条 a third time, d reads 第七条; everyone from the 5th reads 第二条
  await t.ctx.db.insert(articleReads).values([read(a, 3, 1), read(d, 3, 7), ...ids.slice(4).map((p) => read(p, 3, 2))]);
});
afterAll(async () => t?.close());

describe('law reads in two parts', () => {
  it('count each current article once, whichever versions it was read in', async () => {
    const [a, b, c, d, e] = ids;
    const all = await peopleListProgress(t.ctx.db, ids, YEAR);
    const detail = (personId: number, itemId: number) => all.get(personId)!.items.find((i) => i.itemId === itemId)!.detail;
    // whole law (7 articles now): a 第一、二、六条; b 第四条; c 第一至五条; d 第六、七条; e 第二条
    expect([a, b, c, d, e].map((p) => detail(p, wholeItem))).toEqual(['已读 3/7 条', '已读 1/7 条', '已读 5/7 条', '已读 2/7 条', '已读 1/7 条']);
    // 第二条 and 第四条, chosen in version 1, are version 3's
    expect([a, b, c, d, e].map((p) => detail(p, chosenItem))).toEqual(['已读 1/2 条', '已读 1/2 条', '已读 2/2 条', '已读 0/2 条', '已读 1/2 条']);
    expect(all.get(c)!.items.find((i) => i.itemId === chosenItem)).toMatchObject({ done: true, percent: 100 });

    // the same figures as the definition, for everyone, by each path
    const whole = await reference(ids);
    const chosen = await reference(ids, [art[3].get(2)!, art[3].get(4)!]);
    const read = (p: { items: { itemId: number; detail: string }[] }, itemId: number) => Number(/已读 (\d+)\//.exec(p.items.find((i) => i.itemId === itemId)!.detail)![1]);
    for (const p of ids) {
      const own = await personListProgress(t.ctx.db, p, YEAR);
      expect(own).toEqual(all.get(p));
      expect([read(own, wholeItem), read(own, chosenItem)]).toEqual([whole.get(p) ?? 0, chosen.get(p) ?? 0]);
    }
    const unit = (await admin.get(`/api/learning/progress?year=${YEAR}&unitId=${unitId}`)).json() as UnitCompletion;
    expect(unit.people).toHaveLength(45);
    for (const row of unit.people) expect([row.requiredDone, row.percent]).toEqual([all.get(row.personId)!.requiredDone, all.get(row.personId)!.percent]);

    // the district view (everyone's reads, unfiltered) counts 在职 people only: c, who finished an item, moves away
    await t.ctx.db.update(peopleTable).set({ status: '调离' }).where(eq(peopleTable.id, c));
    try {
      const district = (await admin.get(`/api/learning/progress?year=${YEAR}`)).json() as UnitCompletion;
      const row = district.units.find((r) => r.unitId === unitId)!;
      const staying = ids.filter((p) => p !== c);
      expect(row).toMatchObject({ people: 44, requiredItems: 88, requiredDone: staying.reduce((s, p) => s + all.get(p)!.requiredDone, 0) });
      expect(row.avgPercent).toBe(Math.floor(staying.reduce((s, p) => s + all.get(p)!.percent, 0) / 44));
    } finally {
      await t.ctx.db.update(peopleTable).set({ status: '在职' }).where(eq(peopleTable.id, c));
    }
  });

  it('leaves out unknown ids; no ids, no progress', async () => {
    const m = await peopleListProgress(t.ctx.db, [ids[0], 999_999], YEAR);
    expect([...m.keys()]).toEqual([ids[0]]);
    expect((await peopleListProgress(t.ctx.db, [], YEAR)).size).toBe(0);
  });
});

describe('学法档案 list column', () => {
  it('a page shows each person’s own list figures, for pages under and over 40 rows', async () => {
    for (const pageSize of [10, 45]) {
      const res = await admin.get(`/api/archives?year=${YEAR}&unitId=${unitId}&pageSize=${pageSize}&page=1`);
      expect(res.statusCode, res.body).toBe(200);
      const rows = res.json().items as ArchiveRow[];
      expect(rows).toHaveLength(pageSize);
      for (const r of rows) {
        const own = await personListProgress(t.ctx.db, r.personId, YEAR);
        expect([r.listRequiredDone, r.listRequiredTotal, r.listPercent]).toEqual([own.requiredDone, own.requiredTotal, own.percent]);
      }
    }
    // c has finished 第二条 and 第四条 (1 of 2 required items done): 5/7 → 71, 2/2 → 100
    const c = (await admin.get(`/api/archives?year=${YEAR}&unitId=${unitId}&q=${encodeURIComponent('读者02')}`)).json().items as ArchiveRow[];
    expect(c.map((r) => [r.name, r.listRequiredDone, r.listRequiredTotal, r.listPercent])).toEqual([['读者02', 1, 2, Math.floor((71 + 100) / 2)]]);
  });
});
