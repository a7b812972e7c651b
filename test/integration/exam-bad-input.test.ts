/**
 * No 500 for anything a user can send to the exam engine. Every exam route the API describes
 * (/api/docs/json) is called with malformed path parameters, query strings and bodies, by an
 * organiser and by an examinee, against an exam that exists (so requests get past the 404s into
 * validation and the services). Each answer must be a 4xx with the error shape the web app reads
 * (code + Chinese message), or a success — never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createTestApp, type Client, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, sampleQuestions, type Member } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let member: Member;
let examId: number;
let attemptId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  member = await createMember(t, admin, '考生乙', 'bad001');
  const qs = await createActiveQuestions(admin, sampleQuestions('BAD'));
  examId = (await insertPublishedExam(t, { questions: qs, personIds: [member.personId] })).examId;
  const start = await member.client.post(`/api/my/exams/${examId}/start`, { deviceId: 'device-bad-input-1' });
  expect(start.statusCode, start.body).toBe(200);
  attemptId = start.json().id;
});
afterAll(() => t.close());

/** Values for a path parameter: junk, out of range, and the real ids. */
const PARAM_VALUES = ['abc', '0', '-1', '1.5', '99999999999999999999', '%00', "1'--", '2147483648'];
const BODIES: unknown[] = [
  {},
  [],
  'text',
  { deviceId: 1, saves: 'x', title: [], kind: 'exam', paper: { mode: 'magic' }, personIds: ['a'], questionId: 'x', score: 'full' },
  { deviceId: 'd'.repeat(5000), saves: [{ position: -1, seq: 0, response: { type: 'single', key: 'Z' } }] },
  { title: '考试', kind: 'annual', year: 2026, opensAt: 'yesterday', closesAt: '2026-13-45', durationMinutes: 1e9, passMark: -1, paper: { mode: 'blueprint', blueprint: { sections: [{ type: 'single', count: 1e6, points: 0.3 }] } } },
  { personIds: [2147483647, -5], extraMinutes: 'many', opensAt: null, closesAt: 12 },
  { saves: [{ position: 2147483647, seq: 2147483647, response: null }], deviceId: 'device-bad-input-1' },
  { saves: [{ position: 299, seq: 7, response: { type: 'truefalse', value: true } }, { position: 0, seq: 8, response: { type: 'essay', text: 'x' } }], deviceId: 'device-bad-input-1' },
];
const QUERIES = ['', '?page=0&pageSize=100000', '?status=nope&unitId=abc&q=' + 'x'.repeat(500), '?deviceId=' + '%FF'.repeat(10), '?year=abc&kind=none'];

interface Route {
  method: string;
  path: string;
}

async function examRoutes(): Promise<Route[]> {
  const doc = (await admin.get('/api/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!/^\/api\/(exams|my\/|people\/\{id\}\/pre-appointment)/.test(path)) continue;
    for (const method of Object.keys(ops)) routes.push({ method: method.toUpperCase(), path });
  }
  return routes;
}

/** Path templates filled with every junk value, plus once with the real ids. */
function urls(path: string): string[] {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const real = (p: string) => (p === 'attemptId' || (p === 'id' && path.startsWith('/api/my/attempts')) ? attemptId : p === 'personId' || (p === 'id' && path.startsWith('/api/people')) ? member.personId : examId);
  const fill = (value: (p: string) => string | number) => path.replace(/\{(\w+)\}/g, (_, p: string) => String(value(p)));
  if (!params.length) return [path];
  return [fill(real), ...PARAM_VALUES.map((v) => fill(() => v)), ...params.map((junk) => fill((p) => (p === junk ? 'abc' : real(p))))];
}

describe('exam routes never answer 5xx to malformed input', () => {
  it('for an organiser and an examinee, over every exam route', async () => {
    const routes = await examRoutes();
    expect(routes.length).toBeGreaterThan(25);
    const failures: string[] = [];
    let calls = 0;
    for (const who of [
      { name: 'admin', client: admin },
      { name: 'member', client: member.client },
    ]) {
      for (const r of routes) {
        // destructive calls on the real exam would end the test's own fixture early; junk ids only
        const destructive = r.method === 'DELETE' || /\/(close|publish|publish-results|submit)$/.test(r.path);
        for (const url of urls(r.path)) {
          if (destructive && !/abc|-1|0|99999|%00|'|1\.5|2147483648/.test(url)) continue;
          for (const q of QUERIES) {
            const bodies = r.method === 'GET' ? [undefined] : BODIES;
            for (const body of bodies) {
              const res = await who.client.request(r.method, url + q, body, body === 'text' ? { 'content-type': 'application/json' } : {});
              calls++;
              if (res.statusCode >= 500) failures.push(`${who.name} ${r.method} ${url + q} ${JSON.stringify(body)?.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
              else if (res.statusCode >= 400 && res.headers['content-type']?.toString().includes('json')) {
                const err = res.json().error;
                if (!err?.code || !/[\u4e00-\u9fff]/.test(err.message ?? '')) failures.push(`${who.name} ${r.method} ${url + q} → ${res.statusCode} without a Chinese error: ${res.body.slice(0, 200)}`);
              }
            }
          }
        }
      }
    }
    expect(failures, `${failures.length} bad answers of ${calls}`).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  }, 300_000);
});
