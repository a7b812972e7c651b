/**
 * 由法条出题 through the HTTP API on a fresh database with the shipped laws loaded: drafts land as
 * 草稿 citing their articles, in one transaction with one audit row; dryRun writes nothing;
 * unknown articles are a 400 with the field path; only bank keepers may draft.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShippedLaws } from '../../src/server/modules/laws/load-shipped';
import { lawArticles, laws, lawVersions } from '../../src/server/modules/laws/schema';
import { questions, questionVersionArticles } from '../../src/server/modules/bank/schema';
import { auditLog } from '../../src/server/platform/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
let member: Client;
const ids: Record<string, number> = {};

async function articleId(shortTitle: string, label: string): Promise<number> {
  const [row] = await t.ctx.db
    .select({ id: lawArticles.id })
    .from(lawArticles)
    .innerJoin(lawVersions, eq(lawVersions.id, lawArticles.versionId))
    .innerJoin(laws, eq(laws.currentVersionId, lawVersions.id))
    .where(and(eq(laws.shortTitle, shortTitle), eq(lawArticles.label, label)));
  return row.id;
}

const questionCount = async () => (await t.ctx.db.select({ n: count() }).from(questions))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  await loadShippedLaws(t.ctx.db);
  admin = await adminClient(t.app);
  const unit = (await admin.post('/api/units', { name: '学员单位', parentId: null })).json();
  const p = (await admin.post('/api/people', { name: '学员丙', employeeNo: 'stu09', unitId: unit.id })).json();
  const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
  member = new Client(t.app);
  await member.login('stu09', otp);
  await member.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Chosen#Pass1' });
  for (const [law, label] of [
    ['民法典', '第十七条'],
    ['民法典', '第一千零七十九条'],
    ['行政处罚法', '第六十条'],
    ['行政处罚法', '第三十条'],
    ['刑法', '第三百零七条'],
    ['劳动合同法', '第十九条'],
    ['行政许可法', '第四十二条'],
    ['个人信息保护法', '第四条'],
    ['宪法', '第三十四条'],
    ['民事诉讼法', '第八十五条'],
  ] as const) ids[`${law}${label}`] = await articleId(law, label);
});
afterAll(() => t?.close());

describe('drafting questions from statutes', () => {
  it('dryRun returns drafts and writes nothing', async () => {
    const before = await questionCount();
    const res = await admin.post('/api/bank/drafts', { articleIds: [ids['民法典第十七条']], kinds: ['fill'], dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const { drafts } = res.json();
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ articleId: ids['民法典第十七条'], kind: 'fill' });
    expect(drafts[0].content.answer.blanks[0].accepted).toEqual(['十八周岁', '18周岁']);
    expect(await questionCount()).toBe(before);
  });

  it('writes drafts for 10 articles as 草稿 questions citing the articles, with one audit row', async () => {
    const articleIds = Object.values(ids);
    const res = await admin.post('/api/bank/drafts', { articleIds, kinds: ['fill', 'truefalse'], perArticle: 2 });
    expect(res.statusCode, res.body).toBe(200);
    const { created, questionIds } = res.json() as { created: number; questionIds: number[] };
    expect(created).toBe(questionIds.length);
    expect(created).toBeGreaterThanOrEqual(10);
    const cited = new Set<number>();
    for (const id of questionIds) {
      const q = (await admin.get(`/api/bank/questions/${id}`)).json();
      expect(q.status).toBe('draft');
      expect(['fill', 'truefalse']).toContain(q.type);
      const basis = q.current.content.legalBasis;
      expect(basis).toHaveLength(1);
      expect(articleIds).toContain(basis[0].articleId);
      cited.add(basis[0].articleId);
      expect(q.current.content.explanationHtml).toContain('依据《');
    }
    expect(cited.size).toBeGreaterThanOrEqual(8);
    // the stored (sanitised) 填空 stem keeps its blank marker and its answers
    const fills = [];
    for (const id of questionIds) {
      const q = (await admin.get(`/api/bank/questions/${id}`)).json();
      if (q.type === 'fill') fills.push(q.current.content);
    }
    expect(fills.length).toBeGreaterThan(0);
    for (const c of fills) {
      expect(c.stem).toContain('{{1}}');
      expect(c.answer.blanks).toHaveLength(1);
    }
    expect(fills.some((c) => c.answer.blanks[0].accepted.includes('18周岁'))).toBe(true);
    const links = await t.ctx.db.select({ n: count() }).from(questionVersionArticles);
    expect(links[0].n).toBeGreaterThanOrEqual(created);
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'question.draft_from_law'));
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ questionIds });
    // drafts are in the bank list as 草稿
    const list = (await admin.get('/api/bank/questions?status=draft&pageSize=100')).json();
    expect(list.total).toBeGreaterThanOrEqual(created);
  });

  it('unknown article ids are a 400 with the field path, and nothing is written', async () => {
    const before = await questionCount();
    const res = await admin.post('/api/bank/drafts', { articleIds: [ids['民法典第十七条'], 99_999_999], kinds: ['fill'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([expect.objectContaining({ path: 'articleIds.1' })]);
    expect(await questionCount()).toBe(before);
    const badCategory = await admin.post('/api/bank/drafts', { articleIds: [ids['民法典第十七条']], kinds: ['fill'], categoryId: 99_999 });
    expect(badCategory.statusCode).toBe(400);
    expect(await questionCount()).toBe(before);
    const tooMany = await admin.post('/api/bank/drafts', { articleIds: Array.from({ length: 201 }, (_, i) => i + 1), kinds: ['fill'] });
    expect(tooMany.statusCode).toBe(400);
    const badKind = await admin.post('/api/bank/drafts', { articleIds: [ids['民法典第十七条']], kinds: ['essay'] });
    expect(badKind.statusCode).toBe(400);
  });

  it('the preview for the law reader returns drafts of one article', async () => {
    const res = await admin.get(`/api/bank/drafts/preview?articleId=${ids['行政处罚法第六十条']}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().drafts.length).toBeGreaterThan(0);
    expect((await admin.get('/api/bank/drafts/preview?articleId=99999999')).statusCode).toBe(404);
  });

  it('a 学员 may not draft or preview', async () => {
    const res = await member.post('/api/bank/drafts', { articleIds: [ids['民法典第十七条']], kinds: ['fill'] });
    expect(res.statusCode).toBe(403);
    expect((await member.get(`/api/bank/drafts/preview?articleId=${ids['民法典第十七条']}`)).statusCode).toBe(403);
  });
});
