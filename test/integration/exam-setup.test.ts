import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExamInputRaw, PaperItem } from '../../src/common/exam';
import type { Db } from '../../src/server/db/client';
import { canonicalContent } from '../../src/server/modules/bank/content';
import { checkPaper, type PoolItem } from '../../src/server/modules/exam/assemble';
import { ensurePaper } from '../../src/server/modules/exam/papers';
import { adminClient, Client, createTestApp, idNumber, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
let organiser: Client;
let member: Client;
let unitAdmin: Client;
let rootUnit: number;
let unitA: number;
let unitB: number;
const people: { id: number; name: string; idNumber: string; employeeNo: string; unitId: number; rank: string }[] = [];
const activeIds: Record<string, number[]> = { single: [], truefalse: [], multiple: [] };

const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.ctx.db.execute(q)) as unknown as { rows: T[] }).rows;

/** Active questions straight into the bank (the bank's own API is tested elsewhere). */
async function insertActive(db: Db, type: 'single' | 'truefalse' | 'multiple', n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const difficulty = (i % 5) + 1;
    const stem = `${tag}第${i + 1}题：依照有关法律规定，下列说法${type === 'truefalse' ? '是否正确' : '正确的是'}？（编号${type}-${i}）`;
    const raw =
      type === 'truefalse'
        ? { type, stem, answer: { value: i % 2 === 0 }, difficulty, knowledgePoints: [tag] }
        : {
            type,
            stem,
            options: ['甲', '乙', '丙', '丁'].map((x, k) => ({ key: 'ABCD'[k], html: `${x}选项${i}` })),
            answer: type === 'single' ? { key: 'B' } : { keys: ['A', 'C'] },
            difficulty,
            knowledgePoints: [tag],
          };
    const { content, hash, searchText } = canonicalContent(raw);
    const [q] = await rowsOn<{ id: number }>(db, sql`insert into questions (type, status) values (${type}, 'active') returning id`);
    const [v] = await rowsOn<{ id: number }>(
      db,
      sql`insert into question_versions (question_id, version_no, content, content_hash, search_text, difficulty)
          values (${q.id}, 1, ${JSON.stringify(content)}::jsonb, ${hash}, ${searchText}, ${difficulty}) returning id`,
    );
    await db.execute(sql`update questions set current_version_id = ${v.id} where id = ${q.id}`);
    activeIds[type].push(Number(q.id));
  }
}
const rowsOn = async <T>(db: Db, q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

async function loggedIn(name: string, employeeNo: string, unitId: number, roles: { role: string; unitId?: number }[]): Promise<Client> {
  const p = (await admin.post('/api/people', { name, employeeNo, unitId })).json();
  if (roles.length) await admin.put(`/api/people/${p.id}/roles`, { roles });
  const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
  const c = new Client(t.app);
  await c.login(employeeNo, otp);
  await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Chosen#Pass1' });
  return c;
}

const future = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

function annual(overrides: Partial<ExamInputRaw> = {}): ExamInputRaw {
  return {
    title: '2026年度学法考试',
    kind: 'annual',
    year: 2026,
    opensAt: future(-1),
    closesAt: future(48),
    durationMinutes: 90,
    passMark: 30,
    rosterRule: { unitIds: [rootUnit] },
    paper: {
      mode: 'blueprint',
      blueprint: {
        sections: [
          { type: 'single', count: 10, points: 2 },
          { type: 'truefalse', count: 6, points: 2.5 },
          { type: 'multiple', count: 4, points: 3 },
        ],
        fairnessTolerancePct: 2,
      },
    },
    ...overrides,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  rootUnit = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  unitA = (await admin.post('/api/units', { name: '司法局', parentId: rootUnit })).json().id;
  unitB = (await admin.post('/api/units', { name: '教育局', parentId: rootUnit })).json().id;
  const other = (await admin.post('/api/units', { name: '外区', parentId: null })).json().id;
  organiser = await loggedIn('考评办甲', 'kpb01', other, [{ role: 'organiser' }]);
  unitAdmin = await loggedIn('单位管理员丙', 'dwgl01', other, [{ role: 'unit_admin', unitId: unitA }]);
  member = await loggedIn('学员乙', 'stu01', other, []);
  const ranks = ['乡科级', '一般干部', '县处级'];
  for (let i = 0; i < 12; i++) {
    const id = idNumber(`11010119900101${String(100 + i)}`);
    const body = { name: `考生${i + 1}`, idNumber: id, employeeNo: `ks${i + 1}`, unitId: i % 2 ? unitA : unitB, rank: ranks[i % 3] };
    const res = await admin.post('/api/people', body);
    if (res.statusCode !== 200) throw new Error(res.body);
    people.push({ id: res.json().id, name: body.name, idNumber: id, employeeNo: body.employeeNo, unitId: body.unitId, rank: body.rank });
  }
  // one retired person in the subtree: never on a rule roster
  await admin.post('/api/people', { name: '退休人员', employeeNo: 'tx01', unitId: unitA, status: '退休' });
  await insertActive(t.ctx.db, 'single', 40, '行政处罚');
  await insertActive(t.ctx.db, 'truefalse', 25, '行政许可');
  await insertActive(t.ctx.db, 'multiple', 15, '民法典');
});
afterAll(() => t.close());

async function poolOf(examId: number): Promise<PoolItem[]> {
  const [r] = await rows<{ pool: PoolItem[] }>(sql`select pool from exams where id = ${examId}`);
  return r.pool;
}
async function papersOf(examId: number) {
  return rows<{ id: number; person_id: number; attempt_no: number; items: PaperItem[]; expected_score: number }>(
    sql`select id, person_id, attempt_no, items, expected_score from exam_papers where exam_id = ${examId} order by person_id, attempt_no`,
  );
}

describe('who may set up exams', () => {
  it('refuses members and unit admins with 403, even with a valid form', async () => {
    for (const c of [member, unitAdmin]) {
      expect((await c.get('/api/exams')).statusCode).toBe(403);
      expect((await c.post('/api/exams', annual())).statusCode).toBe(403);
      expect((await c.get('/api/exams/roster-template.xlsx')).statusCode).toBe(403);
      expect((await c.post('/api/exams/1/publish')).statusCode).toBe(403);
    }
  });
});

describe('API description', () => {
  it('documents the exam setup routes under the exam tag', async () => {
    const res = await admin.get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.paths['/api/exams/{id}/publish'].post.tags).toEqual(['exam']);
    expect(spec.paths['/api/exams'].post.requestBody).toBeDefined();
  });
});

describe('bad input', () => {
  it('answers 400 with field paths, never 500', async () => {
    const res = await organiser.post('/api/exams', { ...annual(), title: '', closesAt: future(-2), passMark: 500, durationMinutes: 0 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'closesAt', 'passMark', 'durationMinutes']));

    const makeup = await organiser.post('/api/exams', { ...annual(), kind: 'makeup' });
    expect(makeup.json().error.issues).toContainEqual({ path: 'makeupOfExamId', message: '补考须选择对应的原考试' });
    const orphan = await organiser.post('/api/exams', { ...annual(), kind: 'makeup', makeupOfExamId: 9999 });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error.issues).toContainEqual({ path: 'makeupOfExamId', message: '原考试 #9999 不存在' });
    const badUnit = await organiser.post('/api/exams', annual({ rosterRule: { unitIds: [rootUnit, 8888] } }));
    expect(badUnit.json().error.issues).toContainEqual({ path: 'rosterRule.unitIds.1', message: '单位 #8888 不存在' });
    const badSection = await organiser.post('/api/exams', annual({ paper: { mode: 'blueprint', blueprint: { sections: [{ type: 'single', count: 0, points: 0.3 }] } } }));
    expect(badSection.json().error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['paper.blueprint.sections.0.count', 'paper.blueprint.sections.0.points']),
    );

    expect((await organiser.get('/api/exams?year=abc')).statusCode).toBe(400);
    expect((await organiser.get('/api/exams/abc')).statusCode).toBe(400);
    expect((await organiser.get('/api/exams/424242')).statusCode).toBe(404);
    expect((await organiser.put('/api/exams/424242', annual())).statusCode).toBe(404);
    expect((await organiser.post('/api/exams/424242/roster', { personIds: [] })).json().error.issues[0].path).toBe('personIds');
    const notMultipart = await organiser.post('/api/exams/424242/roster/import?dryRun=1', {});
    expect(notMultipart.statusCode).toBe(404);
  });
});

describe('blueprint check and publish', () => {
  it('reports the exact constraint the bank cannot meet, and publishing then writes nothing', async () => {
    const draft = await organiser.post(
      '/api/exams',
      annual({ title: '题量过大', paper: { mode: 'blueprint', blueprint: { sections: [{ type: 'single', count: 41, points: 2 }, { type: 'truefalse', count: 5, points: 2 }] } } }),
    );
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', phase: 'draft', totalPoints: 92, editable: 'all' });
    const id = draft.json().id;
    const check = (await organiser.post(`/api/exams/${id}/check`)).json();
    expect(check.ok).toBe(false);
    expect(check.problems).toContainEqual({ path: 'paper.blueprint.sections.0.count', message: '单选题需要41道，题库中符合条件的启用单选题只有40道' });
    expect(check.poolByType).toEqual({ single: 40, truefalse: 25, multiple: 15 });
    expect(check.rosterSize).toBe(12);

    const pub = await organiser.post(`/api/exams/${id}/publish`);
    expect(pub.statusCode).toBe(422);
    expect(pub.json().error.code).toBe('VALIDATION');
    expect(pub.json().error.issues).toContainEqual(check.problems[0]);
    expect((await organiser.get(`/api/exams/${id}`)).json().status).toBe('draft');
    expect(await rows(sql`select 1 from exam_papers where exam_id = ${id}`)).toHaveLength(0);
    expect(await rows(sql`select 1 from exam_candidates where exam_id = ${id}`)).toHaveLength(0);
  });

  let examId: number;
  it('checks a feasible blueprint with trial draws', async () => {
    examId = (await organiser.post('/api/exams', annual())).json().id;
    const check = (await organiser.post(`/api/exams/${examId}/check`)).json();
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.targetExpectedScore).toBeGreaterThan(0);
    expect(check.simulated.papers).toBe(50);
    expect(check.simulated.spreadPct).toBeLessThanOrEqual(2);
    expect(check.simulated.meanOverlap).toBeGreaterThanOrEqual(check.simulated.overlapFloor * 0.5);
    expect(check.simulated.meanOverlap).toBeLessThan(1);
  });

  it('publishes: the rule roster materialised, every member a valid paper, papers differ', async () => {
    const res = await organiser.post(`/api/exams/${examId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', phase: 'open', rosterSize: 12, poolSize: 80, editable: 'limited' });
    const pool = await poolOf(examId);
    const detail = res.json();
    const bp = detail.settings.paper.blueprint;
    const papers = await papersOf(examId);
    expect(papers.map((p) => Number(p.person_id)).sort()).toEqual(people.map((p) => p.id).sort());
    for (const p of papers) {
      const rank = people.find((x) => x.id === Number(p.person_id))!.rank;
      expect(checkPaper(pool, bp, p.items, { rank, excludeQuestionIds: new Set(), exposure: new Map(), plannedPapers: 12, target: detail.targetExpectedScore })).toEqual([]);
      expect(p.items).toHaveLength(20);
    }
    const sets = new Set(papers.map((p) => p.items.map((i) => i.questionId).sort((a, b) => a - b).join(',')));
    expect(sets.size).toBe(12);
    // the roster view shows the pre-drawn paper and the rule source
    const roster = (await organiser.get(`/api/exams/${examId}/roster?pageSize=50`)).json();
    expect(roster.total).toBe(12);
    expect(roster.items[0]).toMatchObject({ source: 'rule', paperDrawn: true, status: 'not_started', attemptsUsed: 0 });
    expect(roster.items.map((r: { unitPath: string[] }) => r.unitPath[0])).toEqual(Array(12).fill('某区'));
    // the list filters
    expect((await organiser.get('/api/exams?status=published')).json().items.map((e: { id: number }) => e.id)).toEqual([examId]);
    expect((await organiser.get(`/api/exams?q=${encodeURIComponent('题量')}`)).json().total).toBe(1);
    // audited
    expect((await admin.get('/api/audit?action=exam.publish')).json().total).toBe(1);
  });

  it('freezes the papers: editing or retiring a question in the bank afterwards changes no paper', async () => {
    const before = JSON.stringify(await papersOf(examId));
    const poolBefore = JSON.stringify(await poolOf(examId));
    const [first] = (await papersOf(examId))[0].items;
    const q = (await admin.get(`/api/bank/questions/${first.questionId}`)).json();
    const content = { ...q.current.content, stem: `${q.current.content.stem}（已修订）` };
    const edit = await admin.put(`/api/bank/questions/${first.questionId}`, { baseVersionId: q.current.id, content });
    expect(edit.statusCode, edit.body).toBe(200);
    const other = (await papersOf(examId))[1].items[0].questionId;
    expect((await admin.post(`/api/bank/questions/${other}/status`, { to: 'retired' })).statusCode).toBe(200);
    expect(JSON.stringify(await papersOf(examId))).toBe(before);
    expect(JSON.stringify(await poolOf(examId))).toBe(poolBefore);
    // a later attempt draws from the frozen pool too, and the same paper comes back
    const [exam] = await rows<{ id: number; status: string; settings: never; target_expected_score: number }>(sql`select * from exams where id = ${examId}`);
    const examArg = { id: examId, status: exam.status, settings: exam.settings, targetExpectedScore: Number(exam.target_expected_score) };
    const p2 = await ensurePaper(t.ctx.db, examArg, people[0].id, 2);
    expect(p2.items.map((i) => i.versionId).every((v) => JSON.parse(poolBefore).some((x: PoolItem) => x.versionId === v))).toBe(true);
    expect((await ensurePaper(t.ctx.db, examArg, people[0].id, 2)).id).toBe(p2.id);
  });

  it('on a published exam only title, instructions, closesAt and passValidMonths change; drafts only are deleted', async () => {
    const detail = (await organiser.get(`/api/exams/${examId}`)).json();
    const frozen = await organiser.put(`/api/exams/${examId}`, { ...detail.settings, durationMinutes: 30 });
    expect(frozen.statusCode).toBe(400);
    expect(frozen.json().error.issues[0].path).toBe('durationMinutes');
    const extra = await organiser.put(`/api/exams/${examId}`, { title: '新名称', kind: 'practice' });
    expect(extra.statusCode).toBe(400);
    const ok = await organiser.put(`/api/exams/${examId}`, { ...detail.settings, title: '2026年度学法考试（正式）', closesAt: future(72) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().title).toBe('2026年度学法考试（正式）');
    expect(ok.json().settings.durationMinutes).toBe(90);
    expect((await organiser.delete(`/api/exams/${examId}`)).statusCode).toBe(409);
    expect((await organiser.post(`/api/exams/${examId}/publish`)).statusCode).toBe(409);
  });

  it('an override moves a running attempt’s deadline at once; a person with an attempt cannot be removed', async () => {
    const person = people[1];
    const [paper] = await rows<{ id: number }>(sql`select id from exam_papers where exam_id = ${examId} and person_id = ${person.id} and attempt_no = 1`);
    const started = new Date(Date.now() - 10 * 60_000);
    const deadline = new Date(started.getTime() + 90 * 60_000);
    await t.ctx.db.execute(sql`insert into exam_attempts (exam_id, person_id, attempt_no, paper_id, started_at, deadline_at)
      values (${examId}, ${person.id}, 1, ${paper.id}, ${started.toISOString()}, ${deadline.toISOString()})`);
    const res = await organiser.put(`/api/exams/${examId}/roster/${person.id}`, { extraMinutes: 15 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ extraMinutes: 15, status: 'in_progress', attemptsUsed: 1 });
    expect(res.json().runningDeadlineAt).toBe(new Date(deadline.getTime() + 15 * 60_000).toISOString());
    const bad = await organiser.put(`/api/exams/${examId}/roster/${person.id}`, { extraMinutes: -1, closesAt: 'tomorrow' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['closesAt', 'extraMinutes']);
    expect((await organiser.put(`/api/exams/${examId}/roster/${person.id}`, { closesAt: future(-3) })).statusCode).toBe(400);
    expect((await organiser.put(`/api/exams/${examId}/roster/999999`, { extraMinutes: 5 })).statusCode).toBe(404);

    const removed = await organiser.delete(`/api/exams/${examId}/roster/${person.id}`);
    expect(removed.statusCode).toBe(409);
    expect((await organiser.delete(`/api/exams/${examId}/roster/${people[2].id}`)).statusCode).toBe(200);
    expect(await rows(sql`select 1 from exam_papers where exam_id = ${examId} and person_id = ${people[2].id}`)).toHaveLength(0);
    expect((await organiser.get(`/api/exams/${examId}/roster`)).json().total).toBe(11);
  });

  it('closing ends the window now and brings the running attempt’s deadline forward, personal windows too', async () => {
    expect((await organiser.put(`/api/exams/${examId}/roster/${people[1].id}`, { extraMinutes: 15, closesAt: future(100) })).statusCode).toBe(200);
    const res = await organiser.post(`/api/exams/${examId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', phase: 'ended', editable: 'none' });
    const [a] = await rows<{ deadline_at: string }>(sql`select deadline_at from exam_attempts where exam_id = ${examId}`);
    expect(new Date(a.deadline_at).getTime()).toBeLessThanOrEqual(Date.now());
    expect((await organiser.post(`/api/exams/${examId}/close`)).statusCode).toBe(409);
    expect((await organiser.post(`/api/exams/${examId}/roster`, { personIds: [people[2].id] })).statusCode).toBe(409);
  });
});

async function workbook(rowsIn: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', '身份证号', '工号']);
  for (const r of rowsIn) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----xjkpBoundary7MA4YWxk';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('任前 exams: explicit roster, Excel import', () => {
  let id: number;
  it('will not publish a 任前 exam without an explicit list', async () => {
    id = (await organiser.post('/api/exams', annual({ title: '任前法律知识考试', kind: 'pre_appointment', rosterRule: { unitIds: [rootUnit] } }))).json().id;
    const res = await organiser.post(`/api/exams/${id}/publish`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues).toContainEqual({ path: 'roster', message: '任前考试须有明确的考生名单（请添加或导入考生）' });
  });

  it('imports a list: every bad row reported with row and column, 422 and nothing written', async () => {
    const [a, b, c] = people;
    const file = await workbook([
      [a.name, a.idNumber, null],
      ['张冠李戴', b.idNumber, null],
      ['查无此人', idNumber('11010119800101000'), null],
      [c.name, null, c.employeeNo],
      [a.name, null, a.employeeNo],
      ['格式错', '123', null],
      [null, null, null],
      ['缺号码', null, null],
    ]);
    const { body, headers } = multipart(file);
    const preview = await organiser.request('POST', `/api/exams/${id}/roster/import?dryRun=1`, body, headers);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().rows.map((r: { personId: number }) => r.personId)).toEqual([a.id, c.id]);
    const issues = preview.json().issues.map((i: { row: number; column: string }) => [i.row, i.column]);
    expect(issues).toEqual([
      [3, 'A（姓名）'],
      [4, 'B（身份证号）'],
      [6, ''],
      [7, 'B（身份证号）'],
      [9, 'B（身份证号）'],
    ]);
    const commit = await organiser.request('POST', `/api/exams/${id}/roster/import`, body, headers);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.code).toBe('IMPORT_INVALID');
    expect(commit.json().error.importIssues).toHaveLength(5);
    expect((await organiser.get(`/api/exams/${id}/roster`)).json().total).toBe(0);

    const good = multipart(await workbook([[a.name, a.idNumber, null], [c.name, null, c.employeeNo]]));
    const ok = await organiser.request('POST', `/api/exams/${id}/roster/import`, good.body, good.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().added).toBe(2);
    const garbage = multipart(Buffer.from('not a workbook'));
    expect((await organiser.request('POST', `/api/exams/${id}/roster/import`, garbage.body, garbage.headers)).statusCode).toBe(400);
  });

  it('publishes with the list plus the rule, and serves the template', async () => {
    const res = await organiser.post(`/api/exams/${id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    const roster = (await organiser.get(`/api/exams/${id}/roster?pageSize=50`)).json();
    expect(roster.total).toBe(12);
    expect(roster.items.filter((r: { source: string }) => r.source === 'list')).toHaveLength(2);
    const tpl = await organiser.get('/api/exams/roster-template.xlsx');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '姓名*', '身份证号', '工号']);
  });
});

describe('fixed papers', () => {
  it('names each unusable question, then gives everyone the same questions in their own order', async () => {
    // questions still active (earlier tests edited one back to draft and retired another)
    const active = new Set((await rows<{ id: number }>(sql`select id from questions where status = 'active'`)).map((r) => Number(r.id)));
    const singles = activeIds.single.filter((id) => active.has(id)).slice(0, 6);
    const [retired] = await rows<{ id: number }>(sql`select id from questions where status = 'retired' limit 1`);
    const input = annual({
      title: '固定试卷考试',
      rosterRule: { unitIds: [unitA] },
      paper: { mode: 'fixed', fixed: { items: [...singles, retired.id, 777777].map((questionId) => ({ questionId, points: 5 })), shuffleQuestions: true } },
    });
    const id = (await organiser.post('/api/exams', input)).json().id;
    const check = (await organiser.post(`/api/exams/${id}/check`)).json();
    expect(check.problems.map((p: { path: string }) => p.path)).toEqual(['paper.fixed.items.6.questionId', 'paper.fixed.items.7.questionId']);
    expect(check.problems[1].message).toContain('不存在');

    const fixedOk = { mode: 'fixed', fixed: { items: singles.map((questionId) => ({ questionId, points: 5 })), shuffleQuestions: true } };
    const put = await organiser.put(`/api/exams/${id}`, { ...input, paper: fixedOk });
    expect(put.statusCode, put.body).toBe(200);
    expect((await organiser.post(`/api/exams/${id}/publish`)).statusCode).toBe(200);
    const papers = await papersOf(id);
    expect(papers).toHaveLength(people.filter((p) => p.unitId === unitA).length);
    for (const p of papers) expect(p.items.map((i) => i.questionId).sort()).toEqual([...singles].sort());
    const orders = new Set(papers.map((p) => JSON.stringify(p.items.map((i) => [i.questionId, i.optionOrder]))));
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('history', () => {
  it('leaves out the questions a person saw in their last exams (excludeSeenInLastExams)', async () => {
    const who = [people[3], people[4]];
    const input = annual({
      title: '不重复旧题的考试',
      rosterRule: null,
      paper: { mode: 'blueprint', blueprint: { sections: [{ type: 'truefalse', count: 5, points: 2 }], fairnessTolerancePct: 10, excludeSeenInLastExams: 5 } },
      passMark: 6,
    });
    const id = (await organiser.post('/api/exams', input)).json().id;
    expect((await organiser.post(`/api/exams/${id}/roster`, { personIds: who.map((p) => p.id) })).json()).toEqual({ added: 2 });
    const pub = await organiser.post(`/api/exams/${id}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    for (const p of who) {
      const seen = await rows<{ qid: number }>(
        sql`select distinct (it->>'questionId')::int as qid from exam_papers, jsonb_array_elements(items) it where person_id = ${p.id} and exam_id <> ${id}`,
      );
      expect(seen.length).toBeGreaterThan(0);
      const [mine] = await rows<{ items: PaperItem[] }>(sql`select items from exam_papers where exam_id = ${id} and person_id = ${p.id}`);
      const seenIds = new Set(seen.map((s) => Number(s.qid)));
      expect(mine.items.filter((i) => seenIds.has(i.questionId))).toEqual([]);
    }
  });
});
