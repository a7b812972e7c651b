import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionResponse } from '../../src/common/bank';
import type { ResultsView } from '../../src/common/exam-results';
import { attemptAnswers, examAttempts, exams } from '../../src/server/modules/exam/schema';
import { scoreAttempt } from '../../src/server/modules/exam/scoring';
import { auditLog } from '../../src/server/platform/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';
import { createActiveQuestions, insertPublishedExam, type PublishedExam } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let unitAdmin: Client;
let exam: PublishedExam;
const u: Record<string, number> = {};
const person: Record<string, number> = {};

const tf = (value: boolean | null): QuestionResponse => ({ type: 'truefalse', value });
/** five 判断 answered: the first `right` correctly (key is true), the rest wrongly */
const answers = (right: number) => Array.from({ length: 5 }, (_, i) => tf(i < right));

/** An attempt written directly (answers in original keys), scored with the shared scorer when submitted. */
async function attempt(name: string, attemptNo: number, responses: (QuestionResponse | null)[], submitted = true, switchCount = 0): Promise<number> {
  const db = t.ctx.db;
  const personId = person[name];
  const paperId = exam.papers.get(personId)![attemptNo - 1];
  const started = new Date(Date.now() - 3000_000 + attemptNo * 60_000);
  const [a] = await db
    .insert(examAttempts)
    .values({
      examId: exam.examId,
      personId,
      attemptNo,
      paperId,
      status: submitted ? 'submitted' : 'in_progress',
      startedAt: started,
      deadlineAt: new Date(started.getTime() + 3600_000),
      submittedAt: submitted ? new Date(started.getTime() + 600_000) : null,
      submitReason: submitted ? 'manual' : null,
      switchCount,
    })
    .returning({ id: examAttempts.id });
  const rows = responses.flatMap((response, position) => (response ? [{ attemptId: a.id, position, seq: position + 1, response }] : []));
  if (rows.length) await db.insert(attemptAnswers).values(rows);
  if (submitted) await scoreAttempt(db, a.id);
  return a.id;
}

async function setScoring(mode: 'best' | 'last') {
  await t.ctx.db
    .update(exams)
    .set({ settings: sql`jsonb_set(${exams.settings}, '{attemptScoring}', ${JSON.stringify(mode)}::jsonb)` })
    .where(eq(exams.id, exam.examId));
}

async function results(c: Client, query = ''): Promise<ResultsView> {
  const res = await c.get(`/api/exams/${exam.examId}/results${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.甲 = (await admin.post('/api/units', { name: '甲局', parentId: u.区 })).json().id;
  u.乙 = (await admin.post('/api/units', { name: '乙局', parentId: u.区 })).json().id;
  const staff: [string, string][] = [
    ['甲一', '甲'],
    ['甲二', '甲'],
    ['甲三', '甲'],
    ['甲四', '甲'],
    ['乙一', '乙'],
    ['乙二', '乙'],
    ['乙三', '乙'],
  ];
  for (const [i, [name, unit]] of staff.entries()) {
    const res = await admin.post('/api/people', { name, employeeNo: `e${i + 1}`, unitId: u[unit], title: `${unit}局科员` });
    expect(res.statusCode, res.body).toBe(200);
    person[name] = res.json().id;
  }
  // 单位管理员 of 甲局 (not on the roster)
  const ua = (await admin.post('/api/people', { name: '甲局管理员', employeeNo: 'ua01', unitId: u.甲 })).json();
  expect((await admin.put(`/api/people/${ua.id}/roles`, { roles: [{ role: 'unit_admin', unitId: u.甲 }] })).statusCode).toBe(200);
  const otp = (await admin.post(`/api/people/${ua.id}/reset-password`)).json().oneTimePassword;
  unitAdmin = new Client(t.app);
  await unitAdmin.login('ua01', otp);
  expect((await unitAdmin.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Unit#Admin1' })).statusCode).toBe(200);

  const questions = await createActiveQuestions(
    admin,
    ['行政机关应当依法行政。', '公民享有宪法规定的权利。', '行政处罚应当公开。', '法律面前人人平等。', '行政复议可以依申请启动。'].map((stem) => ({
      type: 'truefalse' as const,
      stem,
      difficulty: 2,
      answer: { value: true },
    })),
  );
  // 5 判断 × 2 points = 10, pass mark 6, two attempts allowed
  exam = await insertPublishedExam(t, {
    questions,
    personIds: Object.values(person),
    papersPerPerson: 2,
    settings: { passMark: 6, maxAttempts: 2, attemptScoring: 'best', title: '2026年度学法考试' },
  });
  await attempt('甲一', 1, answers(5)); // 10 passed
  await attempt('甲二', 1, answers(3)); // 6 passed (exactly the pass mark)
  await attempt('甲三', 1, answers(2), true, 4); // 4 failed, 4 switches
  await attempt('甲四', 1, answers(1), false); // running
  await attempt('乙一', 1, answers(4)); // 8 passed …
  await attempt('乙一', 2, answers(1)); // … then 2: best 8 (passed), last 2 (failed)
  // 乙二 never started
  await attempt('乙三', 1, [null, null, null, null, null]); // 0 failed (blank)
});
afterAll(() => t.close());

describe('results', () => {
  it('counts, rates, statistics and distribution on a known set of attempts (best attempt counts)', async () => {
    await setScoring('best');
    const r = await results(admin, '?pageSize=50');
    const s = r.summary;
    expect(s.rosterSize).toBe(7);
    expect(s.counts).toEqual({ not_started: 1, in_progress: 1, submitted: 0, grading: 0, passed: 3, failed: 2 });
    expect(s.participated).toBe(5);
    expect(s.participationRate).toBeCloseTo(5 / 7, 4);
    expect(s.passRate).toBe(0.6);
    // scores 10, 6, 4, 8, 0
    expect(s.mean).toBe(5.6);
    expect(s.median).toBe(6);
    expect(s.min).toBe(0);
    expect(s.max).toBe(10);
    expect(s.stdev).toBe(3.44); // sqrt(59.2 / 5)
    expect(s.distribution).toHaveLength(10);
    expect(s.distribution.map((b) => b.count)).toEqual([1, 0, 0, 0, 1, 0, 1, 0, 1, 1]);
    expect(s.distribution[9]).toEqual({ from: 9, to: 10, count: 1 });

    const byName = new Map(r.rows.items.map((x) => [x.name, x]));
    expect(byName.get('乙一')).toMatchObject({ status: 'passed', score: 8, attempts: 2, unitName: '乙局' });
    expect(byName.get('甲二')).toMatchObject({ status: 'passed', score: 6 });
    expect(byName.get('甲三')).toMatchObject({ status: 'failed', score: 4, switchCount: 4, submitReason: 'manual' });
    expect(byName.get('甲四')).toMatchObject({ status: 'in_progress', score: null, attempts: 1 });
    expect(byName.get('乙二')).toMatchObject({ status: 'not_started', score: null, attempts: 0, attemptId: null });

    const units = new Map(r.byUnit.map((x) => [x.unitName, x]));
    expect(units.get('甲局')).toMatchObject({ rosterSize: 4, participated: 3, passed: 2, passRate: 0.6667, mean: 6.67, unitPath: '某区 / 甲局' });
    expect(units.get('乙局')).toMatchObject({ rosterSize: 3, participated: 2, passed: 1, passRate: 0.5, mean: 4 });
  });

  it('the last attempt counts when the exam says so', async () => {
    await setScoring('last');
    const r = await results(admin, '?pageSize=50');
    expect(r.exam.attemptScoring).toBe('last');
    expect(r.rows.items.find((x) => x.name === '乙一')).toMatchObject({ status: 'failed', score: 2 });
    expect(r.summary.counts.passed).toBe(2);
    expect(r.summary.counts.failed).toBe(3);
    expect(r.summary.passRate).toBe(0.4);
    expect(r.summary.mean).toBe(4.4); // 10, 6, 4, 2, 0
    expect(r.summary.median).toBe(4);
    await setScoring('best');
  });

  it('filters rows by status, name and unit subtree; pages', async () => {
    const failed = await results(admin, '?status=failed');
    expect(failed.rows.items.map((x) => x.name).sort()).toEqual(['乙三', '甲三']);
    expect(failed.summary.rosterSize).toBe(7); // the summary is not narrowed by status
    expect((await results(admin, '?q=甲二')).rows.items.map((x) => x.name)).toEqual(['甲二']);
    const yi = await results(admin, `?unitId=${u.乙}`);
    expect(yi.summary.rosterSize).toBe(3);
    expect(yi.rows.items.every((x) => x.unitName === '乙局')).toBe(true);
    const page2 = await results(admin, '?pageSize=3&page=2');
    expect(page2.rows.total).toBe(7);
    expect(page2.rows.items).toHaveLength(3);
    expect(page2.rows.page).toBe(2);
  });

  it('a unit admin sees only their subtree: rows, summary, export and reports', async () => {
    const r = await results(unitAdmin, '?pageSize=50');
    expect(r.rows.items.map((x) => x.name).sort()).toEqual(['甲一', '甲三', '甲二', '甲四']);
    expect(r.summary.rosterSize).toBe(4);
    expect(r.byUnit.map((x) => x.unitName)).toEqual(['甲局']);
    expect(JSON.stringify(r)).not.toContain('乙');
    expect((await unitAdmin.get(`/api/exams/${exam.examId}/results?unitId=${u.乙}`)).statusCode).toBe(404);
    expect((await unitAdmin.get(`/api/exams/${exam.examId}/report/${person['乙一']}`)).statusCode).toBe(404);
    expect((await unitAdmin.get(`/api/exams/${exam.examId}/report/${person['甲一']}`)).statusCode).toBe(200);
    const x = await unitAdmin.get(`/api/exams/${exam.examId}/results.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('成绩名单')!.rowCount).toBe(5);
    // unit admins read; they do not publish, grade or re-grade
    expect((await unitAdmin.post(`/api/exams/${exam.examId}/publish-results`)).statusCode).toBe(403);
    expect((await unitAdmin.get(`/api/exams/${exam.examId}/grading`)).statusCode).toBe(403);
    expect((await unitAdmin.post(`/api/exams/${exam.examId}/regrade`, { questionId: 1, reason: '更正' })).statusCode).toBe(403);
  });

  it('the Excel export parses back with the roster, per-unit and summary sheets', async () => {
    const res = await admin.get(`/api/exams/${exam.examId}/results.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('2026年度学法考试-成绩.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const roster = wb.getWorksheet('成绩名单')!;
    const header = (roster.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '姓名', '工号', '单位', '职务', '职级', '状态', '成绩', '作答次数', '交卷时间', '交卷方式', '切屏次数']);
    expect(roster.rowCount).toBe(8);
    const rows = new Map<string, unknown[]>();
    roster.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(2).value), (row.values as unknown[]).slice(1));
    });
    expect(rows.get('乙一')!.slice(3, 9)).toEqual(['某区/乙局', '乙局科员', '', '通过', 8, 2]);
    expect(rows.get('乙二')![6]).toBe('未参加');
    expect(rows.get('甲三')![10]).toBe('考生交卷');
    const perUnit = wb.getWorksheet('单位统计')!;
    expect(perUnit.rowCount).toBe(3);
    expect((perUnit.getRow(2).values as unknown[]).slice(1)).toEqual(['某区 / 甲局', 4, 3, '75.0%', 2, '66.7%', 6.67]);
    const summary = new Map<string, unknown>();
    wb.getWorksheet('汇总')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('应考人数')).toBe(7);
    expect(summary.get('参考率')).toBe('71.4%');
    expect(summary.get('通过率')).toBe('60.0%');
    expect(summary.get('平均分')).toBe(5.6);
    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'exam.results_export')).limit(1);
    expect(row.summary).toContain('2026年度学法考试');
  });

  it('prints one examinee’s score report with the per-type breakdown', async () => {
    const res = await admin.get(`/api/exams/${exam.examId}/report/${person['甲三']}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    for (const s of ['考试成绩单', '甲三', '某区 / 甲局', '甲局科员', '2026年度学法考试', '4 分（满分 10 分）', '6 分', '未通过', '判断题', '@page', 'size: A4'])
      expect(html, s).toContain(s);
    expect(html).not.toContain('<script');
    const absent = await admin.get(`/api/exams/${exam.examId}/report/${person['乙二']}`);
    expect(absent.body).toContain('缺考');
    // not on this roster
    const outsider = (await admin.post('/api/people', { name: '局外人', employeeNo: 'out1', unitId: u.甲 })).json();
    expect((await admin.get(`/api/exams/${exam.examId}/report/${outsider.id}`)).statusCode).toBe(404);
  });

  it('publishes results once the exam is published, audited', async () => {
    const res = await admin.post(`/api/exams/${exam.examId}/publish-results`);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.ctx.db.select({ at: exams.resultsPublishedAt }).from(exams).where(eq(exams.id, exam.examId));
    expect(row.at?.toISOString()).toBe(res.json().resultsPublishedAt);
    expect((await results(admin)).exam.resultsPublishedAt).toBe(res.json().resultsPublishedAt);
    const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'exam.publish_results'), eq(auditLog.entityId, String(exam.examId))));
    expect(audits).toHaveLength(1);
  });

  it('answers every bad input with a 4xx and the field path', async () => {
    const bad = async (url: string, status: number, path?: string) => {
      const res = await admin.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
      if (path) expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    };
    await bad(`/api/exams/${exam.examId}/results?status=done`, 400, 'querystring.status');
    await bad(`/api/exams/${exam.examId}/results?pageSize=0`, 400, 'querystring.pageSize');
    await bad(`/api/exams/${exam.examId}/results?unitId=abc`, 400, 'querystring.unitId');
    await bad(`/api/exams/${exam.examId}/results?unitId=99999`, 404);
    await bad('/api/exams/abc/results', 400, 'params.id');
    await bad('/api/exams/99999/results', 404);
    await bad('/api/exams/99999/results.xlsx', 404);
    await bad(`/api/exams/${exam.examId}/report/0`, 400, 'params.personId');
    expect((await admin.post('/api/exams/99999/publish-results')).statusCode).toBe(404);
    const member = new Client(t.app);
    expect((await member.get(`/api/exams/${exam.examId}/results`)).statusCode).toBe(401);
  });
});
