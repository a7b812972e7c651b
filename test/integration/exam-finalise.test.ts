import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptResultView, AttemptView } from '../../src/common/exam';
import { finaliseOverdueAttempts, startFinaliser } from '../../src/server/modules/exam/finalise';
import { examAttempts, examCandidates, exams } from '../../src/server/modules/exam/schema';
import { adminClient, createTestApp, type Client, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, sampleQuestions, type ActiveQuestion, type Member } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let alice: Member;
let qs: ActiveQuestion[];
const DEV = 'device-alice-0001';

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  alice = await createMember(t, admin, '考生甲', 'fs001');
  qs = await createActiveQuestions(admin, sampleQuestions());
});
afterAll(() => t.close());

const ago = (ms: number) => new Date(Date.now() - ms);
async function attemptRow(id: number) {
  const [a] = await t.ctx.db.select().from(examAttempts).where(eq(examAttempts.id, id));
  return a;
}
async function startedAttempt(settings: Parameters<typeof insertPublishedExam>[1]['settings'] = { resultsRelease: 'immediate' }): Promise<AttemptView> {
  const { examId } = await insertPublishedExam(t, { questions: qs.slice(0, 4), personIds: [alice.personId], settings });
  return (await alice.client.post(`/api/my/exams/${examId}/start`, { deviceId: DEV })).json();
}

describe('the finaliser', () => {
  it('submits an overdue attempt at its deadline and grades it, though no browser comes back', async () => {
    const a = await startedAttempt();
    await alice.client.put(`/api/my/attempts/${a.id}/answers`, {
      deviceId: DEV,
      saves: [
        { position: 0, seq: 1, response: { type: 'single', key: 'B' } },
        { position: 2, seq: 2, response: { type: 'truefalse', value: true } },
      ],
    });
    const deadline = ago(16_000);
    await t.ctx.db.update(examAttempts).set({ deadlineAt: deadline }).where(eq(examAttempts.id, a.id));
    // still inside the grace period: left alone
    await t.ctx.db.update(examAttempts).set({ deadlineAt: ago(5_000) }).where(eq(examAttempts.id, a.id));
    await finaliseOverdueAttempts(t.ctx.db);
    expect((await attemptRow(a.id)).status).toBe('in_progress');

    await t.ctx.db.update(examAttempts).set({ deadlineAt: deadline }).where(eq(examAttempts.id, a.id));
    const r = await finaliseOverdueAttempts(t.ctx.db);
    expect(r.finalised).toBeGreaterThanOrEqual(1);
    const row = await attemptRow(a.id);
    expect(row).toMatchObject({ status: 'submitted', submitReason: 'deadline', score: 4, passed: false, pendingGrading: false });
    expect(row.submittedAt?.getTime()).toBe(deadline.getTime());
    const result = (await alice.client.get(`/api/my/attempts/${a.id}/result`)).json() as AttemptResultView;
    expect(result).toMatchObject({ submitReason: 'deadline', score: 4 });
    // running it again changes nothing
    expect((await finaliseOverdueAttempts(t.ctx.db)).finalised).toBe(0);
    expect((await attemptRow(a.id)).gradedAt).toEqual(row.gradedAt);
  });

  it('two finalisers running at once finalise each attempt exactly once', async () => {
    const people: number[] = [];
    const unit = (await admin.post('/api/units', { name: '并发单位', parentId: null })).json().id;
    for (let i = 0; i < 30; i++) people.push((await admin.post('/api/people', { name: `并发考生${i}`, employeeNo: `cc${i}`, unitId: unit })).json().id);
    const { examId, papers } = await insertPublishedExam(t, { questions: qs, personIds: people });
    const rows = await t.ctx.db
      .insert(examAttempts)
      .values(people.map((personId) => ({ examId, personId, attemptNo: 1, paperId: papers.get(personId)![0], startedAt: ago(3_700_000), deadlineAt: ago(60_000), activeDeviceId: DEV })))
      .returning({ id: examAttempts.id });
    const [x, y] = await Promise.all([finaliseOverdueAttempts(t.ctx.db), finaliseOverdueAttempts(t.ctx.db)]);
    expect(x.finalised + y.finalised).toBe(30);
    const after = await t.ctx.db.select().from(examAttempts).where(inArray(examAttempts.id, rows.map((r) => r.id)));
    expect(after.every((a) => a.status === 'submitted' && a.submitReason === 'deadline' && a.score === 0 && a.gradedAt !== null)).toBe(true);
  });

  it('an overdue attempt is finalised when it is read, without waiting for the timer', async () => {
    const a = await startedAttempt();
    await t.ctx.db.update(examAttempts).set({ deadlineAt: ago(30_000) }).where(eq(examAttempts.id, a.id));
    const res = await alice.client.get(`/api/my/attempts/${a.id}?deviceId=${DEV}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ATTEMPT_SUBMITTED');
    expect((await attemptRow(a.id)).submitReason).toBe('deadline');
    // and starting again finds no attempts left rather than the stale one
    const again = await alice.client.post(`/api/my/exams/${a.examId}/start`, { deviceId: DEV });
    expect(again.json().error.code).toBe('NO_ATTEMPTS_LEFT');
  });

  it('a submit arriving after deadline + grace counts as submitted at the deadline, without its saves', async () => {
    const a = await startedAttempt();
    const deadline = ago(40_000);
    await t.ctx.db.update(examAttempts).set({ deadlineAt: deadline }).where(eq(examAttempts.id, a.id));
    const res = await alice.client.post(`/api/my/attempts/${a.id}/submit`, { deviceId: DEV, saves: [{ position: 2, seq: 1, response: { type: 'truefalse', value: true } }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ submitReason: 'deadline', score: 0 });
    expect((await attemptRow(a.id)).submittedAt?.getTime()).toBe(deadline.getTime());
  });

  it('closes exams whose window, including every personal extension, is over', async () => {
    const over = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId], opensAt: ago(7_200_000), closesAt: ago(60_000) });
    const extended = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId], opensAt: ago(7_200_000), closesAt: ago(60_000) });
    await t.ctx.db.update(examCandidates).set({ closesAtOverride: new Date(Date.now() + 600_000) }).where(eq(examCandidates.examId, extended.examId));
    await finaliseOverdueAttempts(t.ctx.db);
    const status = async (id: number) => (await t.ctx.db.select({ s: exams.status }).from(exams).where(eq(exams.id, id)))[0].s;
    expect(await status(over.examId)).toBe('closed');
    expect(await status(extended.examId)).toBe('published');
  });

  it('runs on a timer and stops cleanly', async () => {
    const a = await startedAttempt();
    await t.ctx.db.update(examAttempts).set({ deadlineAt: ago(30_000) }).where(eq(examAttempts.id, a.id));
    const errors: unknown[] = [];
    const f = startFinaliser(t.ctx, { error: (e) => errors.push(e) }, 20);
    for (let i = 0; i < 100 && (await attemptRow(a.id)).status !== 'submitted'; i++) await new Promise((r) => setTimeout(r, 20));
    await f.stop();
    expect((await attemptRow(a.id)).status).toBe('submitted');
    expect(errors).toEqual([]);
  });
});
