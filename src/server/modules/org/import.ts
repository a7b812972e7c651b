/**
 * People import from the Excel sheets an organisation already has.
 *
 * Three stages, so each can be tested on its own:
 *   1. parse   (pure)  workbook → header mapping + typed values per row + cell-level issues
 *   2. plan    (pure)  parsed rows + what the database holds → create/update/unchanged per row,
 *                      units to create, and every cross-row / scope / conflict issue
 *   3. commit  (db)    the plan, written in the caller's transaction, only when it has no issue
 * Preview and commit both run all three from the uploaded file (stateless), so any app
 * process can serve either request.
 */
import ExcelJS from 'exceljs';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { ImportIssue } from '../../../common/errors';
import { genderFromIdNumber, maskIdNumber } from '../../../common/idcard';
import { MAX_UNIT_DEPTH, PERSON_STATUSES, RANKS, type Gender, type PersonStatus } from '../../../common/org';
import { personFields, type PersonUpdateInput } from '../../../common/person';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { canManageUnitPath, hasRole, type Principal } from '../../platform/principal';
import { accounts, sessions } from '../../platform/schema';
import { personColumns } from './people';
import { PEOPLE_EXPORT_COLUMNS } from './people-export';
import { people, units } from './schema';
import { insertUnit, type UnitRow } from './units';

export const IMPORT_MAX_ROWS = 20_000;
/** The header row may sit below a title; we look this far down for it. */
export const HEADER_SEARCH_ROWS = 10;
export const PREVIEW_ROW_LIMIT = 500;
/** Every issue is counted; this many are sent back (a 20k-row file of errors would be megabytes). */
export const ISSUE_REPORT_LIMIT = 1000;
/**
 * An .xlsx inflates ~10× (20k rows × 12 columns ≈ 10 MB of XML); exceljs holds it all in memory
 * (~1 GB RSS per 60 MB of XML), so a zip that would inflate past this is refused unread.
 */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
const UNIT_NAME_MAX = 60;
const DB_CHUNK = 1000;
const INSERT_CHUNK = 500;

/** GB 11643's published sample number: the template's example row uses it and the import skips it. */
export const TEMPLATE_EXAMPLE_ID = '11010519491231002X';
/** Separators allowed between the levels of a unit path: / ／ > ＞ */
export const UNIT_PATH_SEPARATOR = /[/／>＞]/;

export const MSG = {
  numericId: '身份证号被Excel存成了数字，末几位已丢失，请将该列设为文本后重新填写',
  maskedId: '身份证号为脱敏格式，无法导入',
  outOfScopePerson: '该人员不在您的管理范围内，不能导入或修改',
  notXlsx: '无法读取文件：不是有效的 Excel（.xlsx）文件，或文件已损坏',
} as const;

// ---------------------------------------------------------------------------------------------
// 1. Parsing
// ---------------------------------------------------------------------------------------------

export type ImportField =
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'employeeNo'
  | 'phone'
  | 'unit'
  | 'dept'
  | 'title'
  | 'rank'
  | 'postCategory'
  | 'isPrincipalLeader'
  | 'isLawEnforcement'
  | 'status';

export const FIELD_LABELS: Record<ImportField, string> = {
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号',
  employeeNo: '工号',
  phone: '手机',
  unit: '单位',
  dept: '部门',
  title: '职务',
  rank: '职级',
  postCategory: '岗位类别',
  isPrincipalLeader: '是否党政主要负责人',
  isLawEnforcement: '是否行政执法人员',
  status: '状态',
};

/** Header names we recognise (after normaliseHeader). 'seq' (序号) is recognised and ignored. */
export const HEADER_SYNONYMS: Record<ImportField | 'seq', readonly string[]> = {
  seq: ['序号', '编码序号'],
  name: ['姓名', '名字'],
  gender: ['性别'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证'],
  employeeNo: ['工号', '登录名', '人员编号', '编号'],
  phone: ['手机', '手机号', '手机号码', '联系电话', '电话'],
  unit: ['单位', '工作单位', '所在单位', '单位名称'],
  dept: ['部门', '所在部门'],
  title: ['职务', '现任职务'],
  rank: ['职级', '级别', '职级层次'],
  postCategory: ['岗位类别', '岗位类型'],
  isPrincipalLeader: ['是否党政主要负责人', '党政主要负责人', '主要负责人', '是否主要负责人'],
  isLawEnforcement: ['是否行政执法人员', '行政执法人员', '执法人员', '是否执法人员'],
  status: ['状态', '人员状态', '在职状态'],
};

const HEADER_LOOKUP = new Map<string, ImportField | 'seq'>(
  Object.entries(HEADER_SYNONYMS).flatMap(([field, names]) => names.map((n) => [n, field as ImportField | 'seq'] as const)),
);

/**
 * "身份证号码＊", " 姓 名 ", "是否党政主要\n负责人（是/否）" → the bare name. Full-width letters and
 * punctuation become half-width (NFKC); whitespace, stars and bracketed hints go.
 */
export function normaliseHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[([【<][^)\]】>]*[)\]】>]/g, '')
    .replace(/[*:]/g, '');
}

export function headerField(raw: string): ImportField | 'seq' | null {
  return HEADER_LOOKUP.get(normaliseHeader(raw)) ?? null;
}

type Scalar = string | number | boolean | Date;
export type CellRead = { kind: 'blank' } | { kind: 'value'; value: Scalar } | { kind: 'error'; message: string };
const BLANK: CellRead = { kind: 'blank' };

/** One exceljs cell value → a plain value: rich text joined, formulas replaced by their result. */
export function readCell(v: ExcelJS.CellValue): CellRead {
  if (v === null || v === undefined) return BLANK;
  if (typeof v === 'string') return cleanText(v) === '' ? BLANK : { kind: 'value', value: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'value', value: v } : { kind: 'error', message: '单元格的数值无效' };
  if (typeof v === 'boolean' || v instanceof Date) return { kind: 'value', value: v };
  if (typeof v !== 'object') return BLANK;
  if ('richText' in v) return readCell(v.richText.map((t) => t.text).join(''));
  if ('error' in v) return { kind: 'error', message: `单元格是错误值 ${v.error}，请改为实际内容` };
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result === undefined) {
      return { kind: 'error', message: '单元格是公式但没有计算结果，请在 Excel 中打开并保存后再导入，或将公式“粘贴为数值”' };
    }
    return readCell(v.result);
  }
  if ('hyperlink' in v) return readCell(v.text as ExcelJS.CellValue);
  return { kind: 'error', message: '无法识别单元格内容' };
}

const cleanText = (s: string) => s.replace(/[\u200b-\u200d\ufeff]/g, '').trim();

/** The text of a cell as a person would read it in Excel. */
export function scalarText(s: Scalar): string {
  if (typeof s === 'string') return cleanText(s);
  if (typeof s === 'number') return Number.isInteger(s) ? s.toFixed(0) : String(s);
  if (typeof s === 'boolean') return s ? '是' : '否';
  // exceljs gives dates as UTC midnight of the date shown in Excel.
  return s.toISOString().slice(0, 10);
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '✘', '不是']);

/** 是/否/Y/N/√/×/1/0/true/false (and Excel booleans) → boolean; anything else → null. */
export function parseYesNo(s: Scalar): boolean | null {
  if (typeof s === 'boolean') return s;
  if (typeof s === 'number') return s === 1 ? true : s === 0 ? false : null;
  const t = scalarText(s).normalize('NFKC').toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** "某区/司法局/法制科" (also ／ and >) → ["某区","司法局","法制科"]; empty levels dropped. */
export function splitUnitPath(s: string): string[] {
  return s
    .split(UNIT_PATH_SEPARATOR)
    .map((x) => x.trim())
    .filter(Boolean);
}

export interface SheetColumn {
  letter: string;
  header: string;
  /** null: not recognised (or a second column for the same field) and ignored */
  field: ImportField | 'seq' | null;
}

export interface RowValues {
  name?: string;
  gender?: Gender;
  idNumber?: string;
  employeeNo?: string;
  phone?: string;
  /** 单位 levels, followed by 部门 levels when both columns exist */
  unitSegments?: string[];
  /** how many of unitSegments came from the 单位 column (the rest from 部门) */
  unitColumnSegments?: number;
  title?: string;
  rank?: string;
  postCategory?: string;
  isPrincipalLeader?: boolean;
  isLawEnforcement?: boolean;
  status?: PersonStatus;
}

export interface ParsedRow {
  row: number;
  /** undefined means blank: on an update the stored value is kept */
  values: RowValues;
  issues: ImportIssue[];
}

export interface ParsedSheet {
  sheet: string;
  headerRow: number;
  columns: SheetColumn[];
  /** "C（身份证号）" for each mapped field */
  labels: Partial<Record<ImportField, string>>;
  rows: ParsedRow[];
  /** file-level problems (no header, missing column, too many rows) */
  issues: ImportIssue[];
  exampleRowsSkipped: number;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const displayHeader = (raw: string) => raw.replace(/\s+/g, '').replace(/[*＊]+$/, '');

interface HeaderMatch {
  row: number;
  columns: Map<number, SheetColumn>;
  fieldCol: Partial<Record<ImportField, number>>;
}

function findHeader(ws: ExcelJS.Worksheet): HeaderMatch | null {
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const columns = new Map<number, SheetColumn>();
    const fieldCol: Partial<Record<ImportField, number>> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = readCell(cell.value);
      if (read.kind !== 'value') return;
      const text = scalarText(read.value);
      let field = headerField(text);
      if (field && field !== 'seq') {
        if (fieldCol[field] !== undefined) field = null; // the first column for a field wins
        else fieldCol[field] = col;
      }
      columns.set(col, { letter: columnLetter(col), header: displayHeader(text), field });
    });
    const mapped = Object.keys(fieldCol).length;
    if (fieldCol.name !== undefined && mapped >= 2) return { row: r, columns, fieldCol };
  }
  return null;
}

/**
 * Reads the first worksheet with a recognisable header row (a 姓名 column and at least one
 * other known column within the first HEADER_SEARCH_ROWS rows). Pure: no database.
 */
export function parseWorkbook(wb: ExcelJS.Workbook): ParsedSheet {
  let ws: ExcelJS.Worksheet | undefined;
  let header: HeaderMatch | null = null;
  for (const candidate of wb.worksheets) {
    header = findHeader(candidate);
    if (header) {
      ws = candidate;
      break;
    }
  }
  const fileIssue = (sheet: string, row: number, message: string): ImportIssue => ({ sheet, row, column: '', message });
  if (!ws || !header) {
    const sheet = wb.worksheets[0]?.name ?? '';
    return {
      sheet,
      headerRow: 0,
      columns: [],
      labels: {},
      rows: [],
      exampleRowsSkipped: 0,
      issues: [
        fileIssue(
          sheet,
          1,
          `未找到表头：请在前${HEADER_SEARCH_ROWS}行中放一行列名，至少包含“姓名”“身份证号”（或“工号”）“单位”。可下载导入模板对照填写`,
        ),
      ],
    };
  }
  const sheet = ws.name;
  const { fieldCol } = header;
  const labels: Partial<Record<ImportField, string>> = {};
  for (const [f, col] of Object.entries(fieldCol) as [ImportField, number][]) {
    labels[f] = `${columnLetter(col)}（${header.columns.get(col)!.header}）`;
  }
  const base = {
    sheet,
    headerRow: header.row,
    columns: [...header.columns.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c),
    labels,
    exampleRowsSkipped: 0,
  };
  const missing: string[] = [];
  if (fieldCol.idNumber === undefined && fieldCol.employeeNo === undefined) missing.push('缺少“身份证号”或“工号”列（至少要有一列用于识别人员）');
  if (fieldCol.unit === undefined && fieldCol.dept === undefined) missing.push('缺少“单位”列');
  if (missing.length) return { ...base, rows: [], issues: missing.map((m) => fileIssue(sheet, header.row, m)) };

  const mappedCols = Object.values(fieldCol) as number[];
  const rows: ParsedRow[] = [];
  let dataRows = 0;
  let exampleRowsSkipped = 0;
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const cells = new Map<number, CellRead>();
    for (const col of mappedCols) cells.set(col, readCell(row.getCell(col).value));
    if ([...cells.values()].every((c) => c.kind === 'blank')) continue; // empty (or only 序号)
    dataRows++;
    if (dataRows > IMPORT_MAX_ROWS) continue; // keep counting for the message, stop parsing
    const parsed = parseRow(sheet, r, cells, fieldCol, labels);
    if (parsed === 'example') exampleRowsSkipped++;
    else rows.push(parsed);
  }
  if (dataRows > IMPORT_MAX_ROWS) {
    return {
      ...base,
      rows: [],
      issues: [fileIssue(sheet, header.row, `文件共有${dataRows}行数据，超过单次导入上限${IMPORT_MAX_ROWS}行，请拆分成多个文件分批导入`)],
    };
  }
  if (rows.length === 0) {
    return { ...base, rows, exampleRowsSkipped, issues: [fileIssue(sheet, header.row, '表头下没有人员数据（模板中的示例行不会导入）')] };
  }
  return { ...base, rows, exampleRowsSkipped, issues: [] };
}

const firstMessage = (r: { success: false; error: { issues: { message: string }[] } }) => r.error.issues[0]?.message ?? '格式不正确';

function parseRow(
  sheet: string,
  row: number,
  cells: Map<number, CellRead>,
  fieldCol: Partial<Record<ImportField, number>>,
  labels: Partial<Record<ImportField, string>>,
): ParsedRow | 'example' {
  const issues: ImportIssue[] = [];
  const values: RowValues = {};
  const issue = (field: ImportField, message: string) => issues.push({ sheet, row, column: labels[field] ?? FIELD_LABELS[field], message });
  /** The cell's value for a field; undefined when blank, absent or unreadable (then already reported). */
  const cell = (field: ImportField): Scalar | undefined => {
    const col = fieldCol[field];
    if (col === undefined) return undefined;
    const c = cells.get(col)!;
    if (c.kind === 'error') issue(field, c.message);
    return c.kind === 'value' ? c.value : undefined;
  };
  const text = (field: ImportField) => {
    const v = cell(field);
    return v === undefined ? undefined : scalarText(v);
  };

  // 身份证号 first: the template's example row is recognised by it and skipped.
  const rawId = cell('idNumber');
  if (rawId !== undefined) {
    const t = scalarText(rawId);
    if (typeof rawId === 'number' || /^\d+(\.\d+)?e\+?\d+$/i.test(t)) issue('idNumber', MSG.numericId);
    else if (/[*＊]/.test(t)) issue('idNumber', MSG.maskedId);
    else {
      const r = personFields.idNumber.safeParse(t);
      if (!r.success) issue('idNumber', firstMessage(r));
      else if (r.data) {
        if (r.data === TEMPLATE_EXAMPLE_ID) return 'example';
        values.idNumber = r.data;
      }
    }
  }

  const name = personFields.name.safeParse(text('name') ?? '');
  if (name.success) values.name = name.data;
  else issue('name', firstMessage(name));

  const gender = text('gender');
  if (gender !== undefined) {
    const g = gender.replace(/性$/, '');
    const r = personFields.gender.safeParse(g);
    if (r.success && r.data) values.gender = r.data;
    else if (!r.success) issue('gender', firstMessage(r));
  }

  const optionalText = (field: 'employeeNo' | 'phone' | 'title' | 'rank' | 'postCategory') => {
    const t = text(field);
    if (t === undefined) return;
    const r = personFields[field].safeParse(t);
    if (!r.success) issue(field, firstMessage(r));
    else if (r.data) values[field] = r.data;
  };
  optionalText('employeeNo');
  optionalText('phone');
  optionalText('title');
  optionalText('rank');
  optionalText('postCategory');
  if (values.rank !== undefined && !(RANKS as readonly string[]).includes(values.rank)) {
    issue('rank', `职级应为：${RANKS.join('、')}`);
    values.rank = undefined;
  }

  for (const field of ['isPrincipalLeader', 'isLawEnforcement'] as const) {
    const v = cell(field);
    if (v === undefined) continue;
    const b = parseYesNo(v);
    if (b === null) issue(field, '应填写“是”或“否”');
    else values[field] = b;
  }

  const status = text('status');
  if (status !== undefined) {
    const r = personFields.status.safeParse(status);
    if (!r.success) issue('status', `状态应为 ${PERSON_STATUSES.join('/')}`);
    else values.status = r.data;
  }

  const unitSegs = splitUnitPath(text('unit') ?? '');
  const deptSegs = splitUnitPath(text('dept') ?? '');
  if (unitSegs.length + deptSegs.length > 0) {
    values.unitSegments = [...unitSegs, ...deptSegs];
    values.unitColumnSegments = unitSegs.length;
  } else if (!issues.some((i) => i.column === labels.unit || i.column === labels.dept)) {
    issue(fieldCol.unit !== undefined ? 'unit' : 'dept', '请填写单位');
  }

  const idOrNoReported = issues.some((i) => i.column === labels.idNumber || i.column === labels.employeeNo);
  if (values.idNumber === undefined && values.employeeNo === undefined && !idOrNoReported) {
    issue(fieldCol.idNumber !== undefined ? 'idNumber' : 'employeeNo', '身份证号和工号至少填写一项');
  }
  return { row, values, issues };
}

/** Refuses anything that is not a readable .xlsx with a 400 and a Chinese message; never a 500. */
export async function readWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const bad = (m: string) => new AppError('BAD_REQUEST', m);
  if (buf.length === 0) throw bad('上传的文件是空的');
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw bad('这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再导入');
  }
  const size = zipUncompressedSize(buf);
  if (size === null) throw bad(MSG.notXlsx);
  // A small zip can expand enormously; refuse before exceljs builds it in memory.
  if (size > MAX_UNZIPPED_BYTES) throw bad('文件内容过大（解压后超过64MB），无法导入；请删除多余的工作表、图片或格式，或拆分成多个文件后重试');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw bad(MSG.notXlsx);
  }
  if (wb.worksheets.length === 0) throw bad('文件中没有工作表');
  return wb;
}

/** Sum of the uncompressed sizes in a zip's central directory, or null when it is not a zip. */
export function zipUncompressedSize(buf: Buffer): number | null {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return null;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || off === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64: far beyond our limit
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (off + 46 > buf.length || buf.readUInt32LE(off) !== 0x02014b50) return null;
    total += buf.readUInt32LE(off + 24);
    off += 46 + buf.readUInt16LE(off + 28) + buf.readUInt16LE(off + 30) + buf.readUInt16LE(off + 32);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// 2. Planning
// ---------------------------------------------------------------------------------------------

export interface ExistingPerson {
  id: number;
  name: string;
  gender: string | null;
  idNumberHash: string | null;
  employeeNo: string | null;
  phone: string | null;
  unitId: number;
  unitPath: string;
  title: string | null;
  rank: string | null;
  postCategory: string | null;
  isPrincipalLeader: boolean;
  isLawEnforcement: boolean;
  status: string;
}

/** What the planner needs from the database, loaded once (see loadImportWorld). */
export interface ImportWorld {
  units: UnitRow[];
  peopleByHash: Map<string, ExistingPerson>;
  peopleByEmployeeNo: Map<string, ExistingPerson>;
  /** accounts.login_name values equal to some 工号 in the file (e.g. the bootstrap "admin") */
  loginNames: Set<string>;
  blindIndex(idNumber: string): string;
}

export interface NewUnit {
  /** full path of names, "某区/司法局/新科" — also how rows refer to it */
  key: string;
  name: string;
  /** an existing parent, or null with parentKey for a parent created by the same import */
  parentId: number | null;
  parentKey: string | null;
  depth: number;
}

export type UnitTarget = { unitId: number } | { newUnitKey: string };
export type RowAction = 'create' | 'update' | 'unchanged' | 'invalid';

export interface PlannedRow {
  row: number;
  action: RowAction;
  name: string;
  unitPath: string;
  idNumberMasked: string | null;
  employeeNo: string | null;
  /** ["职务: 科员 → 副科长"] */
  changes: string[];
  /** for update: the person; for create: undefined */
  personId?: number;
  /** create: every given field; update: only the changed ones (unit separately) */
  input?: Omit<PersonUpdateInput, 'unitId'>;
  unit?: UnitTarget;
}

export interface ImportSummary {
  total: number;
  create: number;
  update: number;
  unchanged: number;
  invalid: number;
  unitsToCreate: string[];
}

export interface ImportPlan {
  sheet: string;
  headerRow: number;
  /** rows equal to the template's example (skipped) */
  exampleRowsSkipped: number;
  columns: SheetColumn[];
  issues: ImportIssue[];
  rows: PlannedRow[];
  newUnits: NewUnit[];
  summary: ImportSummary;
}

const looseKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');
const unitOutOfScope = (path: string) => `单位“${path}”不存在或不在您的管理范围内`;

type UnitResolution = { ok: true; target: UnitTarget; pathNames: string[] } | { ok: false; message: string; segment: number };

/**
 * Finds units by path. Rules (also written in the template's 说明 sheet):
 * - a path is walked by name from a top-level unit: 某区/司法局/法制科;
 * - a single name is accepted when exactly one unit in the importer's scope has it;
 * - with createUnits, the missing tail of a path is created under the deepest existing unit,
 *   which must be in scope (a top-level unit only by a 系统管理员);
 * - an out-of-scope unit reads the same as a missing one, so a unit admin learns nothing.
 */
class UnitDirectory {
  private readonly byId = new Map<number, UnitRow>();
  private readonly children = new Map<number, UnitRow[]>();
  private readonly byLooseName = new Map<string, UnitRow[]>();
  private readonly namesCache = new Map<number, string[]>();
  private readonly cache = new Map<string, UnitResolution>();
  readonly created = new Map<string, NewUnit>();

  constructor(
    list: UnitRow[],
    private readonly p: Principal,
    private readonly createUnits: boolean,
  ) {
    for (const u of list) {
      this.byId.set(u.id, u);
      const siblings = this.children.get(u.parentId ?? 0) ?? [];
      siblings.push(u);
      this.children.set(u.parentId ?? 0, siblings);
      const k = looseKey(u.name);
      this.byLooseName.set(k, [...(this.byLooseName.get(k) ?? []), u]);
    }
  }

  get(id: number) {
    return this.byId.get(id);
  }

  pathNames(u: UnitRow): string[] {
    let names = this.namesCache.get(u.id);
    if (!names) {
      names = u.path
        .split('/')
        .filter(Boolean)
        .map((id) => this.byId.get(Number(id))?.name ?? '?');
      this.namesCache.set(u.id, names);
    }
    return names;
  }

  private canManage(u: UnitRow) {
    return canManageUnitPath(this.p, u.path);
  }

  private child(parentId: number | null, name: string): UnitRow | undefined {
    const list = this.children.get(parentId ?? 0) ?? [];
    const exact = list.find((u) => u.name === name);
    if (exact) return exact;
    const loose = list.filter((u) => looseKey(u.name) === looseKey(name));
    return loose.length === 1 ? loose[0] : undefined;
  }

  resolve(segs: string[], unitColumnSegments: number): UnitResolution {
    const cacheKey = `${unitColumnSegments}\u0000${segs.join('\u0000')}`;
    let r = this.cache.get(cacheKey);
    if (!r) {
      r = this.resolveUncached(segs, unitColumnSegments);
      this.cache.set(cacheKey, r);
    }
    return r;
  }

  private resolveUncached(segs: string[], unitColumnSegments: number): UnitResolution {
    const full = segs.join('/');
    const err = (message: string, segment: number): UnitResolution => ({ ok: false, message, segment });
    let cur: UnitRow | null = null;
    let i = 0;
    if (unitColumnSegments === 1) {
      const inScope = (this.byLooseName.get(looseKey(segs[0])) ?? []).filter((u) => this.canManage(u));
      const exact = inScope.filter((u) => u.name === segs[0]);
      const pool = exact.length ? exact : inScope;
      if (pool.length > 1) {
        return err(`有${pool.length}个名为“${segs[0]}”的单位，请填写完整路径，如“${this.pathNames(pool[0]).join('/')}”`, 0);
      }
      if (pool.length === 1) {
        cur = pool[0];
        i = 1;
      }
    }
    for (; i < segs.length; i++) {
      const next = this.child(cur?.id ?? null, segs[i]);
      if (!next) break;
      cur = next;
    }
    if (i === segs.length && cur) {
      if (!this.canManage(cur)) return err(unitOutOfScope(full), segs.length - 1);
      return { ok: true, target: { unitId: cur.id }, pathNames: this.pathNames(cur) };
    }
    if (!cur) {
      // Not even the first level exists at the top. A path written from the middle of the tree
      // would otherwise create a second tree next to the real one.
      const nested = (this.byLooseName.get(looseKey(segs[0])) ?? []).filter((u) => u.parentId !== null && this.canManage(u));
      if (nested.length) return err(`单位路径应从顶级单位写起，如“${[...this.pathNames(nested[0]), ...segs.slice(1)].join('/')}”`, 0);
      if (!hasRole(this.p, 'admin')) return err(unitOutOfScope(full), 0);
    } else if (!this.canManage(cur)) {
      return err(unitOutOfScope(full), i);
    }
    if (!this.createUnits) {
      const where = cur ? `“${this.pathNames(cur).join('/')}”下没有“${segs[i]}”` : `没有名为“${segs[0]}”的顶级单位`;
      return err(`单位“${full}”不存在（${where}）；如需自动创建，请勾选“自动创建不存在的单位”`, i);
    }
    if (cur?.disabled) return err(`单位“${this.pathNames(cur).join('/')}”已停用，不能在其下创建单位`, i);
    const lastDepth = (cur ? cur.depth : -1) + (segs.length - i);
    if (lastDepth >= MAX_UNIT_DEPTH) return err(`单位层级不能超过${MAX_UNIT_DEPTH}级`, segs.length - 1);
    const tooLong = segs.findIndex((s, j) => j >= i && s.length > UNIT_NAME_MAX);
    if (tooLong >= 0) return err(`单位名称“${segs[tooLong]}”超过${UNIT_NAME_MAX}个字符`, tooLong);

    let names = cur ? [...this.pathNames(cur)] : [];
    let parentKey: string | null = null;
    let depth = cur ? cur.depth : -1;
    for (let j = i; j < segs.length; j++) {
      names = [...names, segs[j]];
      depth++;
      const key = names.join('/');
      if (!this.created.has(key)) {
        this.created.set(key, { key, name: segs[j], parentId: j === i ? (cur?.id ?? null) : null, parentKey: j === i ? null : parentKey, depth });
      }
      parentKey = key;
    }
    return { ok: true, target: { newUnitKey: parentKey! }, pathNames: names };
  }
}

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));

const sameTarget = (a: UnitTarget, unitId: number) => 'unitId' in a && a.unitId === unitId;

/** Rows listed for "重复" messages: at most 10 numbers, so one bad column can't produce a wall of text. */
const rowList = (rows: number[]) => (rows.length > 10 ? `${rows.slice(0, 10).join('、')}等` : rows.join('、'));

/** "AB（单位）" → 28; whole-row issues (no column) sort after the cells of their row. */
function columnIndex(column: string): number {
  const letters = /^([A-Z]+)（/.exec(column)?.[1];
  if (!letters) return Number.MAX_SAFE_INTEGER;
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

/** Row by row, left to right, as a person reads the sheet. */
const sortIssues = (issues: ImportIssue[]) => [...issues].sort((a, b) => a.row - b.row || columnIndex(a.column) - columnIndex(b.column));

/**
 * Decides, for every parsed row, what the import would do and what is wrong. Pure: the
 * database's state comes in as `world`. Every problem is collected; nothing stops at the first.
 */
export function planImport(parsed: ParsedSheet, world: ImportWorld, p: Principal, opts: { createUnits: boolean }): ImportPlan {
  const { sheet, labels } = parsed;
  const dir = new UnitDirectory(world.units, p, opts.createUnits);
  const column = (f: ImportField) => labels[f] ?? FIELD_LABELS[f];

  interface Work {
    parsed: ParsedRow;
    issues: ImportIssue[];
    match?: ExistingPerson;
    target?: UnitTarget;
    pathNames?: string[];
  }
  const work: Work[] = parsed.rows.map((r) => ({ parsed: r, issues: [...r.issues] }));
  const rowsById = new Map<string, number[]>();
  const rowsByNo = new Map<string, number[]>();
  const push = <K>(m: Map<K, number[]>, k: K, row: number) => {
    const rows = m.get(k);
    if (rows) rows.push(row);
    else m.set(k, [row]);
  };

  for (const w of work) {
    const { row, values: v } = w.parsed;
    const add = (f: ImportField | '', message: string) => w.issues.push({ sheet, row, column: f ? column(f) : '', message });
    if (v.idNumber) push(rowsById, v.idNumber, row);
    if (v.employeeNo) push(rowsByNo, v.employeeNo, row);

    if (v.unitSegments) {
      // With no 单位 value the 部门 value plays its part (a single name is then looked up alone).
      const res = dir.resolve(v.unitSegments, v.unitColumnSegments || v.unitSegments.length);
      if (!res.ok) {
        const blame: ImportField = labels.unit && (labels.dept === undefined || res.segment < (v.unitColumnSegments ?? 0)) ? 'unit' : 'dept';
        add(blame, res.message);
      } else {
        w.target = res.target;
        w.pathNames = res.pathNames;
      }
    }

    const byId = v.idNumber ? world.peopleByHash.get(world.blindIndex(v.idNumber)) : undefined;
    const byNo = v.employeeNo ? world.peopleByEmployeeNo.get(v.employeeNo) : undefined;
    const inScope = (x: ExistingPerson) => canManageUnitPath(p, x.unitPath);
    if (byId && !inScope(byId)) add('idNumber', MSG.outOfScopePerson);
    else if (byId && byNo && byId.id !== byNo.id) add('employeeNo', '该工号已被另一人员使用');
    else if (!byId && byNo && !inScope(byNo)) add('employeeNo', MSG.outOfScopePerson);
    else if (!byId && byNo && v.idNumber && byNo.idNumberHash) {
      add('idNumber', '该工号对应的人员已登记了另一个身份证号，请核对（如需更正身份证号，请在人员信息中修改）');
    } else w.match = byId ?? byNo;

    if (v.employeeNo && v.employeeNo !== w.match?.employeeNo && world.loginNames.has(v.employeeNo)) {
      add('employeeNo', '该工号/登录名已被使用');
    }
    const unitId = w.target && 'unitId' in w.target ? w.target.unitId : undefined;
    if (unitId !== undefined && dir.get(unitId)?.disabled && w.match?.unitId !== unitId) add(labels.unit ? 'unit' : 'dept', '该单位已停用');
  }

  // Duplicates within the file: every row involved is told which other rows it clashes with.
  const rowsByPerson = new Map<number, number[]>();
  for (const w of work) if (w.match) push(rowsByPerson, w.match.id, w.parsed.row);
  for (const w of work) {
    const { row, values: v } = w.parsed;
    const others = (rows: number[] | undefined) => (rows ?? []).filter((r) => r !== row);
    const dupId = v.idNumber ? others(rowsById.get(v.idNumber)) : [];
    const dupNo = v.employeeNo ? others(rowsByNo.get(v.employeeNo)) : [];
    if (dupId.length) w.issues.push({ sheet, row, column: column('idNumber'), message: `身份证号与第${rowList(dupId)}行重复` });
    if (dupNo.length) w.issues.push({ sheet, row, column: column('employeeNo'), message: `工号与第${rowList(dupNo)}行重复` });
    if (w.match && !dupId.length && !dupNo.length) {
      const samePerson = others(rowsByPerson.get(w.match.id));
      if (samePerson.length) w.issues.push({ sheet, row, column: '', message: `与第${rowList(samePerson)}行是同一人员（按身份证号或工号匹配），请合并为一行` });
    }
  }

  const planned: PlannedRow[] = work.map((w) => planRow(w, dir));
  const issues = [...parsed.issues, ...work.flatMap((w) => w.issues)];
  const count = (a: RowAction) => planned.filter((r) => r.action === a).length;
  const newUnits = [...dir.created.values()].sort((a, b) => a.depth - b.depth);
  return {
    sheet,
    headerRow: parsed.headerRow,
    exampleRowsSkipped: parsed.exampleRowsSkipped,
    columns: parsed.columns,
    issues: sortIssues(issues),
    rows: planned,
    newUnits,
    summary: {
      total: planned.length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      invalid: count('invalid'),
      unitsToCreate: newUnits.map((u) => u.key),
    },
  };

  function planRow(w: Work, d: UnitDirectory): PlannedRow {
    const v = w.parsed.values;
    const base: PlannedRow = {
      row: w.parsed.row,
      action: 'invalid',
      name: v.name ?? '',
      unitPath: w.pathNames?.join('/') ?? v.unitSegments?.join('/') ?? '',
      idNumberMasked: v.idNumber ? maskIdNumber(v.idNumber) : null,
      employeeNo: v.employeeNo ?? null,
      changes: [],
    };
    if (w.issues.length || !w.target || v.name === undefined) return base;
    const m = w.match;
    const fields = {
      name: v.name,
      gender: v.gender,
      idNumber: v.idNumber,
      employeeNo: v.employeeNo,
      phone: v.phone,
      title: v.title,
      rank: v.rank,
      postCategory: v.postCategory,
      isPrincipalLeader: v.isPrincipalLeader,
      isLawEnforcement: v.isLawEnforcement,
      status: v.status,
    };
    if (!m) {
      const input = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined)) as Omit<PersonUpdateInput, 'unitId'>;
      return { ...base, action: 'create', input, unit: w.target };
    }
    const input: Omit<PersonUpdateInput, 'unitId'> = {};
    const changes: string[] = [];
    for (const k of ['name', 'gender', 'employeeNo', 'phone', 'title', 'rank', 'postCategory', 'isPrincipalLeader', 'isLawEnforcement', 'status'] as const) {
      const next = fields[k];
      if (next === undefined || next === m[k]) continue;
      (input as Record<string, unknown>)[k] = next;
      changes.push(`${FIELD_LABELS[k]}: ${shown(m[k])} → ${shown(next)}`);
    }
    if (v.idNumber && !m.idNumberHash) {
      // Matched by 工号; the person had no 身份证号 yet.
      input.idNumber = v.idNumber;
      changes.push(`${FIELD_LABELS.idNumber}: （空） → ${maskIdNumber(v.idNumber)}`);
      if (input.gender === undefined) {
        if (m.gender === null) {
          const derived = genderFromIdNumber(v.idNumber);
          if (derived) {
            input.gender = derived;
            changes.push(`${FIELD_LABELS.gender}: （空） → ${derived}`);
          }
        } else input.gender = m.gender as Gender; // personColumns would otherwise re-derive it
      }
    }
    let unit: UnitTarget | undefined;
    if (!sameTarget(w.target, m.unitId)) {
      unit = w.target;
      const from = d.get(m.unitId);
      changes.push(`${FIELD_LABELS.unit}: ${from ? d.pathNames(from).join('/') : '?'} → ${base.unitPath}`);
    }
    if (!changes.length) return { ...base, action: 'unchanged', personId: m.id };
    // Listed in the template's column order, whatever order they were found in.
    const order = TEMPLATE_COLUMNS.map((c) => c.header.replace(/\*$/, ''));
    const rank = (c: string) => order.indexOf(c.slice(0, c.indexOf(':')));
    return { ...base, action: 'update', personId: m.id, input, unit, changes: changes.sort((a, b) => rank(a) - rank(b)) };
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Database: load what the planner needs, and write a clean plan
// ---------------------------------------------------------------------------------------------

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

const existingColumns = {
  id: people.id,
  name: people.name,
  gender: people.gender,
  idNumberHash: people.idNumberHash,
  employeeNo: people.employeeNo,
  phone: people.phone,
  unitId: people.unitId,
  unitPath: units.path,
  title: people.title,
  rank: people.rank,
  postCategory: people.postCategory,
  isPrincipalLeader: people.isPrincipalLeader,
  isLawEnforcement: people.isLawEnforcement,
  status: people.status,
};

/** Every unit, and the people the file can match, in batched queries (never one per row). */
export async function loadImportWorld(ctx: AppContext, db: Db, parsed: ParsedSheet): Promise<ImportWorld> {
  const hashes = new Map<string, string>();
  const blindIndex = (id: string) => {
    let h = hashes.get(id);
    if (!h) {
      h = ctx.cipher.blindIndex(id);
      hashes.set(id, h);
    }
    return h;
  };
  const ids = [...new Set(parsed.rows.flatMap((r) => (r.values.idNumber ? [blindIndex(r.values.idNumber)] : [])))];
  const nos = [...new Set(parsed.rows.flatMap((r) => (r.values.employeeNo ? [r.values.employeeNo] : [])))];
  const allUnits = await db.select().from(units);
  const peopleByHash = new Map<string, ExistingPerson>();
  const peopleByEmployeeNo = new Map<string, ExistingPerson>();
  const loginNames = new Set<string>();
  for (const part of chunks(ids, DB_CHUNK)) {
    const rows = await db.select(existingColumns).from(people).innerJoin(units, eq(units.id, people.unitId)).where(inArray(people.idNumberHash, part));
    for (const r of rows) peopleByHash.set(r.idNumberHash!, r);
  }
  for (const part of chunks(nos, DB_CHUNK)) {
    const rows = await db.select(existingColumns).from(people).innerJoin(units, eq(units.id, people.unitId)).where(inArray(people.employeeNo, part));
    for (const r of rows) peopleByEmployeeNo.set(r.employeeNo!, r);
    const logins = await db.select({ loginName: accounts.loginName }).from(accounts).where(inArray(accounts.loginName, part));
    for (const l of logins) loginNames.add(l.loginName!);
  }
  return { units: allUnits, peopleByHash, peopleByEmployeeNo, loginNames, blindIndex };
}

export interface ImportOptions {
  createUnits: boolean;
}

/** Parse + load + plan, reading through `db` (the commit's transaction, or the pool for a preview). */
export async function analyseImport(ctx: AppContext, db: Db, p: Principal, wb: ExcelJS.Workbook, opts: ImportOptions) {
  const parsed = parseWorkbook(wb);
  const world = await loadImportWorld(ctx, db, parsed);
  return { plan: planImport(parsed, world, p, opts), world };
}


export interface ImportPreview {
  ok: boolean;
  sheet: string;
  headerRow: number;
  exampleRowsSkipped: number;
  columns: SheetColumn[];
  issues: ImportIssue[];
  /** all issues, including those beyond ISSUE_REPORT_LIMIT */
  issueCount: number;
  summary: ImportSummary;
  rows: Pick<PlannedRow, 'row' | 'action' | 'name' | 'unitPath' | 'idNumberMasked' | 'employeeNo' | 'changes'>[];
}

export async function previewImport(ctx: AppContext, p: Principal, buf: Buffer, opts: ImportOptions): Promise<ImportPreview> {
  const wb = await readWorkbook(buf);
  const { plan } = await analyseImport(ctx, ctx.db, p, wb, opts);
  return {
    ok: plan.issues.length === 0,
    sheet: plan.sheet,
    headerRow: plan.headerRow,
    exampleRowsSkipped: plan.exampleRowsSkipped,
    columns: plan.columns,
    issues: plan.issues.slice(0, ISSUE_REPORT_LIMIT),
    issueCount: plan.issues.length,
    summary: plan.summary,
    rows: plan.rows.slice(0, PREVIEW_ROW_LIMIT).map(({ row, action, name, unitPath, idNumberMasked, employeeNo, changes }) => ({
      row,
      action,
      name,
      unitPath,
      idNumberMasked,
      employeeNo,
      changes,
    })),
  };
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  unitsCreated: number;
  /** full paths of the units created */
  unitPaths: string[];
}

/**
 * Re-validates the file from scratch and, only if it has no issue at all, writes units,
 * people, accounts and one `person.import` audit row in one transaction.
 */
export async function commitImport(
  ctx: AppContext,
  p: Principal,
  actor: AuditActor,
  buf: Buffer,
  opts: ImportOptions & { filename?: string },
): Promise<ImportResult> {
  const wb = await readWorkbook(buf);
  return ctx.db.transaction(async (tx) => {
    const { plan, world } = await analyseImport(ctx, tx, p, wb, opts);
    if (plan.issues.length) {
      const n = plan.issues.length;
      const more = n > ISSUE_REPORT_LIMIT ? `（以下列出前${ISSUE_REPORT_LIMIT}处）` : '';
      throw new AppError('IMPORT_INVALID', `导入文件有${n}处错误，未写入任何数据${more}`, {
        importIssues: plan.issues.slice(0, ISSUE_REPORT_LIMIT),
      });
    }

    const unitById = new Map(world.units.map((u) => [u.id, u]));
    const createdUnits = new Map<string, UnitRow>();
    for (const nu of plan.newUnits) {
      const parent = nu.parentKey ? createdUnits.get(nu.parentKey)! : nu.parentId !== null ? unitById.get(nu.parentId)! : null;
      createdUnits.set(nu.key, await insertUnit(tx, parent, nu.name));
    }
    const unitIdOf = (t: UnitTarget) => ('unitId' in t ? t.unitId : createdUnits.get(t.newUnitKey)!.id);

    const creates = plan.rows.filter((r) => r.action === 'create');
    const createdIds: number[] = [];
    for (const part of chunks(creates, INSERT_CHUNK)) {
      const values = part.map((r) => personColumns(ctx, { ...r.input, unitId: unitIdOf(r.unit!) }) as typeof people.$inferInsert);
      const inserted = await tx.insert(people).values(values).returning({ id: people.id, name: people.name });
      await tx.insert(accounts).values(inserted.map((x) => ({ personId: x.id, displayName: x.name })));
      createdIds.push(...inserted.map((x) => x.id));
    }

    const updates = plan.rows.filter((r) => r.action === 'update');
    const now = new Date();
    const left: number[] = [];
    for (const r of updates) {
      const cols = personColumns(ctx, { ...r.input, ...(r.unit ? { unitId: unitIdOf(r.unit) } : {}) });
      await tx
        .update(people)
        .set({ ...cols, updatedAt: now })
        .where(eq(people.id, r.personId!));
      if (r.input?.name) await tx.update(accounts).set({ displayName: r.input.name }).where(eq(accounts.personId, r.personId!));
      if (r.input?.status && r.input.status !== '在职') left.push(r.personId!);
    }
    // Someone who left can no longer be signed in anywhere (as in updatePerson).
    for (const part of chunks(left, DB_CHUNK)) {
      const accs = tx.select({ id: accounts.id }).from(accounts).where(inArray(accounts.personId, part));
      await tx
        .update(sessions)
        .set({ revokedReason: 'status' })
        .where(and(inArray(sessions.accountId, accs), isNull(sessions.revokedReason)));
    }

    const result: ImportResult = {
      created: createdIds.length,
      updated: updates.length,
      unchanged: plan.summary.unchanged,
      unitsCreated: createdUnits.size,
      unitPaths: [...createdUnits.keys()],
    };
    await audit(tx, actor, {
      action: 'person.import',
      entityType: 'person',
      summary: `导入人员：新增${result.created}人，更新${result.updated}人，未变${result.unchanged}人，新建单位${result.unitsCreated}个`,
      after: {
        file: opts.filename ?? null,
        sheet: plan.sheet,
        createUnits: opts.createUnits,
        ...result,
        createdIds,
        updatedIds: updates.map((r) => r.personId!),
        unitIds: [...createdUnits.values()].map((u) => u.id),
      },
    });
    return result;
  });
}

// ---------------------------------------------------------------------------------------------
// Template
// ---------------------------------------------------------------------------------------------

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
