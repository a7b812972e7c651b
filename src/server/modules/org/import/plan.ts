/**
 * Stage 2 of the people import (see commit.ts): parsed rows + what the database holds →
 * create/update/unchanged per row, units to create, and every cross-row / scope / conflict issue.
 * planImport is pure; loadImportWorld reads what it needs in batched queries.
 */
import type ExcelJS from 'exceljs';
import { eq, inArray } from 'drizzle-orm';
import type { ImportIssue } from '../../../../common/errors';
import { genderFromIdNumber, maskIdNumber } from '../../../../common/idcard';
import type { Gender } from '../../../../common/org';
import type { PersonUpdateInput } from '../../../../common/person';
import type { AppContext } from '../../../context';
import type { Db } from '../../../db/client';
import { canManageUnitPath, type Principal } from '../../../platform/principal';
import { accounts } from '../../../platform/schema';
import { PEOPLE_EXPORT_COLUMNS } from '../people-export';
import { people, units } from '../schema';
import type { UnitRow } from '../units';
import { FIELD_LABELS, type ImportField } from './fields';
import { MSG } from './messages';
import { parseWorkbook, type ParsedRow, type ParsedSheet, type SheetColumn } from './sheet';
import { UnitDirectory, type NewUnit, type UnitTarget } from './unit-directory';

/** Queries with an IN list take this many values at a time. */
export const DB_CHUNK = 1000;

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

/** Changes are listed in the template's (= the export's) column order, whatever order they were found in. */
const CHANGE_ORDER: string[] = PEOPLE_EXPORT_COLUMNS.map((c) => c.header);

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
    const rank = (c: string) => CHANGE_ORDER.indexOf(c.slice(0, c.indexOf(':')));
    return { ...base, action: 'update', personId: m.id, input, unit, changes: changes.sort((a, b) => rank(a) - rank(b)) };
  }
}

/** xs in consecutive slices of at most n (for IN lists and multi-row inserts). */
export function chunks<T>(xs: T[], n: number): T[][] {
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

