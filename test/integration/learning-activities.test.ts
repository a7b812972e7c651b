import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../src/server/modules/files/schema';
import { activities, lecturers, studyCredits } from '../../src/server/modules/learning/schema';
import { adminClient, createTestApp, idNumber, type Client, type TestApp } from '../helpers/app';
import { createMember, type Member } from '../helpers/exam';
import { fileUpload } from '../helpers/multipart';

let t: TestApp;
let admin: Client;
let unitAdmin: Member;
let zhang: Member; // 法制科 (inside the unit admin's 司法局)
let li: Member; // 司法局
let wang: Member; // 其他局 (outside)
let zhao: Member; // 法制科, for brute force
const u: Record<string, number> = {};
let lecturerId: number;
let fileId: number;
const zhangId = idNumber('11010119800101123');

const past = (daysAgo: number) => new Date(Date.now() - daysAgo * 86400_000).toISOString();
const future = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

const study = (over: Record<string, unknown> = {}) => ({
  category: 'study',
  kind: '集中学法',
  title: '民法典集中学习',
  startsAt: past(2),
  durationMinutes: 90,
  hostUnitId: u.司法局,
  presenter: '张科长',
  audienceUnitIds: [u.法制科],
  laws: [{ title: '中华人民共和国民法典', articles: '第一条至第十条' }],
  ...over,
});

async function credits(activityId: number) {
  return t.ctx.db
    .select({ personId: studyCredits.personId, day: studyCredits.day, source: studyCredits.source, minutes: studyCredits.minutes })
    .from(studyCredits)
    .where(eq(studyCredits.refId, activityId))
    .orderBy(studyCredits.personId);
}


async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('参加人员');
  ws.addRow(['姓名', '身份证号', '工号']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.司法局 = (await admin.post('/api/units', { name: '司法局', parentId: u.区 })).json().id;
  u.法制科 = (await admin.post('/api/units', { name: '法制科', parentId: u.司法局 })).json().id;
  u.其他局 = (await admin.post('/api/units', { name: '其他局', parentId: u.区 })).json().id;
  unitAdmin = await createMember(t, admin, '单位管理员甲', 'hdgl01', u.司法局);
  expect((await admin.put(`/api/people/${unitAdmin.personId}/roles`, { roles: [{ role: 'unit_admin', unitId: u.司法局 }] })).statusCode).toBe(200);
  zhang = await createMember(t, admin, '张三', 'hdzs01', u.法制科);
  expect((await admin.patch(`/api/people/${zhang.personId}`, { idNumber: zhangId })).statusCode).toBeLessThan(300);
  li = await createMember(t, admin, '李四', 'hdls01', u.司法局);
  wang = await createMember(t, admin, '王五', 'hdww01', u.其他局);
  zhao = await createMember(t, admin, '赵六', 'hdzl01', u.法制科);
  // the unit admin logs in again: roles are read at login
  await unitAdmin.client.login('hdgl01', 'Member#2026z');
  [{ id: lecturerId }] = await t.ctx.db.insert(lecturers).values({ name: '刘律师', level: '区级', organisation: '某律师事务所' }).returning({ id: lecturers.id });
  [{ id: fileId }] = await t.ctx.db
    .insert(files)
    .values({ name: '课件.pdf', mime: 'application/pdf', size: 3, sha256: 'x', data: Buffer.from('pdf'), purpose: 'activity' })
    .returning({ id: files.id });
}, 60_000);

afterAll(async () => t?.close());

describe('records', () => {
  it('refuses bad input with the field path and a Chinese message', async () => {
    const res = await admin.post(
      '/api/activities',
      study({ kind: '法治大讲堂', durationMinutes: 5, hostUnitId: 999999, audienceUnitIds: [u.法制科, 888888], fileIds: [777777], laws: [{ lawId: 666666, title: '某法' }, { title: '' }] }),
    );
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'durationMinutes', 'laws.1.title']));
    expect(res.json().error.issues.find((i: { path: string }) => i.path === 'kind').message).toContain('集中学法');

    const refs = await admin.post('/api/activities', study({ hostUnitId: 999999, audienceUnitIds: [u.法制科, 888888], fileIds: [777777], speakerPersonId: 555555, laws: [{ lawId: 666666, title: '某法' }] }));
    expect(refs.statusCode).toBe(400);
    expect(refs.json().error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['audienceUnitIds.1', 'fileIds.0', 'hostUnitId', 'laws.0.lawId', 'speakerPersonId']);
    const lect = await admin.post('/api/activities', { ...study(), category: 'lecture', kind: '法治大讲堂', lecturerId: 444444 });
    expect(lect.json().error.issues).toEqual([{ path: 'lecturerId', message: '师资库中没有此讲师' }]);
    expect((await admin.post('/api/activities', study({ durationMinutes: 1441 }))).json().error.issues[0].path).toBe('durationMinutes');
  });

  it('creates, reads and edits; year is the Beijing year; status follows the start time', async () => {
    // 2025-12-31 17:30 UTC is 2026-01-01 01:30 in Beijing
    const res = await admin.post('/api/activities', study({ startsAt: '2025-12-31T17:30:00Z', fileIds: [fileId], speakerPersonId: li.personId }));
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ year: 2026, status: 'held', hostUnitPathNames: '某区/司法局', speakerName: '李四', attendanceCount: 0 });
    expect(a.files).toEqual([{ id: fileId, name: '课件.pdf', mime: 'application/pdf', size: 3 }]);
    expect(a.audienceUnits).toEqual([{ id: u.法制科, name: '法制科' }]);
    const later = await admin.post('/api/activities', { ...study({ startsAt: future(48) }), category: 'lecture', kind: '法治大讲堂', lecturerId });
    expect(later.json()).toMatchObject({ status: 'scheduled', lecturerName: '刘律师', category: 'lecture' });
    // pre-ticking the expected audience two days ahead does not mark it as held
    await admin.put(`/api/activities/${later.json().id}/attendance`, { personIds: [li.personId] });
    expect((await admin.get(`/api/activities/${later.json().id}`)).json().status).toBe('scheduled');
    const edited = await admin.put(`/api/activities/${a.id}`, study({ title: '民法典总则编学习', startsAt: '2025-12-31T17:30:00Z' }));
    expect(edited.json()).toMatchObject({ title: '民法典总则编学习', year: 2026 });
    const catChange = await admin.put(`/api/activities/${a.id}`, { ...study(), category: 'lecture', kind: '法治大讲堂' });
    expect(catChange.json().error.issues[0].path).toBe('category');

    const list = await admin.get(`/api/activities?category=study&year=2026&q=${encodeURIComponent('总则')}`);
    expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    expect((await admin.get('/api/activities?category=lecture')).json().total).toBe(1);
    const audit = await admin.get('/api/audit?action=activity.update');
    expect(audit.statusCode).toBe(200);
  });

  it('keeps a unit admin inside their subtree (404 outside, hostUnitId refused), members out (403)', async () => {
    const outside = (await admin.post('/api/activities', study({ hostUnitId: u.其他局, title: '其他局学法' }))).json();
    const ua = unitAdmin.client;
    expect((await ua.get(`/api/activities/${outside.id}`)).statusCode).toBe(404);
    expect((await ua.put(`/api/activities/${outside.id}`, study())).statusCode).toBe(404);
    expect((await ua.delete(`/api/activities/${outside.id}`)).statusCode).toBe(404);
    expect((await ua.get(`/api/activities/${outside.id}/attendance`)).statusCode).toBe(404);
    const mine = await ua.post('/api/activities', study({ hostUnitId: u.法制科, title: '法制科会前学法', kind: '会前学法' }));
    expect(mine.statusCode, mine.body).toBe(200);
    const refused = await ua.post('/api/activities', study({ hostUnitId: u.其他局 }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues).toEqual([{ path: 'hostUnitId', message: '只能登记本单位及下级单位主办的活动' }]);
    const spk = await ua.post('/api/activities', study({ speakerPersonId: wang.personId }));
    expect(spk.json().error.issues[0].path).toBe('speakerPersonId');
    const titles = (await ua.get('/api/activities?pageSize=100')).json().items.map((i: { title: string }) => i.title);
    expect(titles).toContain('法制科会前学法');
    expect(titles).not.toContain('其他局学法');
    expect((await zhang.client.get('/api/activities')).statusCode).toBe(403);
    expect((await zhang.client.post('/api/activities', study())).statusCode).toBe(403);
  });
});

describe('attendance and credits', () => {
  let id: number;
  beforeAll(async () => {
    id = (await admin.post('/api/activities', study({ title: '考勤测试', startsAt: '2026-03-05T06:00:00Z', durationMinutes: 60 }))).json().id;
  });

  it('roster tick writes attendance and credits; candidates are host + audience units', async () => {
    const cands = (await unitAdmin.client.get(`/api/activities/${id}/candidates?pageSize=100`)).json();
    const names = cands.items.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['张三', '李四', '赵六']));
    expect(names).not.toContain('王五');
    const outOfScope = await unitAdmin.client.put(`/api/activities/${id}/attendance`, { personIds: [zhang.personId, wang.personId] });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.json().error.issues[0].path).toBe('personIds.1');

    const res = await unitAdmin.client.put(`/api/activities/${id}/attendance`, { personIds: [zhang.personId, li.personId] });
    expect(res.json()).toEqual({ added: 2, removed: 0, total: 2 });
    const att = (await admin.get(`/api/activities/${id}/attendance`)).json().items;
    expect(att.map((r: { name: string; source: string }) => [r.name, r.source]).sort()).toEqual([
      ['张三', 'roster'],
      ['李四', 'roster'],
    ]);
    expect(await credits(id)).toEqual([
      { personId: zhang.personId, day: '2026-03-05', source: 'group_study', minutes: 60 },
      { personId: li.personId, day: '2026-03-05', source: 'group_study', minutes: 60 },
    ].sort((a, b) => a.personId - b.personId));
    expect((await admin.get(`/api/activities/${id}`)).json().attendanceCount).toBe(2);
    // untick 李四
    expect((await admin.put(`/api/activities/${id}/attendance`, { personIds: [zhang.personId] })).json()).toEqual({ added: 0, removed: 1, total: 1 });
    expect((await credits(id)).map((c) => c.personId)).toEqual([zhang.personId]);
  });

  it('editing duration or date rewrites credits; cancelling removes them; delete removes everything', async () => {
    await admin.put(`/api/activities/${id}`, study({ title: '考勤测试', startsAt: '2026-03-06T06:00:00Z', durationMinutes: 120 }));
    expect(await credits(id)).toEqual([{ personId: zhang.personId, day: '2026-03-06', source: 'group_study', minutes: 120 }]);
    await admin.put(`/api/activities/${id}`, study({ title: '考勤测试', startsAt: '2026-03-06T06:00:00Z', durationMinutes: 120, status: 'cancelled' }));
    expect(await credits(id)).toEqual([]);
    const refused = await admin.put(`/api/activities/${id}/attendance`, { personIds: [zhang.personId, li.personId] });
    expect(refused.statusCode).toBe(409);
    expect((await admin.post(`/api/activities/${id}/sign-in-code`, {})).statusCode).toBe(409);
    await admin.put(`/api/activities/${id}`, study({ title: '考勤测试', startsAt: '2026-03-06T06:00:00Z', durationMinutes: 120, status: 'held' }));
    expect(await credits(id)).toHaveLength(1);

    const del = await admin.delete(`/api/activities/${id}`);
    expect(del.statusCode).toBe(200);
    expect(await credits(id)).toEqual([]);
    expect((await admin.get(`/api/activities/${id}`)).statusCode).toBe(404);
  });

  it('Excel import: preview with row errors, all-or-nothing commit, credits written', async () => {
    const aid = (await admin.post('/api/activities', study({ title: '导入测试', startsAt: '2026-04-01T02:00:00Z', durationMinutes: 45 }))).json().id;
    const bad = fileUpload(await workbook([['张三', zhangId, null], ['李四', null, 'hdls01'], ['王五', null, 'hdww01'], ['查无此人', null, 'nobody'], ['李四错', null, 'hdls01']]));
    const ua = unitAdmin.client;
    const preview = await ua.request('POST', `/api/activities/${aid}/attendance/import?dryRun=1`, bad.body, bad.headers);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().rows.map((r: { name: string }) => r.name)).toEqual(['张三', '李四']);
    expect(preview.json().issues.map((i: { row: number; column: string; message: string }) => [i.row, i.message])).toEqual([
      [4, '王五不在您管理的单位范围内'],
      [5, '系统中没有工号为“nobody”的人员'],
      [6, '姓名与系统中不一致：系统中为“李四”'],
    ]);
    const commit = await ua.request('POST', `/api/activities/${aid}/attendance/import`, bad.body, bad.headers);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.code).toBe('IMPORT_INVALID');
    expect(await credits(aid)).toEqual([]);
    const good = fileUpload(await workbook([['张三', zhangId, null], ['李四', null, 'hdls01']]));
    const ok = await ua.request('POST', `/api/activities/${aid}/attendance/import`, good.body, good.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().added).toBe(2);
    const att = (await ua.get(`/api/activities/${aid}/attendance`)).json().items;
    expect(att.every((r: { source: string }) => r.source === 'excel')).toBe(true);
    expect((await credits(aid)).map((c) => c.minutes)).toEqual([45, 45]);
    // the roster tick without asOf keeps imported rows it did not list; with asOf it removes them
    expect((await ua.put(`/api/activities/${aid}/attendance`, { personIds: [] })).json()).toEqual({ added: 0, removed: 0, total: 2 });
    expect((await ua.put(`/api/activities/${aid}/attendance`, { personIds: [li.personId], asOf: new Date().toISOString() })).json()).toEqual({ added: 0, removed: 1, total: 1 });
    expect((await credits(aid)).map((c) => c.personId)).toEqual([li.personId]);
    // one removal
    expect((await ua.delete(`/api/activities/${aid}/attendance/${li.personId}`)).statusCode).toBe(200);
    expect(await credits(aid)).toEqual([]);
    expect((await ua.delete(`/api/activities/${aid}/attendance/${li.personId}`)).statusCode).toBe(404);
  });
});

describe('phone sign-in', () => {
  let id: number;
  let code: string;
  beforeAll(async () => {
    id = (await admin.post('/api/activities', { ...study({ title: '以案释法讲座', startsAt: future(0.25), durationMinutes: 60 }), category: 'lecture', kind: '以案释法' })).json().id;
  });

  it('issues a 6-character code without ambiguous characters, with the default window', async () => {
    const res = await unitAdmin.client.post(`/api/activities/${id}/sign-in-code`, {});
    expect(res.statusCode, res.body).toBe(200);
    code = res.json().code;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const a = (await admin.get(`/api/activities/${id}`)).json();
    expect(Date.parse(a.startsAt) - Date.parse(res.json().opensAt)).toBe(30 * 60_000);
    expect(Date.parse(res.json().closesAt) - Date.parse(a.startsAt)).toBe(90 * 60_000);
    const again = (await unitAdmin.client.post(`/api/activities/${id}/sign-in-code`, {})).json().code;
    expect(again).not.toBe(code);
    code = again;
    const bad = await admin.post(`/api/activities/${id}/sign-in-code`, { opensAt: future(2), closesAt: future(1) });
    expect(bad.json().error.issues[0].path).toBe('closesAt');
  });

  it('a member signs in once (idempotent), gets credit, and the recorder sees it', async () => {
    const info = await zhang.client.get(`/api/sign/${code.toLowerCase()}`);
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json()).toMatchObject({ title: '以案释法讲座', kind: '以案释法', hostUnitName: '司法局', window: 'open', signedAt: null });
    const first = await zhang.client.post(`/api/sign/${code}`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().signedAt).not.toBeNull();
    const second = await zhang.client.post(`/api/sign/${code}`);
    expect(second.json().signedAt).toBe(first.json().signedAt);
    expect(await credits(id)).toEqual([{ personId: zhang.personId, day: expect.any(String), source: 'lecture', minutes: 60 }]);
    const att = (await admin.get(`/api/activities/${id}/attendance`)).json().items;
    expect(att).toEqual([expect.objectContaining({ name: '张三', source: 'signin' })]);
    const my = (await zhang.client.get('/api/my/activities')).json();
    expect(my.attended).toEqual([expect.objectContaining({ id, source: 'signin', creditMinutes: 60 })]);
  });

  it('refuses outside the window, saying when it opens or closed', async () => {
    await t.ctx.db.update(activities).set({ signInOpensAt: new Date(Date.now() + 3600_000), signInClosesAt: new Date(Date.now() + 7200_000) }).where(eq(activities.id, id));
    const early = await li.client.post(`/api/sign/${code}`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/^签到尚未开始，\d{4}-\d{2}-\d{2} \d{2}:\d{2} 开始签到$/);
    await t.ctx.db.update(activities).set({ signInOpensAt: new Date(Date.now() - 7200_000), signInClosesAt: new Date(Date.now() - 3600_000) }).where(eq(activities.id, id));
    const late = await li.client.post(`/api/sign/${code}`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/^签到已于 .* 截止$/);
    expect((await li.client.get(`/api/sign/${code}`)).json().window).toBe('closed');
    expect(await t.ctx.db.select().from(studyCredits).where(and(eq(studyCredits.refId, id), eq(studyCredits.personId, li.personId)))).toEqual([]);
  });

  it('limits wrong codes per account: after 10 a minute even the right code waits', async () => {
    expect((await zhao.client.get('/api/sign/0OI1XX')).json().error.message).toBe('签到码无效');
    for (let i = 0; i < 9; i++) expect((await zhao.client.post('/api/sign/ZZZZZ2')).statusCode).toBe(404);
    const blocked = await zhao.client.get(`/api/sign/${code}`);
    expect(blocked.statusCode).toBe(429);
    // another account is not affected
    expect((await wang.client.get(`/api/sign/${code}`)).statusCode).toBe(200);
  });

  it('stopping sign-in makes the code invalid; a speaker sees the lectures they gave', async () => {
    expect((await admin.delete(`/api/activities/${id}/sign-in-code`)).json().code).toBeNull();
    expect((await wang.client.get(`/api/sign/${code}`)).statusCode).toBe(404);
    const gave = await admin.post('/api/activities', { ...study({ title: '宪法宣讲', speakerPersonId: li.personId, startsAt: new Date().toISOString() }), category: 'lecture', kind: '宣讲' });
    expect(gave.statusCode).toBe(200);
    const my = (await li.client.get('/api/my/activities')).json();
    expect(my.gave.map((g: { title: string }) => g.title)).toEqual(['宪法宣讲']);
  });
});

describe('exports', () => {
  it('the list and a 签到表 open in exceljs', async () => {
    const list = await admin.get('/api/activities/export.xlsx?category=study');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-disposition']).toContain('filename*=UTF-8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(list.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(4).value).toBe('主题');
    const titles = ws.getColumn(4).values.slice(2);
    expect(titles).toEqual(expect.arrayContaining(['民法典总则编学习', '导入测试']));

    const aid = (await admin.post('/api/activities', study({ title: '签到表测试' }))).json().id;
    await admin.put(`/api/activities/${aid}/attendance`, { personIds: [zhang.personId, li.personId] });
    const sheet = await admin.get(`/api/activities/${aid}/attendance.xlsx`);
    expect(sheet.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const s = wb2.worksheets[0];
    expect(String(s.getCell('A1').value)).toBe('签到表测试 集体学法签到表');
    expect(s.getRow(3).values).toEqual([undefined, '序号', '姓名', '单位', '工号', '签到方式', '签到时间', '签名']);
    expect([s.getCell('B4').value, s.getCell('B5').value].sort()).toEqual(['张三', '李四'].sort());
    expect((await admin.get('/api/activities/attendance-template.xlsx')).statusCode).toBe(200);
  });
});

describe('bad input', () => {
  it('answers junk ids, queries and bodies with a 4xx and a Chinese message, never a 5xx', async () => {
    const aid = (await admin.post('/api/activities', study({ title: '坏输入测试' }))).json().id;
    const gets = [
      '/api/activities?year=abc',
      '/api/activities?page=0',
      '/api/activities?category=x',
      '/api/activities?unitId=99999999999',
      '/api/activities/abc',
      '/api/activities/99999999999',
      '/api/activities/-1/attendance',
      `/api/activities/${aid}/candidates?pageSize=9999`,
      '/api/activities/99999999999/attendance.xlsx',
      `/api/sign/${'x'.repeat(30)}`,
      '/api/sign/%00%00',
      '/api/my/activities?year=1',
    ];
    for (const url of gets) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.message, url).toMatch(/[\u4e00-\u9fa5]/);
    }
    const writes: [string, string, unknown][] = [
      ['POST', '/api/activities', null],
      ['POST', '/api/activities', []],
      ['POST', '/api/activities', { ...study(), startsAt: 'yesterday', hostUnitId: 99999999999 }],
      ['PUT', `/api/activities/${aid}`, { ...study(), audienceUnitIds: 'x' }],
      ['PUT', `/api/activities/${aid}/attendance`, { personIds: 'x' }],
      ['PUT', `/api/activities/${aid}/attendance`, { personIds: [99999999999] }],
      ['PUT', `/api/activities/${aid}/attendance`, { personIds: [1], asOf: 'now' }],
      ['POST', `/api/activities/${aid}/attendance/import`, {}],
      ['POST', `/api/activities/${aid}/sign-in-code`, { opensAt: 'x' }],
      ['DELETE', `/api/activities/${aid}/attendance/abc`, undefined],
      ['POST', '/api/sign/ABC', {}],
    ];
    for (const [method, url, body] of writes) {
      const res = await admin.request(method, url, body === null ? 'null' : body, body === null ? { 'content-type': 'application/json' } : {});
      expect(res.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
    }
  });
});
