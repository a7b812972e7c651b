/**
 * No 500 for anything a user can send to 学 and 讲 (issue 5). Every route of the learning, practice,
 * reading, activity/sign-in, duty/quota/lecturer/notification, 学法档案 and files modules the API
 * describes (/api/docs/json) is called by an organiser (the admin), a unit admin and a member with
 * malformed path parameters, query strings and bodies, and the two upload routes with malformed
 * multipart requests. Real data is seeded first (units, people, a law, a material, a published
 * list, an activity with a sign-in code, a quota, a lecturer, a note, a file, practice questions) so
 * requests with real ids get past the 404s into validation and the services.
 *
 * Each answer must be a success or a 4xx carrying the error shape the web app reads (code + a
 * Chinese message) — never a 5xx — and a refused write must leave the tables it could touch as
 * they were (row counts of activities, attendance, lists, items, materials, quotas, lecturers,
 * study credits, notes, bookmarks and files are compared around every refused write).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDay } from '../../src/common/learning';
import { adminClient, createTestApp, idNumber, type Client, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, sampleQuestions, type Member } from '../helpers/exam';
import { multipart } from '../helpers/multipart';

const YEAR = Number(beijingDay(new Date()).slice(0, 4));
const BIG = 2147483647;

let t: TestApp;
let admin: Client;
let unitAdmin: Member;
let member: Member;
const u: Record<string, number> = {};
const real: Record<string, number | string> = {};

// ---------------------------------------------------------------------------------------------
// Multipart helpers


async function workbook(rows: unknown[][], header = ['姓名', '身份证号', '工号']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('参加人员');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LAW = [
  '# 某区坏输入测试条例',
  '',
  '2020年1月1日 某区人民代表大会常务委员会通过',
  '',
  '<!-- INFO END -->',
  '',
  '## 第一章 总则',
  '',
  '第一条 为了推进学法用法，制定本条例。',
  '',
  '第二条 本条例适用于本区国家工作人员。',
].join('\n');

// ---------------------------------------------------------------------------------------------
// Row counts: a refused write must not have written anything

const COUNTED = [
  'activities',
  'activity_attendance',
  'learning_lists',
  'learning_list_items',
  'learning_materials',
  'learning_quotas',
  'lecturers',
  'study_credits',
  'article_notes',
  'article_bookmarks',
  'files',
] as const;

async function rowCounts(): Promise<string> {
  const res = (await t.ctx.db.execute(sql.raw(`SELECT ${COUNTED.map((n) => `(SELECT count(*) FROM ${n}) AS ${n}`).join(', ')}`))) as unknown as {
    rows: Record<string, unknown>[];
  };
  return COUNTED.map((n) => `${n}=${String(res.rows[0][n])}`).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Fixtures

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.局 = (await admin.post('/api/units', { name: '区司法局', parentId: u.区 })).json().id;
  u.科 = (await admin.post('/api/units', { name: '法制科', parentId: u.局 })).json().id;
  u.外 = (await admin.post('/api/units', { name: '其他局', parentId: u.区 })).json().id;
  unitAdmin = await createMember(t, admin, '坏输入管理员', 'bi-ua', u.局);
  expect((await admin.put(`/api/people/${unitAdmin.personId}/roles`, { roles: [{ role: 'unit_admin', unitId: u.局 }] })).statusCode).toBe(200);
  await unitAdmin.client.login('bi-ua', 'Member#2026z'); // roles are read at login
  member = await createMember(t, admin, '坏输入成员', 'bi-m', u.科);
  expect((await admin.patch(`/api/people/${member.personId}`, { idNumber: idNumber('11010119800101777') })).statusCode).toBeLessThan(300);
  real.personId = member.personId;

  const law = multipart([{ field: 'category', value: '地方性法规' }, { file: Buffer.from(LAW), filename: 'law.md' }]);
  const up = await admin.request('POST', '/api/laws/upload', law.body, law.headers);
  expect(up.statusCode, up.body).toBe(200);
  real.lawId = up.json().lawId;
  const lawView = (await admin.get(`/api/laws/${real.lawId}`)).json();
  real.articleId = (lawView.articles ?? lawView.nodes?.flatMap((n: { articles?: { id: number }[] }) => n.articles ?? []))?.[0]?.id ?? 1;

  const file = multipart([{ field: 'purpose', value: 'material' }, { file: Buffer.from('材料正文\n'), filename: '材料.txt' }]);
  const f = await admin.request('POST', '/api/files', file.body, file.headers);
  expect(f.statusCode, f.body).toBe(200);
  real.fileId = f.json().id;

  const mat = await admin.post('/api/learning/materials', { title: '坏输入材料', kind: '案例', body: '以案释法。', fileId: real.fileId });
  expect(mat.statusCode, mat.body).toBe(200);
  real.materialId = mat.json().id;

  const act = await admin.post('/api/activities', {
    category: 'study',
    kind: '集中学法',
    title: '坏输入集中学法',
    startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    durationMinutes: 90,
    hostUnitId: u.局,
    presenter: '张科长',
    audienceUnitIds: [u.科],
    laws: [{ lawId: real.lawId, title: '某区坏输入测试条例' }],
  });
  expect(act.statusCode, act.body).toBe(200);
  real.activityId = act.json().id;
  const code = await admin.post(`/api/activities/${real.activityId}/sign-in-code`, {});
  expect(code.statusCode, code.body).toBe(200);
  real.code = code.json().code;

  const list = await admin.post('/api/learning/lists', {
    year: YEAR,
    name: '坏输入清单',
    items: [
      { segment: '1', kind: 'material', materialId: real.materialId },
      { segment: '3', kind: 'law', lawId: real.lawId },
      { segment: 'N', kind: 'course', activityId: real.activityId },
    ],
  });
  expect(list.statusCode, list.body).toBe(200);
  real.listId = list.json().id;
  expect((await admin.post(`/api/learning/lists/${real.listId}/publish`)).statusCode).toBe(200);

  const quota = await admin.post('/api/learning/quotas', { year: YEAR, name: '集中学法', metric: 'activity_count', activityKind: '集中学法', target: 4, unitIds: [u.局] });
  expect(quota.statusCode, quota.body).toBe(200);
  real.quotaId = quota.json().id;
  const lecturer = await admin.post('/api/lecturers', { name: '坏输入讲师', level: '区级', organisation: '某律师事务所' });
  expect(lecturer.statusCode, lecturer.body).toBe(200);
  real.lecturerId = lecturer.json().id;

  const note = await member.client.post('/api/reading/notes', { articleId: real.articleId, text: '我的笔记' });
  expect(note.statusCode, note.body).toBe(200);
  real.noteId = note.json().id;

  const qs = await createActiveQuestions(admin, sampleQuestions('BADL'));
  real.questionId = qs[0].questionId;
  real.versionId = qs[0].versionId;
  expect((await admin.post('/api/learning/quotas/remind', { year: YEAR })).statusCode).toBeLessThan(500);
  const n = (await t.ctx.db.execute(sql`SELECT id FROM notifications ORDER BY id LIMIT 1`)) as unknown as { rows: { id: number }[] };
  real.notificationId = n.rows[0]?.id ?? 1;
}, 60_000);
afterAll(async () => t?.close());

// ---------------------------------------------------------------------------------------------
// Junk

/** Values for a path parameter: junk, out of range, NUL, unicode, very long. */
const PARAM_VALUES = ['abc', '0', '-1', '1.5', '1e20', '99999999999999999999', '2147483648', '%00', "1'--", '%E5%AD%A6%E6%B3%95', 'x'.repeat(3000), '%F0%9F%98%80%E2%80%AE', '%E0%A4%A', '%'];
const QUERIES = [
  '',
  '?page=0&pageSize=100000',
  '?year=abc&category=x&kind=none&status=nope&unitId=abc&metric=x&segment=9&q=' + 'x'.repeat(2000),
  '?year=99999&unitId=-1&lawId=1e20&personId=0&at=yesterday&includeSubunits=maybe',
  '?q=%00%FF&dryRun=maybe&name=%00&page=-1',
  `?year=${YEAR}&year=2027&unitId=${BIG + 1}&page=${BIG + 1}&pageSize=1.5`,
  '?q=%E5%AD%A6%E6%B3%95%F0%9F%98%80&at=2026-13-45&from=9999-99-99&to=x',
];
const past = new Date(Date.now() - 86400_000).toISOString();
const BODIES: unknown[] = [
  {},
  [],
  'text',
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"year":{"$gt":0}}',
  // wrong types everywhere
  { year: 'abc', name: 1, items: 'x', title: [], kind: {}, category: 9, personIds: ['a'], target: 'many', metric: 1, text: 5, articleId: 'x', active: 'yes', mode: 7, versionId: -1, level: [], specialities: 'x', opensAt: 'yesterday', rule: 'all', response: 'A', reads: {}, count: '5', lawId: true },
  // NUL and unicode in strings that are otherwise close to valid
  { name: '坏\u0000讲师', level: '区级', organisation: '\u0000', title: '\u0000', kind: '案例', body: 'x\u0000y', text: '笔记\u0000', articleId: 1, year: YEAR, metric: 'personal_hours', target: 1, specialities: ['\u0000'], phone: '\u0000' },
  { name: '\u202e'.repeat(50) + '😀'.repeat(40), level: '区级', title: '𠀀'.repeat(300), kind: '案例', body: '😀', text: 'x'.repeat(100_000) },
  // huge arrays
  {
    personIds: Array(30_000).fill(1),
    items: Array(600).fill({ segment: '1', kind: 'material', materialId: 1 }),
    unitIds: Array(1_000).fill(1),
    reads: Array(1_000).fill({ articleId: 1, seconds: 1 }),
    fileIds: Array(5_000).fill(1),
    audienceUnitIds: Array(5_000).fill(1),
    specialities: Array(1_000).fill('x'),
    practiceCategoryIds: Array(1_000).fill(1),
  },
  // nested junk
  { target: { kind: 'law', lawId: { $gt: 0 } }, rule: { unitIds: [[1]], postCategories: { a: 1 } }, items: [{ segment: '1', kind: 'law', lawId: 1e20, nodeIds: [[1]] }], response: { type: 'fill', blanks: [['x']] }, laws: [{ lawId: 'x', title: {} }], personIds: [null] },
  // out-of-range numbers and dates
  { year: 1e20, id: BIG + 1, lawId: BIG + 1, materialId: -1, target: 1e308, durationMinutes: 1e20, count: 1e9, versionId: BIG + 1, articleId: BIG, startsAt: '9999-99-99', opensAt: '1970-01-01T00:00:00Z', closesAt: '+275760-09-13T00:00:00Z', dailyCapMinutes: -5, lectureDutyCount: 1e9 },
  // near-valid bodies with dangling references, one per area, so services do their lookups
  { year: YEAR, name: '坏清单', rule: { unitIds: [BIG] }, items: [{ segment: '3', kind: 'law', lawId: BIG, nodeIds: [BIG] }, { segment: '1', kind: 'material', materialId: BIG }, { segment: 'N', kind: 'course', activityId: BIG }] },
  { category: 'study', kind: '集中学法', title: '坏活动', startsAt: past, durationMinutes: 60, hostUnitId: BIG, audienceUnitIds: [BIG], fileIds: [BIG], laws: [{ lawId: BIG, title: 'x' }], speakerPersonId: BIG },
  { category: 'lecture', kind: '法治大讲堂', title: '坏讲座', startsAt: past, durationMinutes: 60, hostUnitId: 1, lecturerId: BIG, personIds: [BIG, -1] },
  { year: YEAR, name: '坏指标', metric: 'activity_count', activityKind: '集中学法', target: 3, unitIds: [BIG] },
  { year: YEAR, name: '坏指标', metric: 'personal_hours', target: 3, rule: { unitIds: [BIG], postCategories: ['不存在的岗位'] } },
  { target: { kind: 'law', lawId: BIG }, reads: [{ articleId: BIG, seconds: 30 }], active: true },
  { target: { kind: 'material', materialId: BIG }, reads: [], active: false },
  { mode: 'law', lawId: BIG, nodeId: BIG, count: 5 },
  { versionId: BIG, mode: 'daily', response: { type: 'single', key: 'A' } },
  { title: '坏材料', kind: '案例', fileId: BIG },
  { name: '坏讲师', level: '区级', personId: BIG },
  { articleId: BIG, text: '笔记' },
  { opensAt: '2030-01-01T00:00:00Z', closesAt: '2020-01-01T00:00:00Z' },
  { personIds: [BIG] },
];

interface Route {
  method: string;
  path: string;
}

const PREFIX = /^\/api\/(learning|practice|reading|activities|sign|my\/learning|my\/activities|my\/reading|my\/archive|archives|lecturers|notifications|files)(\/|$)/;

async function learningRoutes(): Promise<Route[]> {
  const doc = (await admin.get('/api/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!PREFIX.test(path)) continue;
    for (const method of Object.keys(ops)) routes.push({ method: method.toUpperCase(), path });
  }
  return routes;
}

/** The real id a path parameter names, by route. */
function realParam(path: string, p: string): string | number {
  if (p === 'personId') return real.personId;
  if (p === 'code') return real.code;
  if (p === 'year') return YEAR;
  if (p === 'lawId') return real.lawId;
  if (p === 'articleId') return real.articleId;
  if (p === 'questionId') return real.questionId;
  const byPrefix: [string, string][] = [
    ['/api/activities', 'activityId'],
    ['/api/lecturers', 'lecturerId'],
    ['/api/learning/quotas', 'quotaId'],
    ['/api/learning/materials', 'materialId'],
    ['/api/learning/lists', 'listId'],
    ['/api/notifications', 'notificationId'],
    ['/api/reading/notes', 'noteId'],
    ['/api/files', 'fileId'],
  ];
  const hit = byPrefix.find(([prefix]) => path.startsWith(prefix));
  if (!hit) throw new Error(`no real value for {${p}} in ${path}`);
  return real[hit[1]];
}

interface Url {
  url: string;
  real: boolean;
}

/** The path with real ids, with every junk value in every parameter, and each parameter junk alone. */
function urls(path: string): Url[] {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const fill = (value: (p: string) => string | number) => path.replace(/\{(\w+)\}/g, (_, p: string) => String(value(p)));
  if (!params.length) return [{ url: path, real: true }];
  return [
    { url: fill((p) => realParam(path, p)), real: true },
    ...PARAM_VALUES.map((v) => ({ url: fill(() => v), real: false })),
    ...(params.length > 1 ? params.map((junk) => ({ url: fill((p) => (p === junk ? 'abc' : realParam(path, p))), real: false })) : []),
  ];
}

/** Calls that would end the fixture (delete it, unpublish, regenerate the code) run on junk ids only. */
const destructive = (r: Route) => r.method === 'DELETE' || /\/(publish|unpublish|copy|sign-in-code)$/.test(r.path);
const UPLOADS = new Set(['POST /api/files', 'POST /api/activities/{id}/attendance/import']);

/** What is wrong with an answer, or null: a 5xx, or a 4xx without a code and a Chinese message. */
function verdict(res: Pick<LightMyRequestResponse, 'statusCode' | 'headers' | 'body'>): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 200)}`;
  if (res.statusCode >= 400) {
    if (!res.headers['content-type']?.toString().includes('json')) return `${res.statusCode} not JSON: ${res.body.slice(0, 200)}`;
    let err: { code?: string; message?: string } | undefined;
    try {
      err = (JSON.parse(res.body) as { error?: { code?: string; message?: string } }).error;
    } catch {
      return `${res.statusCode} unparsable: ${res.body.slice(0, 200)}`;
    }
    if (!err?.code || !/[\u4e00-\u9fff]/.test(err.message ?? '')) return `${res.statusCode} without a Chinese error: ${res.body.slice(0, 200)}`;
  }
  return null;
}

interface Tally {
  calls: number;
  ok: Set<string>;
  okCalls: string[];
  failures: string[];
}

async function send(tally: Tally, who: string, c: Client, method: string, url: string, body: unknown, headers: Record<string, string>, label: string) {
  const before = method === 'GET' ? '' : await rowCounts();
  const res = await c.request(method, url, body, headers);
  tally.calls++;
  const what = `${who} ${method} ${url.slice(0, 160)} ${label.slice(0, 80)}`;
  const bad = verdict(res);
  if (bad) tally.failures.push(`${what} → ${bad}`);
  if (res.statusCode < 300) {
    tally.ok.add(`${method} ${url.split('?')[0]}`);
    tally.okCalls.push(`${who} ${method} ${url} ${label.slice(0, 40)}`);
  }
  if (method !== 'GET' && res.statusCode >= 400) {
    const after = await rowCounts();
    if (after !== before) tally.failures.push(`${what} → ${res.statusCode} but rows changed: ${before} → ${after}`);
  }
}

describe('learning routes never answer 5xx to malformed input', () => {
  it('the answer check itself flags a 500, a non-JSON 4xx and an English-only error', () => {
    const json = { 'content-type': 'application/json' };
    expect(verdict({ statusCode: 500, headers: json, body: '{"error":{"code":"INTERNAL","message":"服务器错误"}}' })).toMatch(/^500/);
    expect(verdict({ statusCode: 400, headers: { 'content-type': 'text/plain' }, body: 'bad' })).toMatch(/not JSON/);
    expect(verdict({ statusCode: 400, headers: json, body: '{"error":{"code":"BAD_REQUEST","message":"bad"}}' })).toMatch(/without a Chinese/);
    expect(verdict({ statusCode: 404, headers: json, body: '{"error":{"code":"NOT_FOUND","message":"记录不存在"}}' })).toBeNull();
  });

  it('answers an overlong or badly encoded path parameter and a cut-short upload with a Chinese 400', async () => {
    const long = await member.client.get(`/api/learning/lists/${'9'.repeat(3000)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('过长') });
    const badUrl = await member.client.get('/api/reading/laws/%E0%A4%A');
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.message).toContain('请求地址无效');
    const cut = multipart([{ field: 'purpose', value: 'material' }, { file: Buffer.from('半截'), filename: 'a.txt' }], { truncate: true });
    const res = await admin.request('POST', '/api/files', cut.body, cut.headers);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain('上传内容不完整');
    const noBoundary = await admin.request('POST', '/api/files', Buffer.from('x'), { 'content-type': 'multipart/form-data' });
    expect(noBoundary.statusCode, noBoundary.body).toBe(400);
  });

  it('for an organiser, a unit admin and a member, over every learning, practice and files route', async () => {
    const routes = await learningRoutes();
    // every area of the issue is enumerated, uploads included
    for (const prefix of ['learning', 'practice', 'reading', 'activities', 'sign', 'my/learning', 'my/activities', 'my/archive', 'archives', 'lecturers', 'notifications', 'files'])
      expect(routes.some((r) => r.path.startsWith(`/api/${prefix}`)), prefix).toBe(true);
    for (const up of UPLOADS) expect(routes.map((r) => `${r.method} ${r.path}`)).toContain(up);
    expect(routes.length).toBeGreaterThan(70);

    const tally: Tally = { calls: 0, ok: new Set(), okCalls: [], failures: [] };
    for (const [who, c] of [
      ['admin', admin],
      ['unitAdmin', unitAdmin.client],
      ['member', member.client],
    ] as const) {
      for (const r of routes) {
        for (const { url, real: isReal } of urls(r.path)) {
          if (isReal && destructive(r)) continue;
          const isGet = r.method === 'GET';
          // real ids: every query and every body; junk ids: the plain request and one junk body
          const queries = isReal ? QUERIES : [''];
          const bodies = isGet ? [undefined] : UPLOADS.has(`${r.method} ${r.path}`) ? [{}, 'text'] : isReal ? BODIES : [{}, BODIES[4]];
          for (const q of queries) {
            for (const body of q === '' || isGet ? bodies : bodies.slice(0, 1)) {
              const raw = typeof body === 'string';
              await send(tally, who, c, r.method, url + q, body, raw ? { 'content-type': 'application/json' } : {}, JSON.stringify(body) ?? '');
            }
          }
        }
      }
    }
    expect(tally.failures, `${tally.failures.length} bad answers of ${tally.calls}:\n${tally.failures.slice(0, 40).join('\n')}`).toEqual([]);
    expect(tally.calls).toBeGreaterThan(3000);
    // the real ids got through to the services: most routes answered a success for somebody
    expect(tally.ok.size, [...tally.ok].join('\n')).toBeGreaterThan(40);
    console.info(`learning bad input: ${tally.calls} requests over ${routes.length} routes`);
  }, 120_000);

  it('refuses malformed uploads to /api/files and the attendance import without writing anything', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6300010000050001a5f645400000000049454e44ae426082', 'hex');
    const exe = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(512)]);
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const zip = Buffer.from('504b0304140000000000', 'hex');
    const huge = Buffer.alloc(11 * 1024 * 1024, 0x61);
    const junkRows = await workbook([
      ['张\u0000三', '11010119800101777', null],
      ['x'.repeat(5000), 'not-an-id', '=1+1'],
      [null, null, null],
      ['😀\u202e', idNumber('11010119900101123'), 'nobody'],
      [12345, true, new Date()],
    ]);
    const wrongHeader = await workbook([['a', 'b', 'c']], ['名字', '证件', '编号']);
    const emptySheet = await workbook([]);

    const cases: { label: string; body: Buffer | object; headers: Record<string, string> }[] = [
      { label: 'json instead of multipart', body: { file: 'x', purpose: 'material' }, headers: {} },
      { label: 'no parts', body: Buffer.from('--b--\r\n'), headers: { 'content-type': 'multipart/form-data; boundary=b' } },
      { label: 'no boundary', body: Buffer.from('garbage'), headers: { 'content-type': 'multipart/form-data' } },
      { label: 'boundary mismatch', body: multipart([{ field: 'purpose', value: 'material' }, { file: png, filename: 'a.png' }], { boundary: 'aaa' }).body, headers: { 'content-type': 'multipart/form-data; boundary=zzz' } },
      { label: 'truncated', ...multipart([{ field: 'purpose', value: 'material' }, { file: png, filename: 'a.png' }], { truncate: true }) },
      { label: 'purpose only', ...multipart([{ field: 'purpose', value: 'material' }]) },
      { label: 'file only', ...multipart([{ file: png, filename: 'a.png' }]) },
      { label: 'bad purpose', ...multipart([{ field: 'purpose', value: 'avatar\u0000' }, { file: png, filename: 'a.png' }]) },
      { label: 'exe', ...multipart([{ field: 'purpose', value: 'material' }, { file: exe, filename: 'setup.exe' }]) },
      { label: 'exe renamed', ...multipart([{ field: 'purpose', value: 'activity' }, { file: exe, filename: 'a.pdf', type: 'application/pdf' }]) },
      { label: 'html', ...multipart([{ field: 'purpose', value: 'material' }, { file: html, filename: 'a.html' }]) },
      { label: 'svg', ...multipart([{ field: 'purpose', value: 'question' }, { file: svg, filename: 'a.svg' }]) },
      { label: 'empty file', ...multipart([{ field: 'purpose', value: 'material' }, { file: Buffer.alloc(0), filename: 'empty.pdf' }]) },
      { label: 'broken zip', ...multipart([{ field: 'purpose', value: 'material' }, { file: zip, filename: 'a.xlsx' }]) },
      { label: 'too large', ...multipart([{ field: 'purpose', value: 'material' }, { file: huge, filename: 'big.txt' }]) },
      { label: 'two files', ...multipart([{ field: 'purpose', value: 'material' }, { file: exe, filename: 'a.exe' }, { file: exe, filename: 'b.exe' }]) },
      { label: 'NUL filename', ...multipart([{ field: 'purpose', value: 'material' }, { file: exe, filename: 'a\u0000.exe' }]) },
      { label: 'long unicode filename', ...multipart([{ field: 'purpose', value: 'material' }, { file: html, filename: '学法😀\u202e'.repeat(800) + '.html' }]) },
      { label: 'garbage as xlsx', ...multipart([{ file: crypto.randomBytes(4096), filename: 'a.xlsx' }]) },
      { label: 'junk rows', ...multipart([{ file: junkRows, filename: 'rows.xlsx' }]) },
      { label: 'wrong header', ...multipart([{ file: wrongHeader, filename: 'header.xlsx' }]) },
      { label: 'empty sheet', ...multipart([{ file: emptySheet, filename: 'empty.xlsx' }]) },
    ];
    const targets = [
      '/api/files',
      `/api/activities/${real.activityId}/attendance/import`,
      `/api/activities/${real.activityId}/attendance/import?dryRun=1`,
      `/api/activities/${real.activityId}/attendance/import?dryRun=maybe`,
      '/api/activities/abc/attendance/import',
      `/api/activities/${BIG}/attendance/import`,
    ];
    const tally: Tally = { calls: 0, ok: new Set(), okCalls: [], failures: [] };
    for (const [who, c] of [
      ['admin', admin],
      ['unitAdmin', unitAdmin.client],
      ['member', member.client],
    ] as const) {
      for (const url of targets) for (const k of cases) await send(tally, who, c, 'POST', url, k.body, k.headers, k.label);
    }
    expect(tally.failures, `${tally.failures.length} bad answers of ${tally.calls}:\n${tally.failures.join('\n')}`).toEqual([]);
    // none of these is a file anyone should be able to store, nor a roster to import for real
    expect(tally.okCalls.filter((k) => !k.includes('dryRun=1'))).toEqual([]);
    // the junk rows are refused with their row numbers
    const again = multipart([{ file: junkRows, filename: 'rows.xlsx' }]);
    const res = await admin.request('POST', `/api/activities/${real.activityId}/attendance/import`, again.body, again.headers);
    expect(res.statusCode, res.body).toBe(422);
    expect(JSON.stringify(res.json().error)).toMatch(/行|row/);
  }, 60_000);
});
