/**
 * Scope across the 学/讲 routes that take an activity id, beyond detail/edit/delete (covered in
 * learning-activities): a unit admin of another subtree gets a 404 from every attendance, export,
 * candidates and sign-in-code route and changes nothing; an account without a person record gets a
 * clear 403 from every route that needs one.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, activityAttendance, studyCredits } from '../../src/server/modules/learning/schema';
import { adminClient, createTestApp, type Client, type TestApp } from '../helpers/app';
import { createMember, type Member } from '../helpers/exam';
import { fileUpload } from '../helpers/multipart';

let t: TestApp;
let admin: Client;
let unitAdmin: Member; // unit admin of 甲局
let inside: Member; // 甲局
let outside: Member; // 乙局
let activityId: number; // hosted by 乙局
const u: Record<string, number> = {};

async function attendanceWorkbook(): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('参加人员');
  ws.addRow(['姓名', '身份证号', '工号']);
  ws.addRow(['王乙', null, 'scope-out']);
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  return fileUpload(file);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.甲局 = (await admin.post('/api/units', { name: '甲局', parentId: u.区 })).json().id;
  u.乙局 = (await admin.post('/api/units', { name: '乙局', parentId: u.区 })).json().id;
  unitAdmin = await createMember(t, admin, '甲管理员', 'scope-ua', u.甲局);
  expect((await admin.put(`/api/people/${unitAdmin.personId}/roles`, { roles: [{ role: 'unit_admin', unitId: u.甲局 }] })).statusCode).toBe(200);
  await unitAdmin.client.login('scope-ua', 'Member#2026z');
  inside = await createMember(t, admin, '张甲', 'scope-in', u.甲局);
  outside = await createMember(t, admin, '王乙', 'scope-out', u.乙局);
  const res = await admin.post('/api/activities', {
    category: 'study',
    kind: '集中学法',
    title: '乙局集中学法',
    startsAt: new Date(Date.now() - 3600_000).toISOString(),
    durationMinutes: 60,
    hostUnitId: u.乙局,
    presenter: '乙局长',
    audienceUnitIds: [],
    laws: [{ title: '中华人民共和国宪法' }],
  });
  expect(res.statusCode, res.body).toBe(200);
  activityId = res.json().id;
  expect((await admin.put(`/api/activities/${activityId}/attendance`, { personIds: [outside.personId] })).statusCode).toBe(200);
}, 60_000);

afterAll(async () => t?.close());

describe('a unit admin and an activity outside their subtree', () => {
  it('gets a 404 from every attendance, export, candidates and sign-in-code route, and nothing changes', async () => {
    const ua = unitAdmin.client;
    const before = await t.ctx.db.select().from(activities).where(eq(activities.id, activityId));
    const upload = await attendanceWorkbook();
    const responses = [
      await ua.get(`/api/activities/${activityId}/attendance.xlsx`),
      await ua.get(`/api/activities/${activityId}/candidates`),
      await ua.put(`/api/activities/${activityId}/attendance`, { personIds: [] }),
      await ua.request('POST', `/api/activities/${activityId}/attendance/import`, upload.body, upload.headers),
      await ua.request('POST', `/api/activities/${activityId}/attendance/import?dryRun=1`, upload.body, upload.headers),
      await ua.delete(`/api/activities/${activityId}/attendance/${outside.personId}`),
      await ua.post(`/api/activities/${activityId}/sign-in-code`, {}),
      await ua.delete(`/api/activities/${activityId}/sign-in-code`),
    ];
    for (const res of responses) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('王乙');
      expect(res.body).not.toContain('乙局集中学法');
    }
    expect(await t.ctx.db.select().from(activities).where(eq(activities.id, activityId))).toEqual(before);
    expect((await t.ctx.db.select().from(activityAttendance).where(eq(activityAttendance.activityId, activityId))).map((r) => r.personId)).toEqual([outside.personId]);
    expect((await t.ctx.db.select().from(studyCredits).where(eq(studyCredits.refId, activityId))).map((r) => [r.personId, r.minutes])).toEqual([[outside.personId, 60]]);
    // the export of the list leaves it out too
    const list = await ua.get('/api/activities?pageSize=100');
    expect(list.json().items.map((i: { id: number }) => i.id)).not.toContain(activityId);
  });

  it('cannot put someone of another subtree on their own activity either', async () => {
    const own = await unitAdmin.client.post('/api/activities', {
      category: 'study',
      kind: '会前学法',
      title: '甲局会前学法',
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      durationMinutes: 30,
      hostUnitId: u.甲局,
      presenter: '甲局长',
      audienceUnitIds: [],
      laws: [{ title: '中华人民共和国宪法' }],
    });
    expect(own.statusCode, own.body).toBe(200);
    const res = await unitAdmin.client.put(`/api/activities/${own.json().id}/attendance`, { personIds: [inside.personId, outside.personId] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([{ path: 'personIds.1', message: `人员 #${outside.personId} 不存在或不在您管理的单位范围内` }]);
    expect(await t.ctx.db.select().from(activityAttendance).where(eq(activityAttendance.activityId, own.json().id))).toEqual([]);
  });
});

describe('the recorder gate', () => {
  it('holds for a percent-encoded path the router maps to the same route', async () => {
    for (const url of ['/api/%61ctivities', '/api/%61ctivities?pageSize=100', '/api/%61ctivities/attendance-template.xlsx', `/api/%61ctivities/${activityId}`]) {
      const res = await inside.client.get(url);
      expect(res.statusCode, url).toBe(403);
    }
    // signed out, even the platform's /api/ gate is skipped by '/%61pi/…': the route still asks who it is
    const anonymous = await t.app.inject({ method: 'GET', url: '/%61pi/%61ctivities/attendance-template.xlsx' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('an account without a person record', () => {
  it('gets a clear 403 wherever a person is needed', async () => {
    const routes = [
      await admin.get('/api/practice/daily'),
      await admin.post('/api/practice/sets', { mode: 'random', count: 5 }),
      await admin.get('/api/practice/wrong-book'),
      await admin.get('/api/practice/stats?year=2026'),
      await admin.get('/api/reading/notes'),
      await admin.get('/api/reading/bookmarks'),
      await admin.get('/api/my/reading'),
      await admin.get('/api/my/learning'),
      await admin.get('/api/my/archive?year=2026'),
      await admin.get('/api/sign/ABCDE'),
      await admin.post('/api/sign/ABCDE'),
    ];
    for (const res of routes) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
