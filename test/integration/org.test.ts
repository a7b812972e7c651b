import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../src/server/modules/org/schema';
import { auditLog } from '../../src/server/platform/schema';
import { adminClient, Client, createTestApp, idNumber, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
const u: Record<string, number> = {};

async function unit(name: string, parent: string | null): Promise<number> {
  const res = await admin.post('/api/units', { name, parentId: parent ? u[parent] : null });
  expect(res.statusCode, res.body).toBe(200);
  u[name] = res.json().id;
  return u[name];
}

async function person(fields: Record<string, unknown>) {
  const res = await admin.post('/api/people', fields);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A 单位管理员 of `unitName`, logged in with the password already changed. */
async function unitAdminOf(unitName: string, employeeNo: string): Promise<Client> {
  const p = await person({ name: `${unitName}管理员`, employeeNo, unitId: u[unitName] });
  const roles = await admin.put(`/api/people/${p.id}/roles`, { roles: [{ role: 'unit_admin', unitId: u[unitName] }] });
  expect(roles.statusCode, roles.body).toBe(200);
  const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
  const c = new Client(t.app);
  await c.login(employeeNo, otp);
  expect((await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Unit#Admin1' })).statusCode).toBe(200);
  return c;
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

describe('unit tree', () => {
  it('lists units with direct and subtree people counts', async () => {
    await person({ name: '科员甲', employeeNo: 'fz001', unitId: u['法制科'] });
    await person({ name: '局长乙', employeeNo: 'sf001', unitId: u['司法局'] });
    const list = (await admin.get('/api/units')).json().units as { id: number; peopleCount: number; totalPeople: number }[];
    const sfj = list.find((x) => x.id === u['司法局'])!;
    expect(sfj.peopleCount).toBe(1);
    expect(sfj.totalPeople).toBe(2);
  });

  it('refuses a duplicate name under the same parent', async () => {
    const res = await admin.post('/api/units', { name: '法制科', parentId: u['司法局'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('法制科');
  });

  it('moves a subtree and rewrites every descendant path', async () => {
    const tmp = await unit('临时科', '治安大队');
    await unit('临时组', '临时科');
    const res = await admin.patch(`/api/units/${tmp}`, { parentId: u['司法局'] });
    expect(res.statusCode, res.body).toBe(200);
    const list = (await admin.get('/api/units')).json().units as { id: number; path: string; depth: number }[];
    const group = list.find((x) => x.id === u['临时组'])!;
    expect(group.path).toBe(`/${u['某区']}/${u['司法局']}/${tmp}/${u['临时组']}/`);
    expect(group.depth).toBe(3);
  });

  it('cannot move a unit under its own descendant', async () => {
    const res = await admin.patch(`/api/units/${u['司法局']}`, { parentId: u['法制科'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('parentId');
  });

  it('will not delete a unit that still has people, and says how many', async () => {
    const res = await admin.delete(`/api/units/${u['法制科']}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('UNIT_NOT_EMPTY');
    expect(res.json().error.message).toContain('1名人员');
  });

  it('deletes an empty unit and disables one with people', async () => {
    expect((await admin.delete(`/api/units/${u['临时组']}`)).statusCode).toBe(200);
    const res = await admin.patch(`/api/units/${u['法制科']}`, { disabled: true });
    expect(res.json().disabled).toBe(true);
    const add = await admin.post('/api/people', { name: '新人', employeeNo: 'new001', unitId: u['法制科'] });
    expect(add.statusCode).toBe(400);
    await admin.patch(`/api/units/${u['法制科']}`, { disabled: false });
  });
});

describe('people', () => {
  it('reports every bad field with its path, and writes nothing', async () => {
    const before = await t.ctx.db.select({ n: count() }).from(people);
    const res = await admin.post('/api/people', { name: '', idNumber: '110101199003074478', phone: '12345', unitId: u['某区'], status: '死亡' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['idNumber', 'name', 'phone', 'status']);
    expect(res.json().error.issues.find((i: { path: string }) => i.path === 'idNumber').message).toBe('身份证号校验位不正确');
    const after = await t.ctx.db.select({ n: count() }).from(people);
    expect(after[0].n).toBe(before[0].n);
  });

  it('requires 身份证号 or 工号', async () => {
    const res = await admin.post('/api/people', { name: '无证', unitId: u['某区'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0]).toEqual({ path: 'idNumber', message: '身份证号和工号至少填写一项' });
  });

  it('stores the 身份证号 encrypted and shows it masked', async () => {
    const idNo = idNumber('11010219800101123');
    const p = await person({ name: '王五', idNumber: idNo, unitId: u['司法局'], rank: '乡科级' });
    expect(p.idNumberMasked).toBe(`1101**********${idNo.slice(-4)}`);
    expect(p.gender).toBe('男'); // derived from the number
    expect(JSON.stringify(p)).not.toContain(idNo);
    const raw = await t.ctx.db.select().from(people).where(eq(people.id, p.id));
    expect(JSON.stringify(raw)).not.toContain(idNo);
    const dup = await admin.post('/api/people', { name: '重复', idNumber: idNo, unitId: u['司法局'] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.issues[0].path).toBe('idNumber');
  });

  it('reveals the full number to an admin and audits it', async () => {
    const idNo = idNumber('11010319700101123');
    const p = await person({ name: '赵六', idNumber: idNo, unitId: u['司法局'] });
    const res = await admin.post(`/api/people/${p.id}/reveal-id`);
    expect(res.json().idNumber).toBe(idNo);
    const log = (await admin.get('/api/audit?action=person.reveal_id_number')).json();
    expect(log.items[0]).toMatchObject({ entityId: String(p.id), actorName: '系统管理员' });
    expect(JSON.stringify(log)).not.toContain(idNo);
  });

  it('searches by name, 工号 and full 身份证号 and filters by subtree', async () => {
    const idNo = idNumber('11010419750101123');
    await person({ name: '钱七', idNumber: idNo, employeeNo: 'qq007', unitId: u['治安大队'], rank: '县处级', isPrincipalLeader: true });
    const byId = (await admin.get(`/api/people?q=${idNo}`)).json();
    expect(byId.items.map((x: { name: string }) => x.name)).toEqual(['钱七']);
    expect((await admin.get('/api/people?q=qq00')).json().total).toBe(1);
    const sub = (await admin.get(`/api/people?unitId=${u['公安分局']}`)).json();
    expect(sub.items.map((x: { name: string }) => x.name)).toContain('钱七');
    const direct = (await admin.get(`/api/people?unitId=${u['公安分局']}&subtree=false`)).json();
    expect(direct.items.map((x: { name: string }) => x.name)).not.toContain('钱七');
    const leaders = (await admin.get('/api/people?isPrincipalLeader=true&rank=县处级')).json();
    expect(leaders.items[0].unitPathNames).toEqual(['某区', '公安分局', '治安大队']);
  });

  it('rejects bad query parameters with a 400, not a 500', async () => {
    for (const q of ['page=0', 'pageSize=100000', 'unitId=abc', 'status=死亡', 'isPrincipalLeader=maybe']) {
      const res = await admin.get(`/api/people?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect((await admin.get('/api/people/99999999')).statusCode).toBe(404);
    expect((await admin.get('/api/people/abc')).statusCode).toBe(400);
    const bad = await admin.request('POST', '/api/people', '{"name":', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the filtered list to Excel', async () => {
    const res = await admin.get(`/api/people/export.xlsx?unitId=${u['司法局']}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('人员')!;
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
    const names = ws.getColumn(1).values.slice(2);
    expect(names).toContain('王五');
    expect(names).not.toContain('钱七');
  });
});

describe('a 单位管理员 sees and changes only their own subtree', () => {
  let unitAdmin: Client;
  let outsider: { id: number };
  beforeAll(async () => {
    unitAdmin = await unitAdminOf('司法局', 'sfadmin');
    outsider = await person({ name: '外单位人员', employeeNo: 'ga999', unitId: u['公安分局'] });
  });

  it('lists only their subtree', async () => {
    const list = (await unitAdmin.get('/api/people?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    for (const p of list.items) expect(p.unitPathNames[1]).toBe('司法局');
    const units = (await unitAdmin.get('/api/units')).json().units.map((x: { name: string }) => x.name);
    expect(units).toContain('法制科');
    expect(units).not.toContain('公安分局');
    expect(units).not.toContain('某区');
  });

  it('gets a 404 for another unit’s person, by id, search, filter or export', async () => {
    expect((await unitAdmin.get(`/api/people/${outsider.id}`)).statusCode).toBe(404);
    expect((await unitAdmin.get('/api/people?q=ga999')).json().total).toBe(0);
    expect((await unitAdmin.get(`/api/people?unitId=${u['公安分局']}`)).json().total).toBe(0);
    expect((await unitAdmin.patch(`/api/people/${outsider.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await unitAdmin.post(`/api/people/${outsider.id}/reveal-id`)).statusCode).toBe(404);
    expect((await unitAdmin.post(`/api/people/${outsider.id}/reset-password`)).statusCode).toBe(404);
    const xlsx = await unitAdmin.get('/api/people/export.xlsx');
    expect(xlsx.rawPayload.includes(Buffer.from('外单位人员'))).toBe(false);
  });

  it('cannot create people or units outside, nor move someone out', async () => {
    expect((await unitAdmin.post('/api/people', { name: 'x', employeeNo: 'x1', unitId: u['公安分局'] })).statusCode).toBe(404);
    expect((await unitAdmin.post('/api/units', { name: 'x', parentId: u['公安分局'] })).statusCode).toBe(404);
    expect((await unitAdmin.post('/api/units', { name: 'x', parentId: null })).statusCode).toBe(403);
    expect((await unitAdmin.patch(`/api/units/${u['治安大队']}`, { name: 'x' })).statusCode).toBe(404);
    expect((await unitAdmin.delete(`/api/units/${u['治安大队']}`)).statusCode).toBe(404);
    const mine = await unitAdmin.post('/api/people', { name: '本局新人', employeeNo: 'sf100', unitId: u['法制科'] });
    expect(mine.statusCode, mine.body).toBe(200);
    expect((await unitAdmin.patch(`/api/people/${mine.json().id}`, { unitId: u['公安分局'] })).statusCode).toBe(404);
    expect((await unitAdmin.patch(`/api/units/${u['法制科']}`, { parentId: u['公安分局'] })).statusCode).toBe(404);
  });

  it('cannot move, disable or delete their own root, grant roles or read the audit log', async () => {
    expect((await unitAdmin.patch(`/api/units/${u['司法局']}`, { disabled: true })).statusCode).toBe(403);
    const self = (await unitAdmin.get('/api/auth/me')).json();
    expect((await unitAdmin.put(`/api/people/${self.personId}/roles`, { roles: [{ role: 'admin' }] })).statusCode).toBe(403);
    expect((await unitAdmin.get('/api/audit')).statusCode).toBe(403);
  });
});

describe('a 学员 (member) has no management access', () => {
  it('gets 403 on people and units', async () => {
    const p = await person({ name: '学员甲', employeeNo: 'stu01', unitId: u['法制科'] });
    const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
    const c = new Client(t.app);
    await c.login('stu01', otp);
    await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Student#1' });
    expect((await c.get('/api/people')).statusCode).toBe(403);
    expect((await c.get('/api/units')).statusCode).toBe(403);
    expect((await c.get(`/api/people/${p.id}`)).statusCode).toBe(200); // their own record
    expect((await c.get('/api/auth/me')).json().roles).toEqual([{ role: 'member', label: '学员' }]);
  });
});

describe('audit log', () => {
  it('records writes with who, IP, before and after', async () => {
    const p = await person({ name: '审计对象', employeeNo: 'aud01', unitId: u['某区'], title: '科员' });
    await admin.patch(`/api/people/${p.id}`, { title: '副科长' });
    const log = (await admin.get('/api/audit?action=person.update')).json();
    const entry = log.items.find((i: { entityId: string }) => i.entityId === String(p.id));
    expect(entry).toMatchObject({ actorName: '系统管理员', ip: '127.0.0.1' });
    expect(entry.before.title).toBe('科员');
    expect(entry.after.title).toBe('副科长');
  });

  it('cannot be changed or deleted, not even with SQL', async () => {
    const [{ n }] = await t.ctx.db.select({ n: count() }).from(auditLog);
    await expect(t.ctx.db.execute(sql`update audit_log set summary = 'x'`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [{ n: after }] = await t.ctx.db.select({ n: count() }).from(auditLog);
    expect(after).toBe(n);
  });

  it('exports to Excel', async () => {
    const res = await admin.get('/api/audit/export.xlsx?action=person.update');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
  });
});
