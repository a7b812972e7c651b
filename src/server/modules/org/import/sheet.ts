/**
 * Stage 1 of the people import (see commit.ts): workbook → header mapping + typed values per
 * row + cell-level issues. Pure: no database.
 */
import ExcelJS from 'exceljs';
import type { ImportIssue } from '../../../../common/errors';
import { PERSON_STATUSES, RANKS, type Gender, type PersonStatus } from '../../../../common/org';
import { personFields } from '../../../../common/person';
import { AppError } from '../../../platform/errors';
import { FIELD_LABELS, headerField, type ImportField } from './fields';
import { HEADER_SEARCH_ROWS, IMPORT_MAX_ROWS, MSG, TEMPLATE_EXAMPLE_ID } from './messages';

/**
 * An .xlsx inflates ~10× (20k rows × 12 columns ≈ 10 MB of XML); exceljs holds it all in memory
 * (~1 GB RSS per 60 MB of XML), so a zip that would inflate past this is refused unread.
 */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

/** Separators allowed between the levels of a unit path: / ／ > ＞ */
export const UNIT_PATH_SEPARATOR = /[/／>＞]/;

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
/** The first worksheet in which `find` recognises a header row (people and question imports). */
export function firstSheetWithHeader<H>(wb: ExcelJS.Workbook, find: (ws: ExcelJS.Worksheet) => H | null): { ws: ExcelJS.Worksheet; header: H } | null {
  for (const ws of wb.worksheets) {
    const header = find(ws);
    if (header) return { ws, header };
  }
  return null;
}

export function parseWorkbook(wb: ExcelJS.Workbook): ParsedSheet {
  const found = firstSheetWithHeader(wb, findHeader);
  const ws = found?.ws;
  const header = found?.header ?? null;
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

