/**
 * 凡提必考 with the browser gone: the organiser builds a 任前 exam from a blueprint in the form
 * (a one-minute paper, so the deadline comes within the test), adds the three 拟提拔人选 by hand
 * and publishes. 赵一 starts on a phone, answers three questions and walks away — the tab is
 * closed, nothing is submitted. The server submits the attempt at its deadline by itself
 * (到时自动交卷) with the three saved answers; the organiser sees 赵一 未通过 while the two who
 * never came are 待考, then 缺考 once the exam is ended.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { INITIAL_ADMIN_PASSWORD, journey, shot, watchConsole } from './harness';
import { Api, memberApi } from './api';

const env = journey('exam-pre-appointment');
const ADMIN_PASSWORD = 'Admin#Chosen2026';
const MEMBER_PASSWORD = 'Member#Chosen2026';


/** 30 单选, 12 多选, 12 判断 enabled; 区委组织部 with the three candidates (only 赵一 has a password). */
async function seed(base: string): Promise<void> {
  const admin = new Api(base);
  await admin.login('admin', INITIAL_ADMIN_PASSWORD);
  await admin.call('POST', '/api/auth/change-password', { oldPassword: INITIAL_ADMIN_PASSWORD, newPassword: ADMIN_PASSWORD });
  await admin.call('PUT', '/api/bank/settings', { reviewRequired: false });
  const opts = (tag: string) => (['A', 'B', 'C', 'D'] as const).map((key) => ({ key, html: `${tag}：选项${key}` }));
  const ids: number[] = [];
  const add = async (content: unknown) => ids.push((await admin.call<{ question: { id: number } }>('POST', '/api/bank/questions', { content })).question.id);
  for (let i = 1; i <= 30; i++) await add({ type: 'single', stem: `<p>任前单选${i}：依照《公务员法》，下列说法正确的是？</p>`, difficulty: 1 + (i % 5), options: opts(`单选${i}`), answer: { key: 'ABCD'[i % 4] } });
  for (let i = 1; i <= 12; i++) await add({ type: 'multiple', stem: `<p>任前多选${i}：下列属于领导干部应当遵守的规定的有？</p>`, difficulty: 1 + (i % 5), options: opts(`多选${i}`), answer: { keys: ['A', 'C'] } });
  for (let i = 1; i <= 12; i++) await add({ type: 'truefalse', stem: `<p>任前判断${i}：领导干部应当带头尊法学法守法用法。</p>`, difficulty: 1 + (i % 5), answer: { value: i % 2 === 0 } });
  await admin.call('POST', '/api/bank/questions/bulk', { ids, op: { action: 'status', to: 'active' } });
  const org = await admin.call<{ id: number }>('POST', '/api/units', { name: '区委组织部', parentId: null });
  const people: number[] = [];
  for (const [i, name] of ['赵一', '钱二', '孙三'].entries()) {
    people.push((await admin.call<{ id: number }>('POST', '/api/people', { name, employeeNo: `RQ${i + 1}`, unitId: org.id, rank: '乡科级', title: '副科长' })).id);
  }
  await memberApi(admin, base, people[0], 'RQ1', MEMBER_PASSWORD);
}

async function login(page: Page, username: string, password: string) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('header-user').waitFor();
}

interface CandidatesView {
  rows: { name: string; outcome: string }[];
}
interface ResultsView {
  rows: { items: { name: string; status: string; submitReason: string | null; score: number | null }[] };
}

describe('任前 exam (凡提必考)', () => {
  it('is built from a blueprint in the form; a candidate who leaves mid-exam is submitted by the server at the deadline', async () => {
    await seed(env.server.url);
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await login(page, 'admin', ADMIN_PASSWORD);

    // 1. A 任前 exam from the default blueprint (25 单选 × 2 + 10 多选 × 3 + 10 判断 × 2), one minute, all on one page.
    await page.getByRole('menuitem', { name: '考试管理' }).click();
    await page.getByRole('button', { name: '新建考试' }).click();
    await page.locator('label', { hasText: '任前法律知识考试（凡提必考）' }).click();
    await page.getByLabel('考试名称', { exact: true }).fill('2026年第一批拟提拔干部任前法律知识考试');
    // The form proposes tomorrow 09:00; this sitting opens now (the browser and server share the machine's clock).
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    const opensAt = local(new Date(Date.now() - 10 * 60_000));
    const closesAt = local(new Date(Date.now() + 3 * 3600_000));
    await page.getByPlaceholder('开考时间').click();
    await page.getByPlaceholder('开考时间').fill(opensAt);
    await page.keyboard.press('Enter');
    await page.getByPlaceholder('截止时间').fill(closesAt);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByPlaceholder('开考时间').inputValue()).toBe(opensAt);
    expect(await page.getByPlaceholder('截止时间').inputValue()).toBe(closesAt);
    await page.getByLabel('考试时长', { exact: true }).fill('1');
    await page.getByLabel('及格分', { exact: true }).fill('10');
    await page.getByLabel('显示方式', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '全部题目一页显示' }).click();
    await page.getByLabel('考试合格有效期', { exact: true }).fill('24');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/exams\/\d+\/edit$/);
    const examId = Number(/exams\/(\d+)\/edit/.exec(page.url())![1]);

    // 2. The candidates are named, not derived from a rule: 考生名单 → 添加考生.
    await page.goto(`${env.server.url}/exams/${examId}`);
    await page.getByRole('tab', { name: '考生名单' }).click();
    await page.getByRole('button', { name: '添加考生' }).click();
    const picker = page.getByRole('dialog');
    for (const name of ['赵一', '钱二', '孙三']) await picker.locator('tr', { hasText: name }).locator('input[type=checkbox]').check();
    await picker.getByRole('button', { name: '添加 3 人' }).click();
    await picker.waitFor({ state: 'hidden' });
    await page.getByText('共 3 人').waitFor();

    // 3. Check and publish from the form.
    await page.goto(`${env.server.url}/exams/${examId}/edit`);
    await page.getByRole('button', { name: '检查组卷规则' }).click();
    await page.getByTestId('check-result').getByText('检查通过').waitFor();
    expect(await page.getByTestId('check-result').textContent()).toContain('3 人');
    await page.getByRole('button', { name: '发布' }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.waitForURL(new RegExp(`/exams/${examId}$`));
    await page.getByText('考试已发布', { exact: true }).waitFor();
    await shot(page, 'exam-pre-appointment-01-published');

    // 4. 赵一 on a phone: starts, answers the first three 单选 (6 points at most), then the tab is gone.
    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' });
    const mobile = await phone.newPage();
    const mobileErrors = watchConsole(mobile);
    await login(mobile, 'RQ1', MEMBER_PASSWORD);
    await mobile.goto(`${env.server.url}/my/exams`);
    const card = mobile.getByTestId(`my-exam-${examId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('任前');
    await card.getByRole('button', { name: '进入考试' }).click();
    await mobile.getByText(/我已阅读以上须知/).click();
    await mobile.getByRole('button', { name: '开始考试' }).click();
    await mobile.waitForURL(/\/my\/attempts\/\d+/);
    for (const no of [1, 2, 3]) {
      await mobile.getByTestId(`question-${no}`).getByRole('radio').first().click();
    }
    await mobile.getByTestId('save-state').getByText(/^已保存 \d\d:\d\d:\d\d$/).waitFor();
    await shot(mobile, 'exam-pre-appointment-02-phone-three-answered');
    expect(mobileErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await phone.close();

    // 5. Nobody submits. Within deadline (60 s) + grace (15 s) + one finaliser round (15 s), the server does.
    let results: ResultsView | undefined;
    await expect
      .poll(
        async () => {
          // through the organiser's browser session (one session per account: the seeding client's was replaced)
          results = (await (await page.request.get(`${env.server.url}/api/exams/${examId}/results?page=1&pageSize=50`)).json()) as ResultsView;
          return results.rows.items.find((r) => r.name === '赵一')?.submitReason ?? null;
        },
        { timeout: 150_000, interval: 5_000 },
      )
      .toBe('deadline');
    const zhao = results!.rows.items.find((r) => r.name === '赵一')!;
    expect(zhao.status).toBe('failed');
    expect(zhao.score).toBeLessThanOrEqual(6);
    // the three saved answers were kept and graded, not lost with the tab
    const attempts = (await (await page.request.get(`${env.server.url}/api/exams/${examId}/attempts?status=submitted`)).json()) as { items: { name: string; answeredCount: number; questionCount: number }[] };
    expect(attempts.items.map((a) => `${a.name} ${a.answeredCount}/${a.questionCount}`)).toEqual(['赵一 3/45']);

    // The organiser sees it in 成绩: 赵一's record says the server submitted at the deadline.
    await page.goto(`${env.server.url}/exams/${examId}?tab=results`);
    await page.locator('tr', { hasText: '赵一' }).getByText('赵一').click();
    const drawer = page.locator('.ant-drawer', { hasText: '作答详情' });
    await expect.poll(async () => (await drawer.textContent()) ?? '').toContain('到时自动交卷');
    await shot(page, 'exam-pre-appointment-03-deadline-record');
    await page.keyboard.press('Escape');

    // 6. 任前结果 while the exam is open: 赵一 未通过, the two who have not come 待考 (not yet 缺考).
    await page.goto(`${env.server.url}/exams/${examId}?tab=candidates`);
    const table = page.locator('.ant-card', { hasText: '候选人名单' });
    await expect.poll(async () => (await table.locator('tr', { hasText: '赵一' }).textContent()) ?? '').toContain('未通过');
    expect(await table.locator('tr', { hasText: '钱二' }).textContent()).toContain('待考');
    await shot(page, 'exam-pre-appointment-04-candidates-open');
    const open = (await (await page.request.get(`${env.server.url}/api/exams/${examId}/candidates`)).json()) as CandidatesView;
    expect(open.rows.map((r) => `${r.name}:${r.outcome}`).sort()).toEqual(['孙三:pending', '赵一:failed', '钱二:pending']);

    // 7. The organiser ends the exam: now the two are 缺考 and can be scheduled into a 补考.
    await page.getByRole('tab', { name: '概况' }).click();
    await page.getByRole('button', { name: '结束考试' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '结束考试' }).click();
    await page.getByRole('tab', { name: '任前结果' }).click();
    await expect.poll(async () => (await table.locator('tr', { hasText: '孙三' }).textContent()) ?? '').toContain('缺考');
    await shot(page, 'exam-pre-appointment-05-candidates-ended');

    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  }, 300_000);
});
