/**
 * The 法规库 journey: the administrator's first login, the shipped library, a full-text search,
 * opening a hit at its article, jumping to 民法典 第一千二百六十条, uploading a new version of a
 * law with preview then confirm, and a deep link to an article of the older version.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { INITIAL_ADMIN_PASSWORD, SHOTS, journey, shot, watchConsole } from './harness';

const ADMIN_PASSWORD = 'Admin#Chosen2026';

const env = journey('laws');

/** The reader scrolls to its target article, so a viewport picture shows what the reader sees. */
async function viewShot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function firstLogin(page: Page) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill(INITIAL_ADMIN_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect.poll(() => page.getByText('首次登录，请修改密码').isVisible(), { timeout: 15_000 }).toBe(true);
  await page.getByLabel('原密码').fill(INITIAL_ADMIN_PASSWORD);
  await page.getByLabel('新密码', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByLabel('确认新密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '修改密码并进入系统' }).click();
  await page.getByTestId('header-user').waitFor();
}

const NEW_VERSION = [
  '# 中华人民共和国人民调解法',
  '',
  '2030年1月1日 第二十届全国人民代表大会常务委员会第一次会议修正',
  '',
  '<!-- INFO END -->',
  '',
  '## 第一章 总则',
  '',
  '第一条 为了完善人民调解制度，规范人民调解活动，及时解决民间纠纷，维护社会和谐稳定，根据宪法，制定本法。',
  '',
  '第二条 本法所称人民调解，是指人民调解委员会通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，解决民间纠纷的活动。',
  '',
  '## 第二章 附则',
  '',
  '第三条 本法自2030年3月1日起施行。',
].join('\n');

describe('law library journey', () => {
  it('list, search, open a hit, jump to an article, upload a new version, deep link to the old one', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await firstLogin(page);

    // 1. 法规库 from the menu: every shipped law, grouped by category.
    await page.getByRole('menuitem', { name: '法规库' }).click();
    await page.getByRole('link', { name: /民法典.*1260 条/ }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /宪法.*143 条/ }).count()).toBe(1);
    await shot(page, 'laws-01-list');

    // 2. Search two terms; the hits are in 个人信息保护法 with both terms marked.
    await page.getByLabel('全文检索').fill('个人信息 处理者');
    await page.getByLabel('全文检索').press('Enter');
    await page.waitForURL(/\/laws\/search\?q=/);
    await page.getByText(/找到 \d+ 条/).waitFor();
    const firstHit = page.locator('.law-hit').first();
    await expect.poll(() => firstHit.locator('mark').count()).toBeGreaterThan(1);
    expect(await firstHit.textContent()).toContain('个人信息保护法');
    await shot(page, 'laws-02-search');

    // 3. Open the first hit: the reader scrolls to the article and marks it.
    const label = (await firstHit.locator('.law-hit__head a').textContent())!.trim();
    await firstHit.locator('.law-hit__head a').click();
    await page.waitForURL(/\/laws\/\d+\?a=\d+/);
    const target = page.locator('.law-article--target');
    await target.waitFor();
    expect(await target.locator('.law-article__label').textContent()).toBe(label);
    await viewShot(page, 'laws-03-hit-opened');

    // 4. 民法典: the TOC has the seven books; jump to 第一千二百六十条.
    await page.goto(`${env.server.url}/laws`);
    await page.getByRole('link', { name: /民法典.*1260 条/ }).click();
    await page.getByRole('tree').getByText('第七编 侵权责任').waitFor();
    await page.getByLabel('跳转到条号').fill('1260');
    await page.getByRole('button', { name: '跳转' }).click();
    await expect.poll(() => page.locator('.law-article--target .law-article__label').textContent()).toBe('第一千二百六十条');
    // one chunk at a time: far fewer than 1,260 articles in the page
    expect(await page.locator('.law-article').count()).toBeLessThan(150);
    await viewShot(page, 'laws-04-jump-1260');

    // 由此条出题: 第十七条 → 填空/判断 drafts, saved as 草稿 for review in the bank.
    await page.getByLabel('跳转到条号').fill('17');
    await page.getByRole('button', { name: '跳转' }).click();
    await expect.poll(() => page.locator('.law-article--target .law-article__label').textContent()).toBe('第十七条');
    await page.locator('.law-article--target').getByRole('button', { name: '由此条出题' }).click();
    const draftDialog = page.getByRole('dialog');
    await draftDialog.getByTestId('law-draft').first().waitFor();
    expect(await draftDialog.textContent()).toContain('十八周岁');
    await viewShot(page, 'laws-04c-draft-from-article');
    await draftDialog.getByRole('button', { name: /保存为草稿/ }).click();
    await draftDialog.getByText(/已保存 \d+ 道草稿题/).waitFor();
    await draftDialog.getByRole('button', { name: '完成' }).click();
    const drafts = await page.evaluate(async () => (await (await fetch('/api/bank/questions?status=draft')).json()).total as number);
    expect(drafts).toBeGreaterThan(0);

    // Opening the longest chunk of 民法典 (a whole 章 of articles) from the TOC: how long until it is on screen.
    await page.getByRole('tree').getByText('第二编 物权').click();
    const t0 = Date.now();
    await page.locator('.law-article__label', { hasText: /^第二百零五条$/ }).waitFor();
    console.log(`[e2e] 民法典 第二编 first chunk rendered in ${Date.now() - t0} ms (${await page.locator('.law-article').count()} articles)`);
    const oldArticleUrl = await page.evaluate(async () => {
      const laws = (await (await fetch('/api/laws')).json()).laws as { id: number; shortTitle: string }[];
      const id = laws.find((l) => l.shortTitle === '人民调解法')!.id;
      const a = await (await fetch(`/api/laws/${id}/articles/by-no/2`)).json();
      return `/laws/articles/${a.article.id}`;
    });

    // 宪法 opens with its preamble above 第一章.
    await page.goto(`${env.server.url}/laws`);
    await page.getByRole('link', { name: /宪法.*143 条/ }).click();
    await page.getByText('中国是世界上历史最悠久的国家之一', { exact: false }).waitFor();
    await viewShot(page, 'laws-04b-constitution-preamble');

    // 5. Upload a new version of 人民调解法: preview, then confirm.
    await page.goto(`${env.server.url}/laws/upload`);
    await page.getByRole('combobox', { name: '* 法规' }).click();
    await page.keyboard.type('人民调解法');
    await page.keyboard.press('Enter');
    // first a file with a repeated article number: refused with its line, nothing saved
    const broken = NEW_VERSION.replace('第三条 本法自', '第二条 本法自');
    await page.locator('input[type=file]').setInputFiles({ name: '人民调解法-有误.md', mimeType: 'text/markdown', buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: /预\s*览/ }).click();
    await page.getByText('第15行：条号重复：第二条（第11行已出现）').waitFor();
    await shot(page, 'laws-05a-upload-error');
    await page.locator('input[type=file]').setInputFiles({ name: '人民调解法-2030.md', mimeType: 'text/markdown', buffer: Buffer.from(NEW_VERSION) });
    await page.getByRole('button', { name: /预\s*览/ }).click();
    await page.getByText('预览（尚未保存）').waitFor();
    await shot(page, 'laws-05-upload-preview');
    await page.getByRole('button', { name: /确认保存/ }).click();
    await page.getByText(/已保存《人民调解法》2030-01-01 版，共 3 条/).waitFor();
    await shot(page, 'laws-06-upload-done');

    // 6. The deep link to the old version's article still opens that text, with the 历史版本 banner.
    await page.goto(`${env.server.url}${oldArticleUrl}`);
    await page.getByText(/此为历史版本（2010-08-28），现行版本为 2030-01-01 版/).waitFor();
    expect(await page.locator('.law-article--target .law-article__label').textContent()).toBe('第二条');
    await viewShot(page, 'laws-07-deep-link-old-version');

    // the login page's session probe is a 401 by design
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    await ctx.close();
  });
});
