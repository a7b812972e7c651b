import crypto from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, units } from '../../src/server/modules/org/schema';
import { accounts, auditLog } from '../../src/server/platform/schema';
import { adminClient, Client, createTestApp, idNumber, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
const u: Record<string, number> = {};

// ---- helpers ----

/** A multipart/form-data body built by hand: fields in the order given, the file where asked. */
function multipart(parts: ({ field: string; value: string } | { file: Buffer; filename: string; field?: string })[]) {
  const boundary = `----xjkp${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.field ?? 'file'}"; filename="${encodeURIComponent(p.filename)}"\r\n` +
            'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
        ),
      );
      chunks.push(p.file, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, step: 'preview' | 'commit', file: Buffer, createUnits?: boolean, filename = '人员.xlsx'): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipart([
    ...(createUnits === undefined ? [] : [{ field: 'createUnits', value: String(createUnits) }]),
    { file, filename },
  ]);
  return c.request('POST', `/api/people/import/${step}`, body, { 'content-type': contentType });
}

async function xlsx(rows: unknown[][], sheetName = '人员', setup?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  setup?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function unit(name: string, parent: string | null): Promise<number> {
  const res = await admin.post('/api/units', { name, parentId: parent ? u[parent] : null });
  expect(res.statusCode, res.body).toBe(200);
  u[name] = res.json().id;
  return u[name];
}

async function unitAdminOf(unitName: string, employeeNo: string): Promise<Client> {
  const created = await admin.post('/api/people', { name: `${unitName}管理员`, employeeNo, unitId: u[unitName] });
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().id;
  expect((await admin.put(`/api/people/${id}/roles`, { roles: [{ role: 'unit_admin', unitId: u[unitName] }] })).statusCode).toBe(200);
  const otp = (await admin.post(`/api/people/${id}/reset-password`)).json().oneTimePassword;
  const c = new Client(t.app);
  await c.login(employeeNo, otp);
  expect((await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Unit#Admin1' })).statusCode).toBe(200);
  return c;
}

/** Row counts of everything an import may write, to prove a refused import wrote nothing. */
async function counts() {
  const db = t.ctx.db;
  const [[p], [un], [a], [acc]] = await Promise.all([
    db.select({ n: count() }).from(people),
    db.select({ n: count() }).from(units),
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(accounts),
  ]);
  return { people: p.n, units: un.n, audit: a.n, accounts: acc.n };
}

let seq = 0;
/** A fresh valid 身份证号: distinct birth dates from 1960 on, so 10k of them never collide. */
function freshId(male = true): string {
  const d = new Date(Date.UTC(1960, 0, 1) + seq++ * 86_400_000);
  const ymd = d.toISOString().slice(0, 10).replace(/-/g, '');
  return idNumber(`320102${ymd}01${male ? 1 : 2}`);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  await unit('某区', null);
  await unit('司法局', '某区');
  await unit('法制科', '司法局');
  await unit('公安分局', '某区');
  await unit('治安大队', '公安分局');
});
afterAll(() => t.close());

// ---- tests ----

describe('template', () => {
  it('downloads a valid xlsx that, filled with 3 rows under the example, imports', async () => {
    const res = await admin.get('/api/people/import/template.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人员', '说明', '单位列表']);
    const ws = wb.getWorksheet('人员')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '姓名*', '性别', '身份证号*', '工号', '手机', '单位*', '职务', '职级', '岗位类别', '是否党政主要负责人', '是否行政执法人员', '状态',
    ]);
    expect(ws.getColumn(3).numFmt).toBe('@');
    const help = wb.getWorksheet('说明')!;
    const helpText = help.getSheetValues().flat().join(' ');
    for (const s of ['一般干部', '在职', '调离', '退休', '某区/司法局/法制科', '是 / 否']) expect(helpText).toContain(s);
    const unitList = wb.getWorksheet('单位列表')!.getColumn(1).values.slice(2);
    expect(unitList).toContain('某区/司法局/法制科');

    ws.addRow(['模板甲', '', freshId(), 'tpl1', '13800000001', '某区/司法局/法制科', '科员', '一般干部', '行政执法', '否', '是', '在职']);
    ws.addRow(['模板乙', '女', freshId(false), '', '', '某区/司法局', '副局长', '县处级', '', '是', '', '']);
    ws.addRow(['模板丙', '', '', 'tpl3', '', '某区 ／ 公安分局 > 治安大队', '', '', '', '', '√', '']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const preview = await upload(admin, 'preview', filled, false);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ ok: true, issues: [], summary: { total: 3, create: 3, update: 0, unchanged: 0, unitsToCreate: [] } });
    const commit = await upload(admin, 'commit', filled, false);
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ created: 3, updated: 0, unchanged: 0, unitsCreated: 0 });

    const list = (await admin.get(`/api/people?q=${encodeURIComponent('模板')}`)).json().items as Record<string, unknown>[];
    const byName = Object.fromEntries(list.map((p) => [p.name, p]));
    expect(byName['模板甲']).toMatchObject({ gender: '男', employeeNo: 'tpl1', rank: '一般干部', isLawEnforcement: true, unitPathNames: ['某区', '司法局', '法制科'] });
    expect(byName['模板乙']).toMatchObject({ gender: '女', isPrincipalLeader: true, status: '在职', unitPathNames: ['某区', '司法局'] });
    expect(byName['模板丙']).toMatchObject({ idNumberMasked: null, isLawEnforcement: true, unitPathNames: ['某区', '公安分局', '治安大队'] });
    // Each imported person has an account, as createPerson gives them.
    const [acc] = await t.ctx.db.select({ n: count() }).from(accounts).where(eq(accounts.displayName, '模板丙'));
    expect(acc.n).toBe(1);
  });
});

describe('a sheet with other common headers', () => {
  const rowsOf = async () => {
    const ids = [freshId(), freshId(false), freshId()];
    return xlsx([
      ['某区教育局人员名单'],
      ['序号', '姓名', '性别', '身份证号码', '工作单位', '职务', '职级', '手机号码'],
      [1, '教甲', '男', ids[0], '某区/教育局', '局长', '县处级', 13900000001],
      [2, '教乙', '', ids[1], '某区/教育局/办公室', '科员', '一般干部', '139 0000 0002'],
      [3],
      [4, '教丙', '男', ids[2], '某区／教育局／办公室', '', '', ''],
    ], '花名册', (ws) => ws.mergeCells('A1:H1'));
  };

  it('is refused with row and column when its units do not exist and createUnits is off', async () => {
    const file = await rowsOf();
    const before = await counts();
    const res = await upload(admin, 'preview', file, false);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.issues.map((i: { sheet: string; row: number; column: string }) => `${i.sheet}!${i.row}:${i.column}`)).toEqual([
      '花名册!3:E（工作单位）',
      '花名册!4:E（工作单位）',
      '花名册!6:E（工作单位）',
    ]);
    expect(body.issues[0].message).toContain('“某区”下没有“教育局”');
    const commit = await upload(admin, 'commit', file);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.code).toBe('IMPORT_INVALID');
    expect(await counts()).toEqual(before);
  });

  it('imports with the missing units created when createUnits is on', async () => {
    const file = await rowsOf();
    const preview = (await upload(admin, 'preview', file, true)).json();
    expect(preview.ok).toBe(true);
    expect(preview.summary).toMatchObject({ total: 3, create: 3, unitsToCreate: ['某区/教育局', '某区/教育局/办公室'] });
    expect(preview.rows[1]).toMatchObject({ row: 4, action: 'create', name: '教乙', unitPath: '某区/教育局/办公室' });

    const res = await upload(admin, 'commit', file, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 3, updated: 0, unchanged: 0, unitsCreated: 2 });
    const tree = (await admin.get('/api/units')).json().units as { id: number; name: string; parentId: number | null; totalPeople: number }[];
    const edu = tree.find((x) => x.name === '教育局')!;
    expect(edu.parentId).toBe(u['某区']);
    expect(edu.totalPeople).toBe(3);
    const people = (await admin.get(`/api/people?q=${encodeURIComponent('教乙')}`)).json().items;
    expect(people[0]).toMatchObject({ gender: '女', phone: '13900000002', rank: '一般干部' });
  });
});

describe('validate the whole file, then write it in one transaction', () => {
  const ids = () => [freshId(), freshId(), freshId(false)];
  let good: string[];
  const file = (rows: unknown[][]) => xlsx([['姓名', '身份证号', '工号', '手机', '单位', '职务', '职级', '是否党政主要负责人'], ...rows]);
  const goodRows = () => [
    ['事务甲', good[0], 'sw1', '13700000001', '某区/司法局/法制科', '科员', '一般干部', '否'],
    ['事务乙', good[1], 'sw2', '', '某区/司法局', '局长', '县处级', '是'],
    ['事务丙', good[2], 'sw3', '', '法制科', '', '', ''],
  ];

  beforeAll(() => {
    good = ids();
  });

  it('lists a bad row in the preview, refuses the commit with 422, and changes nothing', async () => {
    const rows = goodRows();
    rows[2] = ['事务丙', good[2].slice(0, 17) + (good[2][17] === '0' ? '1' : '0'), 'sw3', '12345', '某区/司法局/法制科', '', '处长', '也许'];
    // 法制科 alone is ambiguous once the second 法制科 exists; here it is still unique.
    const bad = await file(rows);
    const before = await counts();

    const preview = (await upload(admin, 'preview', bad, false)).json();
    expect(preview.ok).toBe(false);
    expect(preview.summary).toMatchObject({ total: 3, create: 2, invalid: 1 });
    expect(preview.issues).toEqual([
      { sheet: '人员', row: 4, column: 'B（身份证号）', message: '身份证号校验位不正确' },
      { sheet: '人员', row: 4, column: 'D（手机）', message: '手机号应为11位中国大陆手机号码' },
      { sheet: '人员', row: 4, column: 'G（职级）', message: expect.stringContaining('职级应为') },
      { sheet: '人员', row: 4, column: 'H（是否党政主要负责人）', message: '应填写“是”或“否”' },
    ]);

    const commit = await upload(admin, 'commit', bad, false);
    expect(commit.statusCode).toBe(422);
    const err = commit.json().error;
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.message).toContain('未写入任何数据');
    expect(err.importIssues).toHaveLength(4);
    expect(await counts()).toEqual(before);
  });

  it('commits the fixed file, and the same file again changes nothing', async () => {
    const fixed = await file(goodRows());
    const before = await counts();
    const first = await upload(admin, 'commit', fixed, false);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 3, updated: 0, unchanged: 0, unitsCreated: 0, unitPaths: [] });
    const afterFirst = await counts();
    expect(afterFirst).toEqual({ ...before, people: before.people + 3, accounts: before.accounts + 3, audit: before.audit + 1 });
    const [entry] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'person.import')).orderBy(desc(auditLog.id)).limit(1);
    expect((entry.after as { createdIds: number[] }).createdIds).toHaveLength(3);
    expect(JSON.stringify(entry.after)).not.toContain(good[0]);

    const stamps = await t.ctx.db.select({ id: people.id, updatedAt: people.updatedAt }).from(people);
    const preview = (await upload(admin, 'preview', fixed, false)).json();
    expect(preview.summary).toMatchObject({ total: 3, create: 0, update: 0, unchanged: 3 });
    const again = await upload(admin, 'commit', fixed, false);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, unitsCreated: 0 });
    expect(await counts()).toEqual({ ...afterFirst, audit: afterFirst.audit + 1 });
    expect(await t.ctx.db.select({ id: people.id, updatedAt: people.updatedAt }).from(people)).toEqual(stamps);
  });

  it('updates only what changed and says what it changed; blank cells keep stored values', async () => {
    const rows = goodRows();
    rows[0][5] = '副科长';
    rows[0][3] = ''; // blank 手机: keep 13700000001
    rows[1][4] = '某区/司法局/法制科';
    const res = (await upload(admin, 'preview', await file(rows), false)).json();
    expect(res.summary).toMatchObject({ update: 2, unchanged: 1 });
    expect(res.rows[0].changes).toEqual(['职务: 科员 → 副科长']);
    expect(res.rows[1].changes).toEqual(['单位: 某区/司法局 → 某区/司法局/法制科']);
    const commit = await upload(admin, 'commit', await file(rows), false);
    expect(commit.json()).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    const p = (await admin.get('/api/people?q=sw1')).json().items[0];
    expect(p).toMatchObject({ title: '副科长', phone: '13700000001' });
  });

  it('reports duplicates within the file and conflicts with existing people', async () => {
    const dupId = freshId();
    const res = (
      await upload(
        admin,
        'preview',
        await file([
          ['重复甲', dupId, 'dup1', '', '某区', '', '', ''],
          ['重复乙', dupId, 'dup2', '', '某区', '', '', ''],
          ['冲突丙', good[0], 'sw2', '', '某区', '', '', ''],
        ]),
      )
    ).json();
    expect(res.issues.map((i: { row: number; column: string; message: string }) => `${i.row} ${i.column} ${i.message}`)).toEqual([
      '2 B（身份证号） 身份证号与第3行重复',
      '3 B（身份证号） 身份证号与第2行重复',
      '4 C（工号） 该工号已被另一人员使用',
    ]);
  });

  it('refuses an export re-imported with masked 身份证号, and numbers Excel has mangled', async () => {
    const exported = await admin.get('/api/people/export.xlsx?q=sw1');
    expect(exported.statusCode).toBe(200);
    const res = (await upload(admin, 'preview', exported.rawPayload)).json();
    expect(res.ok).toBe(false);
    expect(res.issues[0]).toMatchObject({ row: 2, column: 'C（身份证号）', message: '身份证号为脱敏格式，无法导入' });

    const numeric = (await upload(admin, 'preview', await file([['数字', 320102196001010000, '', '', '某区', '', '', '']]))).json();
    expect(numeric.issues).toEqual([{ sheet: '人员', row: 2, column: 'B（身份证号）', message: '身份证号被Excel存成了数字，末几位已丢失，请将该列设为文本后重新填写' }]);
  });
});

describe('scope: a 单位管理员 imports only into their own subtree', () => {
  let sfjAdmin: Client;
  let outsiderId: string;
  beforeAll(async () => {
    sfjAdmin = await unitAdminOf('司法局', 'sfjadmin');
    outsiderId = freshId();
    const r = await admin.post('/api/people', { name: '治安民警', idNumber: outsiderId, unitId: u['治安大队'], title: '大队长' });
    expect(r.statusCode, r.body).toBe(200);
  });

  it('refuses a row for another unit, and a person who belongs to another unit, writing nothing', async () => {
    const file = await xlsx([
      ['姓名', '身份证号', '单位'],
      ['外派甲', freshId(), '某区/公安分局/治安大队'],
      ['外派乙', outsiderId, '某区/司法局/法制科'],
      ['本局丙', freshId(), '某区/司法局/法制科'],
    ]);
    const before = await counts();
    const preview = (await upload(sfjAdmin, 'preview', file, true)).json();
    expect(preview.ok).toBe(false);
    expect(preview.issues).toEqual([
      { sheet: '人员', row: 2, column: 'C（单位）', message: '单位“某区/公安分局/治安大队”不存在或不在您的管理范围内' },
      { sheet: '人员', row: 3, column: 'B（身份证号）', message: '该人员不在您的管理范围内，不能导入或修改' },
    ]);
    // Nothing about the other unit's person leaks into the answer.
    expect(JSON.stringify(preview)).not.toContain('治安民警');
    expect(JSON.stringify(preview)).not.toContain('大队长');
    const commit = await upload(sfjAdmin, 'commit', file, true);
    expect(commit.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('may create units under their own subtree only', async () => {
    const file = await xlsx([['姓名', '身份证号', '单位'], ['新科甲', freshId(), '某区/司法局/新设科']]);
    const res = await upload(sfjAdmin, 'commit', file, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, unitsCreated: 1, unitPaths: ['某区/司法局/新设科'] });
    const top = await upload(sfjAdmin, 'preview', await xlsx([['姓名', '身份证号', '单位'], ['顶级甲', freshId(), '新区/办公室']]), true);
    expect(top.json().issues[0].message).toBe('单位“新区/办公室”不存在或不在您的管理范围内');
  });

  it('is not open to people without an admin role', async () => {
    const member = await admin.post('/api/people', { name: '普通学员', employeeNo: 'member1', unitId: u['法制科'] });
    const otp = (await admin.post(`/api/people/${member.json().id}/reset-password`)).json().oneTimePassword;
    const c = new Client(t.app);
    await c.login('member1', otp);
    await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Member#2026' });
    expect((await c.get('/api/people/import/template.xlsx')).statusCode).toBe(403);
    expect((await upload(c, 'preview', await xlsx([['姓名', '身份证号', '单位']]))).statusCode).toBe(403);

    // Marked 退休 by an import, they are signed out everywhere, as with an edit by hand.
    const retire = await xlsx([['姓名', '工号', '单位', '状态'], ['普通学员', 'member1', '某区/司法局/法制科', '退休']]);
    const res = await upload(sfjAdmin, 'commit', retire);
    expect(res.json()).toMatchObject({ updated: 1 });
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('bad requests get a clear 4xx, never a 500', () => {
  it('refuses random bytes named .xlsx with a Chinese 400', async () => {
    const res = await upload(admin, 'preview', crypto.randomBytes(4096), false, 'random.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('不是有效的 Excel') });
    const zipish = Buffer.concat([Buffer.from('PK\u0003\u0004'), crypto.randomBytes(2048)]);
    expect((await upload(admin, 'commit', zipish)).statusCode).toBe(400);
    // Above the 1 MB JSON body limit but within the upload limit: read, then refused as not xlsx.
    expect((await upload(admin, 'preview', crypto.randomBytes(3 * 1024 * 1024))).statusCode).toBe(400);
  });

  it('refuses a file over 10 MB with 413', async () => {
    const res = await upload(admin, 'preview', Buffer.alloc(10 * 1024 * 1024 + 10, 1));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('needs a multipart body with a file', async () => {
    const json = await admin.post('/api/people/import/preview', { createUnits: true });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toContain('multipart');
    const { body, contentType } = multipart([{ field: 'createUnits', value: 'true' }]);
    const noFile = await admin.request('POST', '/api/people/import/preview', body, { 'content-type': contentType });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.message).toContain('请选择');
  });

  it('reads createUnits sent after the file too, and refuses a value that is not true/false', async () => {
    const file = await xlsx([['姓名', '身份证号', '单位'], ['后置甲', freshId(), '某区/后置局']]);
    const after = multipart([{ file, filename: 'a.xlsx' }, { field: 'createUnits', value: 'true' }]);
    const res = await admin.request('POST', '/api/people/import/preview', after.body, { 'content-type': after.contentType });
    expect(res.json()).toMatchObject({ ok: true, summary: { unitsToCreate: ['某区/后置局'] } });
    const odd = multipart([{ field: 'createUnits', value: 'maybe' }, { file, filename: 'a.xlsx' }]);
    const bad = await admin.request('POST', '/api/people/import/preview', odd.body, { 'content-type': odd.contentType });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('createUnits');
  });

  it('answers a workbook without a usable header with an issue, not an error', async () => {
    const res = await upload(admin, 'preview', await xlsx([['a', 'b'], [1, 2]]));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, issues: [{ row: 1, column: '', message: expect.stringContaining('未找到表头') }] });
  });
});

describe('10,000 rows', () => {
  it('previews and commits in one go, and re-imports as unchanged', async () => {
    await unit('万人区', null);
    const depts = ['办公室', '法制科', '执法大队', '综合科'];
    const rows: unknown[][] = [['序号', '姓名', '性别', '身份证号', '工号', '手机', '单位', '部门', '职务', '职级', '是否行政执法人员']];
    for (let i = 0; i < 10_000; i++) {
      rows.push([i + 1, `批量${i}`, '', freshId(i % 2 === 0), `bulk${i}`, `139${String(10_000_000 + i).slice(-8)}`, `万人区/第${Math.floor(i / 4) % 20}局`, depts[i % 4], '科员', '一般干部', i % 3 === 0 ? '是' : '否']);
    }
    const file = await xlsx(rows);
    const before = await counts();

    let t0 = performance.now();
    const preview = await upload(admin, 'preview', file, true);
    const previewMs = performance.now() - t0;
    expect(preview.statusCode, preview.body.slice(0, 500)).toBe(200);
    const pj = preview.json();
    expect(pj.ok).toBe(true);
    expect(pj.summary).toMatchObject({ total: 10_000, create: 10_000 });
    expect(pj.summary.unitsToCreate).toHaveLength(20 + 80);
    expect(pj.rows).toHaveLength(500);

    t0 = performance.now();
    const commit = await upload(admin, 'commit', file, true);
    const commitMs = performance.now() - t0;
    expect(commit.statusCode, commit.body.slice(0, 500)).toBe(200);
    expect(commit.json()).toMatchObject({ created: 10_000, updated: 0, unitsCreated: 100 });
    expect(await counts()).toEqual({
      people: before.people + 10_000,
      accounts: before.accounts + 10_000,
      units: before.units + 100,
      audit: before.audit + 1,
    });

    t0 = performance.now();
    const again = await upload(admin, 'commit', file, true);
    const againMs = performance.now() - t0;
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 10_000, unitsCreated: 0 });
    console.log(
      `people import, 10,000 rows (${(file.length / 1024).toFixed(0)} KiB): preview ${previewMs.toFixed(0)} ms, ` +
        `commit ${commitMs.toFixed(0)} ms, re-import (all unchanged) ${againMs.toFixed(0)} ms`,
    );
  });
});
