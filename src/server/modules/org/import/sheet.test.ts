import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../../common/idcard';
import { headerField, normaliseHeader } from './fields';
import { IMPORT_MAX_ROWS, MSG, TEMPLATE_EXAMPLE_ID } from './messages';
import { columnLetter, parseWorkbook, parseYesNo, readCell, readWorkbook, splitUnitPath, zipUncompressedSize } from './sheet';
import { buildImportTemplate } from './template';

const id = (body17: string) => body17 + idNumberCheckChar(body17);
const ID1 = id('11010519800101001');
const ID2 = id('11010519800101002');

function sheet(rows: unknown[][], name = '人员'): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  return wb;
}

const HEAD = ['姓名', '身份证号', '工号', '单位'];

describe('header mapping', () => {
  it('normalises spaces, full-width characters, stars, line breaks and bracketed hints', () => {
    expect(normaliseHeader(' 姓 名 ')).toBe('姓名');
    expect(normaliseHeader('身份证号码＊')).toBe('身份证号码');
    expect(normaliseHeader('*单位')).toBe('单位');
    expect(normaliseHeader('是否党政主要\n负责人（是/否）')).toBe('是否党政主要负责人');
    expect(normaliseHeader('手机号码(11位)')).toBe('手机号码');
    expect(normaliseHeader('职\u3000务')).toBe('职务');
  });

  it('maps synonyms to fields and recognises 序号 as ignorable', () => {
    expect(headerField('名字')).toBe('name');
    expect(headerField('公民身份号码')).toBe('idNumber');
    expect(headerField('证件号码')).toBe('idNumber');
    expect(headerField('登录名')).toBe('employeeNo');
    expect(headerField('联系电话')).toBe('phone');
    expect(headerField('工作单位')).toBe('unit');
    expect(headerField('所在部门')).toBe('dept');
    expect(headerField('现任职务')).toBe('title');
    expect(headerField('职级层次')).toBe('rank');
    expect(headerField('岗位类型')).toBe('postCategory');
    expect(headerField('主要负责人')).toBe('isPrincipalLeader');
    expect(headerField('执法人员')).toBe('isLawEnforcement');
    expect(headerField('在职状态')).toBe('status');
    expect(headerField('序号')).toBe('seq');
    expect(headerField('备注')).toBeNull();
  });

  it('finds the header row below a title row and reports columns by letter and header', () => {
    const wb = sheet([
      ['某区司法局人员名单'],
      [],
      ['序号', ' 姓 名 ', '身份证号码＊', '工作单位*', '手机号码', '备注'],
      [1, '张三', ID1, '某区/司法局', '13800138000', 'x'],
    ]);
    wb.worksheets[0].mergeCells('A1:F1');
    const p = parseWorkbook(wb);
    expect(p.issues).toEqual([]);
    expect(p.headerRow).toBe(3);
    expect(p.labels).toMatchObject({ name: 'B（姓名）', idNumber: 'C（身份证号码）', unit: 'D（工作单位）', phone: 'E（手机号码）' });
    expect(p.columns.find((c) => c.header === '序号')?.field).toBe('seq');
    expect(p.columns.find((c) => c.header === '备注')?.field).toBeNull();
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]).toMatchObject({ row: 4, issues: [], values: { name: '张三', idNumber: ID1, phone: '13800138000', unitSegments: ['某区', '司法局'] } });
  });

  it('uses the first worksheet with a recognisable header', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('封面').addRow(['人员名单', '2026年']);
    const ws = wb.addWorksheet('名单');
    ws.addRow(HEAD);
    ws.addRow(['张三', ID1, '', '某区']);
    const p = parseWorkbook(wb);
    expect(p.sheet).toBe('名单');
    expect(p.rows[0].issues).toEqual([]);
  });

  it('reports a sheet without a header, or without a 单位 column, as a file-level issue', () => {
    expect(parseWorkbook(sheet([['a', 'b'], [1, 2]])).issues[0].message).toContain('未找到表头');
    const noUnit = parseWorkbook(sheet([['姓名', '身份证号'], ['张三', ID1]]));
    expect(noUnit.issues).toEqual([{ sheet: '人员', row: 1, column: '', message: '缺少“单位”列' }]);
  });

  it('joins 单位 and 部门 when both columns exist', () => {
    const p = parseWorkbook(sheet([['姓名', '身份证号', '单位', '部门'], ['张三', ID1, '某区/司法局', '法制科'], ['李四', ID2, '某区', '']]));
    expect(p.rows[0].values).toMatchObject({ unitSegments: ['某区', '司法局', '法制科'], unitColumnSegments: 2 });
    expect(p.rows[1].values).toMatchObject({ unitSegments: ['某区'], unitColumnSegments: 1 });
  });

  it('splits unit paths on / ／ and > only', () => {
    expect(splitUnitPath(' 某区 ／司法局>法制科/ ')).toEqual(['某区', '司法局', '法制科']);
    expect(splitUnitPath('某区-司法局')).toEqual(['某区-司法局']);
  });

  it('gives column letters beyond Z', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('cell values', () => {
  it('parses 是/否 in its usual spellings and refuses anything else', () => {
    for (const yes of ['是', 'Y', 'y', 'YES', '√', '✓', '1', 'true', 'TRUE', 1, true]) expect(parseYesNo(yes as string)).toBe(true);
    for (const no of ['否', 'N', 'no', '×', '0', 'false', 'FALSE', 0, false]) expect(parseYesNo(no as string)).toBe(false);
    for (const bad of ['也许', '2', 'x', 2]) expect(parseYesNo(bad as string)).toBeNull();
  });

  it('reads rich text, formulas with a result, hyperlinks, dates; flags formulas without a result and error values', () => {
    expect(readCell({ richText: [{ text: '张' }, { text: '三' }] })).toEqual({ kind: 'value', value: '张三' });
    expect(readCell({ formula: 'A1&B1', result: '法制科' })).toEqual({ kind: 'value', value: '法制科' });
    expect(readCell({ sharedFormula: 'C2', result: 13800138000 } as ExcelJS.CellValue)).toEqual({ kind: 'value', value: 13800138000 });
    expect(readCell({ text: 'zs', hyperlink: 'mailto:zs@example.org' })).toEqual({ kind: 'value', value: 'zs' });
    expect(readCell('   ')).toEqual({ kind: 'blank' });
    expect(readCell({ formula: 'A1' }).kind).toBe('error');
    expect(readCell({ error: '#N/A' })).toMatchObject({ kind: 'error', message: expect.stringContaining('#N/A') });
  });

  it('turns cell types into the values a person would read', () => {
    const p = parseWorkbook(
      sheet([
        ['姓名', '身份证号', '工号', '手机', '单位', '职务', '是否党政主要负责人', '状态'],
        [{ richText: [{ text: '张' }, { text: '三' }] }, ID1, 1001, 13800138000, { formula: '"某区"&"/司法局"', result: '某区/司法局' }, new Date(Date.UTC(2024, 0, 2)), 'Y', '在职'],
      ]),
    );
    expect(p.rows[0].issues).toEqual([]);
    expect(p.rows[0].values).toMatchObject({
      name: '张三',
      employeeNo: '1001',
      phone: '13800138000',
      unitSegments: ['某区', '司法局'],
      title: '2024-01-02',
      isPrincipalLeader: true,
      status: '在职',
    });
  });
});

describe('row validation', () => {
  it('detects a 身份证号 Excel stored as a number, or shows in scientific notation', () => {
    const p = parseWorkbook(sheet([HEAD, ['张三', 110105198001010000, '', '某区'], ['李四', '1.10105E+17', '', '某区']]));
    expect(p.rows.map((r) => r.issues)).toEqual([
      [{ sheet: '人员', row: 2, column: 'B（身份证号）', message: MSG.numericId }],
      [{ sheet: '人员', row: 3, column: 'B（身份证号）', message: MSG.numericId }],
    ]);
  });

  it('refuses masked 身份证号 from an export', () => {
    const p = parseWorkbook(sheet([HEAD, ['张三', '1101**********0011', 'zs', '某区']]));
    expect(p.rows[0].issues).toEqual([{ sheet: '人员', row: 2, column: 'B（身份证号）', message: '身份证号为脱敏格式，无法导入' }]);
  });

  it('collects every problem of every row with its row number and column', () => {
    const p = parseWorkbook(
      sheet([
        ['姓名', '性别', '身份证号', '工号', '手机号码', '单位', '职级', '是否行政执法人员', '状态'],
        ['张三', '男', ID1, 'zs', '13800138000', '某区', '乡科级', '是', '在职'],
        ['', '未知', id('11010519800101001').slice(0, 17) + '0', 'a b', '12345', '', '处长', '也许', '离职'],
        ['王五', '', '', '', '', '某区', '', '', ''],
      ]),
    );
    expect(p.rows[0].issues).toEqual([]);
    const cols = p.rows[1].issues.map((i) => `${i.row}:${i.column}`);
    expect(cols).toEqual(
      expect.arrayContaining([
        '3:A（姓名）',
        '3:B（性别）',
        '3:C（身份证号）',
        '3:D（工号）',
        '3:E（手机号码）',
        '3:F（单位）',
        '3:G（职级）',
        '3:H（是否行政执法人员）',
        '3:I（状态）',
      ]),
    );
    expect(p.rows[1].issues).toHaveLength(9);
    expect(p.rows[1].issues.find((i) => i.column === 'C（身份证号）')?.message).toBe('身份证号校验位不正确');
    expect(p.rows[1].issues.find((i) => i.column === 'G（职级）')?.message).toContain('一般干部');
    expect(p.rows[2].issues).toEqual([{ sheet: '人员', row: 4, column: 'C（身份证号）', message: '身份证号和工号至少填写一项' }]);
  });

  it('accepts 男性/女性 and leaves blank cells undefined (keep the stored value on update)', () => {
    const p = parseWorkbook(sheet([['姓名', '性别', '身份证号', '单位', '职务'], ['张三', '男性', ID1, '某区', '']]));
    expect(p.rows[0].values.gender).toBe('男');
    expect('title' in p.rows[0].values).toBe(false);
  });

  it('skips empty rows, rows with only a 序号, and the template example row', () => {
    const p = parseWorkbook(sheet([['序号', ...HEAD], [1, '张三', ID1, '', '某区'], [2], [], [3, '示例', TEMPLATE_EXAMPLE_ID, '', '某区'], [4, '李四', ID2, '', '某区']]));
    expect(p.rows.map((r) => r.row)).toEqual([2, 6]);
    expect(p.exampleRowsSkipped).toBe(1);
  });

  it(`refuses more than ${IMPORT_MAX_ROWS} rows with one clear message`, () => {
    const rows: unknown[][] = [HEAD];
    for (let i = 0; i <= IMPORT_MAX_ROWS; i++) rows.push([`人${i}`, '', `no${i}`, '某区']);
    const p = parseWorkbook(sheet(rows));
    expect(p.rows).toEqual([]);
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0].message).toContain(`${IMPORT_MAX_ROWS + 1}行`);
  });
});

describe('file checks', () => {
  it('refuses random bytes and an .xls with a Chinese 400', async () => {
    await expect(readWorkbook(Buffer.from('not a spreadsheet at all'))).rejects.toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    const ole = Buffer.alloc(512);
    ole.writeUInt32BE(0xd0cf11e0, 0);
    await expect(readWorkbook(ole)).rejects.toMatchObject({ status: 400, message: expect.stringContaining('.xls') });
  });

  it('measures a zip without inflating it', async () => {
    const buf = await buildImportTemplate([]);
    expect(zipUncompressedSize(buf)).toBeGreaterThan(buf.length);
    expect(zipUncompressedSize(Buffer.from('PK\u0003\u0004 truncated'))).toBeNull();
  });

  it('refuses a zip that would inflate past the limit before reading it', async () => {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(500 * 1024 * 1024, 24);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(entry.length, 12);
    end.writeUInt32LE(local.length, 16);
    const bomb = Buffer.concat([local, entry, end]);
    expect(zipUncompressedSize(bomb)).toBe(500 * 1024 * 1024);
    await expect(readWorkbook(bomb)).rejects.toMatchObject({ status: 400, message: expect.stringContaining('解压后超过') });
  });

  it('builds a template whose own sheet parses, with the example row skipped', async () => {
    const wb = await readWorkbook(await buildImportTemplate(['某区', '某区/司法局']));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人员', '说明', '单位列表']);
    const ws = wb.getWorksheet('人员')!;
    expect(ws.getColumn(3).numFmt).toBe('@');
    const p = parseWorkbook(wb);
    expect(p.sheet).toBe('人员');
    expect(p.exampleRowsSkipped).toBe(1);
    expect(p.labels).toMatchObject({ name: 'A（姓名）', idNumber: 'C（身份证号）', unit: 'F（单位）' });
  });
});
