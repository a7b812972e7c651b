import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptResultView, AttemptView, MyExamItem } from '../../src/common/exam';
import { attemptAnswers, attemptEvents, essayGrades, examAttempts, examCandidates } from '../../src/server/modules/exam/schema';
import { scoreAttempt } from '../../src/server/modules/exam/scoring';
import { adminClient, createTestApp, type Client, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, sampleQuestions, type ActiveQuestion, type Member } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let alice: Member;
let bob: Member;
let qs: ActiveQuestion[];
const DEV = 'device-alice-0001';

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  alice = await createMember(t, admin, '考生甲', 'ks001');
  bob = await createMember(t, admin, '考生乙', 'ks002');
  qs = await createActiveQuestions(admin, sampleQuestions());
});
afterAll(() => t.close());

const start = (m: Member, examId: number, deviceId = DEV, takeover?: boolean) => m.client.post(`/api/my/exams/${examId}/start`, { deviceId, ...(takeover ? { takeover } : {}) });
const save = (m: Member, attemptId: number, saves: unknown[], deviceId = DEV) => m.client.put(`/api/my/attempts/${attemptId}/answers`, { deviceId, saves });

describe('taking an exam', () => {
  it('start → save → reload shows the answers → submit → score, with shuffled options mapped both ways', async () => {
    const { examId } = await insertPublishedExam(t, {
      questions: qs,
      personIds: [alice.personId, bob.personId],
      points: [2, 4, 1, 3, 10],
      settings: { kind: 'practice', resultsRelease: 'immediate', answersRelease: 'immediate', passMark: 12 },
    });
    const list = (await alice.client.get('/api/my/exams')).json().items as MyExamItem[];
    expect(list.find((e) => e.examId === examId)).toMatchObject({ state: 'open', attemptsUsed: 0, questionCount: 5, totalPoints: 20, activeAttemptId: null });

    const started = await start(alice, examId);
    expect(started.statusCode, started.body).toBe(200);
    const view = started.json() as AttemptView;
    expect(view.items).toHaveLength(5);
    expect(view.lastSeq).toBe(0);
    expect(Date.parse(view.deadlineAt) - Date.parse(view.startedAt)).toBe(60 * 60_000);
    // options are shown reversed: displayed A is original D
    expect(view.items[0].question.options?.map((o) => o.html)).toEqual(['选项内容D', '选项内容C', '选项内容B', '选项内容A']);
    expect(view.items[3].question.blankCount).toBe(2);

    // original C is displayed B; original A,C,D of five are displayed E,C,B
    const saved = await save(alice, view.id, [
      { position: 0, seq: 1, response: { type: 'single', key: 'B' } },
      { position: 1, seq: 2, response: { type: 'multiple', keys: ['E', 'C', 'B'] }, flagged: true },
      { position: 2, seq: 3, response: { type: 'truefalse', value: true } },
      { position: 3, seq: 4, response: { type: 'fill', blanks: ['３０', ' 民政 部门 '] } },
      { position: 4, seq: 5, response: { type: 'essay', text: '坚持合法行政、合理行政。' } },
    ]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ acknowledged: [1, 2, 3, 4, 5], lastSeq: 5, deadlineAt: view.deadlineAt });

    const reloaded = (await alice.client.get(`/api/my/attempts/${view.id}?deviceId=${DEV}`)).json() as AttemptView;
    expect(reloaded.lastSeq).toBe(5);
    expect(reloaded.items.map((i) => i.response)).toEqual([
      { type: 'single', key: 'B' },
      { type: 'multiple', keys: ['B', 'C', 'E'] },
      { type: 'truefalse', value: true },
      { type: 'fill', blanks: ['３０', ' 民政 部门 '] },
      { type: 'essay', text: '坚持合法行政、合理行政。' },
    ]);
    expect(reloaded.items[1].flagged).toBe(true);
    // stored in ORIGINAL keys
    const rows = await t.ctx.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, view.id));
    expect(rows.find((r) => r.position === 0)?.response).toEqual({ type: 'single', key: 'C' });
    expect(rows.find((r) => r.position === 1)?.response).toEqual({ type: 'multiple', keys: ['A', 'C', 'D'] });

    // the list says in progress; starting again resumes the same attempt
    expect(((await alice.client.get('/api/my/exams')).json().items as MyExamItem[]).find((e) => e.examId === examId)).toMatchObject({ state: 'in_progress', activeAttemptId: view.id });
    expect((await start(alice, examId)).json().id).toBe(view.id);

    const submitted = await alice.client.post(`/api/my/attempts/${view.id}/submit`, { deviceId: DEV });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const result = submitted.json() as AttemptResultView;
    // the essay waits for a grader: no score yet, but each objective item is scored
    expect(result).toMatchObject({ status: 'submitted', submitReason: 'manual', pendingGrading: true, score: null, passed: null, resultsVisible: true, answersVisible: true, resultsRelease: 'immediate', resultsAt: null });
    expect(result.items.map((i) => i.score)).toEqual([2, 4, 1, 3, null]);
    expect(result.items.map((i) => i.correctAnswer)).toEqual(['B', 'BCE', '正确', '（1）三十 / 30；（2）民政部门', '<p>参考答案MARK5</p>']);
    expect(result.items[0].explanationHtml).toBe('<p>解析MARK1</p>');

    // a grader gives the essay 7 of 10: 17 ≥ 12 passes
    await t.ctx.db.insert(essayGrades).values({ attemptId: view.id, position: 4, graderAccountId: 1, score: 7 });
    expect(await scoreAttempt(t.ctx.db, view.id)).toEqual({ score: 17, pendingGrading: false, passed: true });
    const after = (await alice.client.get(`/api/my/attempts/${view.id}/result`)).json() as AttemptResultView;
    expect(after).toMatchObject({ score: 17, passed: true, pendingGrading: false });
    expect(((await alice.client.get('/api/my/exams')).json().items as MyExamItem[]).find((e) => e.examId === examId)).toMatchObject({
      state: 'result',
      score: 17,
      passed: true,
      lastAttemptId: view.id,
    });

    // submitted: the exam page is closed, saving is refused, a second submit changes nothing
    const again = await alice.client.get(`/api/my/attempts/${view.id}`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ATTEMPT_SUBMITTED');
    const late = await save(alice, view.id, [{ position: 0, seq: 6, response: { type: 'single', key: 'A' } }]);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ATTEMPT_CLOSED');
    expect((await alice.client.post(`/api/my/attempts/${view.id}/submit`, { deviceId: DEV })).json().score).toBe(17);
    // one attempt allowed
    const retry = await start(alice, examId);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('NO_ATTEMPTS_LEFT');
  });

  it('keeps each person to their own attempts and exams', async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId] });
    const view = (await start(alice, examId)).json() as AttemptView;
    // bob is not on the roster
    expect((await start(bob, examId)).statusCode).toBe(404);
    expect(((await bob.client.get('/api/my/exams')).json().items as MyExamItem[]).some((e) => e.examId === examId)).toBe(false);
    for (const res of [
      await bob.client.get(`/api/my/attempts/${view.id}`),
      await save(bob, view.id, [{ position: 0, seq: 1, response: null }]),
      await bob.client.post(`/api/my/attempts/${view.id}/submit`, { deviceId: DEV }),
      await bob.client.post(`/api/my/attempts/${view.id}/events`, { deviceId: DEV, kind: 'blur' }),
      await bob.client.get(`/api/my/attempts/${view.id}/result`),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    // an account without a person record takes no exams
    expect((await admin.get('/api/my/exams')).statusCode).toBe(403);
    await alice.client.post(`/api/my/attempts/${view.id}/submit`, { deviceId: DEV });
  });

  it('refuses to start outside the window, and a draft exam does not exist for examinees', async () => {
    const soon = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId], opensAt: new Date(Date.now() + 3600_000), closesAt: new Date(Date.now() + 7200_000) });
    const early = await start(alice, soon.examId);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'EXAM_NOT_OPEN' });
    expect(early.json().error.message).toContain('考试尚未开始');
    expect(((await alice.client.get('/api/my/exams')).json().items as MyExamItem[]).find((e) => e.examId === soon.examId)?.state).toBe('upcoming');

    const past = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId], opensAt: new Date(Date.now() - 7200_000), closesAt: new Date(Date.now() - 3600_000) });
    expect((await start(alice, past.examId)).json().error.message).toContain('截止');
    expect(((await alice.client.get('/api/my/exams')).json().items as MyExamItem[]).find((e) => e.examId === past.examId)?.state).toBe('missed');

    const draft = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId], status: 'draft' });
    expect((await start(alice, draft.examId)).statusCode).toBe(404);
  });

  it('a window closing before the duration ends cuts the deadline', async () => {
    const closesAt = new Date(Date.now() + 10 * 60_000);
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [bob.personId], closesAt });
    const view = (await start(bob, examId, 'device-bob-00001')).json() as AttemptView;
    expect(Date.parse(view.deadlineAt)).toBe(closesAt.getTime());
    await bob.client.post(`/api/my/attempts/${view.id}/submit`, { deviceId: 'device-bob-00001' });
  });

  it('several attempts: each uses its own paper, and the list offers another while attempts are left', async () => {
    const { examId, papers } = await insertPublishedExam(t, { questions: qs, personIds: [bob.personId], papersPerPerson: 2, settings: { maxAttempts: 2 } });
    const first = (await start(bob, examId, 'device-bob-00001')).json() as AttemptView;
    await bob.client.post(`/api/my/attempts/${first.id}/submit`, { deviceId: 'device-bob-00001' });
    expect(((await bob.client.get('/api/my/exams')).json().items as MyExamItem[]).find((e) => e.examId === examId)).toMatchObject({ state: 'open', attemptsUsed: 1 });
    const second = (await start(bob, examId, 'device-bob-00001')).json() as AttemptView;
    expect(second.attemptNo).toBe(2);
    const [row] = await t.ctx.db.select({ paperId: examAttempts.paperId }).from(examAttempts).where(eq(examAttempts.id, second.id));
    expect(row.paperId).toBe(papers.get(bob.personId)![1]);
    await bob.client.post(`/api/my/attempts/${second.id}/submit`, { deviceId: 'device-bob-00001' });
    expect((await start(bob, examId, 'device-bob-00001')).json().error.code).toBe('NO_ATTEMPTS_LEFT');
  });
});

describe('bad input is a 4xx with a Chinese message and the field path', () => {
  let attemptId: number;
  beforeAll(async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [bob.personId] });
    attemptId = ((await start(bob, examId, 'device-bob-00002')).json() as AttemptView).id;
  });
  const bobSave = (saves: unknown[]) => save(bob, attemptId, saves, 'device-bob-00002');

  it.each([
    [[{ position: 0, seq: 1, response: { type: 'single', key: 'E' } }], 'saves.0.response', '选项E不存在'],
    [[{ position: 0, seq: 1, response: { type: 'multiple', keys: ['A'] } }], 'saves.0.response', '单选题'],
    [[{ position: 1, seq: 1, response: { type: 'multiple', keys: ['A', 'A'] } }], 'saves.0.response', '重复'],
    [[{ position: 3, seq: 1, response: { type: 'fill', blanks: ['a', 'b', 'c'] } }], 'saves.0.response', '只有2个空'],
    [[{ position: 2, seq: 1, response: null }, { position: 9, seq: 2, response: null }], 'saves.1.position', '试卷共5题'],
    [[{ position: 0, seq: 0, response: null }], 'saves.0.seq', ''],
    [[{ position: 0, seq: 1, response: { type: 'single', key: 'Z' } }], 'saves.0.response', ''],
  ])('%j → 400 at %s', async (saves, path, text) => {
    const res = await bobSave(saves);
    expect(res.statusCode, res.body).toBe(400);
    const issues = res.json().error.issues as { path: string; message: string }[];
    const hit = issues.find((i) => i.path.startsWith(path));
    expect(hit, JSON.stringify(issues)).toBeTruthy();
    expect(hit!.message).toContain(text);
    expect(hit!.message).toMatch(/[\u4e00-\u9fa5]/);
    // nothing was stored
    expect(await t.ctx.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, attemptId))).toEqual([]);
  });

  it('rejects unknown event kinds, short device ids and non-numeric ids', async () => {
    expect((await bob.client.post(`/api/my/attempts/${attemptId}/events`, { deviceId: 'device-bob-00002', kind: 'device_takeover' })).statusCode).toBe(400);
    expect((await bob.client.post(`/api/my/attempts/${attemptId}/events`, { deviceId: 'x', kind: 'blur' })).json().error.issues[0].path).toBe('deviceId');
    expect((await bob.client.get('/api/my/attempts/abc')).statusCode).toBe(400);
    expect((await bob.client.post('/api/my/exams/abc/start', { deviceId: 'device-bob-00002' })).statusCode).toBe(400);
  });
});

describe('switch-away events', () => {
  it('logs every event and submits the attempt when the switch limit is reached', async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId], settings: { switchLimit: 3 } });
    const view = (await start(alice, examId)).json() as AttemptView;
    expect(view.switchLimit).toBe(3);
    const ev = (kind: string) => alice.client.post(`/api/my/attempts/${view.id}/events`, { deviceId: DEV, kind, detail: '测试' });
    expect((await ev('copy')).json()).toEqual({ switchCount: 0, submitted: false });
    expect((await ev('blur')).json()).toEqual({ switchCount: 1, submitted: false });
    expect((await ev('hidden')).json()).toEqual({ switchCount: 2, submitted: false });
    expect((await ev('blur')).json()).toEqual({ switchCount: 3, submitted: true });
    const [a] = await t.ctx.db.select().from(examAttempts).where(eq(examAttempts.id, view.id));
    expect(a).toMatchObject({ status: 'submitted', submitReason: 'switch_limit', switchCount: 3 });
    expect(a.score).not.toBeNull();
    const events = await t.ctx.db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, view.id));
    expect(events.map((e) => e.kind).filter((k) => k !== 'resume')).toEqual(['copy', 'blur', 'hidden', 'blur']);
    expect((await ev('blur')).json().error.code).toBe('ATTEMPT_CLOSED');
  });
});

describe('grading variants', () => {
  it('partial credit for multiple, per-blank fill with full-width and spaces', async () => {
    const { examId } = await insertPublishedExam(t, {
      questions: qs.slice(0, 4),
      personIds: [bob.personId],
      points: [2, 4, 1, 3],
      settings: { grading: { multiple: 'partial', partialCredit: 0.5, fill: 'per_blank', gradersPerEssay: 1 }, resultsRelease: 'immediate', passMark: 5 },
    });
    const view = (await start(bob, examId, 'device-bob-00003')).json() as AttemptView;
    const res = await bob.client.post(`/api/my/attempts/${view.id}/submit`, {
      deviceId: 'device-bob-00003',
      saves: [
        { position: 0, seq: 1, response: { type: 'single', key: 'A' } }, // displayed A = original D: wrong
        { position: 1, seq: 2, response: { type: 'multiple', keys: ['E', 'B'] } }, // original A, D: a right subset
        { position: 2, seq: 3, response: { type: 'truefalse', value: true } },
        { position: 3, seq: 4, response: { type: 'fill', blanks: ['　三十　', '民政局'] } }, // first right, second wrong
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as AttemptResultView;
    expect(r.items.map((i) => i.score)).toEqual([0, 2, 1, 1.5]);
    expect(r).toMatchObject({ score: 4.5, passed: false, pendingGrading: false, answersVisible: false });
    expect(r.items[0].correctAnswer).toBeUndefined();
  });

  it('all-or-nothing: a right subset and one wrong blank earn nothing', async () => {
    const { examId } = await insertPublishedExam(t, {
      questions: qs.slice(0, 4),
      personIds: [bob.personId],
      settings: { grading: { multiple: 'all_or_nothing', partialCredit: 0.5, fill: 'all_or_nothing', gradersPerEssay: 1 }, resultsRelease: 'immediate' },
    });
    const view = (await start(bob, examId, 'device-bob-00004')).json() as AttemptView;
    const r = (
      await bob.client.post(`/api/my/attempts/${view.id}/submit`, {
        deviceId: 'device-bob-00004',
        saves: [
          { position: 1, seq: 1, response: { type: 'multiple', keys: ['E', 'B'] } },
          { position: 3, seq: 2, response: { type: 'fill', blanks: ['30', '民政局'] } },
        ],
      })
    ).json() as AttemptResultView;
    expect(r.items.map((i) => i.score)).toEqual([0, 0, 0, 0]);
    expect(r.score).toBe(0);
  });

  it('results released after close stay hidden until the window closes, and say when: my personal close', async () => {
    const closesAt = new Date(Date.now() + 3 * 3600_000);
    const { examId } = await insertPublishedExam(t, { questions: qs.slice(0, 3), personIds: [bob.personId], closesAt, settings: { resultsRelease: 'after_close' } });
    const view = (await start(bob, examId, 'device-bob-00005')).json() as AttemptView;
    const r = (await bob.client.post(`/api/my/attempts/${view.id}/submit`, { deviceId: 'device-bob-00005', saves: [{ position: 2, seq: 1, response: { type: 'truefalse', value: true } }] })).json() as AttemptResultView;
    expect(r).toMatchObject({ resultsVisible: false, score: null, passed: null, resultsRelease: 'after_close', resultsAt: closesAt.toISOString() });
    expect(r.items.every((i) => i.score === null)).toBe(true);
    const mine = () => bob.client.get('/api/my/exams').then((res) => (res.json().items as MyExamItem[]).find((e) => e.examId === examId));
    expect(await mine()).toMatchObject({ state: 'submitted', score: null, resultsRelease: 'after_close', resultsAt: closesAt.toISOString() });
    // a personal window (override) moves the release to that person's close
    const personal = new Date(closesAt.getTime() + 30 * 60_000);
    await t.ctx.db
      .update(examCandidates)
      .set({ closesAtOverride: personal })
      .where(and(eq(examCandidates.examId, examId), eq(examCandidates.personId, bob.personId)));
    expect(await mine()).toMatchObject({ state: 'submitted', resultsAt: personal.toISOString() });
    expect((await bob.client.get(`/api/my/attempts/${view.id}/result`)).json()).toMatchObject({ resultsVisible: false, resultsRelease: 'after_close', resultsAt: personal.toISOString() });
  });

  it('results released by 考评办 stay hidden with no date to promise', async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs.slice(0, 3), personIds: [bob.personId], settings: { resultsRelease: 'published' } });
    const view = (await start(bob, examId, 'device-bob-00006')).json() as AttemptView;
    const r = (await bob.client.post(`/api/my/attempts/${view.id}/submit`, { deviceId: 'device-bob-00006', saves: [{ position: 2, seq: 1, response: { type: 'truefalse', value: true } }] })).json() as AttemptResultView;
    expect(r).toMatchObject({ resultsVisible: false, score: null, resultsRelease: 'published', resultsAt: null });
    expect(((await bob.client.get('/api/my/exams')).json().items as MyExamItem[]).find((e) => e.examId === examId)).toMatchObject({ state: 'submitted', score: null, resultsRelease: 'published', resultsAt: null });
  });
});
