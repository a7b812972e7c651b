/**
 * 讲法责任, reminders (by hand and the weekly job), 师资库, 学法指标 with pace, and the
 * notifications a person reads.
 */
import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LEARNING_SETTINGS } from '../../src/common/learning';
import type { DutyBoard, LecturerDetail, LecturerView, NotificationView, QuotaProgress } from '../../src/common/duty';
import { people } from '../../src/server/modules/org/schema';
import { activities, learningYearSettings, notifications, studyCredits } from '../../src/server/modules/learning/schema';
import { runLectureDutyReminders } from '../../src/server/modules/learning/reminders';
import { adminClient, createTestApp, type Client, type TestApp } from '../helpers/app';
import { createMember, type Member } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let unitAdmin: Member;
const u: Record<string, number> = {};
const m: Record<string, Member> = {};
const YEAR = 2026;

const at = (iso: string) => new Date(iso);

async function activity(v: { category?: string; kind?: string; title: string; startsAt: string; host: number; speaker?: number | null; lecturerId?: number | null; status: string; year?: number }) {
  const [row] = await t.ctx.db
    .insert(activities)
    .values({
      category: v.category ?? 'lecture',
      kind: v.kind ?? '会前讲法',
      title: v.title,
      year: v.year ?? YEAR,
      startsAt: at(v.startsAt),
      durationMinutes: 60,
      hostUnitId: v.host,
      speakerPersonId: v.speaker ?? null,
      lecturerId: v.lecturerId ?? null,
      status: v.status,
    })
    .returning({ id: activities.id });
  return row.id;
}

async function notificationsOf(c: Client): Promise<NotificationView[]> {
  const res = await c.get('/api/notifications?pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.局 = (await admin.post('/api/units', { name: '区司法局', parentId: u.区 })).json().id;
  u.科 = (await admin.post('/api/units', { name: '法制科', parentId: u.局 })).json().id;
  u.镇 = (await admin.post('/api/units', { name: '某镇', parentId: u.区 })).json().id;
  m.局长 = await createMember(t, admin, '局长甲', 'duty-a', u.局);
  m.科长 = await createMember(t, admin, '科长乙', 'duty-b', u.科);
  m.镇长 = await createMember(t, admin, '镇长丙', 'duty-c', u.镇);
  m.书记 = await createMember(t, admin, '书记丁', 'duty-d', u.镇);
  m.退休 = await createMember(t, admin, '退休戊', 'duty-e', u.局);
  m.职员 = await createMember(t, admin, '职员己', 'duty-f', u.科);
  await t.ctx.db
    .update(people)
    .set({ isPrincipalLeader: true })
    .where(inArray(people.id, [m.局长.personId, m.科长.personId, m.镇长.personId, m.书记.personId, m.退休.personId]));
  await t.ctx.db.update(people).set({ status: '退休' }).where(eq(people.id, m.退休.personId));
  unitAdmin = await createMember(t, admin, '局管理员', 'duty-ua', u.局);
  const roles = await admin.put(`/api/people/${unitAdmin.personId}/roles`, { roles: [{ role: 'unit_admin', unitId: u.局 }] });
  expect(roles.statusCode, roles.body).toBe(200);

  // 局长: held; 科长: scheduled far ahead; 镇长: a scheduled lecture that already passed (counts for nothing);
  // 书记: nothing; a held lecture last year and a cancelled one count for nobody
  await activity({ title: '民法典进机关', startsAt: '2026-03-10T02:00:00Z', host: u.局, speaker: m.局长.personId, status: 'held' });
  await activity({ title: '行政复议法解读', startsAt: '2099-12-01T02:00:00Z', host: u.科, speaker: m.科长.personId, status: 'scheduled' });
  await activity({ title: '过期未登记的讲法', startsAt: '2026-02-01T02:00:00Z', host: u.镇, speaker: m.镇长.personId, status: 'scheduled' });
  await activity({ title: '去年的讲法', startsAt: '2025-05-01T02:00:00Z', host: u.镇, speaker: m.书记.personId, status: 'held', year: 2025 });
  await activity({ title: '取消的讲法', startsAt: '2026-05-01T02:00:00Z', host: u.镇, speaker: m.书记.personId, status: 'cancelled' });
  // group study is not a lecture, even with the leader presenting
  await activity({ category: 'study', kind: '集中学法', title: '集中学法', startsAt: '2026-04-01T02:00:00Z', host: u.镇, speaker: m.书记.personId, status: 'held' });
});
afterAll(() => t.close());

describe('讲法责任 board', () => {
  it('gives each 在职 主要负责人 已完成 / 已安排 / 未完成 with their lectures, and sums per unit', async () => {
    const res = await admin.get(`/api/learning/duty?year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const board: DutyBoard = res.json();
    expect(board.required).toBe(1);
    const status = Object.fromEntries(board.leaders.map((l) => [l.name, l.status]));
    expect(status).toEqual({ 局长甲: 'done', 科长乙: 'scheduled', 镇长丙: 'not_done', 书记丁: 'not_done' });
    const chief = board.leaders.find((l) => l.name === '局长甲')!;
    expect(chief.lectures.map((l) => l.title)).toEqual(['民法典进机关']);
    expect(chief.unitPathNames).toEqual(['某区', '区司法局']);
    expect(board.leaders.find((l) => l.name === '镇长丙')!.lectures).toEqual([]);
    expect(board.summary).toEqual({ leaders: 4, done: 1, scheduled: 1, notDone: 2, donePercent: 25 });
    expect(board.units.find((x) => x.unitName === '某镇')).toMatchObject({ leaders: 2, done: 0, scheduled: 0, notDone: 2 });
  });

  it('follows the year setting: a duty of 2 lectures leaves the one-lecture leader 未完成', async () => {
    await t.ctx.db.insert(learningYearSettings).values({ year: 2031, settings: { ...DEFAULT_LEARNING_SETTINGS, lectureDutyCount: 2 } });
    await activity({ title: '2031 讲法', startsAt: '2031-03-10T02:00:00Z', host: u.镇, speaker: m.书记.personId, status: 'held', year: 2031 });
    const board: DutyBoard = (await admin.get('/api/learning/duty?year=2031')).json();
    expect(board.required).toBe(2);
    expect(board.leaders.find((l) => l.name === '书记丁')).toMatchObject({ held: 1, status: 'not_done' });
    expect(board.leaders.find((l) => l.name === '局长甲')).toMatchObject({ held: 0, status: 'not_done' });
  });

  it('shows a unit admin their subtree only; another subtree is a 404 and a member is refused', async () => {
    const board: DutyBoard = (await unitAdmin.client.get(`/api/learning/duty?year=${YEAR}`)).json();
    expect(board.leaders.map((l) => l.name).sort()).toEqual(['局长甲', '科长乙']);
    const narrowed: DutyBoard = (await admin.get(`/api/learning/duty?year=${YEAR}&unitId=${u.镇}`)).json();
    expect(narrowed.leaders.map((l) => l.name).sort()).toEqual(['书记丁', '镇长丙']);
    expect((await unitAdmin.client.get(`/api/learning/duty?year=${YEAR}&unitId=${u.镇}`)).statusCode).toBe(404);
    expect((await m.职员.client.get(`/api/learning/duty?year=${YEAR}`)).statusCode).toBe(403);
    const bad = await admin.get('/api/learning/duty?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toContain('year');
  });

  it('exports the board as Excel', async () => {
    const res = await admin.get(`/api/learning/duty/export?year=${YEAR}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('主要负责人')!;
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[2], r[7]])).toContainEqual(['科长乙', '已安排']);
  });
});

describe('讲法责任 reminders', () => {
  it('notifies the leaders not done and their unit admins, once per week', async () => {
    const dry = await admin.post('/api/learning/duty/remind', { year: YEAR, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    // 镇长, 书记; no unit admin above 某镇
    expect(dry.json()).toMatchObject({ sent: 0, recipients: 2, alreadyThisWeek: 0, dryRun: true });
    expect(await notificationsOf(m.镇长.client)).toEqual([]);

    const first = await admin.post('/api/learning/duty/remind', { year: YEAR });
    expect(first.json()).toMatchObject({ sent: 2, recipients: 2 });
    const mine = await notificationsOf(m.镇长.client);
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toContain('讲法');
    expect(mine[0].body).toContain('应讲法1次');
    expect(await notificationsOf(m.局长.client)).toEqual([]);
    expect(await notificationsOf(m.科长.client)).toEqual([]);

    const again = await admin.post('/api/learning/duty/remind', { year: YEAR });
    expect(again.json()).toMatchObject({ sent: 0, recipients: 2, alreadyThisWeek: 2 });
    expect(await notificationsOf(m.镇长.client)).toHaveLength(1);
  });

  it('tells the unit admin above a leader not done, and lets a unit admin remind only their subtree', async () => {
    // 科长's lecture is cancelled: now he is 未完成 inside the unit admin's subtree
    await t.ctx.db.update(activities).set({ status: 'cancelled' }).where(eq(activities.title, '行政复议法解读'));
    const res = await admin.post('/api/learning/duty/remind', { year: YEAR });
    expect(res.json().sent).toBe(2); // 科长 + the 局 unit admin
    const adminNotes = await notificationsOf(unitAdmin.client);
    expect(adminNotes).toHaveLength(1);
    expect(adminNotes[0].body).toContain('科长乙');
    expect(adminNotes[0].body).not.toContain('镇长丙');
    expect(adminNotes[0].link).toBe(`/learning/duty?year=${YEAR}`);

    const byUnitAdmin = await unitAdmin.client.post('/api/learning/duty/remind', { year: YEAR, dryRun: true });
    expect(byUnitAdmin.json()).toMatchObject({ recipients: 1, alreadyThisWeek: 1 });
    expect((await m.职员.client.post('/api/learning/duty/remind', { year: YEAR })).statusCode).toBe(403);
    expect((await admin.post('/api/learning/duty/remind', {})).json().error.issues[0].path).toBe('year');
    await t.ctx.db.update(activities).set({ status: 'scheduled' }).where(eq(activities.title, '行政复议法解读'));
  });

  it('the automatic job: nothing in September, sent in October, not twice a week, again the next week', async () => {
    const db = t.ctx.db;
    const count = async () => (await db.select().from(notifications).where(eq(notifications.kind, 'lecture-duty'))).length;
    const before = await count();
    expect(await runLectureDutyReminders(db, at('2026-09-30T15:00:00Z'))).toBe(0); // 23:00 on 30 Sept in Beijing
    expect(await count()).toBe(before);
    // 00:30 on 1 Oct in Beijing (still 30 Sept in UTC): 镇长 and 书记
    expect(await runLectureDutyReminders(db, at('2026-09-30T16:30:00Z'))).toBe(2);
    expect(await count()).toBe(before + 2);
    expect(await runLectureDutyReminders(db, at('2026-10-02T09:00:00Z'))).toBe(0); // same ISO week
    expect(await runLectureDutyReminders(db, at('2026-10-05T09:00:00Z'))).toBe(2); // Monday of the next week
    expect(await count()).toBe(before + 4);
  });
});

describe('师资库', () => {
  let lecturerId: number;
  it('validates input with Chinese messages and field paths, and only organiser/admin edit', async () => {
    const bad = await admin.post('/api/lecturers', { name: ' ', level: '省级', phone: 'abc', personId: 999999 });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'level', 'phone']));
    const noPerson = await admin.post('/api/lecturers', { name: '某律师', level: '区级', personId: 999999 });
    expect(noPerson.statusCode).toBe(400);
    expect(noPerson.json().error.issues).toEqual([{ path: 'personId', message: '所选人员不存在' }]);
    expect((await unitAdmin.client.post('/api/lecturers', { name: '某律师', level: '区级' })).statusCode).toBe(403);
  });

  it('creates, lists with filters and counts, shows lectures by lecturer or as speaker, exports, deletes', async () => {
    const created = await admin.post('/api/lecturers', { name: '局长甲', level: '区级', organisation: '区司法局', specialities: ['民法典', '行政法'], personId: m.局长.personId });
    expect(created.statusCode, created.body).toBe(200);
    lecturerId = created.json().id;
    const external = await admin.post('/api/lecturers', { name: '王律师', level: '街乡级', organisation: '某律师事务所', specialities: ['劳动法'], phone: '010-12345678' });
    expect(external.statusCode, external.body).toBe(200);
    await activity({ title: '劳动合同法讲座', startsAt: '2026-06-01T02:00:00Z', host: u.镇, lecturerId: external.json().id, status: 'held', kind: '专题讲座' });

    const list: LecturerView[] = (await unitAdmin.client.get(`/api/lecturers?year=${YEAR}`)).json().items;
    expect(Object.fromEntries(list.map((l) => [l.name, l.lecturesInYear]))).toEqual({ 局长甲: 1, 王律师: 1 });
    const chief = list.find((l) => l.name === '局长甲')!;
    expect(chief.lastLecture?.title).toBe('民法典进机关');
    expect(chief.personName).toBe('局长甲');
    const bySpeciality: LecturerView[] = (await admin.get(`/api/lecturers?speciality=${encodeURIComponent('劳动法')}`)).json().items;
    expect(bySpeciality.map((l) => l.name)).toEqual(['王律师']);
    expect((await admin.get(`/api/lecturers?q=${encodeURIComponent('律师事务')}`)).json().items).toHaveLength(1);
    expect((await admin.get(`/api/lecturers?level=${encodeURIComponent('村社区级')}`)).json().items).toHaveLength(0);
    expect((await admin.get('/api/lecturers?level=x')).statusCode).toBe(400);

    const detail: LecturerDetail = (await admin.get(`/api/lecturers/${lecturerId}`)).json();
    expect(detail.lectures.map((l) => l.title)).toEqual(['民法典进机关']);
    const ext: LecturerDetail = (await admin.get(`/api/lecturers/${external.json().id}`)).json();
    expect(ext.lectures.map((l) => [l.title, l.hostUnitName])).toEqual([['劳动合同法讲座', '某镇']]);

    const upd = await admin.put(`/api/lecturers/${lecturerId}`, { name: '局长甲', level: '区级', active: false });
    expect(upd.json().active).toBe(false);
    expect((await admin.get('/api/lecturers?active=true')).json().items.map((l: LecturerView) => l.name)).toEqual(['王律师']);

    const xlsx = await admin.get('/api/lecturers/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    const used = await admin.delete(`/api/lecturers/${external.json().id}`);
    expect(used.statusCode).toBe(409);
    expect(used.json().error.message).toContain('停用');
    expect((await admin.delete(`/api/lecturers/${lecturerId}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/lecturers/${lecturerId}`)).statusCode).toBe(404);
  });
});

describe('学法指标', () => {
  let countQuota: number;
  let hoursQuota: number;

  it('validates quotas: kind and units for activity counts, whole numbers, existing units; organiser only', async () => {
    const bad = await admin.post('/api/learning/quotas', { year: YEAR, name: '集中学法', metric: 'activity_count', target: 2.5, unitIds: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['activityKind', 'target', 'unitIds']);
    const ghost = await admin.post('/api/learning/quotas', { year: YEAR, name: '集中学法', metric: 'activity_count', activityKind: '集中学法', target: 4, unitIds: [u.局, 999999] });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().error.issues).toEqual([{ path: 'unitIds.1', message: '单位 #999999 不存在' }]);
    expect((await unitAdmin.client.post('/api/learning/quotas', { year: YEAR, name: 'x', metric: 'personal_hours', target: 10 })).statusCode).toBe(403);

    const c = await admin.post('/api/learning/quotas', { year: YEAR, name: '每季度集中学法', metric: 'activity_count', activityKind: '集中学法', target: 4, unitIds: [u.局, u.镇] });
    expect(c.statusCode, c.body).toBe(200);
    countQuota = c.json().id;
    const h = await admin.post('/api/learning/quotas', { year: YEAR, name: '个人学时', metric: 'personal_hours', target: 10, rule: { unitIds: [u.局] } });
    expect(h.statusCode, h.body).toBe(200);
    hoursQuota = h.json().id;
    expect(h.json().unitIds).toEqual([]);
  });

  it('activity counts: hosted by the unit, held, of the kind; behind when short of the pace (rounded down)', async () => {
    await activity({ category: 'study', kind: '集中学法', title: '一季度集中学法', startsAt: '2026-02-10T02:00:00Z', host: u.局, status: 'held' });
    await activity({ category: 'study', kind: '集中学法', title: '科里办的', startsAt: '2026-02-11T02:00:00Z', host: u.科, status: 'held' }); // not 局 itself
    await activity({ category: 'study', kind: '会前学法', title: '别的形式', startsAt: '2026-02-12T02:00:00Z', host: u.局, status: 'held' });
    await activity({ category: 'study', kind: '集中学法', title: '只是安排', startsAt: '2026-02-13T02:00:00Z', host: u.局, status: 'scheduled' });
    const progressAt = async (c: Client, iso: string) => {
      const res = await c.get(`/api/learning/quotas/progress?year=${YEAR}&at=${encodeURIComponent(iso)}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as QuotaProgress[]).find((q) => q.quota.id === countQuota) as Extract<QuotaProgress, { metric: 'activity_count' }>;
    };
    // early March: 4 × ~0.17 → 0 expected, both fine
    const march = await progressAt(admin, '2026-03-01T00:00:00+08:00');
    expect(march.units.map((x) => [x.unitName, x.status])).toEqual([
      ['区司法局', 'on_pace'],
      ['某镇', 'on_pace'],
    ]);
    // 3 July: half the year → 2 expected; each has 1 (镇's April 集中学法 from the set-up)
    const july = await progressAt(admin, '2026-07-03T12:00:00+08:00');
    expect(july.units.map((x) => ({ unit: x.unitName, done: x.done, expected: x.expected, status: x.status }))).toEqual([
      { unit: '区司法局', done: 1, expected: 2, status: 'behind' },
      { unit: '某镇', done: 1, expected: 2, status: 'behind' },
    ]);
    expect(july.units[0]).toMatchObject({ behindBy: 1, missing: 3 });
    expect(july.behindUnits).toBe(2);
    // a unit admin sees only their own units of the quota
    const theirs = await progressAt(unitAdmin.client, '2026-07-03T12:00:00+08:00');
    expect(theirs.units.map((x) => x.unitName)).toEqual(['区司法局']);
  });

  it('personal hours: per unit people, mean, on target, behind pace; a unit under 80 % on pace is flagged', async () => {
    const credit = (personId: number, day: string, minutes: number) => t.ctx.db.insert(studyCredits).values({ personId, day, source: 'reading', minutes });
    await credit(m.局长.personId, '2026-03-01', 720); // 12 h: done
    await credit(m.科长.personId, '2026-04-01', 360); // 6 h: on pace in July
    await credit(m.职员.personId, '2026-05-01', 60); // 1 h: behind
    await credit(m.职员.personId, '2025-12-31', 600); // last year: not counted
    const res = await admin.get(`/api/learning/quotas/${hoursQuota}/progress?at=${encodeURIComponent('2026-07-03T12:00:00+08:00')}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as Extract<QuotaProgress, { metric: 'personal_hours' }>;
    expect(p.expectedHours).toBe(5);
    const 局 = p.units.find((x) => x.unitName === '区司法局')!; // 局长 (12 h) + unit admin (0 h); 退休 left out
    expect(局).toMatchObject({ people: 2, meanHours: 6, onTarget: 1, behindPace: 1, flagged: true });
    const 科 = p.units.find((x) => x.unitName === '法制科')!;
    expect(科).toMatchObject({ people: 2, onTarget: 0, behindPace: 1, flagged: true });
    expect(p.units.some((x) => x.unitName === '某镇')).toBe(false);

    const drill = await admin.get(`/api/learning/quotas/${hoursQuota}/people?unitId=${u.科}&at=${encodeURIComponent('2026-07-03T12:00:00+08:00')}`);
    expect(drill.json().items.map((x: { name: string; hours: number; status: string }) => [x.name, x.hours, x.status]).sort()).toEqual([
      ['科长乙', 6, 'on_pace'],
      ['职员己', 1, 'behind'],
    ]);
    // as of mid-April only credits up to that day count: 职员 has none yet, 科长's 6 h are ahead of the pace
    const april = (await admin.get(`/api/learning/quotas/${hoursQuota}/people?status=behind&at=${encodeURIComponent('2026-04-15T12:00:00+08:00')}`)).json();
    expect(april.items.map((x: { name: string; hours: number }) => [x.name, x.hours]).sort()).toEqual([
      ['局管理员', 0],
      ['职员己', 0],
    ]);
    expect((await admin.get(`/api/learning/quotas/${countQuota}/people`)).statusCode).toBe(400);

    const xlsx = await admin.get(`/api/learning/quotas/${hoursQuota}/export?at=${encodeURIComponent('2026-07-03T12:00:00+08:00')}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const peopleRows = (wb.getWorksheet('人员')!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[2], r[3], r[5]]);
    expect(peopleRows.sort()).toEqual([
      ['局管理员', 0, '落后'],
      ['局长甲', 12, '已完成'],
      ['科长乙', 6, '正常'],
      ['职员己', 1, '落后'],
    ]);
  });

  it('reminds unit admins of behind units and people behind pace, once a week', async () => {
    const first = await admin.post('/api/learning/quotas/remind', { year: YEAR, quotaId: hoursQuota });
    expect(first.statusCode, first.body).toBe(200);
    const sent = first.json().sent as number;
    expect(sent).toBeGreaterThan(0);
    const mine = await notificationsOf(m.职员.client);
    expect(mine.some((n) => n.kind === 'quota-person')).toBe(true);
    expect((await notificationsOf(unitAdmin.client)).some((n) => n.kind === 'quota-unit' && n.title.includes('法制科'))).toBe(true);
    expect((await notificationsOf(m.局长.client)).some((n) => n.kind === 'quota-person')).toBe(false); // on target
    expect((await admin.post('/api/learning/quotas/remind', { year: YEAR, quotaId: hoursQuota })).json()).toMatchObject({ sent: 0, alreadyThisWeek: sent });
    expect((await admin.post('/api/learning/quotas/remind', { year: 2027, quotaId: hoursQuota })).statusCode).toBe(400);
  });

  it('updates and deletes a quota', async () => {
    const upd = await admin.put(`/api/learning/quotas/${countQuota}`, { year: YEAR, name: '集中学法（调整）', metric: 'activity_count', activityKind: '集中学法', target: 2, unitIds: [u.局] });
    expect(upd.json()).toMatchObject({ name: '集中学法（调整）', target: 2, unitIds: [u.局] });
    expect((await admin.delete(`/api/learning/quotas/${countQuota}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/learning/quotas/${countQuota}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/learning/quotas?year=${YEAR}`)).json().items.map((q: { id: number }) => q.id)).toEqual([hoursQuota]);
  });
});

describe('notifications', () => {
  it('each account reads and marks only its own', async () => {
    const c = m.镇长.client;
    const before = (await c.get('/api/notifications/unread-count')).json().unread as number;
    expect(before).toBeGreaterThan(0);
    const [latest] = await notificationsOf(c);
    expect((await m.书记.client.post(`/api/notifications/${latest.id}/read`)).statusCode).toBe(404);
    const read = await c.post(`/api/notifications/${latest.id}/read`);
    expect(read.json().unread).toBe(before - 1);
    expect((await c.get('/api/notifications?unread=true')).json().items.some((n: NotificationView) => n.id === latest.id)).toBe(false);
    expect((await c.post('/api/notifications/read-all')).json().marked).toBe(before - 1);
    expect((await c.get('/api/notifications/unread-count')).json().unread).toBe(0);
    expect((await m.书记.client.get('/api/notifications/unread-count')).json().unread).toBeGreaterThan(0);
    expect((await c.get('/api/notifications?unread=maybe')).statusCode).toBe(400);
  });
});
