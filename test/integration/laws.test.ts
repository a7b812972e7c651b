/**
 * 法规库 through the HTTP API on a fresh database: the shipped library loads once (and only
 * once), reading, jumping, deep links, search, and uploads that either write a whole version or
 * nothing. The library is loaded once for the file (about a second on PGlite).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LawArticleDeepLink, LawSearchResult, LawSummary, LawVersionView } from '../../src/common/laws';
import { loadShippedLaws, shippedLawsFolder, type LoadResult } from '../../src/server/modules/laws/load-shipped';
import { lawArticles, laws, lawVersions } from '../../src/server/modules/laws/schema';
import { auditLog } from '../../src/server/platform/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
let firstLoad: LoadResult;
const lawIds: Record<string, number> = {};

function multipart(parts: ({ field: string; value: string } | { file: Buffer; filename: string })[]) {
  const boundary = `----xjkp${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="file"; filename="${encodeURIComponent(p.filename)}"\r\nContent-Type: text/plain\r\n\r\n`));
      chunks.push(p.file, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(c: Client, text: string | Buffer, fields: Record<string, string>, opts: { dryRun?: boolean; filename?: string } = {}): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipart([
    ...Object.entries(fields).map(([field, value]) => ({ field, value })),
    { file: typeof text === 'string' ? Buffer.from(text) : text, filename: opts.filename ?? 'law.md' },
  ]);
  return c.request('POST', `/api/laws/upload${opts.dryRun ? '?dryRun=true' : ''}`, body, { 'content-type': contentType });
}

const tableCounts = async () => {
  const [l] = await t.ctx.db.select({ n: count() }).from(laws);
  const [v] = await t.ctx.db.select({ n: count() }).from(lawVersions);
  const [a] = await t.ctx.db.select({ n: count() }).from(lawArticles);
  return { laws: l.n, versions: v.n, articles: a.n };
};

beforeAll(async () => {
  t = await createTestApp();
  firstLoad = await loadShippedLaws(t.ctx.db);
  admin = await adminClient(t.app);
  for (const l of (await admin.get('/api/laws')).json().laws as LawSummary[]) lawIds[l.shortTitle] = l.id;
});
afterAll(() => t?.close());

describe('loading the shipped library', () => {
  it('loads every shipped law with the right counts, quickly, with one audit row', async () => {
    expect(firstLoad).toMatchObject({ lawsAdded: 35, versionsAdded: 35 });
    expect(firstLoad.articlesAdded).toBeGreaterThan(4500);
    expect(firstLoad.ms).toBeLessThan(15_000);
    const list = (await admin.get('/api/laws')).json().laws as LawSummary[];
    const by = (s: string) => list.find((l) => l.shortTitle === s)!;
    expect(by('宪法')).toMatchObject({ articleCount: 143, category: '宪法', versionDate: '2018-03-11', versionCount: 1 });
    expect(by('民法典')).toMatchObject({ title: '中华人民共和国民法典', articleCount: 1260, category: '民法典', versionDate: '2020-05-28' });
    expect(by('个人信息保护法')).toMatchObject({ category: '行政法', versionDate: '2021-08-20' });
    expect(list[0].shortTitle).toBe('宪法');
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'law.load_shipped'));
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ lawsAdded: 35, versionsAdded: 35 });
  });

  it('a second start adds nothing', async () => {
    const before = await tableCounts();
    expect(await loadShippedLaws(t.ctx.db)).toMatchObject({ lawsAdded: 0, versionsAdded: 0, articlesAdded: 0 });
    expect(await tableCounts()).toEqual(before);
    expect(await t.ctx.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'law.load_shipped'))).toEqual([{ n: 1 }]);
  });

  it('a newer shipped text of a law adds a version and makes it current; the old one stays', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-laws-'));
    try {
      const src = fs.readFileSync(path.join(shippedLawsFolder(), '行政法_行政强制法(2011-06-30).md'), 'utf8');
      fs.writeFileSync(path.join(dir, '行政法_行政强制法(2031-01-01).md'), src.replace('第一条 为了规范', '第一条 为了进一步规范'));
      const r = await loadShippedLaws(t.ctx.db, dir);
      expect(r).toMatchObject({ lawsAdded: 0, versionsAdded: 1, articlesAdded: 71 });
      const view = (await admin.get(`/api/laws/${lawIds['行政强制法']}`)).json() as LawVersionView;
      expect(view.version.versionDate).toBe('2031-01-01');
      expect(view.versions.map((v) => [v.versionDate, v.isCurrent])).toEqual([
        ['2031-01-01', true],
        ['2011-06-30', false],
      ]);
      expect(await loadShippedLaws(t.ctx.db, dir)).toMatchObject({ versionsAdded: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stored versions are immutable in the database itself', async () => {
    await expect(t.ctx.db.execute(sql`update law_articles set text = 'x' where id = (select min(id) from law_articles)`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`delete from law_versions`)).rejects.toThrow();
  });
});

describe('reading', () => {
  it('民法典: TOC of 7 编 + 附则, articles by range, jump to 第一千二百六十条', async () => {
    const view = (await admin.get(`/api/laws/${lawIds['民法典']}`)).json() as LawVersionView;
    const tops = view.nodes.filter((n) => n.parentId === null);
    expect(tops.map((n) => n.label + n.title)).toEqual(['第一编总则', '第二编物权', '第三编合同', '第四编人格权', '第五编婚姻家庭', '第六编继承', '第七编侵权责任', '附则']);
    expect(tops[0]).toMatchObject({ firstArticle: 0, lastArticle: 203 });
    expect(view.versions).toHaveLength(1);
    expect(view.version.history[0]).toMatch(/^2020-05-28 /);

    const page = await admin.get(`/api/laws/${lawIds['民法典']}/articles?from=200&to=205`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().articles.map((a: { no: number }) => a.no)).toEqual([201, 202, 203, 204, 205, 206]);
    expect(page.json().total).toBe(1260);

    const jump = await admin.get(`/api/laws/${lawIds['民法典']}/articles/by-no/1260`);
    expect(jump.statusCode, jump.body).toBe(200);
    const link = jump.json() as LawArticleDeepLink;
    expect(link.article).toMatchObject({ label: '第一千二百六十条', ordinal: 1259 });
    expect(link.article.text).toMatch(/^本法自2021年1月1日起施行/);
    expect(link.isCurrent).toBe(true);

    const deep = (await admin.get(`/api/law-articles/${link.article.id}`)).json() as LawArticleDeepLink;
    expect(deep).toMatchObject({ law: { shortTitle: '民法典' }, version: { versionDate: '2020-05-28' }, isCurrent: true, newerVersion: null });
  });

  it('宪法 has its preamble; 刑法 第一百三十三条之一 is reachable with suffix=1', async () => {
    const view = (await admin.get(`/api/laws/${lawIds['宪法']}`)).json() as LawVersionView;
    expect(view.version.preamble).toMatch(/^中国是世界上历史最悠久的国家之一/);
    const a = (await admin.get(`/api/laws/${lawIds['刑法']}/articles/by-no/133?suffix=1`)).json() as LawArticleDeepLink;
    expect(a.article.label).toBe('第一百三十三条之一');
  });

  it('bad ids and ranges are 4xx with Chinese messages, never 500', async () => {
    const cases: [string, number][] = [
      ['/api/laws/999999', 404],
      ['/api/laws/abc', 400],
      [`/api/laws/${lawIds['宪法']}/articles/by-no/144`, 404],
      [`/api/laws/${lawIds['宪法']}/articles/by-no/0`, 400],
      [`/api/laws/${lawIds['宪法']}/articles?from=10&to=5`, 400],
      [`/api/laws/${lawIds['宪法']}/articles?from=0&to=100000`, 400],
      [`/api/laws/${lawIds['宪法']}/versions/${lawIds['民法典']}999`, 404],
      ['/api/law-articles/0', 400],
      ['/api/law-articles/99999999', 404],
      ['/api/laws/search?q=', 400],
      ['/api/laws/search?q=%20%20', 400],
    ];
    for (const [url, status] of cases) {
      const res = await admin.get(url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(status);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('search', () => {
  it('finds “个人信息 处理者” in 个人信息保护法, all terms highlighted, quickly', async () => {
    const res = await admin.get(`/api/laws/search?q=${encodeURIComponent('个人信息 处理者')}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as LawSearchResult;
    expect(r.terms).toEqual(['个人信息', '处理者']);
    expect(r.total).toBeGreaterThan(30);
    expect(r.hits[0].lawShortTitle).toBe('个人信息保护法');
    for (const h of r.hits) {
      expect(h.termsInText).toBe(2);
      const marked = h.highlights.map((x) => h.snippet.slice(x.start, x.end));
      expect(marked.some((m) => m.includes('个人信息'))).toBe(true);
      expect(marked.some((m) => m.includes('处理者'))).toBe(true);
    }
    expect(r.tookMs).toBeLessThan(1000);
  });

  it('a term in the law title lists the law first and narrows articles; paging and lawId filter work', async () => {
    const r = (await admin.get(`/api/laws/search?q=${encodeURIComponent('民法典 居住权')}`)).json() as LawSearchResult;
    expect(r.laws.map((l) => l.shortTitle)).toEqual([]);
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.lawShortTitle === '民法典')).toBe(true);
    const titled = (await admin.get(`/api/laws/search?q=${encodeURIComponent('行政')}`)).json() as LawSearchResult;
    expect(titled.laws.map((l) => l.shortTitle)).toContain('行政处罚法');
    const p2 = (await admin.get(`/api/laws/search?q=${encodeURIComponent('行政')}&page=2`)).json() as LawSearchResult;
    expect(p2.hits[0].articleId).not.toBe(titled.hits[0].articleId);
    const only = (await admin.get(`/api/laws/search?q=${encodeURIComponent('国家')}&lawId=${lawIds['宪法']}`)).json() as LawSearchResult;
    expect(only.hits.every((h) => h.lawShortTitle === '宪法')).toBe(true);
    const none = (await admin.get(`/api/laws/search?q=${encodeURIComponent('绝无此词组合')}`)).json() as LawSearchResult;
    expect(none).toMatchObject({ total: 0, hits: [] });
  });
});

const SMALL_V2 = (extra: string) =>
  [
    '# 中华人民共和国人民调解法',
    '',
    '2030年1月1日 第二十届全国人民代表大会常务委员会第一次会议修正',
    '',
    '<!-- INFO END -->',
    '',
    '## 第一章 总则',
    '',
    `第一条 为了完善人民调解制度，规范人民调解活动${extra}，制定本法。`,
    '',
    '第二条 本法所称人民调解，是指人民调解委员会通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，解决民间纠纷的活动。',
    '',
    '第三条 本法自2030年3月1日起施行。',
  ].join('\n');

describe('uploading', () => {
  it('a new version of a small law: preview writes nothing; commit makes it current; the old version and its article ids stay', async () => {
    const id = lawIds['人民调解法'];
    const oldView = (await admin.get(`/api/laws/${id}`)).json() as LawVersionView;
    const oldFirst = (await admin.get(`/api/laws/${id}/articles?from=0&to=0`)).json().articles[0];
    const before = await tableCounts();

    const preview = await upload(admin, SMALL_V2('（新）'), { lawId: String(id) }, { dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, articleCount: 3, nodeCount: 1, versionDate: '2030-01-01', versionId: null });
    expect(await tableCounts()).toEqual(before);

    const commit = await upload(admin, SMALL_V2('（新）'), { lawId: String(id) });
    expect(commit.statusCode, commit.body).toBe(200);
    const newVersionId = commit.json().versionId as number;

    const now = (await admin.get(`/api/laws/${id}`)).json() as LawVersionView;
    expect(now.version.id).toBe(newVersionId);
    expect(now.law.articleCount).toBe(3);
    expect(now.versions.map((v) => v.isCurrent)).toEqual([true, false]);

    const old = (await admin.get(`/api/laws/${id}/versions/${oldView.version.id}`)).json() as LawVersionView;
    expect(old.version).toMatchObject({ isCurrent: false, articleCount: 35 });
    const oldLink = (await admin.get(`/api/law-articles/${oldFirst.id}`)).json() as LawArticleDeepLink;
    expect(oldLink.article.text).toBe(oldFirst.text);
    expect(oldLink).toMatchObject({ isCurrent: false, newerVersion: { id: newVersionId, versionDate: '2030-01-01' } });
    expect(oldLink.currentArticleId).not.toBe(oldFirst.id);
    const oldArticles = (await admin.get(`/api/laws/${id}/articles?versionId=${oldView.version.id}&from=0&to=299`)).json().articles;
    expect(oldArticles).toHaveLength(35);
    expect(oldArticles[0].id).toBe(oldFirst.id);

    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'law.add_version'));
    expect(row.entityId).toBe(String(id));

    // the same text again is refused
    const again = await upload(admin, SMALL_V2('（新）'), { lawId: String(id) });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.issues[0].message).toMatch(/完全相同/);
  });

  it('a new law from plain GBK text with only 第X条 lines', async () => {
    const gbk = Buffer.from(new Uint8Array([0xb5, 0xda, 0xd2, 0xbb, 0xcc, 0xf5, 0x20, 0xbc, 0xd7, 0xa1, 0xa3])); // "第一条 甲。" in GBK
    const res = await upload(admin, gbk, { title: '某区学法用法办法', category: '规范性文件', versionDate: '2026-01-01' }, { filename: '办法.txt' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: '某区学法用法办法', category: '规范性文件', articleCount: 1 });
    const a = (await admin.get(`/api/laws/${res.json().lawId}/articles/by-no/1`)).json() as LawArticleDeepLink;
    expect(a.article.text).toBe('甲。');
  });

  it('a bad file is a 400 with line numbers and writes nothing', async () => {
    const before = await tableCounts();
    const auditsBefore = await t.ctx.db.select({ n: count() }).from(auditLog);
    const bad = '# 某条例\n\n2026年1月1日 通过\n\n第一条 甲。\n\n第二条 乙。\n\n第二条 丙。\n\n第十十条 丁。\n';
    const res = await upload(admin, bad, { category: '其他' });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.issues as { path: string; message: string }[];
    expect(issues).toEqual([
      { path: 'file', message: '第9行：条号重复：第二条（第7行已出现）' },
      { path: 'file', message: '第11行：条号“第十十条 丁。”中的数字无法识别' },
    ]);
    const cases: [Record<string, string>, string, string][] = [
      [{ category: '其他' }, '没有条文的文字', 'file'],
      [{ category: '其他', versionDate: '2026-13-45' }, '# 某法\n第一条 甲。', 'versionDate'],
      [{}, '# 某法\n2026年1月1日 通过\n第一条 甲。', 'category'],
      [{ lawId: '999999' }, '# 某法\n第一条 甲。', 'lawId'],
      [{ lawId: String(lawIds['宪法']) }, '# 中华人民共和国刑法\n2026年1月1日 修正\n第一条 甲。', 'file'],
      [{ category: '其他' }, '# 中华人民共和国宪法\n2026年1月1日 修正\n第一条 甲。', 'title'],
    ];
    for (const [fields, text, path] of cases) {
      const r = await upload(admin, text, fields);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const wrongType = await upload(admin, 'x', { category: '其他' }, { filename: 'law.docx' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.issues[0].message).toMatch(/\.md 或 \.txt/);
    const notMultipart = await admin.post('/api/laws/upload', { title: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    expect(await tableCounts()).toEqual(before);
    expect(await t.ctx.db.select({ n: count() }).from(auditLog)).toEqual(auditsBefore);
  });

  it('a 学员 reads and searches but cannot upload', async () => {
    const unit = (await admin.post('/api/units', { name: '某区', parentId: null })).json();
    const p = (await admin.post('/api/people', { name: '学员甲', employeeNo: 'stu001', unitId: unit.id })).json();
    const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
    const member = new Client(t.app);
    await member.login('stu001', otp);
    expect((await member.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Student#2026' })).statusCode).toBe(200);
    expect((await member.get('/api/laws')).statusCode).toBe(200);
    expect((await member.get(`/api/laws/${lawIds['宪法']}/articles/by-no/1`)).statusCode).toBe(200);
    expect((await member.get(`/api/laws/search?q=${encodeURIComponent('宪法')}`)).statusCode).toBe(200);
    const res = await upload(member, '# 某法\n第一条 甲。', { category: '其他' });
    expect(res.statusCode).toBe(403);
    expect((await new Client(t.app).get('/api/laws')).statusCode).toBe(401);
  });
});
