/**
 * The "1+3+N" list from the organiser's desk to a cadre's screen. 考评办 builds the 2026 list in
 * the browser — “1” a 习近平法治思想 reading, “3” the 宪法 — publishes it, and an “N” list for
 * 行政执法 posts (行政处罚法) exists beside it; it also sets the 40-hour personal 学时 quota. 张执法
 * (行政执法) then:
 *   1. sees “1”, “3” and “N” on 我的学习, nothing done;
 *   2. reads the 宪法 in the reader for a minute: articles that were on screen long enough get ✓,
 *      the law's count and today's 学时 rise (measured, not "opened = read");
 *   3. back on 我的学习 the 宪法 item shows the articles read;
 *   4. does 每日一练: a right answer shows 解析, a wrong one lands in the 错题本, redone right it leaves;
 *   5. the organiser's 学习进度 shows 司法局 with progress, and 李综合 (综合管理) has no “N” item.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journey, shot, watchConsole } from './harness';
import { activeQuestion, firstAdmin, memberApi } from './api';

const ADMIN_PASSWORD = 'Admin#Chosen2026';
const PASSWORD = 'Member#Chosen2026';
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const env = journey('learning-member');

async function seed(base: string) {
  const admin = await firstAdmin(base, ADMIN_PASSWORD);
  const unit = async (name: string, parentId: number | null) => (await admin.call<{ id: number }>('POST', '/api/units', { name, parentId })).id;
  const root = await unit('示范区', null);
  const sfj = await unit('司法局', root);
  const office = await unit('区委组织部', root);
  const person = async (name: string, employeeNo: string, unitId: number, extra: object = {}) =>
    (await admin.call<{ id: number }>('POST', '/api/people', { name, employeeNo, unitId, ...extra })).id;
  const organiser = await person('考评办老王', 'O1', office, { title: '科长' });
  await admin.call('PUT', `/api/people/${organiser}/roles`, { roles: [{ role: 'organiser', unitId: null }] });
  await memberApi(admin, base, organiser, 'O1', PASSWORD);
  const zhang = await person('张执法', 'M1', sfj, { title: '科员', rank: '一般干部', postCategory: '行政执法' });
  const zhangApi = await memberApi(admin, base, zhang, 'M1', PASSWORD);
  const li = await person('李综合', 'M2', sfj, { title: '科员', rank: '一般干部', postCategory: '综合管理' });
  const liApi = await memberApi(admin, base, li, 'M2', PASSWORD);

  const { laws } = await admin.call<{ laws: { id: number; title: string; shortTitle: string }[] }>('GET', '/api/laws');
  const lawId = (short: string) => laws.find((l) => l.shortTitle === short || l.title.includes(short))!.id;
  await admin.call('POST', '/api/learning/materials', {
    title: '习近平法治思想学习纲要（节选）',
    kind: '习近平法治思想',
    body: '坚持党对全面依法治国的领导。\n坚持以人民为中心。\n坚持中国特色社会主义法治道路。',
    source: '学习材料',
  });
  // the “N” list for 行政执法 posts (made through the API; the journey builds “1+3” in the browser)
  const n = await admin.call<{ id: number }>('POST', '/api/learning/lists', {
    year: YEAR,
    name: '行政执法岗位“N”清单',
    rule: { unitIds: [], ranks: [], postCategories: ['行政执法'], principalLeadersOnly: false },
    items: [{ segment: 'N', kind: 'law', lawId: lawId('行政处罚法'), required: true, expectedMinutes: 300 }],
  });
  await admin.call('POST', `/api/learning/lists/${n.id}/publish`, {});

  // practice: two questions in the bank, one true and one false statement
  await admin.call('PUT', '/api/bank/settings', { reviewRequired: false });
  await activeQuestion(admin, { type: 'truefalse', stem: '宪法是国家的根本法，具有最高的法律效力。', difficulty: 1, answer: { value: true }, explanationHtml: '宪法序言：本宪法……是国家的根本法，具有最高的法律效力。' });
  await activeQuestion(admin, { type: 'truefalse', stem: '中华人民共和国的一切权力属于国务院。', difficulty: 1, answer: { value: false }, explanationHtml: '宪法第二条：中华人民共和国的一切权力属于人民。' });
  return { zhangApi, liApi, lawId };
}

async function login(page: Page, username: string) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('header-user').waitFor();
}

async function pick(page: Page, label: string | RegExp, option: string, scope = page.getByRole('dialog')) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: false }).first().click();
}

/** A button-style radio in the open drawer (板块, 类型). */
async function radio(page: Page, name: string) {
  await page.getByRole('dialog').locator('.ant-radio-button-wrapper', { hasText: name }).click();
}

describe('a 1+3+N list from the organiser to a cadre reading and practising', () => {
  it('the organiser publishes the list; the member reads, practises and sees honest progress', async () => {
    const { liApi } = await seed(env.server.url);
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await login(page, 'O1');
    const errors = watchConsole(page);

    // the organiser builds “1+3” for everyone
    await page.getByRole('menuitem', { name: '学法清单' }).click();
    await page.getByRole('button', { name: /新建/ }).click();
    await page.getByRole('dialog').getByLabel('清单名称').fill(`${YEAR}年度领导干部学法清单（1+3）`);
    await page.getByRole('dialog').getByRole('button', { name: /创建并编辑/ }).click();
    await page.getByRole('button', { name: '添加条目' }).click();
    await radio(page, '“1”');
    await radio(page, '学习材料');
    await pick(page, '学习材料', '习近平法治思想学习纲要');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByRole('button', { name: '添加条目' }).click();
    await radio(page, '“3”');
    await radio(page, '法律法规');
    await pick(page, '法律法规', '中华人民共和国宪法');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByRole('cell', { name: /中华人民共和国宪法/ }).waitFor();
    await shot(page, 'learning-member-1-list-editor');
    await page.getByRole('button', { name: /发\s*布/ }).click();
    const ok = page.locator('.ant-modal-confirm, .ant-popover').getByRole('button', { name: /确\s*定|发\s*布/ });
    if (await ok.count()) await ok.last().click();
    await page.getByText('已发布').first().waitFor();

    // … and the yearly quota of personal 学时 (40 h): late in the year with nothing credited, every unit is behind
    await page.getByRole('menuitem', { name: '学法指标' }).click();
    await page.getByRole('button', { name: '新增指标' }).click();
    const quota = page.getByRole('dialog');
    await quota.getByLabel('指标名称').fill('个人年度学法学时不少于40学时');
    await quota.getByText('个人学时', { exact: true }).click();
    await quota.getByLabel('每人全年目标（学时）').fill('40');
    await quota.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('个人年度学法学时不少于40学时').first().waitFor();
    await page.getByRole('row', { name: /司法局/ }).first().waitFor();
    await shot(page, 'learning-member-1b-quota');

    // 1. 张执法 sees “1”, “3” and “N”
    const mctx = await env.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const me = await mctx.newPage();
    await login(me, 'M1');
    const meErrors = watchConsole(me);
    await me.getByRole('menuitem', { name: '我的学习' }).click();
    for (const title of ['习近平法治思想学习纲要（节选）', '中华人民共和国宪法', '中华人民共和国行政处罚法']) await me.getByText(title).first().waitFor();
    await shot(me, 'learning-member-2-my-learning');
    // 李综合 (综合管理) gets “1+3” but not the 行政执法 “N”
    const liLearning = await liApi.call<{ progress: { items: { title: string }[] } }>('GET', '/api/my/learning');
    expect(liLearning.progress.items.map((i) => i.title)).toEqual(expect.arrayContaining(['中华人民共和国宪法']));
    expect(liLearning.progress.items.map((i) => i.title)).not.toContain('中华人民共和国行政处罚法');

    // 2. read the 宪法 for about a minute, scrolling as a reader does
    await me.locator('.my-learning__item', { hasText: '中华人民共和国宪法' }).getByRole('button', { name: '去学习' }).click();
    await me.getByText(/已读\s*0\s*\/\s*\d+\s*条/).first().waitFor();
    // 第一章 总纲 from the TOC (it shares a chunk with the long 序言: the reader lands on the heading),
    // then read as a person does: a screen at a time, the mouse moving
    await me.locator('.law-reader__toc').getByText(/第一章\s*总纲/).first().click();
    await expect.poll(() => me.locator('.law-text__heading', { hasText: '总纲' }).first().evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(200);
    for (let i = 0; i < 28; i++) {
      await me.mouse.move(600 + (i % 2) * 20, 420);
      if (i % 10 === 9) await me.mouse.wheel(0, 500);
      await me.waitForTimeout(2500);
    }
    await expect.poll(async () => Number((await me.locator('.law-reading__progress b').innerText()) || 0), { timeout: 45_000 }).toBeGreaterThan(0);
    expect(await me.getByLabel('已读').count()).toBeGreaterThan(0);
    await shot(me, 'learning-member-3-reader');
    const read = Number(await me.locator('.law-reading__progress b').innerText());

    // 3. 我的学习 shows them
    await me.getByRole('menuitem', { name: '我的学习' }).click();
    // (leaving the reader reports what was read since the last beat, so it may be one or two more)
    const item = me.locator('.my-learning__item', { hasText: '中华人民共和国宪法' });
    await expect.poll(async () => Number((await item.innerText()).match(/已读 (\d+)\/143 条/)?.[1] ?? -1)).toBeGreaterThanOrEqual(read);

    // 4. 每日一练: answer both; the wrong one goes to the 错题本
    await me.getByRole('menuitem', { name: '练习' }).click();
    const card = me.locator('.practice-card');
    await me.getByText(/的 2 道题/).waitFor();
    for (let i = 0; i < 2; i++) {
      const stem = await card.locator('.practice-card__stem').innerText();
      // right on the 宪法 statement, wrong on the 国务院 one (answers 正确 to both)
      await card.getByText('正确', { exact: true }).click();
      await card.getByRole('button', { name: '提交答案' }).click();
      await card.getByText(stem.includes('国务院') ? '回答错误' : '回答正确').waitFor();
      await card.getByText('解析').waitFor();
      if (stem.includes('国务院')) await shot(me, 'learning-member-4-daily-wrong');
      if (i === 0) await me.getByRole('button', { name: '下一题' }).click();
    }
    await me.getByRole('tab', { name: /错题本/ }).click();
    await me.getByText('中华人民共和国的一切权力属于国务院。').waitFor();
    await shot(me, 'learning-member-5-wrong-book');
    await me.getByRole('button', { name: '重做', exact: true }).click();
    await card.getByText('错误', { exact: true }).click();
    await card.getByRole('button', { name: '提交答案' }).click();
    await card.getByText('回答正确').waitFor();
    await card.getByText('已掌握，移出错题本').waitFor();
    await shot(me, 'learning-member-6-wrong-book-redo');

    // 5. the organiser's 学习进度: 司法局 has started
    await page.getByRole('menuitem', { name: '学习进度' }).click();
    await page.getByRole('table').getByText('示范区', { exact: true }).click();
    // 司法局: 2 people with required items; 张执法 has begun (the 宪法 articles read), so only 李综合 is 尚未开始
    const sfjRow = page.getByRole('row', { name: /^司法局\s/ });
    await expect.poll(async () => (await sfjRow.locator('td').last().innerText()).trim()).toBe('1');
    await page.getByRole('table').getByText('司法局', { exact: true }).click();
    await page.getByRole('row', { name: /张执法/ }).waitFor();
    await shot(page, 'learning-member-7-progress');

    expect(errors).toEqual([]);
    expect(meErrors).toEqual([]);
    await mctx.close();
    await ctx.close();
  });
});
