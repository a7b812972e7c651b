import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { count, desc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShippedLaws } from '../../src/server/modules/laws/load-shipped';
import { questionCategories, questions, questionVersionArticles, questionVersions } from '../../src/server/modules/bank/schema';
import { auditLog } from '../../src/server/platform/schema';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';

// Moodle's own fixtures, resolved as src/server/modules/bank/formats/fixtures.ts does (shared/ beside the repository).
const MOODLE = path.resolve(import.meta.dirname, '../../../shared/data/reference/moodle');
const MOODLE_GIFT = path.join(MOODLE, 'gift/questions.gift.txt');

let t: TestApp;
let admin: Client;
let organiser: Client;
let member: Client;

function multipart(parts: ({ field: string; value: string } | { file: Buffer; filename: string })[]) {
  const boundary = `----xjkp${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="file"; filename="${encodeURIComponent(p.filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
      chunks.push(p.file, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  c: Client,
  step: 'preview' | 'commit',
  file: Buffer | string,
  filename: string,
  fields: Record<string, string> = {},
  fileFirst = false,
): Promise<LightMyRequestResponse> {
  const f = { file: typeof file === 'string' ? Buffer.from(file, 'utf8') : file, filename };
  const fs_ = Object.entries(fields).map(([field, value]) => ({ field, value }));
  const { body, contentType } = multipart(fileFirst ? [f, ...fs_] : [...fs_, f]);
  return c.request('POST', `/api/bank/import/${step}`, body, { 'content-type': contentType });
}

async function loggedIn(name: string, employeeNo: string, roles: { role: string }[]): Promise<Client> {
  const unit = (await admin.post('/api/units', { name: `${name}单位`, parentId: null })).json();
  const p = (await admin.post('/api/people', { name, employeeNo, unitId: unit.id })).json();
  if (roles.length) await admin.put(`/api/people/${p.id}/roles`, { roles });
  const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
  const c = new Client(t.app);
  await c.login(employeeNo, otp);
  await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Chosen#Pass1' });
  return c;
}

const questionCount = async () => Number((await t.ctx.db.select({ n: count() }).from(questions))[0].n);
const maxQuestionId = async () => (await t.ctx.db.select({ id: questions.id }).from(questions).orderBy(desc(questions.id)).limit(1))[0]?.id ?? 0;

/** Current contents of the questions with id > after, in id order. */
async function contentsAfter(after: number) {
  const rows = await t.ctx.db
    .select({ id: questions.id, status: questions.status, categoryId: questions.categoryId, content: questionVersions.content })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .orderBy(questions.id);
  return rows.filter((r) => r.id > after);
}

async function categoryId(name: string): Promise<number> {
  const [c] = await t.ctx.db.select().from(questionCategories).where(eq(questionCategories.name, name));
  return c.id;
}

const stripIds = (c: unknown) => JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
const sortByStem = <T extends { content: { stem: string } }>(xs: T[]) => [...xs].sort((a, b) => a.content.stem.localeCompare(b.content.stem));

beforeAll(async () => {
  t = await createTestApp();
  await loadShippedLaws(t.ctx.db);
  admin = await adminClient(t.app);
  organiser = await loggedIn('考评办甲', 'kpb01', [{ role: 'organiser' }]);
  member = await loggedIn('学员乙', 'stu01', []);
}, 60_000);
afterAll(() => t.close());

/** The downloaded template with one question of each type added under the example rows. */
async function filledTemplate(): Promise<Buffer> {
  const res = await organiser.get('/api/bank/import/template.xlsx');
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('题目')!;
  const row = (type: string, stem: string, opts: string[], answer: string, explanation: string, difficulty: number | string, basis: string, kp: string, category: string) =>
    ws.addRow([type, stem, ...Array.from({ length: 8 }, (_, i) => opts[i] ?? ''), answer, explanation, difficulty, basis, kp, category, '', 2026, '自编']);
  row('单选题', '十八周岁以上的自然人为（　）。', ['成年人', '未成年人', '限制民事行为能力人', '无民事行为能力人'], 'A', '民法典第十七条。', 1, '《民法典》第十七条', '成年', '导入测试/民法典');
  row('多选', '夫妻一方要求离婚的，可以（　）。', ['由有关组织进行调解', '直接向人民法院提起离婚诉讼', '向公安机关申请', '向检察院申诉'], 'A,B', '', '较易', '民法典第1079条', '离婚', '导入测试/民法典');
  row('判断题', '宪法是国家的根本法，具有最高的法律效力。', [], '√', '', 2, '《宪法》', '宪法地位', '导入测试/宪法');
  row('填空', '自婚姻登记机关收到离婚登记申请之日起____日内，任何一方不愿意离婚的，可以向（ ）撤回离婚登记申请。', [], '三十/30|婚姻登记机关', '离婚冷静期', 3, '《民法典》第一千零七十七条', '', '导入测试/民法典');
  row('简答题', '简述全面依法治国的总目标。\n（请分点作答）', [], '建设中国特色社会主义法治体系，\n建设社会主义法治国家。', '', 4, '《不存在的法》第一条', '法治', '导入测试');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Excel import', () => {
  let excelIds: number[] = [];

  it('previews the filled template: five questions, legal basis resolved, an unknown law is a warning', async () => {
    const res = await upload(organiser, 'preview', await filledTemplate(), '题目导入模板.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, format: 'excel', issueCount: 0, issues: [] });
    expect(body.summary).toMatchObject({ total: 5, valid: 5, create: 5, duplicatesInBank: 0, duplicatesInFile: 0 });
    expect(body.summary.categoriesToCreate).toEqual(['导入测试', '导入测试/民法典', '导入测试/宪法']);
    expect(body.rows.map((r: { type: string }) => r.type)).toEqual(['single', 'multiple', 'truefalse', 'fill', 'essay']);
    expect(body.rows[0]).toMatchObject({ ref: 7, stemText: '十八周岁以上的自然人为（ ）。', categoryPath: ['导入测试', '民法典'] });
    expect(body.rows[0].legalBasis).toEqual([{ lawTitle: '民法典', articleLabel: '第十七条', articleId: expect.any(Number) }]);
    expect(body.rows[1].legalBasis[0]).toMatchObject({ articleLabel: '第一千零七十九条', articleId: expect.any(Number) });
    expect(body.rows[2].legalBasis).toEqual([{ lawTitle: '宪法', articleLabel: '' }]);
    expect(body.rows[4].legalBasis).toEqual([{ lawTitle: '不存在的法', articleLabel: '第一条' }]);
    expect(body.warnings).toEqual([expect.objectContaining({ sheet: '题目', row: 11, column: '法律依据', message: expect.stringContaining('法规库中没有这部法律') })]);
  });

  it('commits in one transaction: drafts with the right content, categories, cited articles, one audit row', async () => {
    const before = await maxQuestionId();
    const res = await upload(organiser, 'commit', await filledTemplate(), '题目.xlsx', {}, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 5, skippedDuplicates: 0, categoriesCreated: 3 });
    const rows = await contentsAfter(before);
    excelIds = rows.map((r) => r.id);
    expect(rows.every((r) => r.status === 'draft')).toBe(true);
    const [single, multiple, tf, fill, essay] = rows.map((r) => r.content);
    expect(single).toMatchObject({ type: 'single', answer: { key: 'A' }, difficulty: 1, knowledgePoints: ['成年'], yearAdded: 2026, source: '自编', categoryPath: [] });
    expect(multiple).toMatchObject({ type: 'multiple', answer: { keys: ['A', 'B'] }, difficulty: 2 });
    expect(tf).toMatchObject({ type: 'truefalse', answer: { value: true } });
    expect(fill).toMatchObject({ type: 'fill', answer: { blanks: [{ accepted: ['三十', '30'] }, { accepted: ['婚姻登记机关'] }] } });
    expect(fill.stem).toContain('{{1}}日内');
    expect(essay).toMatchObject({ type: 'essay', stem: '简述全面依法治国的总目标。<br />（请分点作答）', answer: { referenceHtml: '建设中国特色社会主义法治体系，<br />建设社会主义法治国家。' } });
    expect(rows[0].categoryId).toBe(rows[1].categoryId);
    expect(rows[4].categoryId).toBe(await categoryId('导入测试'));
    const links = await t.ctx.db.select().from(questionVersionArticles).where(inArray(questionVersionArticles.articleId, [single.legalBasis[0].articleId!]));
    expect(links).toHaveLength(1);
    const [a] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'question.import')).orderBy(desc(auditLog.id)).limit(1);
    expect(a.after).toMatchObject({ format: 'excel', created: 5, categoriesCreated: 3 });
  });

  it('export Excel → re-import gives the same questions', async () => {
    const cat = await categoryId('导入测试');
    const res = await organiser.get(`/api/bank/export?format=excel&categoryId=${cat}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['x-xjkp-skipped']).toBe('0');
    const before = await maxQuestionId();
    const again = await upload(organiser, 'commit', res.rawPayload, '导出.xlsx');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: 5, categoriesCreated: 0 });
    const orig = (await contentsAfter(0)).filter((r) => excelIds.includes(r.id));
    const back = await contentsAfter(before);
    expect(sortByStem(back).map((r) => stripIds(r.content))).toEqual(sortByStem(orig).map((r) => stripIds(r.content)));
    expect(sortByStem(back).map((r) => r.categoryId)).toEqual(sortByStem(orig).map((r) => r.categoryId));
  });

  it('refuses a corrupt, empty or wrong-format file with 400 and a Chinese message', async () => {
    const n = await questionCount();
    const cases: [Buffer | string, string, Record<string, string>][] = [
      [crypto.randomBytes(2000), '坏.xlsx', {}],
      [Buffer.concat([Buffer.from('PK\u0003\u0004'), crypto.randomBytes(500)]), '坏.xlsx', {}],
      [Buffer.alloc(0), '空.xlsx', {}],
      [Buffer.alloc(0), '空.gift', {}],
      [await filledTemplate(), '题目.xlsx', { format: 'gift' }],
      ['题目？{T}', 'a.gift', { format: 'word' }],
      ['题目？{T}', 'a.doc', {}],
    ];
    for (const [file, name, fields] of cases) {
      for (const step of ['preview', 'commit'] as const) {
        const res = await upload(organiser, step, file, name, fields);
        expect(res.statusCode, `${name} ${step} ${res.body}`).toBe(400);
        expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(await questionCount()).toBe(n);
  });

  it('an Excel file with errors is refused with 422 and nothing is written', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('题目');
    ws.addRow(['题型', '题干', '选项A', '选项B', '答案']);
    ws.addRow(['单选', '好题目一？', '甲', '乙', 'A']);
    ws.addRow(['单选', '坏题目？', '甲', '乙', 'E']);
    const n = await questionCount();
    const res = await upload(organiser, 'commit', Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'IMPORT_INVALID', importIssues: [expect.objectContaining({ sheet: '题目', row: 3, column: 'E（答案）' })] });
    expect(await questionCount()).toBe(n);
  });
});

describe('Moodle formats', () => {
  it("previews Moodle's GIFT fixture: supported questions listed, unsupported ones as errors with line numbers", async () => {
    const text = fs.readFileSync(MOODLE_GIFT, 'utf8');
    const res = await upload(organiser, 'preview', text, 'questions.gift.txt', { format: 'gift' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.issues).toEqual([
      expect.objectContaining({ sheet: 'questions.gift.txt', line: 2, row: 2, message: expect.stringContaining('简答题缺少参考答案') }),
      expect.objectContaining({ line: 5, row: 5, message: expect.stringContaining('不支持的题型：匹配题') }),
    ]);
    expect(body.rows.map((r: { ref: number; type: string }) => [r.ref, r.type])).toEqual([
      [14, 'single'],
      [22, 'multiple'],
      [31, 'fill'],
      [34, 'fill'],
      [41, 'truefalse'],
      [46, 'truefalse'],
      [49, 'truefalse'],
    ]);
    expect(body.summary).toMatchObject({ total: 9, valid: 7 });
    // the two identical "TSL is blablabla." questions are duplicates within the file
    expect(body.summary.duplicatesInFile).toBeGreaterThanOrEqual(1);
    expect(body.rows[6].similar).toEqual([]);
    expect(body.rows[6].similarInFile[0]).toMatchObject({ ref: 46, level: 'duplicate', stemText: 'TSL is blablabla.' });
    expect(body.summary.create).toBe(body.summary.valid - 1);

    const n = await questionCount();
    const commit = await upload(organiser, 'commit', text, 'questions.gift.txt');
    expect(commit.statusCode, commit.body).toBe(422);
    expect(commit.json().error.importIssues).toEqual([
      { sheet: 'questions.gift.txt', row: 2, column: '', message: expect.stringContaining('简答题') },
      { sheet: 'questions.gift.txt', row: 5, column: '', message: expect.stringContaining('匹配题') },
    ]);
    expect(await questionCount()).toBe(n);
  });

  it("Moodle's aiken_errors.txt: Moodle's per-question errors at their lines, nothing written; questions.aiken.txt commits", async () => {
    const errorsFile = fs.readFileSync(path.join(MOODLE, 'aiken/aiken_errors.txt'));
    const pre = await upload(organiser, 'preview', errorsFile, 'aiken_errors.txt', { format: 'aiken' });
    expect(pre.statusCode, pre.body).toBe(200);
    expect(pre.json().ok).toBe(false);
    expect(pre.json().issues.map((i: { line: number }) => i.line)).toEqual([1, 5, 7, 14]);
    expect(pre.json().rows).toHaveLength(2);
    const n = await questionCount();
    expect((await upload(organiser, 'commit', errorsFile, 'aiken_errors.txt', { format: 'aiken' })).statusCode).toBe(422);
    expect(await questionCount()).toBe(n);
    const good = await upload(organiser, 'commit', fs.readFileSync(path.join(MOODLE, 'aiken/questions.aiken.txt')), 'questions.aiken.txt');
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().created).toBeGreaterThan(0);
  });

  it('reads a GIFT file saved as GB18030 (Chinese Windows) as well as UTF-8 with a BOM', async () => {
    const gbk = Buffer.concat([Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xa3, 0xbf]), Buffer.from('{T}')]); // 中文？{T}
    const a = await upload(organiser, 'preview', gbk, 'gbk.gift');
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().rows[0]).toMatchObject({ type: 'truefalse', stemText: '中文？' });
    const b = await upload(organiser, 'preview', Buffer.from('\uFEFF中文？{F}', 'utf8'), 'bom.gift');
    expect(b.json().rows[0]).toMatchObject({ type: 'truefalse', stemText: '中文？' });
  });

  const supportedGift = [
    '$CATEGORY: $course$/top/GIFT测试/行政法',
    '',
    '// [tag:行政复议]',
    '::a::行政复议机关应当自受理申请之日起多少日内作出行政复议决定？{=六十日 ~三十日 ~九十日 ~十五日 ####见行政复议法。}',
    '',
    '::b::下列属于行政处罚种类的有？{~%33.33333%警告 ~%33.33333%罚款 ~%33.33333%没收违法所得 ~%-100%记大过}',
    '',
    '::c::[html]国家工作人员应当<b>带头</b>遵守宪法和法律。{T}',
    '',
    '::d::犯罪以后自动投案，如实供述自己罪行的，是_____。{=自首 =自首情节}',
    '',
    '::e::简述行政处罚的种类。{####警告、通报批评；罚款、没收违法所得。}',
  ].join('\n');

  it('commits a GIFT file of supported questions; export GIFT and Moodle XML → re-import gives the same questions', async () => {
    const before = await maxQuestionId();
    const pre = await upload(organiser, 'preview', supportedGift, 'bank.gift');
    expect(pre.statusCode, pre.body).toBe(200);
    expect(pre.json()).toMatchObject({ ok: true, format: 'gift', summary: { valid: 5, categoriesToCreate: ['GIFT测试', 'GIFT测试/行政法'] } });
    const res = await upload(organiser, 'commit', supportedGift, 'bank.gift');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 5, skippedDuplicates: 0, categoriesCreated: 2 });
    const orig = await contentsAfter(before);
    expect(orig.map((r) => r.content.type)).toEqual(['single', 'multiple', 'truefalse', 'fill', 'essay']);
    expect(orig[1].content).toMatchObject({ answer: { keys: ['A', 'B', 'C'] } });
    expect(orig[2].content.stem).toBe('国家工作人员应当<b>带头</b>遵守宪法和法律。');
    expect(orig[3].content).toMatchObject({ stem: '犯罪以后自动投案，如实供述自己罪行的，是{{1}}。', answer: { blanks: [{ accepted: ['自首', '自首情节'] }] } });
    expect(orig[4].content).toMatchObject({ type: 'essay', answer: { referenceHtml: '警告、通报批评；罚款、没收违法所得。' } });
    const cat = await categoryId('行政法');

    for (const format of ['gift', 'moodlexml'] as const) {
      const inCategory = (await contentsAfter(before)).filter((r) => r.categoryId === cat);
      const exp = await organiser.get(`/api/bank/export?format=${format}&categoryId=${cat}`);
      expect(exp.statusCode, exp.body).toBe(200);
      // GIFT cannot carry an essay's reference answer
      expect(exp.headers['x-xjkp-skipped']).toBe(format === 'gift' ? '1' : '0');
      if (format === 'gift') expect(exp.body).toContain(`::${orig[0].id}::`);
      const mark = await maxQuestionId();
      const again = await upload(organiser, 'commit', exp.body, `export.${format === 'gift' ? 'gift' : 'xml'}`);
      expect(again.statusCode, again.body).toBe(200);
      const back = await contentsAfter(mark);
      const expected = inCategory.filter((r) => format !== 'gift' || r.content.type !== 'essay');
      expect(sortByStem(back).map((r) => stripIds(r.content))).toEqual(sortByStem(expected).map((r) => stripIds(r.content)));
      expect(back.every((r) => r.categoryId === cat)).toBe(true);
    }
    const [a] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'question.export')).orderBy(desc(auditLog.id)).limit(1);
    expect(a.after).toMatchObject({ format: 'moodlexml', exported: 9, skipped: 0 });
  });

  it('imports Aiken (format inferred from .txt) into the default category', async () => {
    const catRes = await organiser.post('/api/bank/categories', { name: 'Aiken默认', parentId: null });
    const cat = catRes.json().id as number;
    const aiken = '依法治国的主体是？\nA. 人民群众\nB. 外国人\nANSWER: A\n\n宪法日是哪一天？\nA) 12月4日\nB) 3月15日\nC) 10月1日\nANSWER: A\n';
    const before = await maxQuestionId();
    const res = await upload(organiser, 'commit', aiken, 'aiken.txt', { categoryId: String(cat) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, categoriesCreated: 0 });
    const rows = await contentsAfter(before);
    expect(rows.map((r) => [r.categoryId, r.content.type, r.content.options?.length])).toEqual([
      [cat, 'single', 2],
      [cat, 'single', 3],
    ]);
    const bad = await upload(organiser, 'preview', '没有选项的题目\nANSWER: A\n', 'bad.txt');
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json().ok).toBe(false);
    expect(bad.json().issues[0]).toMatchObject({ line: 1 });
  });
});

describe('near-duplicates', () => {
  it('flags a reworded, shuffled copy of a bank question; skipDuplicates=true leaves it out', async () => {
    const created = await organiser.post('/api/bank/questions', {
      content: {
        type: 'single',
        stem: '根据民法典，不满八周岁的未成年人为无民事行为能力人，由其法定代理人代理实施民事法律行为。此说法对应的年龄是？',
        options: [
          { key: 'A', html: '八周岁' },
          { key: 'B', html: '十周岁' },
          { key: 'C', html: '十六周岁' },
          { key: 'D', html: '十八周岁' },
        ],
        answer: { key: 'A' },
        difficulty: 2,
      },
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().question.id as number;
    const gift = [
      '根据民法典，不满八周岁的未成年人为无民事行为能力人，由其法定代理人代理实施民事法律行为。此说法对应的年龄为？{~十八周岁 ~十六周岁 =八周岁 ~十周岁}',
      '',
      '行政机关作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据。{T}',
    ].join('\n');
    const pre = await upload(organiser, 'preview', gift, 'dup.gift');
    expect(pre.statusCode, pre.body).toBe(200);
    const body = pre.json();
    expect(body.ok).toBe(true);
    expect(body.summary).toMatchObject({ valid: 2, create: 1, duplicatesInBank: 1, duplicatesInFile: 0 });
    expect(body.rows[0].similar[0]).toMatchObject({ id, level: 'duplicate', stemText: expect.stringContaining('不满八周岁') });
    expect(body.rows[0].similar[0].score).toBeGreaterThanOrEqual(0.8);
    expect(body.rows[1].similar).toEqual([]);
    expect(body.warnings.some((w: { line: number; message: string }) => w.line === 1 && w.message.includes(`#${id}`))).toBe(true);

    const before = await maxQuestionId();
    const res = await upload(organiser, 'commit', gift, 'dup.gift', { skipDuplicates: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1, skippedDuplicates: 1, categoriesCreated: 0 });
    const rows = await contentsAfter(before);
    expect(rows.map((r) => r.content.type)).toEqual(['truefalse']);
  });
});

describe('access', () => {
  it('a 学员 gets 403 on every import/export route; an admin may use them', async () => {
    expect((await member.get('/api/bank/import/template.xlsx')).statusCode).toBe(403);
    expect((await upload(member, 'preview', '题？{T}', 'a.gift')).statusCode).toBe(403);
    expect((await upload(member, 'commit', '题？{T}', 'a.gift')).statusCode).toBe(403);
    expect((await member.get('/api/bank/export?format=gift')).statusCode).toBe(403);
    expect((await admin.get('/api/bank/import/template.xlsx')).statusCode).toBe(200);
    const aiken = await admin.get('/api/bank/export?format=aiken');
    expect(aiken.statusCode).toBe(200);
    expect(Number(aiken.headers['x-xjkp-skipped'])).toBeGreaterThan(0);
  });
});
