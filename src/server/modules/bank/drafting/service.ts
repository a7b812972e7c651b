/**
 * Drafts from law articles, stored as 草稿 questions (never straight into exams): loads the
 * articles and their neighbours, runs the pure generator, and writes everything in one
 * transaction with one audit row.
 */
import { and, between, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import type { Db } from '../../../db/client';
import { audit, type AuditActor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Principal } from '../../../platform/principal';
import { requireBankRole } from '../access';
import { canonicalContent } from '../content';
import { questions } from '../schema';
import { assertCategory, insertVersion } from '../service';
import { lawArticles, laws, lawVersions } from '../../laws/schema';
import { draftQuestions, type Draft, type DraftArticle, type DraftKind } from './generate';

/** Articles on either side of the drafted one that supply alternatives for false statements. */
const NEIGHBOURS = 30;

export interface DraftRequest {
  articleIds: number[];
  kinds: DraftKind[];
  perArticle?: number;
  categoryId?: number | null;
  dryRun?: boolean;
  seed?: number;
}

const articleSelect = {
  id: lawArticles.id,
  versionId: lawArticles.versionId,
  ordinal: lawArticles.ordinal,
  label: lawArticles.label,
  text: lawArticles.text,
  lawTitle: laws.title,
  shortTitle: laws.shortTitle,
};

async function loadArticles(db: Db, ids: number[]) {
  const rows = await db
    .select(articleSelect)
    .from(lawArticles)
    .innerJoin(lawVersions, eq(lawVersions.id, lawArticles.versionId))
    .innerJoin(laws, eq(laws.id, lawVersions.lawId))
    .where(inArray(lawArticles.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const issues = ids
    .map((id, i) => (byId.has(id) ? null : { path: `articleIds.${i}`, message: `法条（编号${id}）不存在` }))
    .filter((x): x is { path: string; message: string } => x !== null);
  if (issues.length) throw new AppError('VALIDATION', undefined, { issues });
  return byId;
}

const toDraftArticle = (r: { id: number; label: string; text: string; lawTitle: string; shortTitle: string }): DraftArticle => ({
  id: r.id,
  lawTitle: r.lawTitle,
  shortTitle: r.shortTitle,
  label: r.label,
  text: r.text,
});

/** Generates drafts; nothing is written. */
export async function generateDrafts(db: Db, req: Omit<DraftRequest, 'categoryId' | 'dryRun'>): Promise<Draft[]> {
  const ids = req.articleIds;
  const byId = await loadArticles(db, ids);
  const out: Draft[] = [];
  for (const id of [...new Set(ids)]) {
    const a = byId.get(id)!;
    const related = await db
      .select(articleSelect)
      .from(lawArticles)
      .innerJoin(lawVersions, eq(lawVersions.id, lawArticles.versionId))
      .innerJoin(laws, eq(laws.id, lawVersions.lawId))
      .where(and(eq(lawArticles.versionId, a.versionId), between(lawArticles.ordinal, a.ordinal - NEIGHBOURS, a.ordinal + NEIGHBOURS)));
    out.push(
      ...draftQuestions(
        toDraftArticle(a),
        related.filter((r) => r.id !== a.id).map(toDraftArticle),
        { kinds: req.kinds, perArticle: req.perArticle ?? 1, seed: req.seed ?? 1 },
      ),
    );
  }
  return out;
}

export async function draftFromLaw(ctx: AppContext, p: Principal, actor: AuditActor, req: DraftRequest) {
  requireBankRole(p);
  const drafts = await generateDrafts(ctx.db, req);
  const shaped = drafts.map((d) => ({ articleId: d.articleId, kind: d.kind, content: d.content, score: d.score }));
  if (req.dryRun) return { drafts: shaped };
  const questionIds = await ctx.db.transaction(async (tx) => {
    if (req.categoryId) await assertCategory(tx, req.categoryId);
    const ids: number[] = [];
    for (const d of drafts) {
      const canon = canonicalContent(d.content);
      const [q] = await tx
        .insert(questions)
        .values({ type: canon.content.type, status: 'draft', categoryId: req.categoryId ?? null, createdBy: p.accountId })
        .returning();
      const v = await insertVersion(tx, q.id, 1, canon, p.accountId);
      await tx.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, q.id));
      ids.push(q.id);
    }
    await audit(tx, actor, {
      action: 'question.draft_from_law',
      entityType: 'question',
      entityId: null,
      summary: `由${new Set(drafts.map((d) => d.articleId)).size}条法条生成草稿${ids.length}道`,
      after: { articleIds: req.articleIds, kinds: req.kinds, perArticle: req.perArticle ?? 1, questionIds: ids },
    });
    return ids;
  });
  return { created: questionIds.length, questionIds };
}
