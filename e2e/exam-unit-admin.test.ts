/**
 * A 单位管理员 reads their unit's exam results. 示范区 has 司法局 (with 法制科) and 民政局; the
 * 司法局's unit admin 局办小李 opens 考试成绩, sees only the exam their people took (not the
 * 民政局's own exam, not a draft), opens it and sees 张一 and 李二 only — the 民政局's 王三 and
 * 赵四 never appear — with no 发布成绩, 阅卷 or 任前 actions.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journey, shot, watchConsole } from './harness';
import { activeQuestion, Api, firstAdmin, memberApi } from './api';

const ADMIN_PASSWORD = 'Admin#Chosen2026';
const PASSWORD = 'Member#Chosen2026';

const env = journey('exam-unit-admin');


async function seed(base: string): Promise<{ annualId: number; townId: number; draftId: number; annualMakeupId: number; preMakeupId: number }> {
  const admin = await firstAdmin(base, ADMIN_PASSWORD);
  const unit = async (name: string, parentId: number | null) => (await admin.call<{ id: number }>('POST', '/api/units', { name, parentId })).id;
  const root = await unit('示范区', null);
  const sfj = await unit('司法局', root);
  const fzk = await unit('法制科', sfj);
  const mzj = await unit('民政局', root);
  const person = async (name: string, employeeNo: string, unitId: number) => (await admin.call<{ id: number }>('POST', '/api/people', { name, employeeNo, unitId, title: '科员' })).id;
  const account = (id: number, login: string) => memberApi(admin, base, id, login, PASSWORD);
  const unitAdmin = await person('局办小李', 'UA1', sfj);
  await admin.call('PUT', `/api/people/${unitAdmin}/roles`, { roles: [{ role: 'unit_admin', unitId: sfj }] });
  await account(unitAdmin, 'UA1');
  const people = [
    { name: '张一', no: 'E1', unit: sfj },
    { name: '李二', no: 'E2', unit: fzk },
    { name: '王三', no: 'E3', unit: mzj },
    { name: '赵四', no: 'E4', unit: mzj },
  ];
  const ids: number[] = [];
  const clients: Api[] = [];
  for (const p of people) {
    const id = await person(p.name, p.no, p.unit);
    ids.push(id);
    clients.push(await account(id, p.no));
  }
  await admin.call('PUT', '/api/bank/settings', { reviewRequired: false });
  const options = ['甲', '乙', '丙', '丁'].map((x, i) => ({ key: 'ABCD'[i], html: `${x}选项` }));
  const question = (content: unknown) => activeQuestion(admin, content);
  const single = await question({ type: 'single', stem: '行政机关实施行政处罚应当遵循的原则是？', difficulty: 2, options, answer: { key: 'A' } });
  const tf = await question({ type: 'truefalse', stem: '法律面前人人平等。', difficulty: 1, answer: { value: true } });
  const now = Date.now();
  const exam = async (title: string, roster: number[], publish = true, kind: object = { kind: 'annual' }) => {
    const e = await admin.call<{ id: number }>('POST', '/api/exams', {
      title,
      year: 2026,
      opensAt: new Date(now - 5 * 60_000).toISOString(),
      closesAt: new Date(now + 3 * 3600_000).toISOString(),
      durationMinutes: 60,
      passMark: 60,
      paper: { mode: 'fixed', fixed: { items: [{ questionId: single, points: 50 }, { questionId: tf, points: 50 }], shuffleOptions: false } },
      ...kind,
    });
    await admin.call('POST', `/api/exams/${e.id}/roster`, { personIds: roster });
    if (publish) await admin.call('POST', `/api/exams/${e.id}/publish`, {});
    return e.id;
  };
  const annualId = await exam('2026年度学法考试', ids);
  const townId = await exam('民政局专题学法考试', ids.slice(2));
  const draftId = await exam('2026年第二次学法考试（草稿）', ids.slice(0, 2), false);
  const take = async (api: Api, examId: number, key: string, value: boolean, device: string) => {
    const view = await api.call<{ id: number; items: { position: number; question: { type: string } }[] }>('POST', `/api/my/exams/${examId}/start`, { deviceId: device });
    const saves = view.items.map((it, i) => ({
      position: it.position,
      seq: i + 1,
      response: it.question.type === 'single' ? { type: 'single', key } : { type: 'truefalse', value },
    }));
    await api.call('PUT', `/api/my/attempts/${view.id}/answers`, { deviceId: device, saves });
    await api.call('POST', `/api/my/attempts/${view.id}/submit`, { deviceId: device });
  };
  // 张一 100, 李二 50; 王三 100 and 赵四 not started (民政局, never shown to 司法局's admin)
  await take(clients[0], annualId, 'A', true, 'device-e1-annual');
  await take(clients[1], annualId, 'A', false, 'device-e2-annual');
  await take(clients[2], annualId, 'A', true, 'device-e3-annual');
  await take(clients[2], townId, 'A', true, 'device-e3-town');
  // 补考 (民政局 people, so not in the unit admin's list): of the annual exam (no 任前结果 tab) and of a 任前 exam (with it)
  const annualMakeupId = await exam('2026年度学法考试补考', ids.slice(3, 4), true, { kind: 'makeup', makeupOfExamId: annualId });
  const preId = await exam('2026年第一批任前法律知识考试', ids.slice(2, 3), true, { kind: 'pre_appointment' });
  const preMakeupId = await exam('2026年第一批任前考试补考', ids.slice(2, 3), true, { kind: 'makeup', makeupOfExamId: preId });
  return { annualId, townId, draftId, annualMakeupId, preMakeupId };
}

async function login(page: Page, username: string) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('header-user').waitFor();
}

describe('unit admin results journey', () => {
  it('the 司法局 unit admin opens 考试成绩 and sees only their own people', async () => {
    const { townId, draftId, annualMakeupId, preMakeupId } = await seed(env.server.url);
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await login(page, 'UA1');

    // 1. The menu offers 考试成绩, not 考试管理; the list holds only the exam their people took.
    expect(await page.getByRole('menuitem', { name: '考试管理' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '考试成绩' }).click();
    await page.getByRole('link', { name: '2026年度学法考试' }).first().waitFor();
    const list = page.locator('.ant-table-tbody');
    await expect.poll(() => list.locator('tr.ant-table-row').count()).toBe(1);
    const text = await list.innerText();
    expect(text).not.toContain('民政局专题学法考试');
    expect(text).not.toContain('草稿');
    // their 2 people, both started and submitted (王三 of 民政局 is not counted)
    expect(text).toMatch(/2 \/ 2 \/ 2/);
    await shot(page, 'exam-unit-admin-1-list');

    // 2. The exam's 成绩: 张一 and 李二 only, no 发布成绩, no tabs for 阅卷 or 任前结果.
    await page.getByRole('link', { name: '查看成绩' }).click();
    const rows = page.getByTestId('results-rows');
    await rows.getByText('张一').waitFor();
    await rows.getByText('李二').waitFor();
    const rowsText = await rows.innerText();
    for (const other of ['王三', '赵四']) expect(rowsText).not.toContain(other);
    expect(await page.getByText('王三').count()).toBe(0);
    expect(await page.getByRole('button', { name: '发布成绩' }).count()).toBe(0);
    expect(await page.getByRole('tab').count()).toBe(0);
    await page.getByRole('button', { name: '导出Excel' }).waitFor();
    await shot(page, 'exam-unit-admin-2-results');

    // 3. Another unit's exam and a draft do not exist for them.
    for (const id of [townId, draftId]) {
      await page.goto(`${env.server.url}/exam-results/${id}`);
      await page.getByText('考试不存在或无权查看').waitFor();
    }
    await shot(page, 'exam-unit-admin-3-not-theirs');
    // the two 404s above are the point of step 3; anything else is a page error
    expect(errors.filter((e) => !/404|Failed to load resource/.test(e))).toEqual([]);
    await ctx.close();

    // 4. The organiser: a 补考 of the annual exam has no 任前结果 tab; a 补考 of a 任前 exam has it.
    const orgCtx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const org = await orgCtx.newPage();
    await org.goto(`${env.server.url}/login`);
    await org.getByLabel('登录名/工号/身份证号/手机号').fill('admin');
    await org.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await org.getByRole('button', { name: /登\s*录/ }).click();
    await org.getByTestId('header-user').waitFor();
    const orgErrors = watchConsole(org); // (the login page's own 401 before signing in is not an error)
    await org.goto(`${env.server.url}/exams/${annualMakeupId}`);
    await org.getByRole('tab', { name: '成绩' }).waitFor();
    expect(await org.getByRole('tab', { name: '任前结果' }).count()).toBe(0);
    await org.goto(`${env.server.url}/exams/${preMakeupId}`);
    await org.getByRole('tab', { name: '任前结果' }).click();
    await org.getByTestId('candidates-table').getByText('王三').waitFor();
    // the makeup is open and 王三 has not started: 待考, not 缺考
    expect(await org.getByTestId('candidates-table').innerText()).toContain('待考');
    await shot(org, 'exam-unit-admin-4-makeup-candidates');
    expect(orgErrors).toEqual([]);
  });
});
