/**
 * The foundation journey, as a new organisation would live it: the administrator's first login,
 * building the unit tree, importing the people sheet they already have (first with a mistake),
 * granting a 单位管理员, and that unit admin seeing only their own unit.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { INITIAL_ADMIN_PASSWORD, journey, shot, watchConsole } from './harness';

const ADMIN_PASSWORD = 'Admin#Chosen2026';
const UNIT_ADMIN_PASSWORD = 'Unit#Chosen2026';

const env = journey('platform');

/** Valid GB 11643 number from a 17-digit body. */
function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

const LI_ID = idNumber('11010119800101003');
/** The sheet an organisation already has: its own headers, a title row, units as paths. */
async function peopleSheet(badIdForWang: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['某区干部花名册']);
  ws.addRow(['序号', '姓名', '性别', '身份证号码', '工号', '工作单位', '职务', '职级', '手机号码']);
  const wangId = idNumber('11010119820202002');
  ws.addRow([1, '李四', '男', LI_ID, 'li04', '某区/司法局', '局长', '县处级', '13900000001']);
  ws.addRow([2, '王芳', '女', badIdForWang ? wangId.slice(0, 17) + (wangId[17] === '1' ? '2' : '1') : wangId, 'wf02', '某区/司法局/法制科', '科长', '乡科级', '13900000002']);
  ws.addRow([3, '赵强', '男', idNumber('11010119850303001'), 'zq03', '某区/公安分局', '科员', '一般干部', '13900000003']);
  ws.getColumn(4).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function login(page: Page, username: string, password: string) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

async function changePassword(page: Page, oldPw: string, newPw: string) {
  await expect.poll(() => page.getByText('首次登录，请修改密码').isVisible(), { timeout: 15_000 }).toBe(true);
  await page.getByLabel('原密码').fill(oldPw);
  await page.getByLabel('新密码', { exact: true }).fill(newPw);
  await page.getByLabel('确认新密码').fill(newPw);
  await page.getByRole('button', { name: '修改密码并进入系统' }).click();
  await page.getByTestId('header-user').waitFor();
}

async function menu(page: Page, name: string) {
  await page.getByRole('menuitem', { name }).click();
}

async function addUnit(page: Page, name: string, parent: string | null) {
  if (parent) {
    await page.getByRole('tree').getByText(parent, { exact: true }).click();
    await page.getByRole('button', { name: '新增下级单位' }).click();
  } else {
    await page.getByRole('button', { name: '新增顶级单位' }).click();
  }
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('单位名称').fill(name);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('tree').getByText(name, { exact: true }).waitFor();
}

async function uploadSheet(page: Page, file: Buffer) {
  await page.locator('input[type=file]').setInputFiles({ name: '花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await page.getByRole('button', { name: '预检' }).click();
}

describe('platform foundation journey', () => {
  it('admin first login, units, import with an error then fixed, people, and a scoped unit admin', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = watchConsole(page);

    // 1. First login with the initial password: the app demands a new one before anything else.
    await page.goto(env.server.url);
    await page.waitForURL(/\/login/);
    await page.getByLabel('登录名/工号/身份证号/手机号').waitFor();
    await shot(page, '01-login');
    await login(page, 'admin', INITIAL_ADMIN_PASSWORD);
    await page.getByText('首次登录，请修改密码').waitFor();
    await shot(page, '02-force-password');
    // A weak password is refused with the rule shown.
    await page.getByLabel('原密码').fill(INITIAL_ADMIN_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('password1');
    await page.getByLabel('确认新密码').fill('password1');
    await page.getByRole('button', { name: '修改密码并进入系统' }).click();
    await page.getByText(/至少3类/).first().waitFor();
    await page.getByLabel('新密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('确认新密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '修改密码并进入系统' }).click();
    await expect.poll(() => page.getByTestId('header-user').textContent()).toBe('系统管理员');
    for (const item of ['工作台', '单位管理', '人员管理', '人员导入', '审计日志']) {
      expect(await page.getByRole('menuitem', { name: item }).count(), item).toBe(1);
    }
    await shot(page, '03-home-admin');

    // 2. Build the unit tree.
    await menu(page, '单位管理');
    await addUnit(page, '某区', null);
    await addUnit(page, '司法局', '某区');
    await addUnit(page, '公安分局', '某区');
    await shot(page, '04-units');

    // 3. Import the sheet they have; one 身份证号 is wrong.
    await menu(page, '人员导入');
    await page.getByText('自动创建不存在的单位').click();
    await uploadSheet(page, await peopleSheet(true));
    const issues = page.getByTestId('import-issues');
    await issues.waitFor();
    await expect.poll(() => issues.textContent()).toContain('身份证号校验位不正确');
    const issueText = (await issues.textContent()) ?? '';
    expect(issueText).toContain('4'); // Excel row of 王芳 (title row, header row, 李四, 王芳)
    expect(issueText).toMatch(/D（身份证号/);
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await shot(page, '05-import-error');

    // Nothing was written: the people list is still empty.
    await menu(page, '人员管理');
    await page.getByTestId('people-table').waitFor();
    await expect.poll(() => page.getByTestId('people-table').textContent()).not.toContain('李四');

    // 4. Fixed file: preview shows what will happen, then commit.
    await menu(page, '人员导入');
    await page.getByText('自动创建不存在的单位').click();
    await uploadSheet(page, await peopleSheet(false));
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    await expect.poll(() => summary.textContent()).toMatch(/新增\D*3/);
    await expect.poll(() => summary.textContent()).toContain('法制科');
    await expect.poll(() => page.getByRole('button', { name: '确认导入' }).isEnabled()).toBe(true);
    await shot(page, '06-import-preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText(/导入完成|导入成功/).first().waitFor();
    await shot(page, '07-import-done');

    // 5. See the people.
    await menu(page, '人员管理');
    const table = page.getByTestId('people-table');
    await expect.poll(() => table.textContent()).toContain('李四');
    await expect.poll(() => page.getByRole('tree').textContent()).toMatch(/司法局\s*2/);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('王芳');
    expect(text).toContain('赵强');
    expect(text).toContain(`1101**********${LI_ID.slice(-4)}`);
    expect(text).not.toContain(LI_ID);
    await shot(page, '08-people');

    // 6. Make 李四 the 单位管理员 of 司法局 and give him a one-time password.
    const liRow = table.getByRole('row', { name: /李四/ });
    await liRow.getByRole('button', { name: /角\s*色/ }).click();
    const rolesDialog = page.getByRole('dialog');
    await rolesDialog.getByText('单位管理员', { exact: true }).click();
    await rolesDialog.getByLabel('管理的单位').click();
    await page.locator('.ant-select-tree').getByText('司法局', { exact: true }).click();
    await rolesDialog.getByText('设置角色').click(); // close the dropdown
    await shot(page, '09-roles');
    await rolesDialog.getByRole('button', { name: /保\s*存/ }).click();
    await rolesDialog.waitFor({ state: 'hidden' });
    await liRow.getByRole('button', { name: '重置密码' }).click();
    await page.getByRole('button', { name: /重\s*置/ }).last().click();
    const otp = (await page.getByTestId('one-time-password').textContent())!.trim();
    expect(otp).toMatch(/^\S{12}$/);
    await shot(page, '10-one-time-password');
    await page.getByRole('button', { name: '我已记下' }).click();
    await ctx.close();

    // 7. The unit admin logs in (by 身份证号), changes the password, sees only 司法局.
    const ctx2 = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page2 = await ctx2.newPage();
    const errors2 = watchConsole(page2);
    await login(page2, LI_ID, otp);
    await changePassword(page2, otp, UNIT_ADMIN_PASSWORD);
    expect(await page2.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
    await menu(page2, '人员管理');
    const t2 = page2.getByTestId('people-table');
    await expect.poll(() => t2.textContent()).toContain('王芳');
    expect(await t2.textContent()).not.toContain('赵强');
    await shot(page2, '11-unit-admin-people');
    // Even by calling the API directly, another unit's person does not exist for them.
    const direct = await page2.evaluate(async () => {
      const list = await fetch('/api/people?q=zq03').then((r) => r.json());
      const units = await fetch('/api/units').then((r) => r.json());
      return { total: list.total, units: units.units.map((u: { name: string }) => u.name) };
    });
    expect(direct.total).toBe(0);
    expect(direct.units).not.toContain('公安分局');
    // A page the role may not use shows a clear refusal, not a crash.
    await page2.goto(`${env.server.url}/audit`);
    await page2.getByText(/无权|没有权限|403/).first().waitFor();
    await shot(page2, '12-unit-admin-forbidden');
    await ctx2.close();

    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    expect(errors2.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
