/**
 * The examinee's journey: 张三 sees 我的考试, reads the 考试须知, starts, answers every question
 * type, flags one, loses the connection (answers wait on the device), reloads mid-way, survives a
 * server kill -9, and submits after the dialog lists what is unanswered and flagged — once on a
 * desktop (one question per screen, results and answers released at once) and once on a 390×844
 * phone (all questions on one page, results released after close).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { INITIAL_ADMIN_PASSWORD, journey, shot, watchConsole } from './harness';
import { Api } from './api';

const env = journey('exam-take');
const ADMIN_PASSWORD = 'Admin#Chosen2026';
const MEMBER_PASSWORD = 'Member#Chosen2026';


const opts = (...texts: string[]) => texts.map((html, i) => ({ key: 'ABCDEFGH'[i], html }));

/** Eight questions of all five types, active in the bank. */
const QUESTIONS = [
  { type: 'single', stem: '<p>根据《民法典》，成年人是指年满多少周岁的自然人？</p>', options: opts('十六周岁', '十八周岁', '二十周岁', '二十二周岁'), answer: { key: 'B' }, explanationHtml: '<p>《民法典》第十七条：十八周岁以上的自然人为成年人。</p>' },
  { type: 'single', stem: '<p>行政复议机关应当自受理申请之日起多少日内作出行政复议决定？</p>', options: opts('三十日', '六十日', '九十日', '一百二十日'), answer: { key: 'B' }, explanationHtml: '<p>《行政复议法》规定一般为六十日。</p>' },
  { type: 'multiple', stem: '<p>下列属于行政处罚种类的有：</p>', options: opts('警告、通报批评', '罚款、没收违法所得', '暂扣许可证件', '记大过'), answer: { keys: ['A', 'B', 'C'] }, explanationHtml: '<p>记大过是政务处分，不是行政处罚。</p>' },
  { type: 'truefalse', stem: '<p>法律面前人人平等是我国宪法确立的原则。</p>', answer: { value: true }, explanationHtml: '<p>《宪法》第三十三条。</p>' },
  { type: 'fill', stem: '<p>公民、法人或者其他组织认为行政行为侵犯其合法权益，可以自知道之日起{{1}}日内提出行政复议申请；法律规定的申请期限超过该期限的，{{2}}。</p>', answer: { blanks: [{ accepted: ['六十', '60'] }, { accepted: ['从其规定'] }] }, explanationHtml: '<p>《行政复议法》第二十条。</p>' },
  { type: 'truefalse', stem: '<p>行政机关可以在没有法律依据的情况下减损公民权益。</p>', answer: { value: false }, explanationHtml: '<p>法无授权不可为。</p>' },
  { type: 'single', stem: '<p>我国的根本大法是：</p>', options: opts('宪法', '民法典', '刑法', '立法法'), answer: { key: 'A' }, explanationHtml: '<p>宪法是国家的根本法。</p>' },
  { type: 'essay', stem: '<p>简述依法行政的基本要求。</p>', answer: { referenceHtml: '<p>合法行政、合理行政、程序正当、高效便民、诚实守信、权责统一。</p>' }, explanationHtml: '<p>参见《全面推进依法行政实施纲要》。</p>' },
] as const;

async function setUp(base: string) {
  const admin = new Api(base);
  await admin.login('admin', INITIAL_ADMIN_PASSWORD);
  await admin.call('POST', '/api/auth/change-password', { oldPassword: INITIAL_ADMIN_PASSWORD, newPassword: ADMIN_PASSWORD });
  const unit = (await admin.call<{ id: number }>('POST', '/api/units', { name: '区司法局', parentId: null })).id;
  const person = (await admin.call<{ id: number }>('POST', '/api/people', { name: '张三', employeeNo: 'zs01', unitId: unit })).id;
  const otp = (await admin.call<{ oneTimePassword: string }>('POST', `/api/people/${person}/reset-password`)).oneTimePassword;
  const member = new Api(base);
  await member.login('zs01', otp);
  await member.call('POST', '/api/auth/change-password', { oldPassword: otp, newPassword: MEMBER_PASSWORD });

  await admin.call('PUT', '/api/bank/settings', { reviewRequired: false });
  const ids: number[] = [];
  for (const content of QUESTIONS) {
    const q = (await admin.call<{ question: { id: number } }>('POST', '/api/bank/questions', { content: { difficulty: 2, ...content } })).question;
    await admin.call('POST', `/api/bank/questions/${q.id}/status`, { to: 'active' });
    ids.push(q.id);
  }
  const points = [2, 2, 3, 2, 4, 2, 2, 8];
  const exam = async (title: string, extra: object) => {
    const now = Date.now();
    const id = (
      await admin.call<{ id: number }>('POST', '/api/exams', {
        title,
        kind: 'annual',
        year: 2026,
        instructions: '1. 本次考试为闭卷考试，请独立完成。\n2. 考试期间请勿切换页面。',
        opensAt: new Date(now - 3600_000).toISOString(),
        closesAt: new Date(now + 3 * 3600_000).toISOString(),
        durationMinutes: 60,
        passMark: 15,
        switchLimit: 5,
        rosterRule: { unitIds: [unit] },
        paper: { mode: 'fixed', fixed: { items: ids.map((questionId, i) => ({ questionId, points: points[i] })), shuffleQuestions: false, shuffleOptions: false } },
        ...extra,
      })
    ).id;
    await admin.call('POST', `/api/exams/${id}/publish`);
    return id;
  };
  // keys right after submitting are for practice only: a real exam shows them once it is over for everyone
  const desktopExam = await exam('2026年度学法考试（模拟练习）', { kind: 'practice', displayMode: 'one_per_page', resultsRelease: 'immediate', answersRelease: 'immediate' });
  const phoneExam = await exam('2026年度学法考试（补充场次）', { displayMode: 'all_on_one_page', resultsRelease: 'after_close', answersRelease: 'after_close' });
  return { desktopExam, phoneExam, exam, ids };
}

async function login(browser: Browser, viewport: { width: number; height: number }, mobile: boolean): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: mobile, hasTouch: mobile, deviceScaleFactor: mobile ? 2 : 1 });
  const page = await ctx.newPage();
  const errors = watchConsole(page);
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill('zs01');
  await page.getByLabel('密码', { exact: true }).fill(MEMBER_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('header-user').waitFor();
  return { page, errors };
}

/** Full-page shots of a scrolled page would show the sticky header mid-page. */
async function shotTop(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

const saved = (page: Page) => page.getByTestId('save-state').getByText(/^已保存 \d\d:\d\d:\d\d$/).waitFor();

// (Dialogs are found by their text: a bundle built under vitest has NODE_ENV=test, where rc-util's
// useId gives every dialog the same aria-labelledby id, so accessible names are unreliable there.)

/** The failed requests a test provokes on purpose (offline, blocked saves) are not page errors. */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));

describe('examinee takes an exam', () => {
  it('on a desktop: 须知, answers of every type, offline queue, reload, server restart, submit, result with key', async () => {
    const { desktopExam } = await setUp(env.server.url);
    const { page, errors } = await login(env.browser, { width: 1440, height: 900 }, false);

    // 我的考试: two open exams with window, duration and marks.
    await page.getByRole('menuitem', { name: '我的考试' }).click();
    const card = page.getByTestId(`my-exam-${desktopExam}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('25 分 / 15 分');
    expect(await card.textContent()).toContain('共 8 题');
    await shot(page, 'exam-take-01-my-exams');

    // 考试须知: the start button waits for the confirmation.
    await card.getByRole('button', { name: '进入考试' }).click();
    await page.getByText('作答规则与记录说明').waitFor();
    const startBtn = page.getByRole('button', { name: '开始考试' });
    expect(await startBtn.isDisabled()).toBe(true);
    await page.getByText('我已阅读以上须知').click();
    await shot(page, 'exam-take-02-instructions');
    await startBtn.click();

    // The exam page: one question per screen, countdown by the server, answer card.
    await page.waitForURL(/\/my\/attempts\/\d+/);
    const attemptUrl = page.url();
    await page.getByTestId('question-1').waitFor();
    expect(await page.getByTestId('countdown').textContent()).toMatch(/剩余(1:00:00|59:\d\d)$/);
    await page.getByRole('radio', { name: /十八周岁/ }).click();
    await saved(page);
    await page.getByRole('button', { name: /下一题/ }).click();
    await page.getByRole('radio', { name: /六十日/ }).click();
    await page.getByTestId('question-2').getByRole('button', { name: '标记' }).click();
    await page.getByRole('button', { name: /下一题/ }).click();
    for (const name of [/警告、通报批评/, /罚款、没收违法所得/]) await page.getByRole('checkbox', { name }).click();
    await page.getByRole('button', { name: /下一题/ }).click();
    await page.getByRole('radio', { name: '正确' }).click();
    await page.getByRole('button', { name: /下一题/ }).click();
    await page.getByLabel('第5题 第1空').fill('六十');
    await saved(page);
    await shot(page, 'exam-take-03-fill-in-the-blank');

    // The server is unreachable: the change waits on the device, the page says so, nothing is lost on reload.
    await page.route('**/api/my/attempts/*/answers', (r) => r.abort('internetdisconnected'));
    await page.getByLabel('第5题 第2空').fill('从其规定');
    await page.getByText(/未保存，正在重试 1 条/).waitFor();
    await page.getByTestId('offline-banner').waitFor();
    await shot(page, 'exam-take-04-save-failing');
    await page.reload();
    await page.getByTestId('question-5').waitFor();
    expect(await page.getByLabel('第5题 第2空').inputValue()).toBe('从其规定');
    expect(await page.getByLabel('第5题 第1空').inputValue()).toBe('六十');
    await page.unroute('**/api/my/attempts/*/answers');
    await page.getByTestId('save-state').getByText('已保存').waitFor(); // the queued change went out after the reload

    // Kill the server (-9) mid-exam and start it again: everything acknowledged is still there.
    await env.server.restart('SIGKILL');
    await page.goto(attemptUrl + '?q=1');
    await page.getByTestId('question-1').waitFor();
    expect(await page.getByRole('radio', { name: /十八周岁/ }).isChecked()).toBe(true);
    const cardPanel = page.getByTestId('answer-card');
    expect(await cardPanel.textContent()).toContain('已答 5 / 8 题，标记 1 题');
    await cardPanel.getByRole('button', { name: '第5题，已答' }).click();
    expect(await page.getByLabel('第5题 第2空').inputValue()).toBe('从其规定');
    await cardPanel.getByRole('button', { name: /^第2题/ }).click();
    expect(await page.getByRole('radio', { name: /六十日/ }).isChecked()).toBe(true);
    expect(await page.getByTestId('question-2').getByRole('button', { name: '已标记' }).count()).toBe(1);
    await cardPanel.getByRole('button', { name: /^第8题/ }).click();
    await page.getByLabel('第8题作答').fill('合法行政、合理行政、程序正当。');
    await saved(page);
    await shot(page, 'exam-take-05-after-restart');

    // 交卷: the dialog names the unanswered and flagged questions.
    await page.getByRole('button', { name: '交卷', exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '确认交卷' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('submit-unanswered').textContent()).toMatch(/未答 2 题\s*67$/);
    expect(await dialog.getByTestId('submit-flagged').textContent()).toContain('2');
    await shot(page, 'exam-take-06-submit-dialog');
    await dialog.getByRole('button', { name: '确认交卷' }).click();

    // Result: released at once with key and 解析: 2+2+0(multiple, not all)+2+4 = 10 objective points, essay pending.
    await page.waitForURL(/\/result$/);
    await page.getByTestId('result-summary').waitFor();
    await page.getByTestId('review-1').waitFor();
    expect(await page.getByTestId('review-1').textContent()).toContain('标准答案：B');
    expect(await page.getByTestId('review-1').textContent()).toContain('第十七条');
    await shot(page, 'exam-take-07-result');

    // The list now shows it as handed in; the exam page of a submitted attempt leads to the result.
    await page.goto(attemptUrl);
    await page.waitForURL(/\/result$/);
    expect(realErrors(errors)).toEqual([]);
  });

  it('on a 390×844 phone: all on one page, answer card drawer, reload keeps answers, submit, result not yet released', async () => {
    const { phoneExam } = await setUp(env.server.url);
    const { page, errors } = await login(env.browser, { width: 390, height: 844 }, true);

    await page.goto(`${env.server.url}/my/exams`);
    const card = page.getByTestId(`my-exam-${phoneExam}`);
    await card.waitFor();
    await shot(page, 'exam-take-11-phone-my-exams');
    await card.getByRole('button', { name: '进入考试' }).click();
    await page.getByText('我已阅读以上须知').click();
    await shotTop(page, 'exam-take-12-phone-instructions');
    await page.getByRole('button', { name: '开始考试' }).click();
    await page.waitForURL(/\/my\/attempts\/\d+/);

    // All eight questions on one page.
    await page.getByTestId('question-8').waitFor();
    await page.getByTestId('question-1').getByRole('radio', { name: /十八周岁/ }).click();
    await page.getByTestId('question-3').getByRole('checkbox', { name: /暂扣许可证件/ }).click();
    await page.getByTestId('question-4').getByRole('radio', { name: '错误' }).click();
    await page.getByLabel('第5题 第1空').fill('60');
    await page.getByTestId('question-6').getByRole('button', { name: '标记' }).click();
    await saved(page);
    await shotTop(page, 'exam-take-13-phone-questions');

    await page.reload();
    await page.getByTestId('question-8').waitFor();
    expect(await page.getByTestId('question-1').getByRole('radio', { name: /十八周岁/ }).isChecked()).toBe(true);
    expect(await page.getByTestId('question-4').getByRole('radio', { name: '错误' }).isChecked()).toBe(true);
    expect(await page.getByLabel('第5题 第1空').inputValue()).toBe('60');
    // A reload is not a switch to another app.
    expect(await page.getByTestId('switch-count').textContent()).toContain('已切屏 0 次（上限 5 次');

    await page.getByRole('button', { name: '答题卡' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '答题卡' });
    await drawer.waitFor();
    expect(await drawer.textContent()).toContain('已答 3 / 8 题，标记 1 题');
    await shotTop(page, 'exam-take-14-phone-answer-card');
    await drawer.getByRole('button', { name: /^第7题/ }).click();
    await page.getByTestId('question-7').getByRole('radio', { name: /宪法/ }).click();
    await saved(page);

    await page.getByRole('button', { name: '交卷', exact: true }).first().click();
    const dialog = page.getByRole('dialog').filter({ hasText: '确认交卷' });
    await dialog.waitFor();
    await shotTop(page, 'exam-take-15-phone-submit');
    await dialog.getByRole('button', { name: '确认交卷' }).click();
    await page.waitForURL(/\/result$/);
    await page.getByText('已交卷，成绩尚未公布').waitFor();
    // after_close: the page says when, from the examinee's personal close (no generic wording)
    await page.getByText(/成绩将于 \d+月\d+日 \d{2}:\d{2} 考试结束后公布，届时可在“我的考试”中查看。/).waitFor();
    await shot(page, 'exam-take-16-phone-result');
    expect(realErrors(errors)).toEqual([]);
  });

  it('a second device takes over a running attempt; the first is signed out and its unsent answer stays on it', async () => {
    const { desktopExam } = await setUp(env.server.url);
    const first = await login(env.browser, { width: 1440, height: 900 }, false);
    await first.page.goto(`${env.server.url}/my/exams/${desktopExam}`);
    await first.page.getByText('我已阅读以上须知').click();
    await first.page.getByRole('button', { name: '开始考试' }).click();
    await first.page.getByRole('radio', { name: /十八周岁/ }).click();
    await saved(first.page);
    const attemptUrl = first.page.url().replace(/\?.*$/, '');

    // Switching to another app and back is counted, and the page says how many are left. (Headless
    // Chromium keeps every tab visible, so the test plays the browser's part: hidden, then visible.)
    const setVisibility = (state: 'hidden' | 'visible') =>
      first.page.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    await setVisibility('visible');
    await first.page.getByTestId('switch-count').getByText('已切屏 1 次（上限 5 次，达到上限将自动交卷）').waitFor();

    // The phone signs in (one session per account: the desktop's ends) and continues the attempt here.
    const second = await login(env.browser, { width: 390, height: 844 }, true);
    await second.page.goto(`${env.server.url}/my/exams`);
    await second.page.getByTestId(`my-exam-${desktopExam}`).getByRole('button', { name: '继续作答' }).click();
    await second.page.getByText('本场考试正在另一台设备上作答').waitFor();
    await shot(second.page, 'exam-take-21-phone-takeover');
    await second.page.getByRole('button', { name: '在本设备继续作答' }).click();
    await second.page.getByTestId('question-1').waitFor();
    expect(await second.page.getByRole('radio', { name: /十八周岁/ }).isChecked()).toBe(true);
    expect(second.page.url()).toContain(attemptUrl);

    // The desktop's next change cannot be saved there: it is sent to the login page, the change kept on the device.
    await first.page.getByRole('button', { name: /下一题/ }).click();
    await first.page.getByRole('radio', { name: /六十日/ }).click();
    await first.page.waitForURL(/\/login/);
    await first.page.getByText('账号已在其他地方登录').waitFor();
    const kept = await first.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xjkp.exam.attempt.')).map((k) => JSON.parse(localStorage.getItem(k)!)));
    expect(kept).toHaveLength(1);
    expect(kept[0].pending).toEqual([expect.objectContaining({ position: 1, response: { type: 'single', key: 'B' } })]);
    expect(realErrors(second.errors)).toEqual([]);
  });

  it('at the deadline: the 5-minute warning, 考试时间到 and the server submits; the result shows the score', async () => {
    const { exam, ids } = await setUp(env.server.url);
    // Closes in a minute: the attempt's deadline is the close, so the countdown starts under 5 minutes.
    const shortExam = await exam('限时练习', {
      closesAt: new Date(Date.now() + 60_000).toISOString(),
      resultsRelease: 'after_close',
      passMark: 4,
      paper: { mode: 'fixed', fixed: { items: ids.slice(0, 4).map((questionId) => ({ questionId, points: 2 })), shuffleQuestions: false, shuffleOptions: false } },
    });
    const { page, errors } = await login(env.browser, { width: 1440, height: 900 }, false);
    await page.goto(`${env.server.url}/my/exams/${shortExam}`);
    await page.getByText('我已阅读以上须知').click();
    await page.getByRole('button', { name: '开始考试' }).click();
    await page.getByText('距离考试结束不足 5 分钟').waitFor();
    expect(await page.getByTestId('countdown').getAttribute('class')).toContain('exam-countdown--warn');
    await page.getByRole('radio', { name: /十八周岁/ }).click();
    await page.getByRole('button', { name: /下一题/ }).click();
    await page.getByRole('radio', { name: /三十日/ }).click(); // wrong
    await saved(page);
    await shot(page, 'exam-take-31-five-minute-warning');

    await page.getByText('考试时间到，正在交卷…').waitFor({ timeout: 90_000 });
    await shot(page, 'exam-take-32-time-up');
    await page.waitForURL(/\/result$/, { timeout: 30_000 });
    await page.getByTestId('result-score').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('result-score').textContent()).toBe('2');
    expect(await page.getByTestId('result-summary').textContent()).toContain('到时自动交卷');
    await shot(page, 'exam-take-33-result-after-deadline');
    expect(realErrors(errors)).toEqual([]);
  }, 240_000);
});
