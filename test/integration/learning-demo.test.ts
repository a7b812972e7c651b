/**
 * `xjkp demo`: the demo district comes with this year's 学/讲 setup, visible through the API a
 * member, the organiser and the duty board use; running it again adds a second district with
 * its own lists without duplicating the shared materials.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutyBoard, QuotaProgress } from '../../src/common/duty';
import { beijingDay } from '../../src/common/learning';
import type { ListSummary, ListView, MyLearning } from '../../src/common/learning-lists';
import { loadShippedLaws } from '../../src/server/modules/laws/load-shipped';
import { learningMaterials } from '../../src/server/modules/learning/schema';
import { seedDemoOrg } from '../../src/server/modules/org/demo';
import { people, units } from '../../src/server/modules/org/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
let first: Awaited<ReturnType<typeof seedDemoOrg>>;
let firstAppliesTo = 0;
const YEAR = Number(beijingDay(new Date()).slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  await loadShippedLaws(t.ctx.db);
  admin = await adminClient(t.app);
  first = await seedDemoOrg(t.ctx, { count: 200, learning: true });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

async function loginAs(personId: number): Promise<Client> {
  const [row] = await t.ctx.db.select({ employeeNo: people.employeeNo }).from(people).where(eq(people.id, personId));
  const otp = (await admin.post(`/api/people/${personId}/reset-password`)).json().oneTimePassword;
  const c = new Client(t.app);
  expect((await c.login(row.employeeNo!, otp)).statusCode).toBe(200);
  expect((await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Member#2026z' })).statusCode).toBe(200);
  return c;
}

describe('demo learning data', () => {
  it('publishes a "1+3" list and two "N" lists for the district, with the laws found by title', async () => {
    expect(first.learning).toMatchObject({ year: YEAR, materials: 2, lists: 3, lecturers: 5, quotas: 3 });
    const lists = ((await admin.get(`/api/learning/lists?year=${YEAR}`)).json() as { items: ListSummary[] }).items;
    expect(lists.map((l) => [l.name, l.status])).toEqual([
      [`${YEAR}年度“1+3”学法清单`, 'published'],
      [`${YEAR}年度“N”学法清单（行政执法岗位）`, 'published'],
      [`${YEAR}年度“N”学法清单（司法岗位）`, 'published'],
    ]);
    expect(lists[0].segments).toEqual({ '1': 1, '3': 3, N: 0 });
    expect(lists[0].appliesTo).toBeGreaterThan(150);
    firstAppliesTo = lists[0].appliesTo;
    // some people of 司法局/公安分局 work in the 司法 post category, so the list reaches someone
    expect(lists[2].appliesTo).toBeGreaterThan(0);
    const onePlusThree = (await admin.get(`/api/learning/lists/${lists[0].id}`)).json() as ListView;
    expect(onePlusThree.items.map((i) => i.title)).toEqual(['习近平法治思想学习纲要（节选）', '中华人民共和国宪法', '中华人民共和国民法典（总则编）', '中国共产党章程（总纲节选）']);
    expect(onePlusThree.items[2].scope).toMatch(/^第一章 .*（\d+条）$/);
    expect(onePlusThree.items[1].scope).toMatch(/^全文（\d+条）$/);
  });

  it('gives a principal leader their lists and the hours their attendance earned', async () => {
    const [leader] = await t.ctx.db
      .select({ id: people.id })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(eq(people.isPrincipalLeader, true), eq(people.status, '在职'), like(units.path, `/${first.rootId}/%`)))
      .limit(1);
    const me = await loginAs(leader.id);
    const mine = (await me.get('/api/my/learning')).json() as MyLearning;
    expect(mine.year).toBe(YEAR);
    expect(mine.progress.items.filter((i) => i.listName === `${YEAR}年度“1+3”学法清单`)).toHaveLength(4);
    // every leader sat in both 中心组专题学法 (120 + 90 min) and the 会前学法 meetings
    expect(mine.minutesBySource.group_study).toBeGreaterThanOrEqual(210 + 100);
    const acts = (await me.get(`/api/my/activities?year=${YEAR}`)).json() as { attended: { kind: string }[] };
    expect(acts.attended.map((a) => a.kind)).toEqual(expect.arrayContaining(['中心组专题学法', '会前学法']));
  });

  it('shows leaders who gave their lecture, one scheduled ahead and some who have not', async () => {
    const board = (await admin.get(`/api/learning/duty?year=${YEAR}`)).json() as DutyBoard;
    expect(board.summary.leaders).toBeGreaterThan(3);
    expect(board.summary.done).toBeGreaterThan(0);
    expect(board.summary.notDone).toBeGreaterThan(0);
    expect(board.summary.scheduled).toBe(1);
  });

  it('tracks the quotas: 会前学法 of the district government, 中心组专题学法, personal hours', async () => {
    const progress = ((await admin.get(`/api/learning/quotas/progress?year=${YEAR}`)).json() as { items: QuotaProgress[] }).items;
    expect(progress.map((q) => [q.quota.name, q.quota.target])).toEqual([
      ['政府常务会议会前学法', 4],
      ['中心组专题学法', 2],
      ['个人年度学法学时', 40],
    ]);
    const meetings = progress[0];
    expect(meetings.metric).toBe('activity_count');
    if (meetings.metric === 'activity_count') expect(meetings.units.find((u) => u.unitId === first.rootId)?.done).toBe(3);
    const hours = progress[2];
    expect(hours.metric === 'personal_hours' && hours.people).toBeGreaterThan(150);
  });

  it('run again: a second district with its own lists, the materials reused', async () => {
    const second = await seedDemoOrg(t.ctx, { count: 20, learning: true });
    expect(second.rootName).toBe('示范区2');
    expect(second.learning).toMatchObject({ materials: 0, lists: 3 });
    expect(await t.ctx.db.$count(learningMaterials)).toBe(2);
    const lists = ((await admin.get(`/api/learning/lists?year=${YEAR}`)).json() as { items: ListSummary[] }).items;
    expect(lists.filter((l) => l.name.startsWith('示范区2 '))).toHaveLength(3);
    // the first district's list still reaches only its own people
    expect(lists.find((l) => l.name === `${YEAR}年度“1+3”学法清单`)!.appliesTo).toBe(firstAppliesTo);
    expect(lists.find((l) => l.name === `示范区2 ${YEAR}年度“1+3”学法清单`)!.appliesTo).toBeLessThanOrEqual(20);
  });
});
