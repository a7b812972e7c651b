/**
 * 学法清单 "1+3+N": materials, lists (CRUD, validation paths, publish, copy), who they apply to
 * (empty rule = everyone; a post change applies at once), progress from reading/material/attendance
 * evidence (carried over to a new law version), completion by unit with scope, year settings and
 * the member's own view.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDay } from '../../src/common/learning';
import type { ListView, MyLearning, PersonListProgress, UnitCompletion } from '../../src/common/learning-lists';
import type { LawVersionView } from '../../src/common/laws';
import { lawArticles } from '../../src/server/modules/laws/schema';
import { people as peopleTable } from '../../src/server/modules/org/schema';
import { activities, activityAttendance, articleReads, materialReads, studyCredits } from '../../src/server/modules/learning/schema';
import { personListProgress } from '../../src/server/modules/learning/lists-progress';
import { eq } from 'drizzle-orm';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';
import { createMember, type Member } from '../helpers/exam';
import { multipart, uploadLaw } from '../helpers/multipart';

let t: TestApp;
let admin: Client;
const u: Record<string, number> = {};
const m: Record<string, Member> = {};
let unitAdmin: Client;
let lawId: number;
let otherLawId: number;
let materialId: number;
let activityId: number;
let commonList: ListView;
let nList: ListView;
const YEAR = Number(beijingDay(new Date()).slice(0, 4));



const LAW = (date: string, extra: string[] = []) =>
  [
    '# 某区学法测试条例',
    '',
    `${date} 某区人民代表大会常务委员会通过`,
    '',
    '<!-- INFO END -->',
    '',
    '## 第一章 总则',
    '',
    '第一条 为了推进学法用法，制定本条例。',
    '',
    '第二条 本条例适用于本区国家工作人员。',
    '',
    '第三条 学法应当联系实际。',
    '',
    '## 第二章 执法',
    '',
    '第四条 行政执法人员应当学习本岗位法律法规。',
    '',
    '第五条 执法应当规范公正文明。',
    ...extra,
  ].join('\n');

const expectIssue = (res: LightMyRequestResponse, path: string) => {
  expect(res.statusCode, res.body).toBe(400);
  const issues = res.json().error.issues as { path: string; message: string }[];
  const hit = issues.find((i) => i.path === path);
  expect(hit, `${path} in ${JSON.stringify(issues)}`).toBeDefined();
  expect(hit!.message).toMatch(/[\u4e00-\u9fa5]/);
};

const my = async (who: Member): Promise<MyLearning> => {
  const res = await who.client.get(`/api/my/learning?year=${YEAR}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.司法局 = (await admin.post('/api/units', { name: '区司法局', parentId: u.区 })).json().id;
  u.城管局 = (await admin.post('/api/units', { name: '区城管局', parentId: u.区 })).json().id;
  u.执法队 = (await admin.post('/api/units', { name: '执法队', parentId: u.城管局 })).json().id;
  m.甲 = await createMember(t, admin, '司法甲', 'll-a', u.司法局);
  m.乙 = await createMember(t, admin, '执法乙', 'll-b', u.执法队);
  m.丙 = await createMember(t, admin, '城管丙', 'll-c', u.城管局);
  for (const [k, post] of [['甲', '综合管理'], ['乙', '行政执法'], ['丙', '综合管理']] as const) {
    expect((await admin.patch(`/api/people/${m[k].personId}`, { postCategory: post })).statusCode).toBe(200);
  }
  const ua = await createMember(t, admin, '城管管理员', 'll-ua', u.城管局);
  expect((await admin.put(`/api/people/${ua.personId}/roles`, { roles: [{ role: 'unit_admin', unitId: u.城管局 }] })).statusCode).toBe(200);
  unitAdmin = ua.client;

  const up = await uploadLaw(admin, LAW('2020年1月1日'), { category: '地方性法规' });
  expect(up.statusCode, up.body).toBe(200);
  lawId = up.json().lawId;
  const other = await uploadLaw(admin, LAW('2020年1月1日').replace('某区学法测试条例', '另一测试条例'), { category: '地方性法规' });
  otherLawId = other.json().lawId;
  const [act] = await t.ctx.db
    .insert(activities)
    .values({ category: 'lecture', kind: '法治大讲堂', title: '民法典专题讲座', year: YEAR, startsAt: new Date(), durationMinutes: 90, hostUnitId: u.区, status: 'held' })
    .returning({ id: activities.id });
  activityId = act.id;
});
afterAll(async () => t?.close());

describe('materials', () => {
  it('validates with field paths: body or file required, kind, unknown file', async () => {
    expectIssue(await admin.post('/api/learning/materials', { title: '无内容', kind: '案例' }), 'body');
    expectIssue(await admin.post('/api/learning/materials', { title: '类别错', kind: '小说', body: 'x' }), 'kind');
    expectIssue(await admin.post('/api/learning/materials', { title: '', kind: '案例', body: 'x' }), 'title');
    expectIssue(await admin.post('/api/learning/materials', { title: '文件丢失', kind: '案例', fileId: 99999 }), 'fileId');
    expect((await m.甲.client.post('/api/learning/materials', { title: 'x', kind: '案例', body: 'x' })).statusCode).toBe(403);
  });

  it('creates with a body or an uploaded file, edits, lists, and deletes only when unused', async () => {
    const res = await admin.post('/api/learning/materials', { title: '习近平法治思想学习纲要（节选）', kind: '习近平法治思想', body: '坚持党对全面依法治国的领导。', source: '学习出版社' });
    expect(res.statusCode, res.body).toBe(200);
    materialId = res.json().id;
    const { body, contentType } = multipart([{ field: 'purpose', value: 'material' }, { file: Buffer.from('%PDF-1.4\n%%EOF\n'), filename: '案例汇编.pdf' }]);
    const file = (await admin.request('POST', '/api/files', body, { 'content-type': contentType })).json();
    const withFile = await admin.post('/api/learning/materials', { title: '以案释法案例汇编', kind: '案例', fileId: file.id });
    expect(withFile.statusCode, withFile.body).toBe(200);
    expect(withFile.json().file).toMatchObject({ id: file.id, name: '案例汇编.pdf', mime: 'application/pdf' });
    const edited = await admin.put(`/api/learning/materials/${withFile.json().id}`, { title: '以案释法案例汇编（2026）', kind: '案例', fileId: file.id, body: '导读' });
    expect(edited.json()).toMatchObject({ title: '以案释法案例汇编（2026）', body: '导读' });
    const list = (await admin.get('/api/learning/materials?q=案例')).json().items;
    expect(list.map((x: { title: string }) => x.title)).toEqual(['以案释法案例汇编（2026）']);
    // members read a material (the reader), but not the list
    expect((await m.甲.client.get(`/api/learning/materials/${materialId}`)).json().body).toBe('坚持党对全面依法治国的领导。');
    expect((await m.甲.client.get('/api/learning/materials')).statusCode).toBe(403);
    expect((await admin.delete(`/api/learning/materials/${withFile.json().id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/learning/materials/${withFile.json().id}`)).statusCode).toBe(404);
  });
});

describe('lists', () => {
  it('refuses bad items and rules with their field paths, and non-organisers', async () => {
    const base = { year: YEAR, name: '测试清单' };
    expectIssue(await admin.post('/api/learning/lists', { ...base, name: ' ' }), 'name');
    expectIssue(await admin.post('/api/learning/lists', { ...base, items: [{ segment: '2', kind: 'law', lawId }] }), 'items.0.segment');
    expectIssue(await admin.post('/api/learning/lists', { ...base, items: [{ segment: '3', kind: 'law' }] }), 'items.0.lawId');
    expectIssue(await admin.post('/api/learning/lists', { ...base, items: [{ segment: '3', kind: 'law', lawId: 99999 }] }), 'items.0.lawId');
    const other = (await admin.get(`/api/laws/${otherLawId}`)).json() as LawVersionView;
    expectIssue(await admin.post('/api/learning/lists', { ...base, items: [{ segment: 'N', kind: 'law', lawId, nodeIds: [other.nodes[0].id] }] }), 'items.0.nodeIds.0');
    expectIssue(await admin.post('/api/learning/lists', { ...base, items: [{ segment: '1', kind: 'material', materialId: 99999 }] }), 'items.0.materialId');
    expectIssue(await admin.post('/api/learning/lists', { ...base, items: [{ segment: '3', kind: 'course', activityId: 99999 }] }), 'items.0.activityId');
    expectIssue(await admin.post('/api/learning/lists', { ...base, items: [{ segment: '3', kind: 'law', lawId, expectedMinutes: -5 }] }), 'items.0.expectedMinutes');
    expectIssue(await admin.post('/api/learning/lists', { ...base, rule: { unitIds: [99999] } }), 'rule.unitIds.0');
    expectIssue(await admin.post('/api/learning/lists', { ...base, year: 1800 }), 'year');
    expect((await unitAdmin.post('/api/learning/lists', base)).statusCode).toBe(403);
    expect((await unitAdmin.get(`/api/learning/lists?year=${YEAR}`)).statusCode).toBe(403);
  });

  it('creates the common list (empty rule = everyone) and an N list for 行政执法 with a chosen chapter', async () => {
    const res = await admin.post('/api/learning/lists', {
      year: YEAR,
      name: '全区通用“1+3”',
      rule: { unitIds: [], ranks: [], postCategories: [], principalLeadersOnly: false },
      items: [
        { segment: '1', kind: 'material', materialId, expectedMinutes: 10 },
        { segment: '3', kind: 'law', lawId, expectedMinutes: 60 },
        { segment: '3', kind: 'course', activityId, required: false },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    commonList = res.json();
    expect(commonList.status).toBe('draft');
    expect(commonList.rule).toBeNull();
    expect(commonList.items.map((i) => [i.segment, i.title, i.scope])).toEqual([
      ['1', '习近平法治思想学习纲要（节选）', '习近平法治思想'],
      ['3', '某区学法测试条例', '全文（5条）'],
      ['3', '民法典专题讲座', expect.stringContaining('法治大讲堂')],
    ]);
    const law = (await admin.get(`/api/laws/${lawId}`)).json() as LawVersionView;
    const ch2 = law.nodes.find((n) => n.label === '第二章')!;
    const n = await admin.post('/api/learning/lists', { year: YEAR, name: '行政执法岗位“N”', rule: { postCategories: ['行政执法'] }, items: [{ segment: 'N', kind: 'law', lawId, nodeIds: [ch2.id], title: '条例第二章 执法' }] });
    expect(n.statusCode, n.body).toBe(200);
    nList = n.json();
    expect(nList.items[0]).toMatchObject({ title: '条例第二章 执法', scope: '第二章 执法（2条）', nodeIds: [ch2.id] });

    // 适用人数: everyone 在职 (4 people incl. the unit admin), and the one 行政执法 person
    expect((await admin.post('/api/learning/rule-count', { rule: null })).json().count).toBe(4);
    expect((await admin.post('/api/learning/rule-count', { rule: { postCategories: ['行政执法'] } })).json().count).toBe(1);
    expect((await admin.post('/api/learning/rule-count', { rule: { unitIds: [u.城管局] } })).json().count).toBe(3);
    const summaries = (await admin.get(`/api/learning/lists?year=${YEAR}`)).json().items;
    expect(summaries.map((s: { name: string; appliesTo: number; segments: object }) => [s.name, s.appliesTo, s.segments])).toEqual([
      ['全区通用“1+3”', 4, { 1: 1, 3: 2, N: 0 }],
      ['行政执法岗位“N”', 1, { 1: 0, 3: 0, N: 1 }],
    ]);
  });

  it('drafts apply to nobody; once published, the rule decides, and a post change applies at once', async () => {
    expect((await my(m.乙)).progress.items).toEqual([]);
    expect((await admin.post(`/api/learning/lists/${commonList.id}/publish`)).statusCode).toBe(200);
    expect((await admin.post(`/api/learning/lists/${nList.id}/publish`)).statusCode).toBe(200);
    expect((await admin.post(`/api/learning/lists/${nList.id}/publish`)).statusCode).toBe(409);
    const b = await my(m.乙);
    expect(b.progress.items.map((i) => i.segment)).toEqual(['1', '3', '3', 'N']);
    const a = await my(m.甲);
    expect(a.progress.items.map((i) => i.segment)).toEqual(['1', '3', '3']);
    // 司法甲 becomes a 行政执法 post: the N item appears on the next read; back again, it goes
    expect((await admin.patch(`/api/people/${m.甲.personId}`, { postCategory: '行政执法' })).statusCode).toBe(200);
    expect((await my(m.甲)).progress.items.map((i) => i.segment)).toEqual(['1', '3', '3', 'N']);
    expect((await admin.patch(`/api/people/${m.甲.personId}`, { postCategory: '综合管理' })).statusCode).toBe(200);
    expect((await my(m.甲)).progress.items.map((i) => i.title)).not.toContain('条例第二章 执法');
  });

  it('edits keep item ids, copies to next year as a draft, and deletes drafts only', async () => {
    const edit = await admin.put(`/api/learning/lists/${commonList.id}`, {
      year: YEAR,
      name: '全区通用“1+3”',
      items: commonList.items.map((i) => ({ id: i.id, segment: i.segment, kind: i.kind, lawId: i.lawId, materialId: i.materialId, activityId: i.activityId, required: i.required, expectedMinutes: i.expectedMinutes })),
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().items.map((i: { id: number }) => i.id)).toEqual(commonList.items.map((i) => i.id));
    expectIssue(await admin.put(`/api/learning/lists/${commonList.id}`, { year: YEAR, name: 'x', items: [{ id: nList.items[0].id, segment: 'N', kind: 'law', lawId }] }), 'items.0.id');
    expect((await admin.delete(`/api/learning/lists/${commonList.id}`)).statusCode).toBe(409);
    const copy = await admin.post(`/api/learning/lists/${commonList.id}/copy`);
    expect(copy.statusCode, copy.body).toBe(200);
    expect(copy.json()).toMatchObject({ year: YEAR + 1, status: 'draft', name: '全区通用“1+3”' });
    expect(copy.json().items).toHaveLength(3);
    expect((await admin.delete(`/api/learning/lists/${copy.json().id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/learning/lists/${copy.json().id}`)).statusCode).toBe(404);
    // a material used by a list cannot be deleted
    expect((await admin.delete(`/api/learning/materials/${materialId}`)).statusCode).toBe(409);
  });
});

describe('progress', () => {
  it('counts article reads, material seconds and attendance; reads carry over to a new law version', async () => {
    const current = await t.ctx.db.select().from(lawArticles).where(eq(lawArticles.versionId, (await admin.get(`/api/laws/${lawId}`)).json().version.id));
    const byNo = new Map(current.map((a) => [a.no, a]));
    const read = (personId: number, no: number) => ({ personId, articleId: byNo.get(no)!.id, lawId, articleNo: no, suffix: 0, seconds: 30 });
    await t.ctx.db.insert(articleReads).values([read(m.乙.personId, 4), read(m.乙.personId, 5), read(m.甲.personId, 1)]);
    await t.ctx.db.insert(materialReads).values({ personId: m.乙.personId, materialId, seconds: 300 });
    await t.ctx.db.insert(activityAttendance).values({ activityId, personId: m.乙.personId, source: 'roster' });

    const b = (await my(m.乙)).progress;
    expect(b.items.map((i) => [i.segment, i.percent, i.done, i.detail])).toEqual([
      ['1', 50, false, '已学 5/10 分钟'],
      ['3', 40, false, '已读 2/5 条'],
      ['3', 100, true, '已参加'],
      ['N', 100, true, '已读 2/2 条'],
    ]);
    expect(b).toMatchObject({ requiredTotal: 3, requiredDone: 1, optionalTotal: 1, optionalDone: 1, percent: Math.floor((50 + 40 + 100) / 3) });
    expect(b.items[0].link).toBe(`/my/learning/materials/${materialId}?expected=10`);
    expect(b.items[1].link).toBe(`/laws/${lawId}`);

    // a new version adds 第六条 to chapter 2: the whole-law item now has 6 articles, reads carried over
    const up = await uploadLaw(admin, LAW('2030年1月1日', ['', '第六条 本条例自公布之日起施行。']), { lawId: String(lawId) });
    expect(up.statusCode, up.body).toBe(200);
    const after: PersonListProgress = await personListProgress(t.ctx.db, m.乙.personId, YEAR);
    expect(after.items[1].detail).toBe('已读 2/6 条');
    // the chapter chosen in the old version is the same chapter of the new one, which now has 第六条
    expect(after.items[3]).toMatchObject({ done: false, percent: 66, detail: '已读 2/3 条' });
    // the material is finished at its expected time
    await t.ctx.db.update(materialReads).set({ seconds: 600 }).where(eq(materialReads.personId, m.乙.personId));
    expect((await personListProgress(t.ctx.db, m.乙.personId, YEAR)).items[0]).toMatchObject({ done: true, percent: 100, detail: '已学 10/10 分钟' });
  });

  it('completion by unit: figures per subtree, drill-down to people, unit admins limited to their subtree', async () => {
    const top = (await admin.get(`/api/learning/progress?year=${YEAR}`)).json() as UnitCompletion;
    expect(top.units.map((r) => r.name)).toEqual(['某区']);
    expect(top.total).toMatchObject({ people: 4, assigned: 4, requiredItems: 2 * 4 + 1, notStarted: 2 });
    const drill = await admin.get(`/api/learning/progress?year=${YEAR}&unitId=${u.区}`);
    expect(drill.statusCode, drill.body).toBe(200);
    const d = drill.json() as UnitCompletion;
    const row = (name: string) => d.units.find((r) => r.name === name)!;
    expect(row('区城管局')).toMatchObject({ people: 3, assigned: 3, requiredItems: 7, complete: 0, notStarted: 2, hasChildren: true });
    expect(row('区司法局')).toMatchObject({ people: 1, notStarted: 0 });
    const b = d.people.find((p) => p.personId === m.乙.personId)!;
    expect(b).toMatchObject({ requiredTotal: 3, requiredDone: 1, unitName: '执法队', unitPathNames: '某区/区城管局/执法队' });
    expect(d.people).toHaveLength(4);

    const ua = (await unitAdmin.get(`/api/learning/progress?year=${YEAR}`)).json() as UnitCompletion;
    expect(ua.units.map((r) => r.name)).toEqual(['区城管局']);
    expect(ua.total.people).toBe(3);
    expect((await unitAdmin.get(`/api/learning/progress?year=${YEAR}&unitId=${u.司法局}`)).statusCode).toBe(404);
    const mine = (await unitAdmin.get(`/api/learning/progress?year=${YEAR}&unitId=${u.城管局}`)).json() as UnitCompletion;
    expect(mine.units.map((r) => r.name)).toEqual(['区城管局（本级）', '执法队']);
    // the unit admin cannot go above their root; the organiser can
    expect(mine.unit).toEqual({ id: u.城管局, name: '区城管局', pathNames: '某区/区城管局', parentId: null });
    expect(((await admin.get(`/api/learning/progress?year=${YEAR}&unitId=${u.城管局}`)).json() as UnitCompletion).unit?.parentId).toBe(u.区);
    expect(mine.people.map((p) => p.name).sort()).toEqual(['城管丙', '城管管理员', '执法乙'].sort());
    expect((await m.甲.client.get(`/api/learning/progress?year=${YEAR}`)).statusCode).toBe(403);

    const xlsx = await unitAdmin.get(`/api/learning/progress/export.xlsx?year=${YEAR}&unitId=${u.城管局}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const people = wb.getWorksheet('人员')!;
    expect(people.rowCount).toBe(4);
    const names = [2, 3, 4].map((r) => people.getRow(r).getCell(1).text);
    expect(names.sort()).toEqual(['城管丙', '城管管理员', '执法乙'].sort());
  });
});

describe('settings and hours', () => {
  it('year settings: defaults, validation, organiser edits, everyone reads', async () => {
    expect((await m.甲.client.get(`/api/learning/settings/${YEAR}`)).json().settings.dailyCapMinutes).toBe(120);
    expectIssue(await admin.put(`/api/learning/settings/${YEAR}`, { dailyCapMinutes: 5 }), 'dailyCapMinutes');
    expect((await m.甲.client.put(`/api/learning/settings/${YEAR}`, { dailyCapMinutes: 60 })).statusCode).toBe(403);
    const ok = await admin.put(`/api/learning/settings/${YEAR}`, { dailyCapMinutes: 60, lectureDutyCount: 2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().settings).toMatchObject({ dailyCapMinutes: 60, lectureDutyCount: 2, dailyPracticeCount: 5 });
    expect((await m.甲.client.get(`/api/learning/settings/${YEAR}`)).json().settings.dailyCapMinutes).toBe(60);
    const log = (await admin.get('/api/audit?action=learning.settings.update')).json();
    expect(JSON.stringify(log)).toContain(`修改${YEAR}年学法设置`);
    expect((await admin.get(`/api/learning/settings/${YEAR + 1}`)).json().settings.dailyCapMinutes).toBe(120);
  });

  it('the member sees hours by source this year, today’s self-study and the cap', async () => {
    const today = beijingDay(new Date());
    await t.ctx.db.insert(studyCredits).values([
      { personId: m.乙.personId, day: today, source: 'reading', refId: 0, minutes: 25.5 },
      { personId: m.乙.personId, day: today, source: 'lecture', refId: activityId, minutes: 90 },
      { personId: m.乙.personId, day: `${YEAR - 1}-12-31`, source: 'reading', refId: 0, minutes: 40 },
      { personId: m.甲.personId, day: today, source: 'material', refId: 0, minutes: 10 },
    ]);
    const b = await my(m.乙);
    expect(b.minutesBySource).toEqual({ reading: 25.5, material: 0, group_study: 0, lecture: 90 });
    expect(b).toMatchObject({ totalMinutes: 115.5, todaySelfStudyMinutes: 25.5, dailyCapMinutes: 60 });
    expect((await admin.get('/api/my/learning')).statusCode).toBe(403);
    expectIssue(await m.乙.client.get('/api/my/learning?year=abc'), 'querystring.year');
  });
});

describe('scale', () => {
  it('completion for 5,000 people answers in one pass (no query per person)', async () => {
    const unit = (await admin.post('/api/units', { name: '大单位', parentId: null })).json().id as number;
    const ids: number[] = [];
    for (let i = 0; i < 5000; i += 1000) {
      const rows = await t.ctx.db
        .insert(peopleTable)
        .values(Array.from({ length: 1000 }, (_, j) => ({ name: `人员${i + j}`, unitId: unit, postCategory: (i + j) % 2 ? '行政执法' : '综合管理' })))
        .returning({ id: peopleTable.id });
      ids.push(...rows.map((r) => r.id));
    }
    // every other person has read articles 1, 4 and 5 (the N chapter now has 4, 5 and 6)
    const version = (await admin.get(`/api/laws/${lawId}`)).json().version.id as number;
    const arts = await t.ctx.db.select().from(lawArticles).where(eq(lawArticles.versionId, version));
    const byNo = new Map(arts.map((a) => [a.no, a.id]));
    const reads = ids.filter((_, k) => k % 2 === 1).flatMap((personId) => [1, 4, 5].map((no) => ({ personId, articleId: byNo.get(no)!, lawId, articleNo: no, suffix: 0, seconds: 20 })));
    for (let i = 0; i < reads.length; i += 2000) await t.ctx.db.insert(articleReads).values(reads.slice(i, i + 2000));

    const started = Date.now();
    const res = await admin.get(`/api/learning/progress?year=${YEAR}&unitId=${unit}`);
    const ms = Date.now() - started;
    expect(res.statusCode).toBe(200);
    const c = res.json() as UnitCompletion;
    expect(c.people).toHaveLength(5000);
    // 行政执法 (odd): material 0, law 3/6 = 50%, N 2/3 = 66% → floor(116 / 3) = 38; others: 0
    expect(c.total).toMatchObject({ people: 5000, assigned: 5000, requiredItems: 2500 * 3 + 2500 * 2, requiredDone: 0, notStarted: 2500, avgPercent: 19 });
    expect(ms).toBeLessThan(15_000);
    console.log(`[scale] completion for 5000 people: ${ms} ms`);
  }, 60_000);
});
