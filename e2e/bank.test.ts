import fs from 'node:fs';
/**
 * The 题库 journey: the administrator writes a 单选 question (first forgetting the answer), sees it
 * as 草稿 in the list, edits it into version 2, compares the versions and submits it for review —
 * after which only a second person could approve it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { INITIAL_ADMIN_PASSWORD, journey, shot, watchConsole } from './harness';

const ADMIN_PASSWORD = 'Admin#Chosen2026';

const env = journey('bank');

async function firstLogin(page: Page) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill(INITIAL_ADMIN_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByText('首次登录，请修改密码').waitFor();
  await page.getByLabel('原密码').fill(INITIAL_ADMIN_PASSWORD);
  await page.getByLabel('新密码', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByLabel('确认新密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '修改密码并进入系统' }).click();
  await page.getByTestId('header-user').waitFor();
}

describe('question bank journey', () => {
  it('admin creates a 单选 question, sees it as 草稿, edits it to version 2 and submits it for review', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await firstLogin(page);

    // 1. 题库管理 → 题目 → 新建题目; saving without an answer is stopped in the browser.
    await page.getByRole('menuitem', { name: '题目', exact: true }).click();
    await page.getByText('没有符合条件的题目').waitFor();
    await page.getByRole('button', { name: '新建题目' }).click();
    await page.getByLabel('题干').fill('根据《民法典》，成年人是指年满多少周岁的自然人？');
    for (const [k, v] of [
      ['A', '十六周岁'],
      ['B', '十八周岁'],
      ['C', '二十周岁'],
      ['D', '二十二周岁'],
    ]) {
      await page.getByLabel(`选项${k}`, { exact: true }).fill(v);
    }
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('请选择正确答案').waitFor();
    await shot(page, 'bank-01-missing-answer');

    await page.getByLabel('B 为正确答案').click();
    await page.getByLabel('解析').fill('《民法典》第十七条：十八周岁以上的自然人为成年人。');
    await page.getByRole('button', { name: '添加法律依据' }).click();
    await page.getByLabel('法律依据1的法律名称').fill('民法典');
    await page.getByLabel('法律依据1的条文').fill('第十七条');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/bank\/questions\/\d+\/edit$/);
    await page.getByText('题目已保存为草稿').waitFor();
    const id = Number(/questions\/(\d+)\/edit/.exec(page.url())![1]);

    // 2. The list shows it as 草稿, version 1, with its legal basis.
    await page.getByRole('menuitem', { name: '题目', exact: true }).click();
    const row = page.locator('tr', { hasText: '成年人是指年满多少周岁' });
    await row.waitFor();
    await expect.poll(() => row.getByText('草稿').isVisible()).toBe(true);
    expect(await row.textContent()).toContain('《民法典》第十七条');
    expect(await row.textContent()).toContain('v1');
    await shot(page, 'bank-02-list-draft');

    // 3. Edit: a new version; saving the same content again makes none.
    await row.getByRole('link', { name: '编辑' }).click();
    await page.getByLabel('题干').fill('依照《民法典》，成年人是指年满多少周岁的自然人？');
    await page.getByLabel('选项D', { exact: true }).fill('二十五周岁');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存为第 2 版').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('内容未变化，未生成新版本').waitFor();

    // 4. Details: the two versions compared field by field.
    await page.getByRole('link', { name: '查看详情' }).click();
    await page.waitForURL(new RegExp(`/bank/questions/${id}$`));
    await page.getByRole('button', { name: '比较最近两个版本' }).click();
    const diff = page.getByTestId('version-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('第 1 版 → 第 2 版');
    expect(await diff.locator('del').allTextContents()).toContain('根据');
    expect(await diff.locator('ins').allTextContents()).toContain('依照');
    await shot(page, 'bank-03-version-diff');

    // 5. Submit for review: 待审核, logged; the author is not offered 审核通过.
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('已提交审核，题目现为“待审核”').waitFor();
    await page.getByTestId('status-log').getByText('草稿 → 待审核').waitFor();
    expect(await page.getByRole('button', { name: '审核通过' }).count()).toBe(0);
    await page.getByRole('button', { name: '退回修改' }).waitFor();
    await shot(page, 'bank-04-submitted');

    await page.getByRole('button', { name: '返回列表' }).click();
    await expect.poll(() => page.locator('tr', { hasText: '成年人是指年满多少周岁' }).getByText('待审核').isVisible()).toBe(true);
    expect(await page.locator('tr', { hasText: '成年人是指年满多少周岁' }).textContent()).toContain('v2');

    // 6. Bulk: tag the selected question with a knowledge point (a new version, status kept).
    const listed = page.locator('tr', { hasText: '成年人是指年满多少周岁' });
    await listed.getByRole('checkbox').check();
    await page.getByRole('button', { name: '设置知识点…' }).click();
    const tagDialog = page.getByRole('dialog');
    await tagDialog.getByLabel('添加知识点').fill('成年标准');
    await tagDialog.getByLabel('添加知识点').press('Enter');
    await tagDialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => listed.textContent()).toContain('成年标准');
    expect(await listed.textContent()).toContain('v3');
    expect(await listed.textContent()).toContain('待审核');

    // 7. The 应知应会 handbook of what the list shows (not only enabled ones), printable with answers.
    await page.getByRole('button', { name: '应知应会手册' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('只收录已启用的题目').click();
    const printLink = dialog.getByRole('link', { name: '打开打印页面' });
    await expect.poll(() => printLink.getAttribute('href')).not.toContain('status=active');
    const href = await printLink.getAttribute('href');
    expect(href).toContain('/api/bank/handbook?');
    const handbook = await page.context().newPage();
    await handbook.goto(new URL(href!, page.url()).toString());
    await handbook.getByRole('heading', { name: /应知应会题库/ }).waitFor();
    expect(await handbook.textContent('body')).toContain('依照《民法典》，成年人是指年满多少周岁的自然人？');
    expect(await handbook.textContent('body')).toContain('答案：');
    await shot(handbook, 'bank-05-handbook');
    await handbook.close();
    await page.keyboard.press('Escape');

    // 8. Export the selected question as Moodle GIFT: a file with the question in it.
    await page.locator('tr', { hasText: '成年人是指年满多少周岁' }).getByRole('checkbox').check();
    await page.getByRole('button', { name: '导出已选 1 题' }).hover();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Moodle GIFT' }).click()]);
    const gift = fs.readFileSync((await download.path())!, 'utf8');
    expect(gift).toContain('成年人是指年满多少周岁');

    // Only expected refusals (the signed-out /me probe) reached the console.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  }, 180_000);
});
