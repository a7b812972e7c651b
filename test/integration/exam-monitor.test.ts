import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptDetail, AttemptSummary, ExamDetail, ExamListItem, Paged } from '../../src/common/exam-admin';
import { exams } from '../../src/server/modules/exam/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, sampleQuestions, type ActiveQuestion, type Member } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let alice: Member;
let bob: Member;
let carol: Member;
let unitAdmin: Client;
let qs: ActiveQuestion[];
const DEV = 'device-monitor-0001';

/** A 单位管理员 of the given unit (not an examinee). */
async function unitAdminOf(unitId: number): Promise<Client> {
  const ua = (await admin.post('/api/people', { name: '单位管理员', employeeNo: 'mon-ua01', unitId })).json();
  expect((await admin.put(`/api/people/${ua.id}/roles`, { roles: [{ role: 'unit_admin', unitId }] })).statusCode).toBe(200);
  const otp = (await admin.post(`/api/people/${ua.id}/reset-password`)).json().oneTimePassword;
  const c = new Client(t.app);
  await c.login('mon-ua01', otp);
  expect((await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Unit#Admin1' })).statusCode).toBe(200);
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  alice = await createMember(t, admin, '监考甲', 'mon001');
  bob = await createMember(t, admin, '监考乙', 'mon002');
  carol = await createMember(t, admin, '监考丙', 'mon003');
  const aliceUnit = (await admin.get(`/api/people/${alice.personId}`)).json().unitId as number;
  unitAdmin = await unitAdminOf(aliceUnit);
  qs = await createActiveQuestions(admin, sampleQuestions());
});
afterAll(() => t.close());

const start = async (m: Member, examId: number) => {
  const res = await m.client.post(`/api/my/exams/${examId}/start`, { deviceId: DEV });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
};
const event = (m: Member, attemptId: number, kind: string, detail?: string) => m.client.post(`/api/my/attempts/${attemptId}/events`, { deviceId: DEV, kind, ...(detail ? { detail } : {}) });

describe('监考: the organiser sees each attempt', () => {
  it('counts people who started and submitted in the exam list and detail; a fresh draft shows 0/0', async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId, bob.personId, carol.personId] });
    const a = await start(alice, examId);
    await start(bob, examId);
    expect((await alice.client.post(`/api/my/attempts/${a}/submit`, { deviceId: DEV })).statusCode).toBe(200);
    const { examId: draftId } = await insertPublishedExam(t, { questions: qs, personIds: [], status: 'draft', settings: { title: '2026年度学法考试（补考）' } });
    await t.ctx.db.update(exams).set({ makeupOfExamId: examId }).where(eq(exams.id, draftId));

    const detail = (await admin.get(`/api/exams/${examId}`)).json() as ExamDetail;
    expect(detail).toMatchObject({ rosterSize: 3, startedCount: 2, submittedCount: 1 });
    const list = (await admin.get('/api/exams?pageSize=100')).json() as Paged<ExamListItem>;
    expect(list.items.find((e) => e.id === examId)).toMatchObject({ startedCount: 2, submittedCount: 1 });
    expect(list.items.find((e) => e.id === draftId)).toMatchObject({ rosterSize: 0, startedCount: 0, submittedCount: 0 });
    expect((await admin.get(`/api/exams/${draftId}`)).json()).toMatchObject({ startedCount: 0, submittedCount: 0, makeupOfExamId: examId, makeupOfTitle: '2026年度学法考试' });
  });

  it('shows the events an examinee caused, in order, with progress, saves and switches', async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId, bob.personId], settings: { switchLimit: 5 } });
    const attemptId = await start(alice, examId);
    const saved = await alice.client.put(`/api/my/attempts/${attemptId}/answers`, {
      deviceId: DEV,
      saves: [
        { position: 0, seq: 1, response: { type: 'single', key: 'B' } },
        { position: 3, seq: 2, response: { type: 'fill', blanks: ['', ''] } },
        { position: 4, seq: 3, response: { type: 'essay', text: '依法行政' } },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const [kind, detail] of [['blur', undefined], ['hidden', '切到其他标签页'], ['copy', '复制了题干']] as const) {
      const res = await event(alice, attemptId, kind, detail);
      expect(res.statusCode, res.body).toBe(200);
    }
    await start(bob, examId);

    const res = await admin.get(`/api/exams/${examId}/attempts/${attemptId}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as AttemptDetail;
    expect(d).toMatchObject({
      name: '监考甲',
      employeeNo: 'mon001',
      attemptNo: 1,
      status: 'in_progress',
      submittedAt: null,
      score: null,
      answeredCount: 2, // the fill with both blanks empty is not answered
      questionCount: 5,
      saveCount: 3,
      switchCount: 2,
      switchLimit: 5,
      deviceChanged: false,
      eventCount: 3,
    });
    expect(d.unitPath.at(-1)).toBe(d.unitName);
    expect(d.events.map((e) => [e.kind, e.detail])).toEqual([
      ['blur', null],
      ['hidden', '切到其他标签页'],
      ['copy', '复制了题干'],
    ]);
    expect(d.events.map((e) => e.at)).toEqual([...d.events.map((e) => e.at)].sort());

    // the list for the 监考 tab: both running, filtered by status and name
    const running = (await admin.get(`/api/exams/${examId}/attempts?status=in_progress`)).json() as Paged<AttemptSummary>;
    expect(running.total).toBe(2);
    expect(running.items.find((i) => i.attemptId === attemptId)).toMatchObject({ switchCount: 2, eventCount: 3, saveCount: 3 });
    expect(running.items[0]).not.toHaveProperty('events');
    expect((await admin.get(`/api/exams/${examId}/attempts?q=${encodeURIComponent('监考乙')}`)).json().items.map((i: AttemptSummary) => i.name)).toEqual(['监考乙']);

    // after submitting: score and reason show, and the attempt moves to the submitted list
    expect((await alice.client.post(`/api/my/attempts/${attemptId}/submit`, { deviceId: DEV })).statusCode).toBe(200);
    const after = (await admin.get(`/api/exams/${examId}/attempts/${attemptId}`)).json() as AttemptDetail;
    expect(after).toMatchObject({ status: 'submitted', submitReason: 'manual', score: 2 });
    expect(after.submittedAt).not.toBeNull();
    const done = (await admin.get(`/api/exams/${examId}/attempts?status=submitted`)).json() as Paged<AttemptSummary>;
    expect(done.items.map((i) => i.attemptId)).toEqual([attemptId]);
  });

  it('marks an attempt taken over by another device', async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [carol.personId] });
    const attemptId = await start(carol, examId);
    const other = await carol.client.post(`/api/my/exams/${examId}/start`, { deviceId: 'device-monitor-0002', takeover: true });
    expect(other.statusCode, other.body).toBe(200);
    const d = (await admin.get(`/api/exams/${examId}/attempts/${attemptId}`)).json() as AttemptDetail;
    expect(d.deviceChanged).toBe(true);
    expect(d.events.map((e) => e.kind)).toContain('device_takeover');
  });

  it('a unit admin sees only their subtree (others 404); a member gets 403; bad input 400', async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId, bob.personId] });
    const aliceAttempt = await start(alice, examId);
    const bobAttempt = await start(bob, examId);

    expect((await unitAdmin.get(`/api/exams/${examId}/attempts/${aliceAttempt}`)).statusCode).toBe(200);
    const out = await unitAdmin.get(`/api/exams/${examId}/attempts/${bobAttempt}`);
    expect(out.statusCode).toBe(404);
    expect(out.json().error.message).toContain('不存在');
    const list = (await unitAdmin.get(`/api/exams/${examId}/attempts`)).json() as Paged<AttemptSummary>;
    expect(list.items.map((i) => i.name)).toEqual(['监考甲']);

    // an exam with nobody of theirs does not exist for them
    const { examId: bobOnly } = await insertPublishedExam(t, { questions: qs, personIds: [bob.personId] });
    expect((await unitAdmin.get(`/api/exams/${bobOnly}/attempts`)).statusCode).toBe(404);
    expect((await admin.get(`/api/exams/${bobOnly}/attempts`)).statusCode).toBe(200);

    expect((await bob.client.get(`/api/exams/${examId}/attempts/${bobAttempt}`)).statusCode).toBe(403);
    expect((await bob.client.get(`/api/exams/${examId}/attempts`)).statusCode).toBe(403);
    // an attempt of another exam is not found under this one
    const { examId: otherExam } = await insertPublishedExam(t, { questions: qs, personIds: [] });
    expect((await admin.get(`/api/exams/${otherExam}/attempts/${aliceAttempt}`)).statusCode).toBe(404);

    const bad = await admin.get(`/api/exams/${examId}/attempts?status=running&page=0`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('作答状态');
    expect((await admin.get(`/api/exams/${examId}/attempts/abc`)).statusCode).toBe(400);
  });
});
