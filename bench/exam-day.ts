/**
 * bench/exam-day: an exam day through the real HTTP API of real app processes.
 *
 *   npx tsx bench/exam-day.ts [--examinees 1000] [--processes 2] [--think-ms 600] [--ramp-s 60] [--skip-pglite]
 *
 * 1. PostgreSQL (a throwaway cluster, or DATABASE_URL), `--processes` app processes on it. The
 *    examinees log in, then start within `--ramp-s` seconds, answer ~50 questions with an
 *    autosave each (and change ~10% of their answers later), and submit. Figures: throughput,
 *    p50/p99 per request kind, errors, and a check that every acknowledged answer is what the
 *    examinee's result page shows.
 * 2. Baseline, same run: the same save traffic against a bare Fastify route doing one equivalent
 *    upsert (no session, CSRF, validation, device or deadline checks) → the ratio is our overhead.
 * 3. Crash run on PostgreSQL: a second exam; `kill -9` one app process in the middle of the load,
 *    restart it; clients retry unacknowledged saves (as the exam page does); nothing acknowledged
 *    may be missing.
 * 4. Crash run on embedded PGlite (the default deployment): one process, kill -9 mid-load, restart
 *    on the same data directory; nothing acknowledged may be missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isNotNull, sql } from 'drizzle-orm';
// @ts-expect-error plain .mjs helper without types
import { buildIfStale, root } from '../scripts/build-if-stale.mjs';
import { ensureAdministrator } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import { openDatabase } from '../src/server/db/client';
import { seedDemoOrg } from '../src/server/modules/org/demo';
import { createFieldCipher } from '../src/server/platform/crypto';
import { hashPassword } from '../src/server/platform/passwords';
import { accounts } from '../src/server/platform/schema';
import { startThrowawayPostgres } from './pg-cluster';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const EXAMINEES = arg('examinees', 1000);
const PROCESSES = arg('processes', 2);
const THINK_MS = arg('think-ms', 600);
const RAMP_S = arg('ramp-s', 60);
const SKIP_PGLITE = process.argv.includes('--skip-pglite');

const ADMIN_PW = 'Bench#Admin2026';
const USER_PW = 'Bench#User2026';
const SECRET = crypto.randomBytes(32).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Setup: people with passwords written straight into the database (argon2 for 1,000 one-time
// passwords through the API would only measure argon2), then app processes.

async function seedDatabase(env: { DATABASE_URL?: string; XJKP_DATA_DIR: string }, people: number) {
  const config = loadConfig({ ...env, XJKP_SECRET_KEY: SECRET });
  const database = await openDatabase(config);
  await database.migrate();
  const ctx: AppContext = { db: database.db, config, cipher: createFieldCipher(Buffer.from(SECRET, 'hex')) };
  await ensureAdministrator(database.db, ADMIN_PW);
  // Some demo people are 调离/退休 and so not on a roster; seed enough 在职 people.
  await seedDemoOrg(ctx, { count: Math.ceil(people / 0.93) + 10 });
  const hash = await hashPassword(USER_PW);
  await database.db.update(accounts).set({ passwordHash: hash, mustChangePassword: false }).where(isNotNull(accounts.personId));
  await database.db.update(accounts).set({ passwordHash: await hashPassword(ADMIN_PW), mustChangePassword: false }).where(sql`login_name = 'admin'`);
  const rows = (await database.db.execute(
    sql`select employee_no from people where status = '在职' order by id limit ${people}`,
  )) as unknown as { rows: { employee_no: string }[] };
  await database.close();
  return rows.rows.map((r) => r.employee_no);
}

interface Proc {
  port: number;
  child: ChildProcess;
}

async function startApp(port: number, env: Record<string, string>, logFile: string): Promise<Proc> {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(root, 'dist/server/main.js'), 'serve'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      XJKP_SECRET_KEY: SECRET,
      LOG_LEVEL: 'warn',
      XJKP_LOGIN_RATE_LIMIT: '1000000',
      XJKP_SESSION_IDLE_MINUTES: '240',
      XJKP_ADMIN_PASSWORD: ADMIN_PW,
    },
    stdio: ['ignore', out, out],
  });
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app on :${port} exited (${child.exitCode}); see ${logFile}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > 120_000) throw new Error(`app on :${port} did not start; see ${logFile}`);
    await sleep(200);
  }
  return { port, child };
}

// ---------------------------------------------------------------------------------------------
// A tiny client: cookie + CSRF, retries like the exam page's queue (network errors and 5xx).

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
    this.stack = this.message;
  }
}

class Client {
  cookie = '';
  csrf = '';
  retries = 0;
  constructor(public port: number) {}
  async call<T>(method: string, url: string, body?: unknown, opts: { retry?: boolean } = {}): Promise<T> {
    const deadline = Date.now() + 120_000;
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await fetch(`http://127.0.0.1:${this.port}${url}`, {
          method,
          headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await r.text();
        const set = r.headers.get('set-cookie');
        if (set) this.cookie = set.split(';')[0];
        if (r.status >= 500 && opts.retry && Date.now() < deadline) throw new HttpError(r.status, text);
        if (!r.ok) throw new HttpError(r.status, text);
        return (text ? JSON.parse(text) : null) as T;
      } catch (e) {
        const retriable = !(e instanceof HttpError) || e.status >= 500;
        if (!opts.retry || !retriable || Date.now() > deadline) throw e;
        this.retries++;
        await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
      }
    }
  }
  async login(username: string, password: string) {
    const me = await this.call<{ csrfToken: string }>('POST', '/api/auth/login', { username, password }, { retry: true });
    this.csrf = me.csrfToken;
  }
}

// ---------------------------------------------------------------------------------------------
// The organiser's part: a bank of active questions and a published blueprint exam.

async function setUpBank(admin: Client) {
  // one organiser sets the bench bank up: no second-person review
  await admin.call('PUT', '/api/bank/settings', { reviewRequired: false });
  const ids: number[] = [];
  const mk = async (content: unknown) => {
    const r = await admin.call<{ question: { id: number } }>('POST', '/api/bank/questions', { content });
    ids.push(r.question.id);
  };
  const opts = (n: number, i: number) => ['A', 'B', 'C', 'D'].slice(0, n).map((key, k) => ({ key, html: `<p>第${i}题选项${key}：依法${k === 0 ? '应当' : '可以'}办理的情形${k}</p>` }));
  for (let i = 0; i < 90; i++) await mk({ type: 'single', stem: `<p>（单选${i}）根据《中华人民共和国行政处罚法》第${i + 1}条，下列说法正确的是？</p>`, options: opts(4, i), answer: { key: 'ABCD'[i % 4] }, difficulty: 1 + (i % 5), explanationHtml: '<p>解析</p>' });
  for (let i = 0; i < 30; i++) await mk({ type: 'multiple', stem: `<p>（多选${i}）依照《中华人民共和国行政许可法》第${i + 1}条，下列哪些情形属实？</p>`, options: opts(4, i), answer: { keys: ['A', 'C'] }, difficulty: 1 + (i % 5) });
  for (let i = 0; i < 30; i++) await mk({ type: 'truefalse', stem: `<p>（判断${i}）《中华人民共和国宪法》第${i + 1}条规定的内容属于国家根本制度。</p>`, answer: { value: i % 2 === 0 }, difficulty: 1 + (i % 5) });
  await admin.call('POST', '/api/bank/questions/bulk', { ids, op: { action: 'status', to: 'active' } });
}

async function publishExam(admin: Client, title: string, rootUnitId: number): Promise<number> {
  const now = Date.now();
  const exam = await admin.call<{ id: number }>('POST', '/api/exams', {
    title,
    kind: 'annual',
    year: new Date().getFullYear(),
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 4 * 3600_000).toISOString(),
    durationMinutes: 120,
    passMark: 60,
    resultsRelease: 'immediate',
    answersRelease: 'never',
    rosterRule: { unitIds: [rootUnitId] },
    paper: {
      mode: 'blueprint',
      blueprint: {
        sections: [
          { type: 'single', count: 30, points: 2 },
          { type: 'multiple', count: 10, points: 2 },
          { type: 'truefalse', count: 10, points: 2 },
        ],
        fairnessTolerancePct: 2,
      },
    },
  });
  await admin.call('POST', `/api/exams/${exam.id}/publish`, {});
  return exam.id;
}

// ---------------------------------------------------------------------------------------------
// One examinee.

interface Item {
  position: number;
  question: { type: string; options?: { label: string }[] };
}
type Resp = Record<string, unknown>;

function randomResponse(item: Item): Resp {
  const labels = (item.question.options ?? []).map((o) => o.label);
  switch (item.question.type) {
    case 'single':
      return { type: 'single', key: labels[Math.floor(Math.random() * labels.length)] };
    case 'multiple':
      return { type: 'multiple', keys: labels.filter(() => Math.random() < 0.5) };
    case 'truefalse':
      return { type: 'truefalse', value: Math.random() < 0.5 };
    default:
      return { type: 'essay', text: '依法行政' };
  }
}

const canon = (r: Resp | null | undefined) => JSON.stringify(r && r.type === 'multiple' ? { ...r, keys: [...(r.keys as string[])].sort() } : r ?? null);

interface Stats {
  lat: Record<string, number[]>;
  errors: Record<string, number>;
  acked: number;
}

async function examinee(c: Client, examId: number, stats: Stats, opts: { startDelay: number; onSave?: () => Promise<void> }) {
  const time = async <T>(kind: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      const r = await f();
      (stats.lat[kind] ??= []).push(performance.now() - t0);
      return r;
    } catch (e) {
      stats.errors[kind] = (stats.errors[kind] ?? 0) + 1;
      throw e;
    }
  };
  await sleep(opts.startDelay);
  const deviceId = crypto.randomUUID();
  const attempt = await time('start', () => c.call<{ id: number; items: Item[]; lastSeq: number }>('POST', `/api/my/exams/${examId}/start`, { deviceId }, { retry: true }));
  let seq = attempt.lastSeq;
  const final = new Map<number, Resp>();
  const save = async (item: Item) => {
    const response = randomResponse(item);
    seq++;
    await time('save', () => c.call('PUT', `/api/my/attempts/${attempt.id}/answers`, { deviceId, saves: [{ position: item.position, seq, response, flagged: false }] }, { retry: true }));
    final.set(item.position, response);
    stats.acked++;
    await opts.onSave?.();
  };
  for (const item of attempt.items) {
    await sleep(THINK_MS * (0.5 + Math.random()));
    await save(item);
    if (Math.random() < 0.1 && final.size > 1) await save(attempt.items[Math.floor(Math.random() * final.size)]);
  }
  await time('submit', () => c.call('POST', `/api/my/attempts/${attempt.id}/submit`, { deviceId }, { retry: true }));
  return { attemptId: attempt.id, final };
}

/** Every acknowledged answer must be what the examinee's result page shows. */
async function verify(c: Client, attemptId: number, final: Map<number, Resp>): Promise<number> {
  const r = await c.call<{ items: { position: number; response: Resp | null }[] }>('GET', `/api/my/attempts/${attemptId}/result`, undefined, { retry: true });
  const shown = new Map(r.items.map((i) => [i.position, i.response]));
  let lost = 0;
  for (const [pos, resp] of final) if (canon(shown.get(pos)) !== canon(resp)) lost++;
  return lost;
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

function report(title: string, stats: Stats, wallS: number) {
  console.log(`\n${title}  (wall ${wallS.toFixed(1)} s)`);
  console.log('request   count    per s    p50 ms   p99 ms   errors');
  for (const [kind, xs] of Object.entries(stats.lat)) {
    console.log(`${kind.padEnd(8)} ${String(xs.length).padStart(6)} ${(xs.length / wallS).toFixed(1).padStart(8)} ${f1(pct(xs, 50)).padStart(9)} ${f1(pct(xs, 99)).padStart(8)} ${String(stats.errors[kind] ?? 0).padStart(8)}`);
  }
}

async function runLoad(label: string, ports: number[], users: string[], examId: number, hooks: { onSave?: (acked: number) => Promise<void> } = {}) {
  const clients = users.map((u, i) => new Client(ports[i % ports.length]));
  const tLogin = performance.now();
  for (let i = 0; i < clients.length; i += 16) await Promise.all(clients.slice(i, i + 16).map((c, k) => c.login(users[i + k], USER_PW)));
  console.log(`${label}: ${clients.length} examinees logged in in ${((performance.now() - tLogin) / 1000).toFixed(1)} s (argon2, not part of the figures)`);
  const stats: Stats = { lat: {}, errors: {}, acked: 0 };
  const t0 = performance.now();
  const results = await Promise.allSettled(
    clients.map((c) => examinee(c, examId, stats, { startDelay: Math.random() * RAMP_S * 1000, onSave: hooks.onSave ? () => hooks.onSave!(stats.acked) : undefined })),
  );
  const wall = (performance.now() - t0) / 1000;
  report(label, stats, wall);
  const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
  if (failed.length) console.log(`  examinees who could not finish: ${failed.length} (first: ${String(failed[0].reason).slice(0, 200)})`);
  let lost = 0;
  let checked = 0;
  for (let i = 0; i < clients.length; i++) {
    const r = results[i];
    if (r.status !== 'fulfilled') continue;
    lost += await verify(clients[i], r.value.attemptId, r.value.final);
    checked += r.value.final.size;
  }
  const retries = clients.reduce((s, c) => s + c.retries, 0);
  console.log(`  acknowledged saves ${stats.acked}; final answers checked ${checked}; LOST ${lost}; client retries ${retries}`);
  return { stats, wall, lost, failed: failed.length, retries };
}

// ---------------------------------------------------------------------------------------------
// The bare baseline: one route, one upsert, same PostgreSQL, same load shape.

async function bareBaseline(url: string, port: number, n: number, itemsPer: number, logFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/bare-upsert.ts')], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
    stdio: ['ignore', fs.openSync(logFile, 'a'), fs.openSync(logFile, 'a')],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 300) throw new Error('bare server did not start');
    await sleep(200);
  }
  const stats: Stats = { lat: {}, errors: {}, acked: 0 };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async (_, u) => {
      await sleep(Math.random() * RAMP_S * 1000);
      const c = new Client(port);
      let seq = 0;
      for (let p = 0; p < itemsPer * 1.1; p++) {
        await sleep(THINK_MS * (0.5 + Math.random()));
        seq++;
        const t = performance.now();
        await c.call('PUT', `/bare/${u + 1}`, { position: p % itemsPer, seq, response: { type: 'single', key: 'A' } }, { retry: true });
        (stats.lat.save ??= []).push(performance.now() - t);
        stats.acked++;
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  report('baseline: bare upsert route (1 process)', stats, wall);
  child.kill('SIGTERM');
  return stats;
}

// ---------------------------------------------------------------------------------------------

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-exam-day-'));
const logs = (name: string) => path.join(tmp, name);
console.log(`exam-day bench: ${EXAMINEES} examinees, ${PROCESSES} app processes, think ${THINK_MS} ms, start within ${RAMP_S} s; logs in ${tmp}`);
if (buildIfStale() !== 0) process.exit(1);

const cluster = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop: () => undefined } : await startThrowawayPostgres();
const procs: Proc[] = [];
const stopAll = () => {
  for (const p of procs) p.child.kill('SIGKILL');
  cluster.stop();
};
process.on('exit', stopAll);
try {
  const users = await seedDatabase({ DATABASE_URL: cluster.url, XJKP_DATA_DIR: tmp }, EXAMINEES);
  const basePort = 36100 + Math.floor(Math.random() * 500);
  const env = { DATABASE_URL: cluster.url, XJKP_DATA_DIR: tmp };
  for (let i = 0; i < PROCESSES; i++) procs.push(await startApp(basePort + i, env, logs(`app-${i}.log`)));
  const ports = procs.map((p) => p.port);

  const admin = new Client(ports[0]);
  await admin.login('admin', ADMIN_PW);
  await setUpBank(admin);
  const units = await admin.call<{ units: { id: number; parentId: number | null }[] }>('GET', '/api/units');
  const rootUnit = units.units.find((u) => u.parentId === null)!.id;
  const tPub = performance.now();
  const examId = await publishExam(admin, '2026年度学法考试（压测）', rootUnit);
  console.log(`published an exam for the roster (papers pre-drawn) in ${((performance.now() - tPub) / 1000).toFixed(1)} s`);

  // 1. the exam day
  const day = await runLoad(`exam day on PostgreSQL, ${PROCESSES} processes`, ports, users, examId);

  // 2. baseline
  const bare = await bareBaseline(cluster.url, basePort + 50, EXAMINEES, 50, logs('bare.log'));
  const ours = day.stats.lat.save ?? [];
  const base = bare.lat.save ?? [];
  console.log(
    `\nsave overhead vs bare upsert: p50 ${f1(pct(ours, 50))} / ${f1(pct(base, 50))} ms = ${(pct(ours, 50) / pct(base, 50)).toFixed(2)}×;  p99 ${f1(pct(ours, 99))} / ${f1(pct(base, 99))} ms = ${(pct(ours, 99) / pct(base, 99)).toFixed(2)}×`,
  );

  // 3. crash run on PostgreSQL: kill -9 one app process at ~40% of the expected saves, restart it.
  const crashUsers = users.slice(0, Math.min(users.length, Math.max(100, Math.floor(EXAMINEES / 3))));
  const exam2 = await publishExam(admin, '2026年度学法考试（断电演练）', rootUnit);
  const expected = crashUsers.length * 55;
  let killed = false;
  const crash = await runLoad(`crash run on PostgreSQL (kill -9 one of ${PROCESSES} processes)`, ports, crashUsers, exam2, {
    onSave: async (acked) => {
      if (killed || acked < expected * 0.4) return;
      killed = true;
      const victim = procs[procs.length - 1];
      victim.child.kill('SIGKILL');
      const t = performance.now();
      console.log(`  kill -9 app on :${victim.port} after ${acked} acknowledged saves; restarting…`);
      procs[procs.length - 1] = await startApp(victim.port, env, logs('app-restarted.log'));
      console.log(`  restarted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    },
  });

  // 4. crash run on embedded PGlite: one process, kill -9 mid-load, restart on the same data dir.
  let pgliteLost = NaN;
  if (!SKIP_PGLITE) {
    for (const p of procs) p.child.kill('SIGKILL');
    procs.length = 0;
    const dataDir = path.join(tmp, 'pglite-data');
    const liteUsers = (await seedDatabase({ XJKP_DATA_DIR: dataDir }, 150)).slice(0, 150);
    const liteEnv = { XJKP_DATA_DIR: dataDir };
    procs.push(await startApp(basePort + 80, liteEnv, logs('pglite.log')));
    const a2 = new Client(basePort + 80);
    await a2.login('admin', ADMIN_PW);
    await setUpBank(a2);
    const u2 = await a2.call<{ units: { id: number; parentId: number | null }[] }>('GET', '/api/units');
    const exam3 = await publishExam(a2, '2026年度学法考试（PGlite 断电演练）', u2.units.find((u) => u.parentId === null)!.id);
    let killed2 = false;
    const lite = await runLoad('crash run on PGlite (kill -9 the only process)', [basePort + 80], liteUsers, exam3, {
      onSave: async (acked) => {
        if (killed2 || acked < liteUsers.length * 55 * 0.4) return;
        killed2 = true;
        procs[0].child.kill('SIGKILL');
        const t = performance.now();
        console.log(`  kill -9 the PGlite app after ${acked} acknowledged saves; restarting…`);
        procs[0] = await startApp(basePort + 80, liteEnv, logs('pglite-restarted.log'));
        console.log(`  restarted (PGlite recovery included) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      },
    });
    pgliteLost = lite.lost;
  }

  console.log('\nsummary');
  console.log(`  exam day: ${day.stats.acked} saves in ${day.wall.toFixed(0)} s, save p50 ${f1(pct(ours, 50))} ms p99 ${f1(pct(ours, 99))} ms, lost ${day.lost}, unfinished ${day.failed}`);
  console.log(`  crash run PostgreSQL: lost ${crash.lost}, unfinished ${crash.failed}, retries ${crash.retries}`);
  if (!SKIP_PGLITE) console.log(`  crash run PGlite: lost ${pgliteLost}`);
  const ok = day.lost === 0 && crash.lost === 0 && (SKIP_PGLITE || pgliteLost === 0) && day.failed === 0 && crash.failed === 0;
  console.log(ok ? '  every acknowledged answer survived' : '  FAILED: acknowledged answers missing or examinees unable to finish');
  process.exitCode = ok ? 0 : 1;
} finally {
  stopAll();
}
