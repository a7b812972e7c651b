/**
 * The organiser's exam setup journey: with a bank of enabled questions and a unit of people in
 * place, the administrator builds the annual exam from a blueprint (组卷规则) in the form, asks
 * for more 单选 than the bank has and is told exactly that next to the field, fixes it, sees the
 * check pass with its figures, publishes (after a dialog saying what publishing freezes), and
 * adds two more examinees from an Excel list — first with a row that names nobody.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { journey, shot, SHOTS, watchConsole } from './harness';
import { firstAdmin } from './api';

const ADMIN_PASSWORD = 'Admin#Chosen2026';

const env = journey('exam-setup');


/**
 * The bank and the people the exam is built from: 30 单选, 12 多选 and 12 判断 enabled; unit
 * 示范区/司法局 with three people (the rule's roster) and 其他区 with two (added by Excel later).
 */
async function seed(base: string): Promise<void> {
  const api = await firstAdmin(base, ADMIN_PASSWORD);
  await api.call('PUT', '/api/bank/settings', { reviewRequired: false });
  const opts = (tag: string) => (['A', 'B', 'C', 'D'] as const).map((key) => ({ key, html: `${tag}的选项${key}` }));
  const ids: number[] = [];
  const add = async (content: unknown) => ids.push((await api.call<{ question: { id: number } }>('POST', '/api/bank/questions', { content })).question.id);
  for (let i = 1; i <= 30; i++) await add({ type: 'single', stem: `单选第${i}题：依照宪法，下列表述正确的是？`, difficulty: 1 + (i % 5), options: opts(`单选${i}`), answer: { key: 'ABCD'[i % 4] } });
  for (let i = 1; i <= 12; i++) await add({ type: 'multiple', stem: `多选第${i}题：下列属于行政处罚种类的有？`, difficulty: 1 + (i % 5), options: opts(`多选${i}`), answer: { keys: ['A', 'C'] } });
  for (let i = 1; i <= 12; i++) await add({ type: 'truefalse', stem: `判断第${i}题：行政机关应当依法行政。`, difficulty: 1 + (i % 5), answer: { value: i % 2 === 0 } });
  await api.call('POST', '/api/bank/questions/bulk', { ids, op: { action: 'status', to: 'active' } });

  const root = await api.call<{ id: number }>('POST', '/api/units', { name: '示范区', parentId: null });
  const bureau = await api.call<{ id: number }>('POST', '/api/units', { name: '司法局', parentId: root.id });
  const other = await api.call<{ id: number }>('POST', '/api/units', { name: '其他区', parentId: null });
  for (const [i, name] of ['张一', '李二', '王三'].entries()) await api.call('POST', '/api/people', { name, employeeNo: `SF${i + 1}`, unitId: bureau.id, rank: '乡科级' });
  for (const [i, name] of ['周九', '吴十'].entries()) await api.call('POST', '/api/people', { name, employeeNo: `QT${i + 1}`, unitId: other.id, rank: '县处级' });
}

async function rosterSheet(rows: [string, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考生名单');
  ws.addRow(['姓名', '工号']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A screenshot of what is on screen around `testId` (the long form's sticky bar stays where a person sees it). */
async function shotAround(page: Page, testId: string, name: string) {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function login(page: Page) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('header-user').waitFor();
}

describe('exam setup journey', () => {
  it('organiser builds an annual exam from a blueprint, fixes a failing check, publishes and imports more examinees', async () => {
    await seed(env.server.url);
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await login(page);

    // 1. 考试 → 考试管理: empty; 新建考试 opens the form with the usual 25×2 + 10×3 + 10×2 paper.
    await page.getByRole('menuitem', { name: '考试管理' }).click();
    await page.getByText('还没有考试，点击右上角“新建考试”开始').waitFor();
    await page.getByRole('button', { name: '新建考试' }).click();
    await expect.poll(() => page.getByTestId('blueprint-total-points').textContent()).toBe('100 分');
    expect(await page.getByTestId('pass-mark-total').textContent()).toContain('本卷总分 100 分，共 45 题');

    // 2. Fill it in: title, the rule (示范区 and below), and 40 单选 — more than the bank's 30.
    await page.getByLabel('考试名称', { exact: true }).fill('2026年度学法用法考试');
    await page.getByLabel('考试须知', { exact: true }).fill('请独立完成，考试期间切换窗口会被记录。');
    await page.getByLabel('单位（含下级单位）').click();
    await page.locator('.ant-select-tree-title', { hasText: /^示范区$/ }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('单选题题数').fill('40');
    await expect.poll(() => page.getByTestId('blueprint-total-points').textContent()).toBe('130 分');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/exams\/\d+\/edit$/);
    await page.getByText('考试已保存为草稿').waitFor();
    const examId = Number(/exams\/(\d+)\/edit/.exec(page.url())![1]);

    // 3. The check fails and says why, next to the 单选 count; 发布 stays disabled.
    await page.getByRole('button', { name: '检查组卷规则' }).click();
    const check = page.getByTestId('check-result');
    await check.waitFor();
    const countError = page.locator('.ant-form-item', { has: page.getByLabel('单选题题数') }).locator('.ant-form-item-explain-error');
    await expect.poll(() => countError.textContent()).toContain('单选题需要40道，题库中符合条件的启用单选题只有30道');
    expect(await check.textContent()).toContain('单选题 30 道');
    expect(await page.getByRole('button', { name: '发布' }).isDisabled()).toBe(true);
    await shotAround(page, 'blueprint-total-points', 'exam-setup-01-check-fails');

    // 4. Fix it to 25: the check passes, with the simulated papers' spread within the 1% tolerance.
    await page.getByLabel('单选题题数').fill('25');
    await page.getByRole('button', { name: '检查组卷规则' }).click();
    await check.getByText('检查通过').waitFor();
    await expect.poll(() => countError.count()).toBe(0); // the old message fades out
    const checkText = (await check.textContent()) ?? '';
    expect(checkText).toContain('3 人'); // the rule's roster
    expect(checkText).toContain('全部符合规则');
    const spread = Number(/难易差距（占满分）([\d.]+)%/.exec(checkText)?.[1]);
    expect(spread).toBeLessThanOrEqual(1);
    await shotAround(page, 'check-result', 'exam-setup-02-check-passes');

    // 5. Publish: the dialog says what is frozen; then the detail page shows the exam 未开始 with 3 examinees.
    await page.getByRole('button', { name: '发布' }).click();
    const confirm = page.getByTestId('publish-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('试卷题目冻结');
    expect(await confirm.textContent()).toContain('预先抽取一份各不相同的试卷');
    await shot(page, 'exam-setup-03-publish-confirm');
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.waitForURL(new RegExp(`/exams/${examId}$`));
    await page.getByText('考试已发布', { exact: true }).waitFor();
    await page.getByText('发布时冻结：题库中 54 道启用题目作为抽题范围').waitFor();
    expect(await page.locator('.page-header').textContent()).toContain('未开始');
    await shot(page, 'exam-setup-04-published');

    // 6. 考生名单: the three by rule; an Excel list with an unknown 工号 is refused row by row, nothing added.
    await page.getByRole('tab', { name: '考生名单' }).click();
    await page.getByText('共 3 人').waitFor();
    expect(await page.locator('tr', { hasText: '张一' }).textContent()).toContain('按规则');
    await page.getByRole('button', { name: '导入名单' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles({ name: '名单.xlsx', mimeType: XLSX, buffer: await rosterSheet([['周九', 'QT1'], ['无此人', 'ZZ99']]) });
    await dialog.getByRole('button', { name: '预检' }).click();
    const issues = dialog.getByTestId('import-issues');
    await issues.waitFor();
    expect(await issues.textContent()).toContain('ZZ99');
    expect(await issues.locator('tbody tr').first().textContent()).toContain('3'); // the Excel row
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await shot(page, 'exam-setup-05-import-errors');

    // 7. The corrected list: 预检 shows who will be added (张一 is already on it), then 确认导入.
    await dialog.locator('input[type=file]').setInputFiles({ name: '名单.xlsx', mimeType: XLSX, buffer: await rosterSheet([['周九', 'QT1'], ['吴十', 'QT2'], ['张一', 'SF1']]) });
    await dialog.getByRole('button', { name: '预检' }).click();
    await expect.poll(() => dialog.getByTestId('roster-import-summary').textContent()).toContain('将新增 2 名考生');
    expect(await dialog.locator('tr', { hasText: '张一' }).textContent()).toContain('已在名单中');
    await shot(page, 'exam-setup-06-import-preview');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已将 2 人加入考生名单').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('共 5 人').waitFor();
    expect(await page.locator('tr', { hasText: '周九' }).textContent()).toContain('名单');

    // 8. 15 extra minutes for 吴十, shown in the roster.
    await page.locator('tr', { hasText: '吴十' }).getByText('个人设置').click();
    await page.getByLabel('延长作答时间').fill('15');
    await page.getByRole('button', { name: '保存并立即生效' }).click();
    await page.getByText('已保存吴十的个人设置').waitFor();
    await expect.poll(() => page.locator('tr', { hasText: '吴十' }).textContent()).toContain('延时 15 分钟');
    await shot(page, 'exam-setup-07-roster');

    // 9. The list shows the published exam with its roster count.
    await page.getByRole('menuitem', { name: '考试管理' }).click();
    const row = page.locator('tr', { hasText: '2026年度学法用法考试' });
    await row.waitFor();
    expect(await row.textContent()).toContain('未开始');
    expect(await row.textContent()).toContain('5 / 0 / 0');

    // Only the signed-out /me probe was refused.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  }, 240_000);
});
