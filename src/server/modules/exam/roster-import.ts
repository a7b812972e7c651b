/**
 * 考生名单导入: an Excel list of names with 身份证号 or 工号, matched against 人员 the way the
 * people import matches (身份证号 by its blind index, else 工号), the name checked against the
 * match. Every bad row is reported with its row and column; if any row is bad nothing is written.
 */
import ExcelJS from 'exceljs';
import { eq, inArray } from 'drizzle-orm';
import type { RosterImportPreview, RosterImportRow } from '../../../common/exam-admin';
import type { ImportIssue } from '../../../common/errors';
import { ID_NUMBER_PROBLEM_ZH, idNumberProblem, normaliseIdNumber } from '../../../common/idcard';
import type { AppContext } from '../../context';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { headerField } from '../org/import/fields';
import { columnLetter, firstSheetWithHeader, readCell, readWorkbook, scalarText } from '../org/import/sheet';
import { people, units } from '../org/schema';
import { examForRoster, insertInBatches, INSERT_BATCH } from './roster';
import { examCandidates } from './schema';

/** Rows one file may list (a district's whole staff fits). */
export const ROSTER_IMPORT_MAX_ROWS = 20_000;
const HEADER_SEARCH_ROWS = 10;

type Field = 'name' | 'idNumber' | 'employeeNo';
const LABEL: Record<Field, string> = { name: '姓名', idNumber: '身份证号', employeeNo: '工号' };

interface Header {
  row: number;
  cols: Partial<Record<Field, number>>;
}

function findHeader(ws: ExcelJS.Worksheet): Header | null {
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const cols: Partial<Record<Field, number>> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = readCell(cell.value);
      if (read.kind !== 'value') return;
      const f = headerField(scalarText(read.value));
      if ((f === 'name' || f === 'idNumber' || f === 'employeeNo') && cols[f] === undefined) cols[f] = col;
    });
    if (cols.name !== undefined && (cols.idNumber !== undefined || cols.employeeNo !== undefined)) return { row: r, cols };
  }
  return null;
}

interface ParsedRosterRow {
  row: number;
  name: string;
  idNumber?: string;
  employeeNo?: string;
}

/** Workbook → rows with name and 身份证号/工号, plus cell-level issues. Pure. */
export function parseRosterWorkbook(wb: ExcelJS.Workbook): { rows: ParsedRosterRow[]; issues: ImportIssue[]; sheet: string; labels: Partial<Record<Field, string>> } {
  const found = firstSheetWithHeader(wb, findHeader);
  if (!found) {
    const sheet = wb.worksheets[0]?.name ?? '';
    return {
      rows: [],
      sheet,
      labels: {},
      issues: [{ sheet, row: 1, column: '', message: '找不到表头：前10行中须有“姓名”列，以及“身份证号”或“工号”列' }],
    };
  }
  const { ws, header } = found;
  const sheet = ws.name;
  const labels: Partial<Record<Field, string>> = {};
  for (const f of Object.keys(header.cols) as Field[]) labels[f] = `${columnLetter(header.cols[f]!)}（${LABEL[f]}）`;
  const rows: ParsedRosterRow[] = [];
  const issues: ImportIssue[] = [];
  const last = ws.actualRowCount === 0 ? header.row : ws.rowCount;
  if (last - header.row > ROSTER_IMPORT_MAX_ROWS) {
    issues.push({ sheet, row: header.row, column: '', message: `一次最多导入${ROSTER_IMPORT_MAX_ROWS}行，请拆分文件` });
    return { rows, issues, sheet, labels };
  }
  for (let r = header.row + 1; r <= last; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const text: Partial<Record<Field, string>> = {};
    let rowIssue = false;
    for (const f of Object.keys(header.cols) as Field[]) {
      const read = readCell(row.getCell(header.cols[f]!).value);
      if (read.kind === 'error') {
        issues.push({ sheet, row: r, column: labels[f]!, message: read.message });
        rowIssue = true;
      } else if (read.kind === 'value') text[f] = scalarText(read.value);
    }
    if (!text.name && !text.idNumber && !text.employeeNo) {
      if (!rowIssue) continue; // blank row
    }
    const add = (f: Field, message: string) => {
      issues.push({ sheet, row: r, column: labels[f] ?? '', message });
      rowIssue = true;
    };
    if (!text.name) add('name', '请填写姓名');
    let idNumber: string | undefined;
    if (text.idNumber) {
      idNumber = normaliseIdNumber(text.idNumber);
      const problem = idNumberProblem(idNumber);
      if (problem) add('idNumber', ID_NUMBER_PROBLEM_ZH[problem]);
    }
    if (!text.idNumber && !text.employeeNo) add(header.cols.idNumber !== undefined ? 'idNumber' : 'employeeNo', '身份证号和工号至少填写一项');
    if (!rowIssue) rows.push({ row: r, name: text.name!, idNumber, employeeNo: text.employeeNo || undefined });
  }
  return { rows, issues, sheet, labels };
}

export interface RosterRowMatch {
  row: number;
  personId: number;
  name: string;
  unitName: string;
  unitPath: string;
  status: string;
}

/**
 * The matching rules of a name list (also used by 集体学法/讲法 attendance imports): a row
 * matches a person by 身份证号 (blind index), else by 工号; both given must be the same person; the
 * name must agree; `refuse` may reject a match (status, scope) with a whole-row message; a person
 * listed twice is reported on the later row. Reads only.
 */
export async function matchRosterRows(
  ctx: AppContext,
  parsed: Pick<ReturnType<typeof parseRosterWorkbook>, 'rows' | 'sheet' | 'labels'>,
  refuse: (m: { id: number; name: string; status: string; unitPath: string }) => string | null,
): Promise<{ rows: RosterRowMatch[]; issues: ImportIssue[] }> {
  const db = ctx.db;
  const { sheet, labels } = parsed;
  const issues: ImportIssue[] = [];
  const hashOf = new Map<string, string>();
  for (const r of parsed.rows) if (r.idNumber && !hashOf.has(r.idNumber)) hashOf.set(r.idNumber, ctx.cipher.blindIndex(r.idNumber));
  const cols = { id: people.id, name: people.name, status: people.status, idNumberHash: people.idNumberHash, employeeNo: people.employeeNo, unitName: units.name, unitPath: units.path };
  type Match = { id: number; name: string; status: string; idNumberHash: string | null; employeeNo: string | null; unitName: string; unitPath: string };
  const byHash = new Map<string, Match>();
  const byNo = new Map<string, Match>();
  const hashes = [...new Set(hashOf.values())];
  const nos = [...new Set(parsed.rows.flatMap((r) => (r.employeeNo ? [r.employeeNo] : [])))];
  for (let i = 0; i < hashes.length; i += INSERT_BATCH) {
    const part = hashes.slice(i, i + INSERT_BATCH);
    for (const m of await db.select(cols).from(people).innerJoin(units, eq(units.id, people.unitId)).where(inArray(people.idNumberHash, part))) byHash.set(m.idNumberHash!, m);
  }
  for (let i = 0; i < nos.length; i += INSERT_BATCH) {
    const part = nos.slice(i, i + INSERT_BATCH);
    for (const m of await db.select(cols).from(people).innerJoin(units, eq(units.id, people.unitId)).where(inArray(people.employeeNo, part))) byNo.set(m.employeeNo!, m);
  }

  const rows: RosterRowMatch[] = [];
  const firstRowOf = new Map<number, number>();
  for (const r of parsed.rows) {
    const issue = (f: Field | '', message: string) => issues.push({ sheet, row: r.row, column: f ? (labels[f] ?? '') : '', message });
    const viaId = r.idNumber ? byHash.get(hashOf.get(r.idNumber)!) : undefined;
    const viaNo = r.employeeNo ? byNo.get(r.employeeNo) : undefined;
    if (r.idNumber && !viaId && !viaNo) {
      issue('idNumber', '系统中没有此身份证号的人员');
      continue;
    }
    if (!r.idNumber && !viaNo) {
      issue('employeeNo', `系统中没有工号为“${r.employeeNo}”的人员`);
      continue;
    }
    if (viaId && viaNo && viaId.id !== viaNo.id) {
      issue('employeeNo', `身份证号与工号对应的不是同一人（身份证号为${viaId.name}，工号为${viaNo.name}）`);
      continue;
    }
    const m = (viaId ?? viaNo)!;
    if (m.name !== r.name) {
      issue('name', `姓名与系统中不一致：系统中为“${m.name}”`);
      continue;
    }
    const refused = refuse(m);
    if (refused) {
      issue('', refused);
      continue;
    }
    const dup = firstRowOf.get(m.id);
    if (dup !== undefined) {
      issue('', `与第${dup}行是同一人`);
      continue;
    }
    firstRowOf.set(m.id, r.row);
    rows.push({ row: r.row, personId: m.id, name: m.name, unitName: m.unitName, unitPath: m.unitPath, status: m.status });
  }
  return { rows, issues };
}

/**
 * POST /api/exams/:id/roster/import. dryRun: the preview (matched rows and every issue, nothing
 * written). Otherwise: any issue → 422 IMPORT_INVALID with the issues; else the rows are added
 * with source 'list' in one transaction.
 */
export async function importRoster(ctx: AppContext, actor: AuditActor, examId: number, buf: Buffer, dryRun: boolean): Promise<RosterImportPreview> {
  const db = ctx.db;
  const exam = await examForRoster(db, examId);
  if (exam.status === 'closed') throw new AppError('CONFLICT', '考试已结束，不能再修改考生名单');
  const wb = await readWorkbook(buf);
  const parsed = parseRosterWorkbook(wb);
  const issues = [...parsed.issues];
  const { sheet } = parsed;

  const onRoster = new Set(
    (await db.select({ id: examCandidates.personId }).from(examCandidates).where(eq(examCandidates.examId, examId))).map((r) => r.id),
  );
  const matched = await matchRosterRows(ctx, parsed, (m) => (m.status !== '在职' ? `${m.name}的人员状态为“${m.status}”，不能参加考试` : null));
  issues.push(...matched.issues);
  const rows: RosterImportRow[] = matched.rows.map((m) => ({ row: m.row, personId: m.personId, name: m.name, unitName: m.unitName, alreadyOnRoster: onRoster.has(m.personId) }));
  if (parsed.rows.length === 0 && issues.length === 0) issues.push({ sheet, row: 1, column: '', message: '文件中没有考生' });
  issues.sort((a, b) => a.row - b.row);
  const toAdd = rows.filter((r) => !r.alreadyOnRoster);
  if (dryRun) return { dryRun, rows, added: toAdd.length, issues };
  if (issues.length) throw new AppError('IMPORT_INVALID', `导入文件有${issues.length}处错误，未写入任何数据`, { importIssues: issues });

  await db.transaction(async (tx) => {
    await insertInBatches(toAdd, (batch) =>
      tx
        .insert(examCandidates)
        .values(batch.map((r) => ({ examId, personId: r.personId, source: 'list' })))
        .onConflictDoNothing(),
    );
    await audit(tx, actor, {
      action: 'exam.roster.import',
      entityType: 'exam',
      entityId: examId,
      summary: `考试“${exam.title}”导入考生名单：新增${toAdd.length}人（文件${rows.length}人）`,
    });
  });
  return { dryRun, rows, added: toAdd.length, issues };
}

/**
 * A name-list template (姓名*, 身份证号 as text, 工号) with a 说明 sheet: the exam roster and the
 * attendance import read the same columns with the same matching rules.
 */
export async function nameListTemplate(sheetName: string, help: readonly string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = [
    { header: '姓名*', key: 'name', width: 14 },
    { header: '身份证号', key: 'idNumber', width: 24 },
    { header: '工号', key: 'employeeNo', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getColumn(2).numFmt = '@';
  const sheet = wb.addWorksheet('说明');
  sheet.columns = [{ width: 90 }];
  for (const line of help) sheet.addRow([line]);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The downloadable roster template. */
export function rosterTemplate(): Promise<Buffer> {
  return nameListTemplate('考生名单', [
    '考生名单导入说明',
    '1. 每行一名考生：“姓名”必填，“身份证号”和“工号”至少填写一项（用于在人员库中查找本人）。',
    '2. 姓名须与人员库中的一致；查不到、姓名不符、非在职或重复的行都会标出行号与列，整个文件不会写入。',
    '3. 身份证号请以文本格式填写（本模板已设为文本），避免 Excel 把它变成科学计数法。',
    '4. 已在名单中的考生会被跳过，不会重复添加。',
  ]);
}
