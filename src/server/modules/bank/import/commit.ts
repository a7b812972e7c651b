/**
 * Question import, stage 3: preview (the plan, shaped for the page) and commit (re-plans from the
 * uploaded file and, only when it has no issue at all, writes everything in one transaction).
 */
import { count, inArray, sql } from 'drizzle-orm';
import type { ImportIssue } from '../../../../common/errors';
import type { AppContext } from '../../../context';
import { audit, type AuditActor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Principal } from '../../../platform/principal';
import { requireBankRole } from '../access';
import { ensureCategoryPath } from '../categories';
import { htmlToText } from '../sanitize';
import { questionCategories, questions, questionVersionArticles, questionVersions } from '../schema';
import { analyseImport, FORMAT_ZH, type ImportFormat, type ImportUpload, type PlanIssue, type PlanRow, type SimilarInFile, type SimilarRef } from './plan';

export const PREVIEW_ROW_LIMIT = 500;
/** Every issue is counted; this many are sent back. */
export const ISSUE_REPORT_LIMIT = 1000;
const INSERT_CHUNK = 1000;

export interface QuestionImportPreview {
  ok: boolean;
  format: ImportFormat;
  issueCount: number;
  issues: PlanIssue[];
  warningCount: number;
  warnings: PlanIssue[];
  summary: { total: number; valid: number; create: number; duplicatesInBank: number; duplicatesInFile: number; categoriesToCreate: string[] };
  rows: {
    ref: number;
    type: string;
    stemText: string;
    categoryPath: string[];
    legalBasis: { lawTitle: string; articleLabel: string; articleId?: number }[];
    similar: SimilarRef[];
    similarInFile: SimilarInFile[];
  }[];
}

const stemText = (html: string) => {
  const t = htmlToText(html);
  return t.length > 300 ? `${t.slice(0, 300)}…` : t;
};

export async function previewQuestionImport(ctx: AppContext, p: Principal, upload: ImportUpload): Promise<QuestionImportPreview> {
  requireBankRole(p);
  const plan = await analyseImport(ctx.db, upload);
  return {
    ok: plan.issues.length === 0,
    format: plan.format,
    issueCount: plan.issues.length,
    issues: plan.issues.slice(0, ISSUE_REPORT_LIMIT),
    warningCount: plan.warnings.length,
    warnings: plan.warnings.slice(0, ISSUE_REPORT_LIMIT),
    summary: plan.summary,
    rows: plan.rows.slice(0, PREVIEW_ROW_LIMIT).map((r) => ({
      ref: r.ref,
      type: r.type,
      stemText: stemText(r.content.stem),
      categoryPath: r.categoryPath,
      legalBasis: r.legalBasis,
      similar: r.similar,
      similarInFile: r.similarInFile,
    })),
  };
}

export interface QuestionImportResult {
  created: number;
  skippedDuplicates: number;
  categoriesCreated: number;
}

const toImportIssue = (i: PlanIssue): ImportIssue => ({ sheet: i.sheet, row: i.row, column: i.column, message: i.message });

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export async function commitQuestionImport(
  ctx: AppContext,
  p: Principal,
  actor: AuditActor,
  upload: ImportUpload,
  opts: { skipDuplicates: boolean },
): Promise<QuestionImportResult> {
  requireBankRole(p);
  const plan = await analyseImport(ctx.db, upload);
  if (plan.issues.length) {
    throw new AppError('IMPORT_INVALID', `导入文件有${plan.issues.length}处错误，未写入任何数据`, {
      importIssues: plan.issues.slice(0, ISSUE_REPORT_LIMIT).map(toImportIssue),
    });
  }
  const keep = opts.skipDuplicates ? plan.rows.filter((r) => !r.duplicate) : plan.rows;
  const skippedDuplicates = plan.rows.length - keep.length;
  if (!keep.length && !plan.rows.length) throw new AppError('BAD_REQUEST', '文件中没有可导入的题目');

  return ctx.db.transaction(async (tx) => {
    const [{ n: catsBefore }] = await tx.select({ n: count() }).from(questionCategories);
    const categoryOf = new Map<string, number | null>();
    const categoryIdFor = async (r: PlanRow): Promise<number | null> => {
      if (r.defaultCategory) return plan.defaultCategoryId;
      if (!r.categoryPath.length) return null;
      const key = r.categoryPath.join('\u0000');
      if (!categoryOf.has(key)) categoryOf.set(key, await ensureCategoryPath(tx, r.categoryPath));
      return categoryOf.get(key)!;
    };
    const categoryIds: (number | null)[] = [];
    for (const r of keep) categoryIds.push(await categoryIdFor(r));

    let offset = 0;
    for (const batch of chunks(keep, INSERT_CHUNK)) {
      const cats = categoryIds.slice(offset, offset + batch.length);
      offset += batch.length;
      const qs = await tx
        .insert(questions)
        .values(batch.map((r, i) => ({ type: r.type, status: 'draft', categoryId: cats[i], createdBy: p.accountId })))
        .returning({ id: questions.id });
      const vs = await tx
        .insert(questionVersions)
        .values(
          batch.map((r, i) => ({
            questionId: qs[i].id,
            versionNo: 1,
            content: r.content,
            contentHash: r.hash,
            searchText: r.searchText,
            difficulty: r.content.difficulty,
            createdBy: p.accountId,
          })),
        )
        .returning({ id: questionVersions.id, questionId: questionVersions.questionId });
      const ids = qs.map((q) => q.id);
      await tx.execute(
        sql`update ${questions} set current_version_id = v.id from ${questionVersions} v where v.question_id = ${questions.id} and ${inArray(questions.id, ids)}`,
      );
      const versionOf = new Map(vs.map((v) => [v.questionId, v.id]));
      const links = batch.flatMap((r, i) =>
        [...new Set(r.content.legalBasis.map((b) => b.articleId).filter((x): x is number => typeof x === 'number'))].map((articleId) => ({
          versionId: versionOf.get(qs[i].id)!,
          articleId,
        })),
      );
      for (const l of chunks(links, INSERT_CHUNK)) await tx.insert(questionVersionArticles).values(l);
    }
    const [{ n: catsAfter }] = await tx.select({ n: count() }).from(questionCategories);
    const result: QuestionImportResult = { created: keep.length, skippedDuplicates, categoriesCreated: Number(catsAfter) - Number(catsBefore) };
    await audit(tx, actor, {
      action: 'question.import',
      entityType: 'question',
      summary: `导入题目 ${result.created} 道（${FORMAT_ZH[plan.format]}${upload.filename ? `：${upload.filename}` : ''}）`,
      after: { format: plan.format, filename: upload.filename, ...result, warnings: plan.warnings.length },
    });
    return result;
  });
}
