import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptView } from '../../src/common/exam';
import { buildApp } from '../../src/server/app';
import { ensureAdministrator } from '../../src/server/bootstrap';
import { loadConfig } from '../../src/server/config';
import type { AppContext } from '../../src/server/context';
import { openPglite, openPostgres, type Database } from '../../src/server/db/client';
import { attemptAnswers, attemptEvents, examAttempts } from '../../src/server/modules/exam/schema';
import { createFieldCipher } from '../../src/server/platform/crypto';
import { ADMIN_PASSWORD, adminClient, Client, createTestApp, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, sampleQuestions, type ActiveQuestion, type Member } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let alice: Member;
let qs: ActiveQuestion[];
const DEV = 'device-alice-0001';

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  alice = await createMember(t, admin, '考生甲', 'as001');
  qs = await createActiveQuestions(admin, sampleQuestions());
});
afterAll(() => t.close());

async function newAttempt(m: Member = alice, deviceId = DEV): Promise<AttemptView> {
  const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [m.personId] });
  const res = await m.client.post(`/api/my/exams/${examId}/start`, { deviceId });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json();
}
const save = (attemptId: number, saves: unknown[], deviceId = DEV, m: Member = alice) => m.client.put(`/api/my/attempts/${attemptId}/answers`, { deviceId, saves });
const stored = async (attemptId: number) =>
  Object.fromEntries((await t.ctx.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, attemptId))).map((r) => [r.position, { seq: r.seq, response: r.response }]));

describe('autosave keeps the newest answer per question', () => {
  it('a late retry with a lower seq is acknowledged but does not overwrite', async () => {
    const a = await newAttempt();
    expect((await save(a.id, [{ position: 2, seq: 10, response: { type: 'truefalse', value: false } }])).json()).toMatchObject({ acknowledged: [10], lastSeq: 10 });
    // the request for seq 7 was stuck in a queue and arrives after seq 10
    const late = await save(a.id, [
      { position: 2, seq: 7, response: { type: 'truefalse', value: true } },
      { position: 0, seq: 8, response: { type: 'single', key: 'A' } },
    ]);
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ acknowledged: [7, 8], lastSeq: 10 });
    expect(await stored(a.id)).toEqual({
      2: { seq: 10, response: { type: 'truefalse', value: false } },
      0: { seq: 8, response: { type: 'single', key: 'D' } },
    });
    const view = (await alice.client.get(`/api/my/attempts/${a.id}`)).json() as AttemptView;
    expect(view.items[2].response).toEqual({ type: 'truefalse', value: false });
    expect(view.lastSeq).toBe(10);
  });

  it('a batch naming one question twice keeps its highest seq; clearing an answer is a save too', async () => {
    const a = await newAttempt();
    const res = await save(a.id, [
      { position: 1, seq: 3, response: { type: 'multiple', keys: ['A', 'B'] } },
      { position: 1, seq: 5, response: { type: 'multiple', keys: ['C'] } },
      { position: 1, seq: 4, response: { type: 'multiple', keys: ['D'] } },
    ]);
    expect(res.json().acknowledged).toEqual([3, 5, 4]);
    expect((await stored(a.id))[1]).toEqual({ seq: 5, response: { type: 'multiple', keys: ['C'] } });
    await save(a.id, [{ position: 1, seq: 6, response: null }]);
    expect((await stored(a.id))[1]).toEqual({ seq: 6, response: null });
    expect(((await alice.client.get(`/api/my/attempts/${a.id}`)).json() as AttemptView).items[1].response).toBeNull();
  });

  it('concurrent saves of the same question end with the highest seq whatever the order', async () => {
    const a = await newAttempt();
    const seqs = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    const results = await Promise.all(seqs.map((seq) => save(a.id, [{ position: 4, seq, response: { type: 'essay', text: `第${seq}稿` } }])));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect((await stored(a.id))[4]).toEqual({ seq: 20, response: { type: 'essay', text: '第20稿' } });
  });

  it('saves after deadline + grace are refused and nothing changes; within the grace they are kept', async () => {
    const a = await newAttempt();
    await save(a.id, [{ position: 0, seq: 1, response: { type: 'single', key: 'A' } }]);
    // the deadline passed 10 s ago: requests in flight are still accepted
    await t.ctx.db.update(examAttempts).set({ deadlineAt: new Date(Date.now() - 10_000) }).where(eq(examAttempts.id, a.id));
    expect((await save(a.id, [{ position: 0, seq: 2, response: { type: 'single', key: 'B' } }])).statusCode).toBe(200);
    // 20 s ago: refused
    await t.ctx.db.update(examAttempts).set({ deadlineAt: new Date(Date.now() - 20_000) }).where(eq(examAttempts.id, a.id));
    const before = await stored(a.id);
    const res = await save(a.id, [
      { position: 0, seq: 3, response: { type: 'single', key: 'C' } },
      { position: 2, seq: 4, response: { type: 'truefalse', value: true } },
    ]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ATTEMPT_CLOSED', message: expect.stringContaining('考试时间已到') });
    expect(await stored(a.id)).toEqual(before);
    const [row] = await t.ctx.db.select({ lastSeq: examAttempts.lastSeq }).from(examAttempts).where(eq(examAttempts.id, a.id));
    expect(row.lastSeq).toBe(2);
  });
});

describe('one device at a time', () => {
  it('a second device must ask to take over; then the first device is refused', async () => {
    const a = await newAttempt();
    await save(a.id, [{ position: 2, seq: 1, response: { type: 'truefalse', value: true } }]);
    const examId = a.examId;
    const other = 'device-alice-phone';
    const busy = await alice.client.post(`/api/my/exams/${examId}/start`, { deviceId: other });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error).toMatchObject({ code: 'DEVICE_ACTIVE', message: expect.stringContaining('本场考试正在另一台设备上作答') });
    // the first device is still the one that saves
    expect((await save(a.id, [{ position: 0, seq: 2, response: { type: 'single', key: 'B' } }])).statusCode).toBe(200);

    const took = await alice.client.post(`/api/my/exams/${examId}/start`, { deviceId: other, takeover: true });
    expect(took.statusCode).toBe(200);
    const view = took.json() as AttemptView;
    expect(view.id).toBe(a.id);
    expect(view.lastSeq).toBe(2);
    expect(view.items[2].response).toEqual({ type: 'truefalse', value: true });

    const old = await save(a.id, [{ position: 0, seq: 3, response: { type: 'single', key: 'A' } }]);
    expect(old.statusCode).toBe(409);
    expect(old.json().error.code).toBe('DEVICE_REPLACED');
    expect((await alice.client.get(`/api/my/attempts/${a.id}?deviceId=${DEV}`)).json().error.code).toBe('DEVICE_REPLACED');
    expect((await alice.client.post(`/api/my/attempts/${a.id}/submit`, { deviceId: DEV })).json().error.code).toBe('DEVICE_REPLACED');
    expect((await save(a.id, [{ position: 0, seq: 3, response: { type: 'single', key: 'C' } }], other)).statusCode).toBe(200);
    const events = await t.ctx.db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, a.id));
    expect(events.map((e) => e.kind)).toContain('device_takeover');
    expect((await alice.client.post(`/api/my/attempts/${a.id}/submit`, { deviceId: other })).statusCode).toBe(200);
  });
});

describe('a restart loses nothing', () => {
  it('every acknowledged answer is there after the app is closed and opened again on the same data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-exam-restart-'));
    const pgUrl = process.env.TEST_DATABASE_URL;
    const pgName = `xjkp_test_${crypto.randomBytes(6).toString('hex')}`;
    let dbUrl = '';
    if (pgUrl) {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${pgName}`);
      await c.end();
      const u = new URL(pgUrl);
      u.pathname = `/${pgName}`;
      dbUrl = u.toString();
    }
    const cipher = createFieldCipher(crypto.randomBytes(32));
    const open = async (): Promise<TestApp> => {
      const database: Database = pgUrl ? await openPostgres(dbUrl, 4) : await openPglite(path.join(dir, 'pglite'));
      await database.migrate();
      const ctx: AppContext = { db: database.db, config: { ...loadConfig({}), webDir: '/nonexistent', loginRateLimitPerMinute: 10_000 }, cipher };
      await ensureAdministrator(database.db, ADMIN_PASSWORD);
      const app = await buildApp(ctx);
      return { app, ctx, database, close: async () => (await app.close(), await database.close()) };
    };
    try {
      const first = await open();
      const adm = await adminClient(first.app);
      const m = await createMember(first, adm, '考生丙', 'rs001');
      const questions = await createActiveQuestions(adm, sampleQuestions());
      const { examId } = await insertPublishedExam(first, { questions, personIds: [m.personId] });
      const a = (await m.client.post(`/api/my/exams/${examId}/start`, { deviceId: DEV })).json() as AttemptView;
      const acked: number[] = [];
      const saves = [
        { position: 0, seq: 1, response: { type: 'single', key: 'B' } },
        { position: 1, seq: 2, response: { type: 'multiple', keys: ['B', 'C', 'E'] } },
        { position: 3, seq: 3, response: { type: 'fill', blanks: ['30', '民政部门'] } },
        { position: 4, seq: 4, response: { type: 'essay', text: '重启前写下的回答' } },
      ];
      for (const s of saves) acked.push(...(await m.client.put(`/api/my/attempts/${a.id}/answers`, { deviceId: DEV, saves: [s] })).json().acknowledged);
      expect(acked).toEqual([1, 2, 3, 4]);
      await first.close();

      const second = await open();
      try {
        const again = new Client(second.app);
        expect((await again.login('rs001', 'Member#2026z')).statusCode).toBe(200);
        const view = (await again.get(`/api/my/attempts/${a.id}?deviceId=${DEV}`)).json() as AttemptView;
        expect(view.lastSeq).toBe(4);
        expect(view.items.map((i) => i.response)).toEqual([saves[0].response, { type: 'multiple', keys: ['B', 'C', 'E'] }, null, saves[2].response, saves[3].response]);
        // and the attempt carries on where it was
        expect((await again.put(`/api/my/attempts/${a.id}/answers`, { deviceId: DEV, saves: [{ position: 2, seq: 5, response: { type: 'truefalse', value: true } }] })).statusCode).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      if (pgUrl) {
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
        await c.end();
      }
    }
  });
});
