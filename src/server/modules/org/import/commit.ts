/**
 * People import from the Excel sheets an organisation already has.
 *
 * Three stages, so each can be tested on its own:
 *   1. parse   (pure)  workbook → header mapping + typed values per row + cell-level issues   (sheet.ts)
 *   2. plan    (pure)  parsed rows + what the database holds → create/update/unchanged per row,
 *                      units to create, and every cross-row / scope / conflict issue          (plan.ts)
 *   3. commit  (db)    the plan, written in the caller's transaction, only when it has no issue (here)
 * Preview and commit both run all three from the uploaded file (stateless), so any app
 * process can serve either request.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { ImportIssue } from '../../../../common/errors';
import type { AppContext } from '../../../context';
import { audit, type AuditActor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Principal } from '../../../platform/principal';
import { accounts, sessions } from '../../../platform/schema';
import { personColumns } from '../people';
import { people } from '../schema';
import { insertUnit, type UnitRow } from '../units';
import { analyseImport, chunks, DB_CHUNK, type ImportOptions, type ImportSummary, type PlannedRow } from './plan';
import { readWorkbook, type SheetColumn } from './sheet';
import type { UnitTarget } from './unit-directory';

export const PREVIEW_ROW_LIMIT = 500;
/** Every issue is counted; this many are sent back (a 20k-row file of errors would be megabytes). */
export const ISSUE_REPORT_LIMIT = 1000;
const INSERT_CHUNK = 500;

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
