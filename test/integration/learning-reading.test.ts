/**
 * Honest reading through the HTTP API: 学时 by the server's clock under the daily cap (one winner
 * when two tabs beat at once, nothing for a stale or idle beat), article reads refused when they
 * come faster than the time measured, progress carried over to a new version of the law, notes
 * and bookmarks private to their owner, the material reader, and 4xx for bad input.
 */
import crypto from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDay, DEFAULT_LEARNING_SETTINGS } from '../../src/common/learning';
import type { LawReadingProgress, MyReadingSummary, ReadingBeatResult, ReadingNote } from '../../src/common/reading';
import { files } from '../../src/server/modules/files/schema';
import { learningMaterials, learningYearSettings, materialReads, readingState, studyCredits } from '../../src/server/modules/learning/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';
import { createMember, type Member } from '../helpers/exam';
import { uploadLaw } from '../helpers/multipart';

let t: TestApp;
let admin: Client;
let m1: Member;
let m2: Member;
let m3: Member;
let lawId: number;
let otherLawId: number;
let v1: { id: number; no: number; text: string }[];
let otherArticleId: number;


const LAW = (extra: string) =>
  [
    '某区学法用法促进办法',
    '第一条 为了推动国家工作人员学法用法，提高依法行政能力，根据有关规定，结合本区实际，制定本办法。',
    `第二条 国家工作人员应当每年完成规定的学法学时${extra}，学习宪法、民法典和与本职工作相关的法律法规。`,
    '第三条 各单位应当组织会前学法和集中学法，并如实记录学法情况。',
    '第四条 本办法自发布之日起施行。',
  ].join('\n');

async function articlesOf(id: number, versionId?: number) {
  const res = await admin.get(`/api/laws/${id}/articles?from=0&to=99${versionId ? `&versionId=${versionId}` : ''}`);
  return res.json().articles as { id: number; no: number; text: string }[];
}

/** Moves a person's last beat back by `seconds` (the server's clock is what credits time). */
async function lastBeatAgo(personId: number, seconds: number) {
  await t.ctx.db
    .update(readingState)
    .set({ lastBeatAt: new Date(Date.now() - seconds * 1000) })
    .where(eq(readingState.personId, personId));
}

const rows = async <T>(q: SQL) => ((await t.ctx.db.execute(q)) as unknown as { rows: T[] }).rows;

const beat = async (c: Client, body: unknown) => {
  const res = await c.post('/api/reading/beat', body);
  return res;
};
const lawBeat = async (m: Member, reads: { articleId: number; seconds: number }[] = [], active = true) => {
  const res = await beat(m.client, { target: { kind: 'law', lawId }, reads, active });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ReadingBeatResult;
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  const a = await uploadLaw(admin, LAW(''), { title: '某区学法用法促进办法', category: '规范性文件', versionDate: '2026-01-01' }, 'law.txt');
  expect(a.statusCode, a.body).toBe(200);
  lawId = a.json().lawId;
  const b = await uploadLaw(admin, '某区普法责任清单办法\n第一条 各单位负责本单位普法工作。\n第二条 本办法自发布之日起施行。', { title: '某区普法责任清单办法', category: '规范性文件', versionDate: '2026-01-01' }, 'law.txt');
  otherLawId = b.json().lawId;
  otherArticleId = (await articlesOf(otherLawId))[0].id;
  v1 = await articlesOf(lawId);
  m1 = await createMember(t, admin, '甲读者', 'reader1');
  m2 = await createMember(t, admin, '乙读者', 'reader2');
  m3 = await createMember(t, admin, '丙读者', 'reader3');
});
afterAll(() => t?.close());

describe('学时 from heartbeats', () => {
  it('the first beat starts the clock and credits nothing; a beat 30 s later credits half a minute', async () => {
    const first = await lawBeat(m1);
    expect(first).toMatchObject({ creditedMinutes: 0, minutesToday: 0, capMinutes: 120 });
    await lastBeatAgo(m1.personId, 30);
    const second = await lawBeat(m1);
    expect(second.creditedMinutes).toBeCloseTo(0.5, 1);
    expect(second.minutesToday).toBeCloseTo(0.5, 1);
  });

  it('no credit when the previous beat is stale (> 90 s) or the reader was idle; a long gap gives at most a minute', async () => {
    const before = (await lawBeat(m1)).minutesToday;
    await lastBeatAgo(m1.personId, 100);
    expect((await lawBeat(m1)).creditedMinutes).toBe(0);
    await lastBeatAgo(m1.personId, 30);
    expect((await lawBeat(m1, [], false)).creditedMinutes).toBe(0);
    await lastBeatAgo(m1.personId, 80);
    const r = await lawBeat(m1);
    expect(r.creditedMinutes).toBe(1);
    expect(r.minutesToday).toBeCloseTo(before + 1, 1);
  });

  it('the daily cap covers reading and materials together', async () => {
    const day = beijingDay(new Date());
    await t.ctx.db.insert(learningYearSettings).values({ year: Number(day.slice(0, 4)), settings: { ...DEFAULT_LEARNING_SETTINGS, dailyCapMinutes: 10 } });
    try {
      await t.ctx.db.insert(studyCredits).values({ personId: m2.personId, day, source: 'material', refId: 0, minutes: 9.75 });
      await lawBeat(m2);
      await lastBeatAgo(m2.personId, 60);
      const r = await lawBeat(m2);
      expect(r).toMatchObject({ creditedMinutes: 0.25, minutesToday: 10, capMinutes: 10 });
      await lastBeatAgo(m2.personId, 60);
      expect(await lawBeat(m2)).toMatchObject({ creditedMinutes: 0, minutesToday: 10 });
      const rows = await t.ctx.db.select().from(studyCredits).where(eq(studyCredits.personId, m2.personId));
      expect(rows.map((x) => [x.source, Number(x.minutes)]).sort()).toEqual([
        ['material', 9.75],
        ['reading', 0.25],
      ]);
    } finally {
      await t.ctx.db.delete(learningYearSettings);
    }
  });

  it('tabs beating at once are credited once', async () => {
    await lawBeat(m3);
    await lastBeatAgo(m3.personId, 30);
    const results = await Promise.all([lawBeat(m3), lawBeat(m3), lawBeat(m3), lawBeat(m3)]);
    const credited = results.map((r) => r.creditedMinutes).sort((x, y) => y - x);
    expect(credited[0]).toBeCloseTo(0.5, 1);
    expect(credited[1] + credited[2] + credited[3]).toBeLessThan(0.05);
    const [{ m }] = await rows<{ m: number }>(sql`select sum(minutes)::float8 as m from study_credits where person_id = ${m3.personId}`);
    expect(m).toBeLessThan(0.56);
  });
});

describe('article reads', () => {
  it('accepts reads that were on screen long enough, refuses short ones and those beyond the measured time', async () => {
    await lawBeat(m1);
    await lastBeatAgo(m1.personId, 30);
    // 20 + 20 + 20 s claimed in 30 s: only the first fits (30 + 5 s slack); 1 s is below any threshold
    const r = await lawBeat(m1, [
      { articleId: v1[0].id, seconds: 20 },
      { articleId: v1[1].id, seconds: 20 },
      { articleId: v1[2].id, seconds: 20 },
      { articleId: v1[3].id, seconds: 1 },
    ]);
    expect(r.acceptedArticleIds).toEqual([v1[0].id]);
    await lastBeatAgo(m1.personId, 30);
    expect((await lawBeat(m1, [{ articleId: v1[1].id, seconds: 20 }])).acceptedArticleIds).toEqual([v1[1].id]);
    const p = (await m1.client.get(`/api/reading/laws/${lawId}`)).json() as LawReadingProgress;
    expect(p).toMatchObject({ readArticleIds: [v1[0].id, v1[1].id], readCount: 2, total: 4 });
  });

  it('a client claiming many articles at once gets none of the excess', async () => {
    await lawBeat(m2);
    const r = await lawBeat(
      m2,
      v1.map((a) => ({ articleId: a.id, seconds: 30 })),
    );
    expect(r.acceptedArticleIds).toEqual([]);
    expect(((await m2.client.get(`/api/reading/laws/${lawId}`)).json() as LawReadingProgress).readCount).toBe(0);
  });

  it('refuses an article of another law with its field path', async () => {
    const res = await beat(m1.client, { target: { kind: 'law', lawId }, reads: [{ articleId: otherArticleId, seconds: 20 }], active: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([{ path: 'reads.0.articleId', message: '条文不属于正在阅读的法规' }]);
  });

  it('progress carries over to a new version by article number', async () => {
    const up = await uploadLaw(admin, LAW('（新增：每年不少于40学时）'), { lawId: String(lawId), versionDate: '2026-06-01' }, 'law.txt');
    expect(up.statusCode, up.body).toBe(200);
    const v2 = await articlesOf(lawId);
    expect(v2[1].id).not.toBe(v1[1].id);
    const now = (await m1.client.get(`/api/reading/laws/${lawId}`)).json() as LawReadingProgress;
    expect(now).toMatchObject({ versionId: up.json().versionId, readArticleIds: [v2[0].id, v2[1].id], readCount: 2 });
    const [{ id: v1Id }] = await rows<{ id: number }>(sql`select min(id)::int as id from law_versions where law_id = ${lawId}`);
    const old = (await m1.client.get(`/api/reading/laws/${lawId}?versionId=${v1Id}`)).json() as LawReadingProgress;
    expect(old.readArticleIds).toEqual([v1[0].id, v1[1].id]);
    // an old version's article still counts as this law's
    await lastBeatAgo(m1.personId, 30);
    expect((await lawBeat(m1, [{ articleId: v1[2].id, seconds: 10 }])).acceptedArticleIds).toEqual([v1[2].id]);
    expect(((await m1.client.get(`/api/reading/laws/${lawId}`)).json() as LawReadingProgress).readArticleIds).toEqual([v2[0].id, v2[1].id, v2[2].id]);
  });
});

describe('notes and bookmarks', () => {
  it('are private: the owner lists and edits, anyone else gets nothing or a 404', async () => {
    const created = await m1.client.post('/api/reading/notes', { articleId: v1[0].id, text: '  学法学时要记清  ' });
    expect(created.statusCode, created.body).toBe(200);
    const note = created.json() as ReadingNote;
    expect(note).toMatchObject({ text: '学法学时要记清', lawId, articleId: v1[0].id, label: '第一条' });
    expect((await m1.client.get(`/api/reading/notes?lawId=${lawId}`)).json().items).toHaveLength(1);
    expect((await m2.client.get('/api/reading/notes')).json().items).toEqual([]);
    expect((await m2.client.put(`/api/reading/notes/${note.id}`, { text: '改' })).statusCode).toBe(404);
    expect((await m2.client.delete(`/api/reading/notes/${note.id}`)).statusCode).toBe(404);
    const upd = await m1.client.put(`/api/reading/notes/${note.id}`, { text: '已改' });
    expect(upd.json().text).toBe('已改');
    // the note shows on the same-numbered article of the current version
    const v2 = await articlesOf(lawId);
    expect(((await m1.client.get(`/api/reading/laws/${lawId}`)).json() as LawReadingProgress).noteCounts).toEqual({ [String(v2[0].id)]: 1 });

    expect((await m1.client.put(`/api/reading/bookmarks/${v2[2].id}`, {})).statusCode).toBe(200);
    expect((await m1.client.put(`/api/reading/bookmarks/${v2[2].id}`, {})).statusCode).toBe(200);
    expect((await m1.client.get('/api/reading/bookmarks')).json().items).toHaveLength(1);
    expect((await m2.client.get('/api/reading/bookmarks')).json().items).toEqual([]);
    expect((await m2.client.delete(`/api/reading/bookmarks/${v2[2].id}`)).statusCode).toBe(404);
    expect(((await m1.client.get(`/api/reading/laws/${lawId}`)).json() as LawReadingProgress).bookmarkedArticleIds).toEqual([v2[2].id]);

    const summary = (await m1.client.get('/api/my/reading')).json() as MyReadingSummary;
    expect(summary).toMatchObject({ notesCount: 1, bookmarksCount: 1, laws: [{ lawId, read: 3, total: 4 }] });
    expect(summary.days).toHaveLength(1);
    expect(summary.days[0].day).toBe(beijingDay(new Date()));
    expect(summary.totalMinutes).toBeGreaterThan(1);

    expect((await m1.client.delete(`/api/reading/bookmarks/${v2[2].id}`)).statusCode).toBe(200);
    expect((await m1.client.delete(`/api/reading/notes/${note.id}`)).statusCode).toBe(200);
    expect((await m1.client.get('/api/reading/notes')).json().items).toEqual([]);
  });

  it('refuses empty and over-long notes with the field path', async () => {
    const empty = await m1.client.post('/api/reading/notes', { articleId: v1[0].id, text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.issues[0]).toMatchObject({ path: 'text', message: '请填写笔记内容' });
    const long = await m1.client.post('/api/reading/notes', { articleId: v1[0].id, text: '字'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.issues[0].path).toBe('text');
    expect((await m1.client.post('/api/reading/notes', { articleId: 99_999_999, text: '无' })).statusCode).toBe(404);
    expect((await m1.client.put('/api/reading/bookmarks/99999999', {})).statusCode).toBe(404);
  });
});

describe('materials', () => {
  it('a material beat credits material time and the reader shows my seconds', async () => {
    const [mat] = await t.ctx.db.insert(learningMaterials).values({ title: '习近平法治思想学习纲要（节选）', kind: '习近平法治思想', body: '第一段。\n第二段。' }).returning();
    const target = { kind: 'material', materialId: mat.id };
    expect((await beat(m3.client, { target, active: true })).statusCode).toBe(200);
    await lastBeatAgo(m3.personId, 45);
    const r = (await beat(m3.client, { target, active: true })).json() as ReadingBeatResult;
    expect(r.creditedMinutes).toBeCloseTo(0.75, 1);
    const [row] = await t.ctx.db.select().from(materialReads).where(and(eq(materialReads.personId, m3.personId), eq(materialReads.materialId, mat.id)));
    expect(row.seconds).toBeGreaterThanOrEqual(45);
    const view = (await m3.client.get(`/api/learning/materials/${mat.id}/read`)).json();
    expect(view).toMatchObject({ title: '习近平法治思想学习纲要（节选）', body: '第一段。\n第二段。', file: null, mySeconds: row.seconds });
    expect((await m2.client.get(`/api/learning/materials/${mat.id}/read`)).json().mySeconds).toBe(0);
    const credits = await t.ctx.db.select().from(studyCredits).where(and(eq(studyCredits.personId, m3.personId), eq(studyCredits.source, 'material')));
    expect(credits).toHaveLength(1);
    // reads are for laws only
    const bad = await beat(m3.client, { target, reads: [{ articleId: v1[0].id, seconds: 10 }], active: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('reads');
    expect((await m3.client.get('/api/learning/materials/99999/read')).statusCode).toBe(404);
    expect((await m3.client.get(`/api/learning/materials/${mat.id}/file`)).statusCode).toBe(404);
  });

  it("serves a material's PDF inline, frameable only by our own pages", async () => {
    const data = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const [f] = await t.ctx.db
      .insert(files)
      .values({ name: '纲要.pdf', mime: 'application/pdf', size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), data, purpose: 'material' })
      .returning();
    const [mat] = await t.ctx.db.insert(learningMaterials).values({ title: '党内法规选编', kind: '党内法规', fileId: f.id }).returning();
    const view = (await m1.client.get(`/api/learning/materials/${mat.id}/read`)).json();
    expect(view.file).toEqual({ id: f.id, name: '纲要.pdf', mime: 'application/pdf', size: data.length });
    const res = await m1.client.get(`/api/learning/materials/${mat.id}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline/);
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
  });
});

describe('bad input', () => {
  it('answers 4xx with Chinese messages, never 5xx', async () => {
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ target: { kind: 'law', lawId: 'x' }, active: true }, 400],
      [{ target: { kind: 'book', lawId: 1 }, active: true }, 400],
      [{ target: { kind: 'law', lawId }, active: 'yes' }, 400],
      [{ target: { kind: 'law', lawId }, reads: [{ articleId: -1, seconds: 5 }], active: true }, 400],
      [{ target: { kind: 'law', lawId }, reads: [{ articleId: 1, seconds: 1e9 }], active: true }, 400],
      [{ target: { kind: 'law', lawId: 99_999 }, active: true }, 404],
      [{ target: { kind: 'law', lawId: 2 ** 40 }, active: true }, 400],
      [{ target: { kind: 'law', lawId }, reads: [{ articleId: 2 ** 40, seconds: 5 }], active: true }, 400],
      [{ target: { kind: 'law', lawId }, reads: [{ articleId: 1, seconds: 2.5 }], active: true }, 400],
      [{ target: { kind: 'law', lawId }, reads: 'all', active: true }, 400],
      [{ target: { kind: 'material', materialId: 99_999 }, active: true }, 404],
    ];
    for (const [body, status] of cases) {
      const res = await beat(m1.client, body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(status);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await m1.client.get('/api/reading/laws/abc')).statusCode).toBe(400);
    expect((await m1.client.get('/api/reading/laws/99999')).statusCode).toBe(404);
    expect((await m1.client.get(`/api/reading/laws/${lawId}?versionId=${otherLawId}`)).statusCode).toBe(404);
    expect((await m1.client.get('/api/my/reading?year=abc')).statusCode).toBe(400);
    expect((await m1.client.get('/api/reading/notes?lawId=-1')).statusCode).toBe(400);
    expect((await m1.client.put('/api/reading/notes/abc', { text: 'x' })).statusCode).toBe(400);
    expect((await m1.client.delete('/api/reading/bookmarks/99999999999')).statusCode).toBe(400);
    expect((await m1.client.post('/api/reading/notes', { articleId: v1[0].id, text: 42 })).statusCode).toBe(400);
    // an account without a person record does not read
    expect((await beat(admin, { target: { kind: 'law', lawId }, active: true })).statusCode).toBe(403);
  });
});
