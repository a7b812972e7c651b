/**
 * The organiser's results journey. Four people took the annual exam through the API (one left
 * the 简答 blank, one never started); three took a 任前 exam (one failed, one absent). The 考评办
 * organiser grades the essays blind — the grading screen never shows who wrote what — using the
 * rubric quick-picks and the keyboard, then sees the results with the score distribution chart,
 * drills into a unit, exports the roster to Excel, opens a printable 成绩单, publishes the results,
 * and for the 任前 exam prints the 考试结果通知 for the 组织部 and schedules the failures into a
 * new 补考.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journey, shot, watchConsole } from './harness';
import { activeQuestion, Api, firstAdmin, memberApi } from './api';

const ADMIN_PASSWORD = 'Admin#Chosen2026';
const PASSWORD = 'Member#Chosen2026';

const env = journey('exam-results');


interface AttemptItem {
  position: number;
  question: { type: string };
}

const ESSAYS = {
  full: '合法行政：依照法律、法规、规章的规定实施行政管理；合理行政：遵循公平、公正的原则；程序正当：严格遵循法定程序；诚实守信、权责统一。',
  partial: '依法行政要求合法行政、合理行政。',
  blank: '',
};

/**
 * Units 示范区 / 司法局 and 示范区 / 民政局; the organiser 考评办小王; examinees 张一, 李二 (司法局),
 * 王三, 赵四 (民政局). Annual exam: 单选 20 + 判断 20 + 简答 60 (rubric 3 × 20), pass 60.
 * 任前 exam: 单选 50 + 判断 50, pass 60, pass valid 24 months, closed after the attempts.
 */
async function seed(base: string): Promise<{ annualId: number; preId: number }> {
  const admin = await firstAdmin(base, ADMIN_PASSWORD);

  const root = await admin.call<{ id: number }>('POST', '/api/units', { name: '示范区', parentId: null });
  const sfj = await admin.call<{ id: number }>('POST', '/api/units', { name: '司法局', parentId: root.id });
  const mzj = await admin.call<{ id: number }>('POST', '/api/units', { name: '民政局', parentId: root.id });
  const person = async (name: string, employeeNo: string, unitId: number, title: string) => (await admin.call<{ id: number }>('POST', '/api/people', { name, employeeNo, unitId, title })).id;
  const account = (id: number, login: string) => memberApi(admin, base, id, login, PASSWORD);
  const organiser = await person('考评办小王', 'KP1', sfj.id, '科员');
  await admin.call('PUT', `/api/people/${organiser}/roles`, { roles: [{ role: 'organiser' }] });
  await account(organiser, 'KP1');
  const people = [
    { name: '张一', no: 'E1', unit: sfj.id, title: '科长' },
    { name: '李二', no: 'E2', unit: sfj.id, title: '科员' },
    { name: '王三', no: 'E3', unit: mzj.id, title: '副局长' },
    { name: '赵四', no: 'E4', unit: mzj.id, title: '科员' },
  ];
  const ids: number[] = [];
  const clients: Api[] = [];
  for (const p of people) {
    const id = await person(p.name, p.no, p.unit, p.title);
    ids.push(id);
    clients.push(await account(id, p.no));
  }

  await admin.call('PUT', '/api/bank/settings', { reviewRequired: false });
  const options = ['甲', '乙', '丙', '丁'].map((x, i) => ({ key: 'ABCD'[i], html: `${x}选项` }));
  const question = (content: unknown) => activeQuestion(admin, content);
  const single = await question({ type: 'single', stem: '行政机关实施行政处罚应当遵循的原则是？', difficulty: 2, options, answer: { key: 'A' } });
  const tf = await question({ type: 'truefalse', stem: '法律面前人人平等。', difficulty: 1, answer: { value: true } });
  const essay = await question({
    type: 'essay',
    stem: '简述依法行政的基本要求。',
    difficulty: 4,
    answer: {
      referenceHtml: '<p>合法行政、合理行政、程序正当、高效便民、诚实守信、权责统一。</p>',
      rubric: [
        { point: '合法行政', score: 20 },
        { point: '合理行政', score: 20 },
        { point: '程序正当、诚实守信、权责统一', score: 20 },
      ],
    },
  });

  const now = Date.now();
  const exam = async (title: string, kind: string, items: { questionId: number; points: number }[], roster: number[], extra: object = {}) => {
    const e = await admin.call<{ id: number }>('POST', '/api/exams', {
      title,
      kind,
      year: 2026,
      opensAt: new Date(now - 5 * 60_000).toISOString(),
      closesAt: new Date(now + 3 * 3600_000).toISOString(),
      durationMinutes: 60,
      passMark: 60,
      resultsRelease: 'published',
      paper: { mode: 'fixed', fixed: { items, shuffleOptions: false } },
      ...extra,
    });
    await admin.call('POST', `/api/exams/${e.id}/roster`, { personIds: roster });
    await admin.call('POST', `/api/exams/${e.id}/publish`, {});
    return e.id;
  };
  const annualId = await exam(
    '2026年度学法考试',
    'annual',
    [
      { questionId: single, points: 20 },
      { questionId: tf, points: 20 },
      { questionId: essay, points: 60 },
    ],
    ids,
  );
  const preId = await exam(
    '2026年第一批任前法律知识考试',
    'pre_appointment',
    [
      { questionId: single, points: 50 },
      { questionId: tf, points: 50 },
    ],
    ids.slice(0, 3),
    { passValidMonths: 24 },
  );

  /** Takes an exam through the API: single → key, truefalse → value, essay → text. */
  const take = async (api: Api, examId: number, answers: { key: string; value: boolean; text: string }, device: string) => {
    const view = await api.call<{ id: number; items: AttemptItem[] }>('POST', `/api/my/exams/${examId}/start`, { deviceId: device });
    const saves = view.items.map((it, i) => ({
      position: it.position,
      seq: i + 1,
      response:
        it.question.type === 'single'
          ? { type: 'single', key: answers.key }
          : it.question.type === 'truefalse'
            ? { type: 'truefalse', value: answers.value }
            : { type: 'essay', text: answers.text },
    }));
    await api.call('PUT', `/api/my/attempts/${view.id}/answers`, { deviceId: device, saves });
    // 李二 copies something and leaves the exam window once: the organiser sees it in the attempt's record
    if (device === 'device-e2-annual') {
      await api.call('POST', `/api/my/attempts/${view.id}/events`, { deviceId: device, kind: 'copy', detail: '复制了题干' });
      await api.call('POST', `/api/my/attempts/${view.id}/events`, { deviceId: device, kind: 'hidden' });
    }
    await api.call('POST', `/api/my/attempts/${view.id}/submit`, { deviceId: device });
  };
  // 张一 all right + a full essay; 李二 half right + a partial essay; 王三 wrong + blank essay (0, failed at once); 赵四 absent.
  await take(clients[0], annualId, { key: 'A', value: true, text: ESSAYS.full }, 'device-e1-annual');
  await take(clients[1], annualId, { key: 'A', value: false, text: ESSAYS.partial }, 'device-e2-annual');
  await take(clients[2], annualId, { key: 'B', value: false, text: ESSAYS.blank }, 'device-e3-annual');
  // 任前: 张一 100 (passed), 李二 50 (failed), 王三 absent
  await take(clients[0], preId, { key: 'A', value: true, text: '' }, 'device-e1-pre');
  await take(clients[1], preId, { key: 'A', value: false, text: '' }, 'device-e2-pre');
  await admin.call('POST', `/api/exams/${preId}/close`, {});
  return { annualId, preId };
}

async function login(page: Page) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('登录名/工号/身份证号/手机号').fill('KP1');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('header-user').waitFor();
}

const NAMES = ['张一', '李二', '王三', '赵四'];

describe('exam results journey', () => {
  it('organiser grades essays blind, sees results with the chart, exports, prints the 成绩单 and the 任前 notice, schedules a 补考', async () => {
    const { annualId, preId } = await seed(env.server.url);
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await login(page);

    // 1. 考试管理 → the annual exam → 阅卷: one 简答 question with the submitted answers to grade.
    await page.getByRole('menuitem', { name: '考试管理' }).click();
    await page.getByRole('link', { name: '2026年度学法考试' }).click();
    await page.getByRole('tab', { name: '阅卷' }).click();
    const queue = page.getByTestId('grading-queue');
    await queue.getByText('简述依法行政的基本要求').waitFor();
    await shot(page, 'exam-results-01-grading-queue');
    await queue.getByRole('button', { name: /阅卷：题目/ }).click();
    await page.waitForURL(/\/exams\/\d+\/grading\/\d+$/);

    // 2. The blind grading screen: answer, reference answer and rubric side by side; no names anywhere.
    await page.getByTestId('grading-answer').waitFor();
    await expect.poll(() => page.getByTestId('grading-reference').textContent()).toContain('程序正当');
    const total = Number(/我已评 0 \/ (\d+) 份/.exec((await page.getByTestId('grading-progress').textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(2);
    const body = await page.locator('body').innerText();
    for (const n of NAMES) expect(body).not.toContain(n);
    await shot(page, 'exam-results-02-grading-screen');

    const graded: Record<string, number> = {};
    for (let i = 0; i < total; i++) {
      const text = (await page.getByTestId('grading-answer').innerText()).trim();
      if (text === ESSAYS.full) {
        // all three rubric points ticked → 60, saved with Ctrl+Enter from the comment box
        for (const point of ['合法行政', '合理行政', '程序正当、诚实守信、权责统一']) await page.getByRole('checkbox', { name: new RegExp(point) }).check();
        await expect.poll(() => page.locator('#grade-score').inputValue()).toBe('60.0');
        await page.getByLabel('评语（可选）').fill('要点齐全');
        await page.keyboard.press('Control+Enter');
        graded.full = 60;
      } else if (text === ESSAYS.partial) {
        // a score typed with half points, saved with Enter in the score box
        await page.locator('#grade-score').fill('25.5');
        await page.locator('#grade-score').press('Enter');
        graded.partial = 25.5;
      } else {
        // the blank answer: a quick score
        expect(text).toBe('（考生未作答）');
        await page.getByRole('button', { name: '0分', exact: true }).click();
        await page.getByRole('button', { name: '保存并下一份' }).click();
        graded.blank = 0;
      }
      await expect.poll(async () => (await page.getByTestId('grading-progress').textContent()) ?? '').toContain(`我已评 ${i + 1} / ${total} 份`);
    }
    expect(graded).toMatchObject({ full: 60, partial: 25.5 });
    await page.getByText('这道题的答卷已全部评完').waitFor();
    await shot(page, 'exam-results-03-grading-done');

    // 3. 成绩: 张一 100 (通过), 李二 45.5 (未通过), 王三 0 (未通过), 赵四 未参加.
    await page.getByRole('button', { name: '返回阅卷列表' }).first().click();
    await page.getByRole('tab', { name: '成绩' }).click();
    await expect.poll(() => page.getByTestId('results-card-participation').textContent()).toContain('75.0%');
    await expect.poll(() => page.getByTestId('results-card-pass').textContent()).toContain('33.3%');
    await expect.poll(() => page.getByTestId('results-card-range').textContent()).toContain('100 / 0');
    // the chart is drawn: one bar per band with someone in it (0–10, 40–50, 90–100)
    const chart = page.getByTestId('results-chart');
    await chart.locator('svg').waitFor();
    expect(await chart.getAttribute('aria-label')).toContain('90至100分1人');
    expect(await chart.getAttribute('aria-label')).toContain('40至50分1人');
    const rows = page.getByTestId('results-rows');
    const row = (name: string) => rows.locator('tr', { hasText: name });
    await expect.poll(() => row('张一').textContent()).toMatch(/通过.*100/);
    await expect.poll(() => row('李二').textContent()).toMatch(/未通过.*45\.5/);
    expect(await row('赵四').textContent()).toContain('未参加');
    await shot(page, 'exam-results-04-results');

    // the name opens the attempt's record: what 李二 did, in order, ending with the submission
    await rows.getByRole('button', { name: '李二的作答记录' }).click();
    const record = page.locator('.ant-drawer', { hasText: '作答详情 — 李二' });
    await record.getByText('切换标签页/应用').waitFor();
    const timeline = await record.locator('.exam-attempt-timeline').innerText();
    expect(timeline.indexOf('复制')).toBeLessThan(timeline.indexOf('切换标签页/应用'));
    expect(timeline.indexOf('切换标签页/应用')).toBeLessThan(timeline.indexOf('考生交卷'));
    expect(await record.locator('tr', { hasText: '切屏' }).textContent()).toContain('1 次');
    await shot(page, 'exam-results-04b-attempt-record');
    await page.keyboard.press('Escape');
    await record.waitFor({ state: 'hidden' });

    // drill down: 民政局 → only 王三 and 赵四
    await page.getByTestId('results-units').getByRole('button', { name: '民政局' }).click();
    await page.getByText('当前查看：示范区 / 民政局').waitFor();
    await expect.poll(() => rows.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await rows.textContent()).not.toContain('张一');
    await shot(page, 'exam-results-05-unit-drilldown');
    await page.getByRole('button', { name: '查看全部' }).click();
    await expect.poll(() => rows.locator('tbody tr.ant-table-row').count()).toBe(4);

    // Excel export: the roster comes back with the scores
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map((v) => String(v ?? '')));
    for (const n of NAMES) expect(cells).toContain(n);
    expect(cells).toContain('45.5');

    // 成绩单: a printable page in a new tab
    const [report] = await Promise.all([ctx.waitForEvent('page'), row('李二').getByRole('link', { name: '李二的成绩单' }).click()]);
    await report.waitForLoadState();
    const reportText = await report.locator('body').innerText();
    expect(reportText).toContain('李二');
    expect(reportText).toContain('45.5');
    await shot(report, 'exam-results-06-score-report');
    await report.close();

    // 发布成绩
    await page.getByRole('button', { name: '发布成绩' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText(/成绩已于 .* 发布/).waitFor();

    // 4. The 任前 exam: 通过 1, 未通过 1, 缺考 1; the notice for the 组织部 in a new tab.
    await page.goto(`${env.server.url}/exams/${preId}?tab=candidates`);
    const table = page.getByTestId('candidates-table');
    await expect.poll(() => table.locator('tr', { hasText: '张一' }).textContent()).toContain('通过');
    expect(await table.locator('tr', { hasText: '李二' }).textContent()).toContain('未通过');
    expect(await table.locator('tr', { hasText: '王三' }).textContent()).toContain('缺考');
    expect(await page.getByTestId('candidates-passed').textContent()).toContain('1');
    await shot(page, 'exam-results-07-candidates');
    const [notice] = await Promise.all([ctx.waitForEvent('page'), page.getByRole('link', { name: '打印考试结果通知' }).click()]);
    await notice.waitForLoadState();
    const noticeText = await notice.locator('body').innerText();
    expect(noticeText).toContain('考试结果通知');
    expect(noticeText).toContain('未通过者不得列入拟提拔人选');
    for (const n of ['张一', '李二', '王三']) expect(noticeText).toContain(n);
    await shot(notice, 'exam-results-08-notice');
    await notice.close();

    // 5. 安排补考: a new makeup with the same paper; 李二 (未通过) and 王三 (缺考) are added, 张一 is not.
    await page.getByRole('button', { name: '安排补考' }).click();
    const dialog = page.getByRole('dialog', { name: '安排补考' });
    await dialog.getByText('将安排 2 人参加补考').waitFor();
    await dialog.getByPlaceholder('开考时间').click();
    await dialog.getByPlaceholder('开考时间').fill('2026-12-01 09:00');
    await page.keyboard.press('Enter');
    await dialog.getByPlaceholder('截止时间').fill('2026-12-02 18:00');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: '安排补考' }).click();
    await dialog.getByText('已将 2 人加入补考名单').waitFor();
    const added = (await dialog.locator('tbody').textContent()) ?? '';
    expect(added).toContain('李二');
    expect(added).toContain('王三');
    expect(added).not.toContain('张一');
    await shot(page, 'exam-results-09-makeup');

    expect(annualId).toBeGreaterThan(0);
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
