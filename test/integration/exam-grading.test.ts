import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionResponse } from '../../src/common/bank';
import type { GradingQueue, GradingView, RegradeResult, ResultsView } from '../../src/common/exam-results';
import { attemptAnswers, attemptKeyOverrides, examAttempts, examRegrades } from '../../src/server/modules/exam/schema';
import { scoreAttempt } from '../../src/server/modules/exam/scoring';
import { auditLog } from '../../src/server/platform/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, type ActiveQuestion, type Member, type PublishedExam } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let grader1: Client;
let grader2: Client;
let unitId: number;
const person: Record<string, number> = {};

async function loggedIn(name: string, login: string, roles: { role: string }[]): Promise<Client> {
  const p = (await admin.post('/api/people', { name, employeeNo: login, unitId })).json();
  expect((await admin.put(`/api/people/${p.id}/roles`, { roles })).statusCode).toBe(200);
  const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
  const c = new Client(t.app);
  await c.login(login, otp);
  expect((await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Grader#Pass1' })).statusCode).toBe(200);
  return c;
}

/** A submitted (or running) attempt written directly, scored by the shared scorer. */
async function attempt(exam: PublishedExam, name: string, responses: (QuestionResponse | null)[], submitted = true): Promise<number> {
  const db = t.ctx.db;
  const personId = person[name];
  const [a] = await db
    .insert(examAttempts)
    .values({
      examId: exam.examId,
      personId,
      attemptNo: 1,
      paperId: exam.papers.get(personId)![0],
      status: submitted ? 'submitted' : 'in_progress',
      deadlineAt: new Date(Date.now() + 3600_000),
      submittedAt: submitted ? new Date() : null,
      submitReason: submitted ? 'manual' : null,
    })
    .returning({ id: examAttempts.id });
  const rows = responses.flatMap((response, position) => (response ? [{ attemptId: a.id, position, seq: position + 1, response }] : []));
  if (rows.length) await db.insert(attemptAnswers).values(rows);
  if (submitted) await scoreAttempt(db, a.id);
  return a.id;
}

const rowOf = async (examId: number, name: string) => {
  const res = await admin.get(`/api/exams/${examId}/results?pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as ResultsView).rows.items.find((r) => r.name === name)!;
};

const single = (key: 'A' | 'B' | 'C' | 'D' | null): QuestionResponse => ({ type: 'single', key });
const tf = (value: boolean): QuestionResponse => ({ type: 'truefalse', value });
const essay = (text: string): QuestionResponse => ({ type: 'essay', text });

let q: { single: ActiveQuestion; tf: ActiveQuestion; essay: ActiveQuestion };

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  unitId = (await admin.post('/api/units', { name: '区司法局', parentId: null })).json().id;
  for (const [i, name] of ['张一', '王二', '李三', '赵四', '钱五', '孙六', '周七'].entries())
    person[name] = (await admin.post('/api/people', { name, employeeNo: `k${i + 1}`, unitId })).json().id;
  grader1 = await loggedIn('阅卷人甲', 'g1', [{ role: 'organiser' }]);
  grader2 = await loggedIn('阅卷人乙', 'g2', [{ role: 'organiser' }]);
  const opts = (['A', 'B', 'C', 'D'] as const).map((key) => ({ key, html: `选项${key}` }));
  const [s, f, e] = await createActiveQuestions(admin, [
    { type: 'single', stem: '行政复议的申请期限是多少日？', difficulty: 2, options: opts, answer: { key: 'C' } },
    { type: 'truefalse', stem: '行政机关应当依法行政。', difficulty: 1, answer: { value: true } },
    {
      type: 'essay',
      stem: '简述依法行政的基本要求。',
      difficulty: 4,
      answer: { referenceHtml: '<p>合法行政、合理行政、程序正当</p>', rubric: [{ point: '合法行政', score: 3 }, { point: '程序正当', score: 3 }] },
    },
  ]);
  q = { single: s, tf: f, essay: e };
});
afterAll(() => t.close());

describe('essay grading (blind, two graders)', () => {
  let exam: PublishedExam;
  let view: GradingView;
  const tokenOf = (v: GradingView, text: string) => v.items.find((i) => i.text === text)!.token;
  const E1 = '合法行政、合理行政、程序正当、高效便民';
  const E2 = '依法办事';

  beforeAll(async () => {
    // single 4 + essay 6 = 10, pass 6, two graders averaged
    exam = await insertPublishedExam(t, {
      questions: [q.single, q.essay],
      points: [4, 6],
      personIds: [person.张一, person.王二, person.李三],
      optionOrder: 'original',
      settings: { passMark: 6, grading: { gradersPerEssay: 2 } },
    });
    await attempt(exam, '张一', [single('C'), essay(E1)]);
    await attempt(exam, '王二', [single('A'), essay(E2)]);
    await attempt(exam, '李三', [single('C'), essay('   ')]); // blank essay: 0 at once, nothing to grade
  });

  it('queues the essay question with its rubric; a blank answer is not queued', async () => {
    const res = await grader1.get(`/api/exams/${exam.examId}/grading`);
    expect(res.statusCode, res.body).toBe(200);
    const queue: GradingQueue = res.json();
    expect(queue.gradersPerEssay).toBe(2);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      questionId: q.essay.questionId,
      positions: [1],
      stem: '简述依法行政的基本要求。',
      points: 6,
      referenceHtml: '<p>合法行政、合理行政、程序正当</p>',
      rubric: [{ point: '合法行政', score: 3 }, { point: '程序正当', score: 3 }],
      answers: 2,
      gradedByMe: 0,
      fullyGraded: 0,
    });
    expect(await rowOf(exam.examId, '张一')).toMatchObject({ status: 'grading', score: null });
    expect(await rowOf(exam.examId, '李三')).toMatchObject({ status: 'failed', score: 4 }); // 4 + blank essay 0 < 6
  });

  it('shows the answers without names, units, person or attempt ids', async () => {
    const res = await grader1.get(`/api/exams/${exam.examId}/grading/${q.essay.questionId}`);
    expect(res.statusCode, res.body).toBe(200);
    view = res.json();
    expect(view.items.map((i) => i.text).sort()).toEqual([E1, E2].sort());
    for (const item of view.items) {
      expect(Object.keys(item).sort()).toEqual(['myGrade', 'text', 'token']);
      expect(item.token).toMatch(/^[0-9a-f]{32}$/);
    }
    const body = res.body;
    for (const leak of ['张一', '王二', '李三', '区司法局', 'personId', 'attemptId', 'k1', 'k2']) expect(body, leak).not.toContain(leak);
    // the order is by token, not by who submitted first
    expect(view.items.map((i) => i.token)).toEqual(view.items.map((i) => i.token).sort());
  });

  it('two graders: each sees only their own grade, the item is final at the second, and the score is the mean', async () => {
    const put = (c: Client, text: string, score: number, comment = '') =>
      c.put(`/api/exams/${exam.examId}/grading/${q.essay.questionId}/${tokenOf(view, text)}`, { score, comment });
    const r1 = await put(grader1, E1, 5, '要点齐全');
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().myGrade).toMatchObject({ score: 5, comment: '要点齐全' });
    expect((await put(grader1, E2, 2)).statusCode).toBe(200);
    // one grade of two: still pending
    expect(await rowOf(exam.examId, '张一')).toMatchObject({ status: 'grading', score: null });

    const v2: GradingView = (await grader2.get(`/api/exams/${exam.examId}/grading/${q.essay.questionId}`)).json();
    expect(v2.items.every((i) => i.myGrade === null)).toBe(true);
    expect(JSON.stringify(v2)).not.toContain('要点齐全');
    const v1: GradingView = (await grader1.get(`/api/exams/${exam.examId}/grading/${q.essay.questionId}`)).json();
    expect(v1.items.find((i) => i.text === E1)!.myGrade).toMatchObject({ score: 5, comment: '要点齐全' });

    expect((await put(grader2, E1, 4)).statusCode).toBe(200);
    expect(await rowOf(exam.examId, '张一')).toMatchObject({ status: 'passed', score: 8.5 }); // 4 + (5+4)/2
    expect((await put(grader2, E2, 3)).statusCode).toBe(200);
    expect(await rowOf(exam.examId, '王二')).toMatchObject({ status: 'failed', score: 2.5 }); // 0 + (2+3)/2

    // a third grader is refused; a grader may change their own grade
    const third = await put(admin, E1, 6);
    expect(third.statusCode).toBe(409);
    expect(third.json().error.issues[0].path).toBe('token');
    expect((await put(grader1, E1, 6)).statusCode).toBe(200);
    expect(await rowOf(exam.examId, '张一')).toMatchObject({ status: 'passed', score: 9 }); // 4 + (6+4)/2

    const queue: GradingQueue = (await grader2.get(`/api/exams/${exam.examId}/grading`)).json();
    expect(queue.items[0]).toMatchObject({ answers: 2, gradedByMe: 2, fullyGraded: 2 });
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'exam.essay_grade'));
    expect(audits).toHaveLength(5);
  });

  it('refuses bad grades with the field path', async () => {
    const token = tokenOf(view, E2);
    const url = `/api/exams/${exam.examId}/grading/${q.essay.questionId}/${token}`;
    const expectIssue = async (body: unknown, status: number, path: string, u = url) => {
      const res = await grader1.put(u, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    };
    await expectIssue({ score: 7 }, 400, 'score'); // above the question's 6 points
    await expectIssue({ score: 1.3 }, 400, 'score');
    await expectIssue({ score: -1 }, 400, 'score');
    await expectIssue({ score: '五' }, 400, 'score');
    await expectIssue({ score: 3, comment: 'x'.repeat(2001) }, 400, 'comment');
    await expectIssue({ score: 3 }, 400, 'params.token', `/api/exams/${exam.examId}/grading/${q.essay.questionId}/not-a-token`);
    expect((await grader1.put(`/api/exams/${exam.examId}/grading/${q.essay.questionId}/${'0'.repeat(32)}`, { score: 3 })).statusCode).toBe(404);
    // the token is for this question only; a non-essay question has no grading page
    expect((await grader1.put(`/api/exams/${exam.examId}/grading/${q.single.questionId}/${token}`, { score: 3 })).statusCode).toBe(404);
    expect((await grader1.get(`/api/exams/${exam.examId}/grading/${q.single.questionId}`)).statusCode).toBe(404);
    expect((await grader1.get(`/api/exams/99999/grading`)).statusCode).toBe(404);
  });
});

describe('re-grade after a key correction', () => {
  let exam: PublishedExam;
  const ids: Record<string, number> = {};
  let result: RegradeResult;

  beforeAll(async () => {
    // single (key C, later corrected to B) 4 + 判断 6 = 10, pass 7
    exam = await insertPublishedExam(t, {
      questions: [q.single, q.tf],
      points: [4, 6],
      personIds: [person.张一, person.王二, person.李三, person.赵四, person.钱五, person.孙六],
      optionOrder: 'original',
      settings: { passMark: 7 },
    });
    ids.张一 = await attempt(exam, '张一', [single('C'), tf(true)]); // 10 → 6: a pass that becomes a fail
    ids.王二 = await attempt(exam, '王二', [single('B'), tf(true)]); // 6 → 10: fail → pass
    ids.李三 = await attempt(exam, '李三', [single('B'), tf(false)]); // 0 → 4
    ids.赵四 = await attempt(exam, '赵四', [single('C'), tf(false)]); // 4 → 0
    ids.钱五 = await attempt(exam, '钱五', [single('A'), tf(true)]); // 6 → 6: unaffected
    ids.孙六 = await attempt(exam, '孙六', [single('B')], false); // still running
  });

  it('refuses when the bank has no corrected version yet, or the question is not on the exam', async () => {
    const same = await admin.post(`/api/exams/${exam.examId}/regrade`, { questionId: q.single.questionId, reason: '答案有误' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.issues[0].path).toBe('questionId');
    const other = await admin.post(`/api/exams/${exam.examId}/regrade`, { questionId: q.essay.questionId, reason: '答案有误' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.issues[0]).toMatchObject({ path: 'questionId', message: '本场考试的试卷中没有这道题' });
    const noReason = await admin.post(`/api/exams/${exam.examId}/regrade`, { questionId: q.single.questionId, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.issues[0].path).toBe('reason');
    const badId = await admin.post(`/api/exams/${exam.examId}/regrade`, { questionId: 'x', reason: '答案有误' });
    expect(badId.json().error.issues[0].path).toBe('questionId');
    expect((await admin.post('/api/exams/99999/regrade', { questionId: q.single.questionId, reason: '答案有误' })).statusCode).toBe(404);
    expect(await t.ctx.db.select().from(examRegrades)).toHaveLength(0);
  });

  it('re-scores exactly the affected attempts with the corrected key, lists them and records it', async () => {
    const content = { ...q.single.content, answer: { key: 'B' } };
    const rev = await admin.put(`/api/bank/questions/${q.single.questionId}`, { content, baseVersionId: q.single.versionId });
    expect(rev.statusCode, rev.body).toBe(200);
    const newVersionId = rev.json().question.current.id;
    expect(newVersionId).not.toBe(q.single.versionId);

    const res = await admin.post(`/api/exams/${exam.examId}/regrade`, { questionId: q.single.questionId, reason: '原答案C有误，应为B' });
    expect(res.statusCode, res.body).toBe(200);
    result = res.json();
    expect(result).toMatchObject({ questionId: q.single.questionId, keyVersionId: newVersionId, reason: '原答案C有误，应为B', attemptsRescored: 5 });
    const affected = new Map(result.affected.map((a) => [a.name, a]));
    expect([...affected.keys()].sort()).toEqual(['张一', '李三', '王二', '赵四'].sort());
    expect(affected.get('张一')).toMatchObject({ before: 10, after: 6, passedBefore: true, passedAfter: false, unitName: '区司法局', attemptId: ids.张一 });
    expect(affected.get('王二')).toMatchObject({ before: 6, after: 10, passedBefore: false, passedAfter: true });
    expect(affected.get('李三')).toMatchObject({ before: 0, after: 4 });
    expect(affected.get('赵四')).toMatchObject({ before: 4, after: 0 });

    expect(await rowOf(exam.examId, '张一')).toMatchObject({ status: 'failed', score: 6 });
    expect(await rowOf(exam.examId, '钱五')).toMatchObject({ status: 'failed', score: 6 });
    expect(await rowOf(exam.examId, '孙六')).toMatchObject({ status: 'in_progress' });
    const [override] = await t.ctx.db.select().from(attemptKeyOverrides).where(and(eq(attemptKeyOverrides.examId, exam.examId), eq(attemptKeyOverrides.questionId, q.single.questionId)));
    expect(override.keyVersionId).toBe(newVersionId);
    const [a] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'exam.regrade'));
    expect(a.summary).toContain('4人成绩变化');

    // an attempt submitted later is graded with the corrected key
    await t.ctx.db.update(examAttempts).set({ status: 'submitted', submittedAt: new Date() }).where(eq(examAttempts.id, ids.孙六));
    expect((await scoreAttempt(t.ctx.db, ids.孙六)).score).toBe(4);

    // the same correction again changes nothing and is refused
    const again = await admin.post(`/api/exams/${exam.examId}/regrade`, { questionId: q.single.questionId, reason: '再次' });
    expect(again.statusCode).toBe(400);
  });

  it('lists past re-grades with everyone affected', async () => {
    const res = await admin.get(`/api/exams/${exam.examId}/regrades`);
    expect(res.statusCode).toBe(200);
    const list: RegradeResult[] = res.json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: result.id, actorName: result.actorName, attemptsRescored: 5 });
    expect(list[0].affected.map((x) => x.name).sort()).toEqual(result.affected.map((x) => x.name).sort());
    expect((await admin.get('/api/exams/99999/regrades')).statusCode).toBe(404);
  });
});

describe('through the real exam flow (create, publish, take, grade, results)', () => {
  it('an essay submitted through the exam page is graded blind and the result follows', async () => {
    const m1 = await createMember(t, admin, '考生甲', 'flow1', unitId);
    const m2 = await createMember(t, admin, '考生乙', 'flow2', unitId);
    const now = Date.now();
    const created = await admin.post('/api/exams', {
      title: '流程考试',
      kind: 'annual',
      year: 2026,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 3600_000).toISOString(),
      durationMinutes: 30,
      passMark: 6,
      paper: { mode: 'fixed', fixed: { items: [{ questionId: q.single.questionId, points: 4 }, { questionId: q.essay.questionId, points: 6 }] } },
    });
    expect(created.statusCode, created.body).toBe(200);
    const examId = created.json().id as number;
    expect((await admin.post(`/api/exams/${examId}/roster`, { personIds: [m1.personId, m2.personId] })).statusCode).toBe(200);
    const published = await admin.post(`/api/exams/${examId}/publish`);
    expect(published.statusCode, published.body).toBe(200);

    const take = async (m: Member, rightChoice: boolean, text: string) => {
      const deviceId = `device-${m.login}`;
      const start = await m.client.post(`/api/my/exams/${examId}/start`, { deviceId });
      expect(start.statusCode, start.body).toBe(200);
      const view = start.json();
      const choice = view.items.find((i: { question: { type: string } }) => i.question.type === 'single');
      const essayItem = view.items.find((i: { question: { type: string } }) => i.question.type === 'essay');
      // publishing froze the current version: the key corrected to B above
      const wanted = rightChoice ? '选项B' : '选项A';
      const label = choice.question.options.find((o: { html: string }) => o.html === wanted).label;
      const sub = await m.client.post(`/api/my/attempts/${view.id}/submit`, {
        deviceId,
        saves: [
          { position: choice.position, seq: 1, response: { type: 'single', key: label } },
          { position: essayItem.position, seq: 2, response: { type: 'essay', text } },
        ],
      });
      expect(sub.statusCode, sub.body).toBe(200);
    };
    await take(m1, true, '考生甲的作答：合法行政');
    await take(m2, false, '考生乙的作答：程序正当');

    const r0: ResultsView = (await admin.get(`/api/exams/${examId}/results`)).json();
    expect(r0.summary.counts.grading).toBe(2);
    const view: GradingView = (await grader1.get(`/api/exams/${examId}/grading/${q.essay.questionId}`)).json();
    expect(view.items).toHaveLength(2);
    expect(JSON.stringify(view)).not.toMatch(/flow1|flow2|"personId"|"attemptId"/);
    for (const item of view.items) {
      const score = item.text.startsWith('考生甲') ? 3 : 5;
      const res = await grader1.put(`/api/exams/${examId}/grading/${q.essay.questionId}/${item.token}`, { score });
      expect(res.statusCode, res.body).toBe(200);
    }
    const r1: ResultsView = (await admin.get(`/api/exams/${examId}/results`)).json();
    const rows = new Map(r1.rows.items.map((r) => [r.name, r]));
    expect(rows.get('考生甲')).toMatchObject({ status: 'passed', score: 7 }); // 4 + 3
    expect(rows.get('考生乙')).toMatchObject({ status: 'failed', score: 5 }); // 0 + 5
    const report = await admin.get(`/api/exams/${examId}/report/${m1.personId}`);
    expect(report.body).toMatch(/简答题<\/td><td class="num">1<\/td><td class="num">6<\/td><td class="num">3</);
  });
});
