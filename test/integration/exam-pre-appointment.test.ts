import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionResponse } from '../../src/common/bank';
import type { CandidatesView, PreAppointmentHistory, ScheduleMakeupResult } from '../../src/common/exam-results';
import { attemptAnswers, examAttempts, examCandidates, examPapers, exams } from '../../src/server/modules/exam/schema';
import { scoreAttempt } from '../../src/server/modules/exam/scoring';
import { auditLog } from '../../src/server/platform/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';
import { createActiveQuestions, insertPublishedExam, setExamWindow, type ActiveQuestion, type PublishedExam } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let questions: ActiveQuestion[];
let pre: PublishedExam;
let makeup: PublishedExam;
let annual: PublishedExam;
const u: Record<string, number> = {};
const person: Record<string, number> = {};
const HOUR = 3600_000;

const answers = (right: number): QuestionResponse[] => Array.from({ length: 5 }, (_, i) => ({ type: 'truefalse', value: i < right }));

async function attempt(exam: PublishedExam, name: string, right: number, submittedAt: Date): Promise<number> {
  const db = t.ctx.db;
  const personId = person[name];
  let paperId = exam.papers.get(personId)?.[0];
  if (!paperId) {
    [{ id: paperId }] = await db.insert(examPapers).values({ examId: exam.examId, personId, attemptNo: 1, seed: personId, items: exam.items, expectedScore: 7 }).returning({ id: examPapers.id });
  }
  const [a] = await db
    .insert(examAttempts)
    .values({ examId: exam.examId, personId, attemptNo: 1, paperId, status: 'submitted', startedAt: new Date(submittedAt.getTime() - 600_000), deadlineAt: submittedAt, submittedAt, submitReason: 'manual' })
    .returning({ id: examAttempts.id });
  await db.insert(attemptAnswers).values(answers(right).map((response, position) => ({ attemptId: a.id, position, seq: position + 1, response })));
  await scoreAttempt(db, a.id);
  return a.id;
}

const submittedAt = new Date(Date.UTC(2026, 0, 31, 3, 0)); // 31 Jan: +1 month is clamped, +12 months is 31 Jan

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.局 = (await admin.post('/api/units', { name: '区司法局', parentId: u.区 })).json().id;
  u.镇 = (await admin.post('/api/units', { name: '某镇', parentId: u.区 })).json().id;
  for (const [i, name] of ['陈通过', '林及格', '黄未过', '吴缺考', '郑零分'].entries())
    person[name] = (await admin.post('/api/people', { name, employeeNo: `c${i + 1}`, unitId: u.局, title: '副科长' })).json().id;
  questions = await createActiveQuestions(
    admin,
    ['依法行政是基本要求。', '行政处罚应当公开。', '法律面前人人平等。', '行政复议可以依申请启动。', '公民享有宪法规定的权利。'].map((stem) => ({
      type: 'truefalse' as const,
      stem,
      difficulty: 2,
      answer: { value: true },
    })),
  );
  const base = { questions, personIds: Object.values(person), opensAt: new Date(Date.now() - 2 * HOUR), closesAt: new Date(Date.now() + HOUR) };
  pre = await insertPublishedExam(t, {
    ...base,
    settings: { kind: 'pre_appointment', title: '2026年第一批任前法律知识考试', passMark: 6, passValidMonths: 12 },
  });
  await attempt(pre, '陈通过', 5, submittedAt); // 10 通过
  await attempt(pre, '林及格', 3, submittedAt); // 6 通过
  await attempt(pre, '黄未过', 2, submittedAt); // 4 未通过
  await attempt(pre, '郑零分', 0, submittedAt); // 0 未通过; 吴缺考 never starts
  makeup = await insertPublishedExam(t, {
    questions,
    personIds: [person.郑零分], // already on the makeup roster
    opensAt: new Date(Date.now() + 24 * HOUR),
    closesAt: new Date(Date.now() + 26 * HOUR),
    settings: { kind: 'makeup', makeupOfExamId: pre.examId, title: '任前考试补考', passMark: 6 },
  });
  // the fixture keeps makeupOfExamId in settings only; the column is what publishing writes
  await t.ctx.db.update(exams).set({ makeupOfExamId: pre.examId }).where(eq(exams.id, makeup.examId));
  annual = await insertPublishedExam(t, { ...base, personIds: [person.陈通过], settings: { kind: 'annual', title: '年度考试' } });
});
afterAll(() => t.close());

describe('凡提必考', () => {
  it('lists every candidate with 通过/未通过/待考, score and how long a pass is valid', async () => {
    const res = await admin.get(`/api/exams/${pre.examId}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const v: CandidatesView = res.json();
    expect(v.exam).toMatchObject({ kind: 'pre_appointment', passMark: 6, passValidMonths: 12 });
    // the exam is still open: someone who has not started yet is 待考, not 缺考
    expect(v.counts).toEqual({ passed: 2, failed: 2, absent: 0, grading: 0, in_progress: 0, pending: 1 });
    const rows = new Map(v.rows.map((r) => [r.name, r]));
    expect(rows.get('陈通过')).toMatchObject({ outcome: 'passed', score: 10, validUntil: '2027-01-31T03:00:00.000Z', unitName: '区司法局', title: '副科长' });
    expect(rows.get('林及格')).toMatchObject({ outcome: 'passed', score: 6 });
    expect(rows.get('黄未过')).toMatchObject({ outcome: 'failed', score: 4, validUntil: null });
    expect(rows.get('吴缺考')).toMatchObject({ outcome: 'pending', score: null, submittedAt: null });
    expect(v.makeupExams.map((m) => m.id)).toEqual([makeup.examId]);

    const notAPre = await admin.get(`/api/exams/${annual.examId}/candidates`);
    expect(notAPre.statusCode).toBe(400);
    expect(notAPre.json().error.issues[0].path).toBe('id');
    expect((await admin.get('/api/exams/99999/candidates')).statusCode).toBe(404);
    // the makeup of a 任前 exam has a pass list too
    expect((await admin.get(`/api/exams/${makeup.examId}/candidates`)).json().rows).toHaveLength(1);
  });

  it('counts 缺考 once the person’s own window has ended, and 考试中 while an attempt runs', async () => {
    const outcomeOf = async (name: string) => ((await admin.get(`/api/exams/${pre.examId}/candidates`)).json() as CandidatesView).rows.find((r) => r.name === name)!.outcome;
    const cand = and(eq(examCandidates.examId, pre.examId), eq(examCandidates.personId, person.吴缺考));
    await t.ctx.db.update(examCandidates).set({ closesAtOverride: new Date(Date.now() - 1000) }).where(cand);
    expect(await outcomeOf('吴缺考')).toBe('absent');
    await t.ctx.db.update(examCandidates).set({ closesAtOverride: null }).where(cand);
    expect(await outcomeOf('吴缺考')).toBe('pending');
    const [running] = await t.ctx.db
      .insert(examAttempts)
      .values({ examId: pre.examId, personId: person.吴缺考, attemptNo: 1, paperId: pre.papers.get(person.吴缺考)![0], status: 'in_progress', startedAt: new Date(), deadlineAt: new Date(Date.now() + HOUR) })
      .returning({ id: examAttempts.id });
    expect(await outcomeOf('吴缺考')).toBe('in_progress');
    await t.ctx.db.delete(examAttempts).where(eq(examAttempts.id, running.id));
  });

  it('prints the 考试结果通知 for the 组织部 listing the failures, and 待考 while the exam is open', async () => {
    const open = (await admin.get(`/api/exams/${pre.examId}/notice`)).body;
    expect(open).toContain('应考5人，通过2人，未通过2人，缺考0人，待考1人');
    expect(open).toMatch(/吴缺考<\/td>.*?<td class="num">—<\/td><td class="num">待考/);
    await t.ctx.db.update(exams).set({ status: 'closed', closedAt: new Date() }).where(eq(exams.id, pre.examId));
    const res = await admin.get(`/api/exams/${pre.examId}/notice`);
    await t.ctx.db.update(exams).set({ status: 'published', closedAt: null }).where(eq(exams.id, pre.examId));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    for (const s of ['考试结果通知', '区委组织部', '2026年第一批任前法律知识考试', '应考5人，通过2人，未通过2人，缺考1人', '未通过者不得列入拟提拔人选', '考评办', '@page'])
      expect(html, s).toContain(s);
    for (const h of ['序号', '姓名', '单位', '职务', '成绩', '结论']) expect(html).toContain(`>${h}</th>`);
    expect(html).toMatch(/黄未过<\/td><td>区司法局<\/td><td>副科长<\/td><td class="num">4<\/td><td class="num">未通过/);
    expect(html).toMatch(/吴缺考<\/td>.*?<td class="num">—<\/td><td class="num">缺考/);
    expect(html).toMatch(/陈通过<\/td>.*?<td class="num">10<\/td><td class="num">通过/);
    expect((await admin.get(`/api/exams/${annual.examId}/notice`)).statusCode).toBe(400);
  });

  it('schedules failures and absentees into the 补考 — never a pass — once the exam has ended', async () => {
    const url = `/api/exams/${pre.examId}/schedule-makeup`;
    const early = await admin.post(url, { makeupExamId: makeup.examId });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.issues[0].path).toBe('id');
    await setExamWindow(t, pre.examId, { closesAt: new Date(Date.now() - 1000) });

    for (const body of [{ makeupExamId: annual.examId }, { makeupExamId: 99999 }, { makeupExamId: pre.examId }]) {
      const res = await admin.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.issues[0].path).toBe('makeupExamId');
    }
    const missing = await admin.post(url, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues[0].path).toBe('makeupExamId');

    const res = await admin.post(url, { makeupExamId: makeup.examId });
    expect(res.statusCode, res.body).toBe(200);
    const r: ScheduleMakeupResult = res.json();
    expect(r.added.map((a) => [a.name, a.outcome]).sort()).toEqual([['吴缺考', 'absent'], ['黄未过', 'failed']].sort());
    expect(r.alreadyOnRoster).toBe(1); // 郑零分
    const roster = await t.ctx.db.select().from(examCandidates).where(eq(examCandidates.examId, makeup.examId));
    expect(roster.map((c) => c.personId).sort()).toEqual([person.黄未过, person.吴缺考, person.郑零分].sort());
    expect(roster.find((c) => c.personId === person.黄未过)!.source).toBe('makeup');
    const again: ScheduleMakeupResult = (await admin.post(url, { makeupExamId: makeup.examId })).json();
    expect(again.added).toEqual([]);
    expect(again.alreadyOnRoster).toBe(3);
    const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'exam.schedule_makeup'), eq(auditLog.entityId, String(makeup.examId))));
    expect(audits).toHaveLength(2);
  });

  it('a person’s 任前 history says whether a pass is valid today', async () => {
    const get = async (name: string, c = admin) => {
      const res = await c.get(`/api/people/${person[name]}/pre-appointment`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as PreAppointmentHistory;
    };
    const passed = await get('陈通过');
    const stillValid = Date.now() < Date.parse('2027-01-31T03:00:00.000Z');
    expect(passed).toMatchObject({ name: '陈通过', hasValidPass: stillValid, validUntil: stillValid ? '2027-01-31T03:00:00.000Z' : null });
    expect(passed.exams.map((e) => e.examId)).toEqual([pre.examId]); // the annual exam is not a 任前 exam

    // a failure who then passes the 补考 has a valid pass from the makeup
    const failed = await get('黄未过');
    expect(failed.hasValidPass).toBe(false);
    expect(failed.exams.map((e) => [e.examId, e.outcome])).toEqual([
      [makeup.examId, 'pending'], // the 补考 has not opened yet
      [pre.examId, 'failed'],
    ]);
    await attempt(makeup, '黄未过', 4, new Date());
    const after = await get('黄未过');
    expect(after.hasValidPass).toBe(true);
    expect(after.exams[0]).toMatchObject({ examId: makeup.examId, outcome: 'passed', score: 8, valid: true });
    // the makeup sets no validity of its own: the 任前 exam's 12 months apply
    expect(Date.parse(after.validUntil!) - Date.now()).toBeGreaterThan(360 * 24 * HOUR);

    // a pass older than its validity is no longer valid
    await t.ctx.db
      .update(examAttempts)
      .set({ submittedAt: new Date(Date.now() - 400 * 24 * HOUR) })
      .where(and(eq(examAttempts.examId, pre.examId), eq(examAttempts.personId, person.陈通过)));
    const expired = await get('陈通过');
    expect(expired.hasValidPass).toBe(false);
    expect(expired.exams[0]).toMatchObject({ outcome: 'passed', valid: false });
  });

  it('is scope-checked like people, and refuses bad input', async () => {
    const p = (await admin.post('/api/people', { name: '镇管理员', employeeNo: 'zadmin', unitId: u.镇 })).json();
    await admin.put(`/api/people/${p.id}/roles`, { roles: [{ role: 'unit_admin', unitId: u.镇 }] });
    const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
    const townAdmin = new Client(t.app);
    await townAdmin.login('zadmin', otp);
    await townAdmin.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Town#Admin1' });
    expect((await townAdmin.get(`/api/people/${person.陈通过}/pre-appointment`)).statusCode).toBe(404);
    expect((await townAdmin.get(`/api/exams/${pre.examId}/candidates`)).statusCode).toBe(403);
    expect((await townAdmin.get(`/api/exams/${pre.examId}/notice`)).statusCode).toBe(403);
    expect((await townAdmin.post(`/api/exams/${pre.examId}/schedule-makeup`, { makeupExamId: makeup.examId })).statusCode).toBe(403);
    expect((await admin.get('/api/people/99999/pre-appointment')).statusCode).toBe(404);
    const bad = await admin.get('/api/people/x/pre-appointment');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('params.id');
  });
});
