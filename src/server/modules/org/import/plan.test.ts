import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../../common/idcard';
import type { Principal } from '../../../platform/principal';
import type { UnitRow } from '../units';
import { MSG } from './messages';
import { planImport, type ExistingPerson, type ImportWorld } from './plan';
import { parseWorkbook, type ParsedSheet } from './sheet';

const id = (body17: string) => body17 + idNumberCheckChar(body17);
const ID1 = id('11010519800101001');
const ID2 = id('11010519800101002');
const ID3 = id('11010519800101003');

function sheet(rows: unknown[][], name = '人员'): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  return wb;
}

// ---- a hand-built "database" ----

let nextUnitId = 1;
function unitRow(name: string, parent: UnitRow | null, disabled = false): UnitRow {
  const id = nextUnitId++;
  const now = new Date();
  return { id, parentId: parent?.id ?? null, name, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, sortOrder: 0, disabled, createdAt: now, updatedAt: now };
}
const qu = unitRow('某区', null);
const sfj = unitRow('司法局', qu);
const fzk = unitRow('法制科', sfj);
const gaj = unitRow('公安分局', qu);
const gaFzk = unitRow('法制科', gaj);
const closed = unitRow('撤销科', sfj, true);
const ALL_UNITS = [qu, sfj, fzk, gaj, gaFzk, closed];

const admin: Principal = { accountId: 1, personId: null, displayName: '管理员', roles: ['admin'], adminUnits: [], mustChangePassword: false, sessionId: 's', csrfToken: 'c' };
const sfjAdmin: Principal = { ...admin, roles: ['unit_admin'], adminUnits: [{ id: sfj.id, path: sfj.path }] };

const hash = (s: string) => `h:${s}`;
function world(existing: (Partial<ExistingPerson> & { idNumber?: string })[] = [], loginNames: string[] = []): ImportWorld {
  const list: ExistingPerson[] = existing.map((e, i) => ({
    id: 100 + i,
    name: '某人',
    gender: null,
    idNumberHash: e.idNumber ? hash(e.idNumber) : null,
    employeeNo: null,
    phone: null,
    unitId: fzk.id,
    unitPath: fzk.path,
    title: null,
    rank: null,
    postCategory: null,
    isPrincipalLeader: false,
    isLawEnforcement: false,
    status: '在职',
    ...e,
  }));
  return {
    units: ALL_UNITS,
    peopleByHash: new Map(list.filter((p) => p.idNumberHash).map((p) => [p.idNumberHash!, p])),
    peopleByEmployeeNo: new Map(list.filter((p) => p.employeeNo).map((p) => [p.employeeNo!, p])),
    loginNames: new Set(loginNames),
    blindIndex: hash,
  };
}
const parse = (rows: unknown[][]): ParsedSheet => parseWorkbook(sheet([['姓名', '身份证号', '工号', '单位', '职务'], ...rows]));

describe('planning', () => {
  it('creates, updates with a readable change list, and leaves identical rows unchanged', () => {
    const w = world([
      { idNumber: ID1, name: '张三', title: '科员', unitId: fzk.id, unitPath: fzk.path },
      { idNumber: ID2, name: '李四', title: '科长', employeeNo: 'ls', unitId: fzk.id, unitPath: fzk.path },
    ]);
    const plan = planImport(
      parse([
        ['张三', ID1, '', '某区/司法局/法制科', '副科长'],
        ['李四', ID2, 'ls', '某区/司法局/法制科', '科长'],
        ['王五', ID3, 'ww', '某区/司法局', ''],
      ]),
      w,
      admin,
      { createUnits: false },
    );
    expect(plan.issues).toEqual([]);
    expect(plan.rows.map((r) => [r.row, r.action, r.changes])).toEqual([
      [2, 'update', ['职务: 科员 → 副科长']],
      [3, 'unchanged', []],
      [4, 'create', []],
    ]);
    expect(plan.summary).toMatchObject({ total: 3, create: 1, update: 1, unchanged: 1, invalid: 0, unitsToCreate: [] });
  });

  it('matches by 工号 when there is no 身份证号 match, and reports a unit move', () => {
    const w = world([{ employeeNo: 'zs', name: '张三', unitId: fzk.id, unitPath: fzk.path }]);
    const plan = planImport(parse([['张三', ID1, 'zs', '某区/司法局', '']]), w, admin, { createUnits: false });
    expect(plan.rows[0].action).toBe('update');
    expect(plan.rows[0].changes).toEqual(['性别: （空） → 男', expect.stringMatching(/^身份证号: （空） → 1101\*+\d{4}$/), '单位: 某区/司法局/法制科 → 某区/司法局']);
  });

  it('reports duplicates within the file on both rows', () => {
    const plan = planImport(
      parse([
        ['张三', ID1, 'a', '某区', ''],
        ['张三', ID1, 'b', '某区', ''],
        ['李四', ID2, 'b', '某区', ''],
      ]),
      world(),
      admin,
      { createUnits: false },
    );
    expect(plan.issues.map((i) => `${i.row} ${i.column} ${i.message}`)).toEqual([
      '2 B（身份证号） 身份证号与第3行重复',
      '3 B（身份证号） 身份证号与第2行重复',
      '3 C（工号） 工号与第4行重复',
      '4 C（工号） 工号与第3行重复',
    ]);
    expect(plan.summary.invalid).toBe(3);
  });

  it('refuses a 工号 that belongs to someone other than the 身份证号 does, and login names in use', () => {
    const w = world([
      { idNumber: ID1, employeeNo: 'zs' },
      { idNumber: ID2, employeeNo: 'ls' },
    ], ['admin']);
    const plan = planImport(parse([['张三', ID1, 'ls', '某区', ''], ['王五', ID3, 'admin', '某区', '']]), w, admin, { createUnits: false });
    expect(plan.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [2, 'C（工号）', '该工号已被另一人员使用'],
      [3, 'C（工号）', '该工号/登录名已被使用'],
    ]);
  });

  it('resolves a single unit name only when it is unique in scope', () => {
    const plan = planImport(parse([['张三', ID1, '', '法制科', ''], ['李四', ID2, '', '公安分局', '']]), world(), admin, { createUnits: false });
    expect(plan.issues).toEqual([{ sheet: '人员', row: 2, column: 'D（单位）', message: expect.stringContaining('有2个名为“法制科”的单位') }]);
    expect(plan.rows[1].unitPath).toBe('某区/公安分局');
    // Within 司法局's subtree there is one 法制科.
    const scoped = planImport(parse([['张三', ID1, '', '法制科', '']]), world(), sfjAdmin, { createUnits: false });
    expect(scoped.issues).toEqual([]);
    expect(scoped.rows[0].unitPath).toBe('某区/司法局/法制科');
  });

  it('plans missing units only with createUnits, and only inside the importer’s scope', () => {
    const rows = [['张三', ID1, '', '某区/司法局/新科', ''], ['李四', ID2, '', '某区/司法局/新科/一组', ''], ['王五', ID3, '', '新区/办公室', '']];
    const off = planImport(parse(rows), world(), admin, { createUnits: false });
    expect(off.issues.map((i) => [i.row, i.column])).toEqual([[2, 'D（单位）'], [3, 'D（单位）'], [4, 'D（单位）']]);
    expect(off.issues[0].message).toContain('“某区/司法局”下没有“新科”');

    const on = planImport(parse(rows), world(), admin, { createUnits: true });
    expect(on.issues).toEqual([]);
    expect(on.summary.unitsToCreate).toEqual(['新区', '新区/办公室', '某区/司法局/新科', '某区/司法局/新科/一组']);

    const unitAdmin = planImport(parse(rows), world(), sfjAdmin, { createUnits: true });
    expect(unitAdmin.issues.map((i) => [i.row, i.message])).toEqual([[4, '单位“新区/办公室”不存在或不在您的管理范围内']]);
    const outside = planImport(parse([['张三', ID1, '', '某区/公安分局/新科', '']]), world(), sfjAdmin, { createUnits: true });
    expect(outside.issues[0].message).toBe('单位“某区/公安分局/新科”不存在或不在您的管理范围内');
  });

  it('looks a lone 部门 column (or a blank 单位 cell) up like a single unit name', () => {
    const sheetWithDept = parseWorkbook(sheet([['姓名', '身份证号', '部门'], ['张三', ID1, '法制科']]));
    const plan = planImport(sheetWithDept, world(), sfjAdmin, { createUnits: false });
    expect(plan.issues).toEqual([]);
    expect(plan.rows[0].unitPath).toBe('某区/司法局/法制科');
    const blankUnit = parseWorkbook(sheet([['姓名', '身份证号', '单位', '部门'], ['张三', ID1, '', '不存在科']]));
    const missing = planImport(blankUnit, world(), sfjAdmin, { createUnits: false });
    expect(missing.issues[0].column).toBe('D（部门）');
  });

  it('sorts issues row by row, left to right', () => {
    const plan = planImport(parse([['', 'bad', 'a b', '某区', ''], ['张三', ID1, '', '不存在', '']]), world(), admin, { createUnits: false });
    expect(plan.issues.map((i) => `${i.row}${i.column.slice(0, 1)}`)).toEqual(['2A', '2B', '2C', '3D']);
  });

  it('asks for a full path instead of creating a second tree from a path that starts mid-tree', () => {
    const plan = planImport(parse([['张三', ID1, '', '司法局/法制科', '']]), world(), admin, { createUnits: true });
    expect(plan.issues[0].message).toBe('单位路径应从顶级单位写起，如“某区/司法局/法制科”');
  });

  it('never lets a 单位管理员 touch someone outside their subtree, and tells nothing about them', () => {
    const w = world([{ idNumber: ID1, name: '外单位的人', title: '局长', unitId: gaFzk.id, unitPath: gaFzk.path }]);
    const plan = planImport(parse([['张三', ID1, '', '某区/司法局', '']]), w, sfjAdmin, { createUnits: false });
    expect(plan.issues).toEqual([{ sheet: '人员', row: 2, column: 'B（身份证号）', message: MSG.outOfScopePerson }]);
    expect(JSON.stringify(plan)).not.toContain('外单位的人');
    expect(JSON.stringify(plan)).not.toContain('局长');
  });

  it('refuses to put people into a disabled unit', () => {
    const plan = planImport(parse([['张三', ID1, '', '某区/司法局/撤销科', '']]), world(), admin, { createUnits: false });
    expect(plan.issues[0]).toMatchObject({ column: 'D（单位）', message: '该单位已停用' });
  });
});
