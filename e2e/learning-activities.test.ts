/**
 * 集体学法 with phone sign-in, a leader's lecture, the duty board and the 学法档案 — as a
 * 单位管理员 and a cadre would do it. 示范区 has 区政府 (区长王明, a 党政主要负责人) and 司法局
 * (局长赵强, also a principal leader; 科员张敏). 区办小周 administers 示范区:
 *   1. records a 会前学法 session hosted by 区政府 starting now and opens phone sign-in;
 *   2. 张敏 signs in on her phone with the code (and once more: still one record);
 *   3. the session's page counts her, and the hour is in her 学时;
 *   4. records 区长王明's 会前讲法 of yesterday;
 *   5. the duty board says 王明 已完成, 赵强 未完成, and 发送提醒 reaches 赵强; the 会前学法 quota
 *      shows 区政府 at 1 of 4;
 *   6. 张敏's 学法档案 (hers on the phone, and the unit admin's view) shows the session and its hour;
 *      王明's shows the lecture given against the duty.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journey, shot, watchConsole } from './harness';
import { Api, firstAdmin, memberApi } from './api';

const ADMIN_PASSWORD = 'Admin#Chosen2026';
const PASSWORD = 'Member#Chosen2026';
const env = journey('learning-activities');

/** 'YYYY-MM-DD HH:mm' in Beijing time, as the date picker shows it. */
function beijing(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

async function seed(base: string) {
  const admin = await firstAdmin(base, ADMIN_PASSWORD);
  const unit = async (name: string, parentId: number | null) => (await admin.call<{ id: number }>('POST', '/api/units', { name, parentId })).id;
  const root = await unit('示范区', null);
  const gov = await unit('区政府', root);
  const sfj = await unit('司法局', root);
  const person = async (name: string, employeeNo: string, unitId: number, extra: object = {}) =>
    (await admin.call<{ id: number }>('POST', '/api/people', { name, employeeNo, unitId, ...extra })).id;
  const ua = await person('区办小周', 'UA1', root, { title: '科员' });
  await admin.call('PUT', `/api/people/${ua}/roles`, { roles: [{ role: 'unit_admin', unitId: root }] });
  await memberApi(admin, base, ua, 'UA1', PASSWORD);
  const mayor = await person('王明', 'L1', gov, { title: '区长', rank: '县处级', isPrincipalLeader: true });
  const director = await person('赵强', 'L2', sfj, { title: '局长', rank: '乡科级', isPrincipalLeader: true });
  await memberApi(admin, base, director, 'L2', PASSWORD);
  const clerk = await person('张敏', 'M1', sfj, { title: '科员', rank: '一般干部', postCategory: '行政执法' });
  await memberApi(admin, base, clerk, 'M1', PASSWORD);
  // 区政府 must hold 会前学法 4 times a year
  await admin.call('POST', '/api/learning/quotas', { year: Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)), name: '政府常务会议会前学法每年不少于4次', metric: 'activity_count', activityKind: '会前学法', unitIds: [gov], target: 4 });
  return { admin, gov, mayor, director, clerk };
}

async function login(page: Page, username: string) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('header-user').waitFor();
}

async function fillActivity(page: Page, o: { kind: string; title: string; startsAt: Date; host: string; speaker?: string }) {
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('形式').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(o.kind, { exact: true }).click();
  await drawer.getByLabel(/主题/).fill(o.title);
  const when = drawer.getByLabel('开始时间');
  await when.click();
  await when.fill(beijing(o.startsAt));
  await when.press('Enter');
  await drawer.getByLabel('主办单位').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(o.host, { exact: true }).click();
  if (o.speaker) {
    await drawer.getByLabel('主讲人（本系统人员）').fill(o.speaker);
    await page.locator('.ant-select-dropdown:visible').getByText(o.speaker).first().click();
  }
}

describe('group study with phone sign-in, a leader lecture, the duty board and the 学法档案', () => {
  it('a unit admin records them and every page tells the truth', async () => {
    const { director } = await seed(env.server.url);
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await login(page, 'UA1');
    const errors = watchConsole(page);

    // 1. 会前学法 hosted by 区政府, starting now (rounded down to the picker's 5 minutes)
    await page.getByRole('menuitem', { name: '集体学法' }).click();
    await page.getByRole('button', { name: '登记集体学法' }).click();
    const start = new Date(Math.floor(Date.now() / 300_000) * 300_000);
    await fillActivity(page, { kind: '会前学法', title: '区政府常务会议会前学法：行政处罚法', startsAt: start, host: '区政府' });
    await shot(page, 'learning-activities-1-form');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已登记集体学法').waitFor();
    // saving opens the session's page
    await page.waitForURL(/\/learning\/study\/\d+$/);
    await page.getByRole('button', { name: /开启签到/ }).click();
    const codeText = (await page.getByLabel('签到码').innerText()).replace(/\s/g, '');
    expect(codeText).toMatch(/^[A-Z2-9]{6}$/);
    await shot(page, 'learning-activities-2-sign-in-code');

    // 2. 张敏 on her phone: log in, open /sign/<code>, tap 签到 (twice: still one record)
    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
    const mobile = await phone.newPage();
    await mobile.goto(`${env.server.url}/sign/${codeText}`);
    // not signed in yet: the login page brings her back to the sign-in page
    await mobile.getByLabel('登录名/工号/身份证号/手机号').fill('M1');
    await mobile.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await mobile.getByRole('button', { name: /登\s*录/ }).click();
    await mobile.getByText('区政府常务会议会前学法：行政处罚法').waitFor();
    const mobileErrors = watchConsole(mobile);
    await shot(mobile, 'learning-activities-3-phone-before');
    await mobile.getByRole('button', { name: /签\s*到/ }).click();
    await mobile.getByText(/已签到 ✓/).waitFor();
    await shot(mobile, 'learning-activities-4-phone-signed');
    await mobile.reload();
    await mobile.getByText(/已签到 ✓/).waitFor();

    // 3. the unit admin's page counts her (it refreshes by itself)
    const attendance = page.getByText('参加人员（1人）');
    await attendance.waitFor({ timeout: 15_000 });
    await page.getByRole('cell', { name: '张敏' }).waitFor();
    await shot(page, 'learning-activities-5-signed-count');

    // 4. 区长王明's 会前讲法, yesterday afternoon
    await page.getByRole('menuitem', { name: '讲法活动' }).click();
    await page.getByRole('button', { name: '登记讲法活动' }).click();
    const yesterday = new Date(Math.floor((Date.now() - 24 * 3600_000) / 300_000) * 300_000);
    await fillActivity(page, { kind: '会前讲法', title: '区长讲法：依法行政与行政处罚法', startsAt: yesterday, host: '区政府', speaker: '王明' });
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已登记讲法活动').waitFor();

    // 5. the duty board: 王明 已完成, 赵强 未完成; a reminder reaches 赵强
    await page.getByRole('menuitem', { name: '讲法责任' }).click();
    const mayorRow = page.getByRole('row', { name: /王明/ });
    await mayorRow.getByText('已完成').waitFor();
    await page.getByRole('row', { name: /赵强/ }).getByText('未完成').waitFor();
    await shot(page, 'learning-activities-6-duty');
    await page.getByRole('button', { name: /发送提醒/ }).click();
    await page.locator('.ant-popover, .ant-modal').getByRole('button', { name: /确\s*定|发\s*送/ }).last().click();
    await page.getByText(/已发送|已提醒/).first().waitFor();
    const directorApi = new Api(env.server.url);
    await directorApi.login('L2', PASSWORD);
    const notes = await directorApi.call<{ items: { title: string }[] }>('GET', '/api/notifications');
    expect(notes.items.map((n) => n.title).join()).toMatch(/讲法/);
    expect(director).toBeGreaterThan(0);

    // the 会前学法 quota: 区政府 has held 1 of 4
    await page.getByRole('menuitem', { name: '学法指标' }).click();
    // (wait for the quota's own card: the duty board's table is still on screen for a moment)
    const quotaCard = page.locator('.ant-card', { hasText: '政府常务会议会前学法每年不少于4次' });
    const govRow = quotaCard.getByRole('row', { name: /区政府/ }).first();
    await govRow.waitFor();
    expect(await govRow.innerText()).toMatch(/1[\s\S]*4|还差\s*3/);
    await shot(page, 'learning-activities-6b-quota');

    // 6. 学法档案: 张敏's on her phone, with the session and its hour
    await mobile.goto(`${env.server.url}/my/archive`);
    await mobile.getByText('区政府常务会议会前学法：行政处罚法').waitFor();
    await expect.poll(() => mobile.locator('body').innerText()).toMatch(/集体学法[\s\S]*1(\.0)?\s*小时|1(\.0)?\s*小时[\s\S]*集体学法/);
    await shot(mobile, 'learning-activities-7-my-archive');
    // and 王明's, seen by the unit admin: one lecture given, duty met
    await page.getByRole('menuitem', { name: '学法档案', exact: true }).click();
    await page.getByRole('row', { name: /王明/ }).getByText('王明').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('区长讲法：依法行政与行政处罚法').first().waitFor();
    await expect.poll(() => drawer.innerText()).toMatch(/讲法[\s\S]*1\s*\/\s*1/);
    await shot(page, 'learning-activities-8-leader-archive');

    expect(errors).toEqual([]);
    expect(mobileErrors).toEqual([]);
    await phone.close();
    await ctx.close();
  });
});
