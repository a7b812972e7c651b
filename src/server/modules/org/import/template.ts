/** The downloadable people-import template and the help text on its 说明 sheet. */
import ExcelJS from 'exceljs';
import { PERSON_STATUSES, RANKS } from '../../../../common/org';
import { PEOPLE_EXPORT_COLUMNS } from '../people-export';
import { HEADER_SYNONYMS, type ImportField } from './fields';
import { HEADER_SEARCH_ROWS, IMPORT_MAX_ROWS, TEMPLATE_EXAMPLE_ID } from './messages';

const REQUIRED_HEADERS = new Set(['姓名', '身份证号', '单位']);

/** Template headers: the export's, so an exported list is recognised; required ones starred. */
export const TEMPLATE_COLUMNS = PEOPLE_EXPORT_COLUMNS.map((c) => ({
  key: c.key,
  width: c.key === 'unit' ? 30 : c.width + 4,
  header: REQUIRED_HEADERS.has(c.header) ? `${c.header}*` : c.header,
}));

const TEMPLATE_EXAMPLE: Record<(typeof PEOPLE_EXPORT_COLUMNS)[number]['key'], string> = {
  name: '李芳（示例）',
  gender: '女',
  idNumberMasked: TEMPLATE_EXAMPLE_ID,
  employeeNo: 'lifang',
  phone: '13800138000',
  unit: '某区/司法局/法制科',
  title: '科员',
  rank: '一般干部',
  postCategory: '行政执法',
  isPrincipalLeader: '否',
  isLawEnforcement: '是',
  status: '在职',
};

const synonymsOf = (f: ImportField) => HEADER_SYNONYMS[f].join('、');

const TEMPLATE_HELP: { header: string; required: string; rule: string; field: ImportField }[] = [
  { header: '姓名', required: '必填', field: 'name', rule: '不超过50个字符' },
  { header: '性别', required: '', field: 'gender', rule: '男 / 女；不填时按身份证号推算' },
  {
    header: '身份证号',
    required: '必填*',
    field: 'idNumber',
    rule:
      '18位居民身份证号码，末位可为X。本列已设为“文本”格式：请勿改成数字，否则Excel会把18位号码存成 1.10105E+17 并丢失末几位。' +
      '导出的人员名单中的脱敏号码（如 1101**********1234）不能导入。*确无身份证号的人员可留空，但必须填写工号',
  },
  { header: '工号', required: '', field: 'employeeNo', rule: '即登录名；字母、数字和 _ . @ -，不超过32个字符，全系统唯一' },
  { header: '手机', required: '', field: 'phone', rule: '11位中国大陆手机号码' },
  {
    header: '单位',
    required: '必填',
    field: 'unit',
    rule:
      '从顶级单位写起的完整路径，各级之间用“/”分隔（也可用全角“／”或“>”），如 某区/司法局/法制科。' +
      '只填一个单位名称时，该名称须在您可管理的单位中唯一。若表中同时有“单位”和“部门”两列，按“单位/部门”拼接。' +
      '勾选“自动创建不存在的单位”后，路径中不存在的单位会在导入时一并创建（单位管理员只能在自己管理的单位下创建）。可用的单位见“单位列表”工作表',
  },
  { header: '职务', required: '', field: 'title', rule: '不超过50个字符' },
  { header: '职级', required: '', field: 'rank', rule: `只能填：${RANKS.join('、')}` },
  { header: '岗位类别', required: '', field: 'postCategory', rule: '如 综合管理、行政执法、司法、专业技术、其他；不超过30个字符' },
  { header: '是否党政主要负责人', required: '', field: 'isPrincipalLeader', rule: '是 / 否（也可填 Y/N、√/×、1/0）；新增人员不填视为“否”' },
  { header: '是否行政执法人员', required: '', field: 'isLawEnforcement', rule: '是 / 否（也可填 Y/N、√/×、1/0）；新增人员不填视为“否”' },
  { header: '状态', required: '', field: 'status', rule: `只能填：${PERSON_STATUSES.join('、')}；新增人员不填视为“在职”` },
];

const TEMPLATE_RULES = [
  '1. 整个文件先全部校验，有任何错误都不会写入数据；错误会列出工作表、行号和列。',
  `2. 表头可以不在第1行（系统在前${HEADER_SEARCH_ROWS}行中查找含“姓名”的表头行），列的顺序不限，“序号”“备注”等其他列会被忽略。使用第一个有表头的工作表。`,
  '3. 已有人员先按身份证号、再按工号匹配：匹配到的更新，匹配不到的新增。更新时空白单元格表示“不修改该项”。同一文件再次导入不会产生任何变化。',
  `4. 一次最多导入${IMPORT_MAX_ROWS}行，文件不超过10MB，仅支持 .xlsx 格式（.xls 请先另存为 .xlsx）。空行会被跳过。`,
  `5. 示例行（身份证号 ${TEMPLATE_EXAMPLE_ID}）导入时会自动跳过，可以直接删除。`,
  '6. 单位管理员只能导入、修改本单位及下级单位的人员。',
];

/** The downloadable template: sheet 人员 (headers + one example row), 说明, and 单位列表 (units in scope). */
export async function buildImportTemplate(unitPaths: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('人员', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ ...c }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    if (String(cell.value).endsWith('*')) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  const example = ws.addRow(TEMPLATE_COLUMNS.map((c) => TEMPLATE_EXAMPLE[c.key]));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  // Text format so Excel keeps all 18 digits of a 身份证号 (and leading zeros of 工号/手机).
  for (const key of ['idNumberMasked', 'employeeNo', 'phone'] as const) {
    const col = ws.getColumn(key);
    col.numFmt = '@';
    for (let r = 1; r <= 2; r++) ws.getCell(r, col.number).numFmt = '@';
  }
  const list = (values: readonly string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`] });
  const lists: Partial<Record<(typeof PEOPLE_EXPORT_COLUMNS)[number]['key'], readonly string[]>> = {
    gender: ['男', '女'],
    rank: RANKS,
    isPrincipalLeader: ['是', '否'],
    isLawEnforcement: ['是', '否'],
    status: PERSON_STATUSES,
  };
  // exceljs has range validations (Worksheet.dataValidations) but leaves them out of its typings.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const [key, values] of Object.entries(lists)) {
    const letter = ws.getColumn(key).letter;
    validations.add(`${letter}2:${letter}5001`, {
      ...list(values),
      showErrorMessage: true,
      errorTitle: '无效的值',
      error: `请填写：${values.join('、')}`,
    });
  }

  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 20 },
    { header: '必填', key: 'required', width: 8 },
    { header: '填写要求', key: 'rule', width: 80 },
    { header: '也能识别的列名', key: 'synonyms', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  for (const h of TEMPLATE_HELP) {
    const synonyms = h.field === 'unit' ? `${synonymsOf('unit')}；部门列：${synonymsOf('dept')}` : synonymsOf(h.field);
    help.addRow({ ...h, synonyms });
  }
  help.addRow([]);
  for (const text of TEMPLATE_RULES) {
    const r = help.addRow([text]);
    help.mergeCells(r.number, 1, r.number, 4);
  }
  help.eachRow((r) => r.eachCell((c) => (c.alignment = { wrapText: true, vertical: 'top' })));

  const unitSheet = wb.addWorksheet('单位列表');
  unitSheet.columns = [{ header: '您可以导入的单位（完整路径）', key: 'path', width: 60 }];
  unitSheet.getRow(1).font = { bold: true };
  for (const path of unitPaths) unitSheet.addRow([path]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
