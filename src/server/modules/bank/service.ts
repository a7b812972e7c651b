import { and, asc, count, desc, eq, ilike, inArray, max, sql, type SQL } from 'drizzle-orm';
import { transitionProblem, type QuestionContent, type QuestionStatus } from '../../../common/bank';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, notFound } from '../../platform/errors';
import { requireRole, subtreeConditionOn, type Principal } from '../../platform/principal';
import { requireBankRole } from './access';
import { accounts, settings } from '../../platform/schema';
import { lawArticles } from '../laws/schema';
import { categoryPathNames } from './categories';
import { canonicalContent } from './content';
import { htmlToText } from './sanitize';
import { questionCategories, questions, questionStatusLog, questionVersionArticles, questionVersions } from './schema';
import { findSimilar } from './similar';

export { requireBankRole };

export const REVIEW_SETTING = 'bank.reviewRequired';

export async function reviewRequired(db: Db): Promise<boolean> {
  const [row] = await db.select().from(settings).where(eq(settings.key, REVIEW_SETTING));
  return row ? row.value !== false : true; // a second person's review is the default
}

/** 系统管理员 turns the second-person review on or off; the change is audited. */
export async function setReviewRequired(ctx: AppContext, p: Principal, actor: AuditActor, value: boolean): Promise<{ reviewRequired: boolean }> {
  requireRole(p, 'admin');
  await ctx.db.transaction(async (tx) => {
    const before = await reviewRequired(tx);
    await tx
      .insert(settings)
      .values({ key: REVIEW_SETTING, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    await audit(tx, actor, { action: 'settings.update', entityType: 'settings', entityId: REVIEW_SETTING, summary: value ? '开启题目审核（须他人审核后启用）' : '关闭题目审核', before: { reviewRequired: before }, after: { reviewRequired: value } });
  });
  return { reviewRequired: value };
}

export interface QuestionFilters {
  q?: string;
  type?: string;
  status?: string;
  categoryId?: number;
  difficulty?: number;
  knowledgePoint?: string;
  year?: number;
  ids?: number[];
}

export interface QuestionSummary {
  id: number;
  type: string;
  status: QuestionStatus;
  versionId: number;
  versionNo: number;
  stemText: string;
  difficulty: number;
  knowledgePoints: string[];
  legalBasis: QuestionContent['legalBasis'];
  categoryId: number | null;
  categoryPath: string[];
  updatedAt: string;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function filterConditions(db: Db, f: QuestionFilters): Promise<SQL[]> {
  const c: SQL[] = [];
  if (f.ids?.length) c.push(inArray(questions.id, f.ids));
  if (f.type) c.push(eq(questions.type, f.type));
  if (f.status) c.push(eq(questions.status, f.status));
  if (f.difficulty) c.push(eq(questionVersions.difficulty, f.difficulty));
  if (f.categoryId !== undefined) {
    const [cat] = await db.select().from(questionCategories).where(eq(questionCategories.id, f.categoryId));
    if (!cat) throw notFound('分类');
    c.push(sql`${questions.categoryId} in (select id from question_categories where ${subtreeConditionOn(questionCategories.path, cat.path)})`);
  }
  if (f.q?.trim()) for (const term of f.q.trim().split(/\s+/)) c.push(ilike(questionVersions.searchText, `%${escapeLike(term)}%`));
  if (f.knowledgePoint) c.push(sql`${questionVersions.content}->'knowledgePoints' ? ${f.knowledgePoint}`);
  if (f.year) c.push(sql`(${questionVersions.content}->>'yearAdded')::int = ${f.year}`);
  return c;
}

export async function listQuestions(ctx: AppContext, p: Principal, f: QuestionFilters, page: number, pageSize: number) {
  requireBankRole(p);
  const { db } = ctx;
  const where = and(...(await filterConditions(db, f)));
  const base = () => db.select({ n: count() }).from(questions).innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId));
  const [{ n }] = await base().where(where);
  const rows = await db
    .select({ q: questions, v: questionVersions })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(where)
    .orderBy(desc(questions.updatedAt), desc(questions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const paths = await categoryPathNames(db, rows.map((r) => r.q.categoryId));
  const items: QuestionSummary[] = rows.map(({ q, v }) => ({
    id: q.id,
    type: q.type,
    status: q.status as QuestionStatus,
    versionId: v.id,
    versionNo: v.versionNo,
    stemText: clip(htmlToText(v.content.stem).replace(/\{\{\d+\}\}/g, '（　）'), 300),
    difficulty: v.difficulty,
    knowledgePoints: v.content.knowledgePoints,
    legalBasis: v.content.legalBasis,
    categoryId: q.categoryId,
    categoryPath: q.categoryId ? (paths.get(q.categoryId) ?? []) : [],
    updatedAt: q.updatedAt.toISOString(),
  }));
  return { items, total: Number(n), page, pageSize };
}

async function loadQuestion(db: Db, id: number) {
  const [q] = await db.select().from(questions).where(eq(questions.id, id));
  if (!q) throw notFound('题目');
  return q;
}

export async function getQuestion(ctx: AppContext, p: Principal, id: number) {
  requireBankRole(p);
  const { db } = ctx;
  const q = await loadQuestion(db, id);
  const versions = await db
    .select({
      id: questionVersions.id,
      versionNo: questionVersions.versionNo,
      createdAt: questionVersions.createdAt,
      createdBy: questionVersions.createdBy,
      createdByName: accounts.displayName,
    })
    .from(questionVersions)
    .leftJoin(accounts, eq(accounts.id, questionVersions.createdBy))
    .where(eq(questionVersions.questionId, id))
    .orderBy(desc(questionVersions.versionNo));
  const [current] = await db.select().from(questionVersions).where(eq(questionVersions.id, q.currentVersionId!));
  const log = await db.select().from(questionStatusLog).where(eq(questionStatusLog.questionId, id)).orderBy(desc(questionStatusLog.id));
  const paths = await categoryPathNames(db, [q.categoryId]);
  const needsReview = await reviewRequired(db);
  const ctxT = { reviewRequired: needsReview, actorIsAuthor: current.createdBy === p.accountId };
  return {
    id: q.id,
    type: q.type,
    status: q.status as QuestionStatus,
    categoryId: q.categoryId,
    categoryPath: q.categoryId ? (paths.get(q.categoryId) ?? []) : [],
    current: { id: current.id, versionNo: current.versionNo, content: current.content, createdAt: current.createdAt.toISOString() },
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    statusLog: log.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })),
    allowedTransitions: (['draft', 'pending_review', 'active', 'retired'] as const).filter((to) => transitionProblem(q.status as QuestionStatus, to, ctxT) === null),
    reviewRequired: needsReview,
  };
}

export async function getVersion(ctx: AppContext, p: Principal, questionId: number, versionId: number) {
  requireBankRole(p);
  const [v] = await ctx.db
    .select()
    .from(questionVersions)
    .where(and(eq(questionVersions.id, versionId), eq(questionVersions.questionId, questionId)));
  if (!v) throw notFound('题目版本');
  return { id: v.id, versionNo: v.versionNo, content: v.content, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy };
}

/** The cited articles must exist; their ids are recorded so a superseded article can be found later. */
async function citedArticles(db: Db, content: QuestionContent): Promise<number[]> {
  const ids = [...new Set(content.legalBasis.map((b) => b.articleId).filter((x): x is number => typeof x === 'number'))];
  if (!ids.length) return [];
  const found = await db.select({ id: lawArticles.id }).from(lawArticles).where(inArray(lawArticles.id, ids));
  const have = new Set(found.map((f) => f.id));
  const issues = content.legalBasis
    .map((b, i) => (b.articleId && !have.has(b.articleId) ? { path: `content.legalBasis.${i}.articleId`, message: '引用的法条不存在' } : null))
    .filter((x): x is { path: string; message: string } => x !== null);
  if (issues.length) throw new AppError('VALIDATION', undefined, { issues });
  return ids;
}

export async function insertVersion(db: Db, questionId: number, versionNo: number, canon: ReturnType<typeof canonicalContent>, accountId: number) {
  const [v] = await db
    .insert(questionVersions)
    .values({
      questionId,
      versionNo,
      content: canon.content,
      contentHash: canon.hash,
      searchText: canon.searchText,
      difficulty: canon.content.difficulty,
      createdBy: accountId,
    })
    .returning();
  const articleIds = await citedArticles(db, canon.content);
  if (articleIds.length) await db.insert(questionVersionArticles).values(articleIds.map((articleId) => ({ versionId: v.id, articleId })));
  return v;
}


export async function createQuestion(ctx: AppContext, p: Principal, actor: AuditActor, input: { content: unknown; categoryId?: number | null }) {
  requireBankRole(p);
  const canon = canonicalContent(input.content);
  const id = await ctx.db.transaction(async (tx) => {
    if (input.categoryId) await assertCategory(tx, input.categoryId);
    const [q] = await tx
      .insert(questions)
      .values({ type: canon.content.type, status: 'draft', categoryId: input.categoryId ?? null, createdBy: p.accountId })
      .returning();
    const v = await insertVersion(tx, q.id, 1, canon, p.accountId);
    await tx.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, q.id));
    await audit(tx, actor, { action: 'question.create', entityType: 'question', entityId: q.id, summary: `新增题目：${canon.searchText.slice(0, 40)}` });
    return q.id;
  });
  const similar = await findSimilar(ctx.db, canon.content, id);
  return { question: await getQuestion(ctx, p, id), similar };
}

export async function assertCategory(db: Db, id: number) {
  const [c] = await db.select({ id: questionCategories.id }).from(questionCategories).where(eq(questionCategories.id, id));
  if (!c) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'categoryId', message: '分类不存在' }] });
}

/**
 * An edit is a new version. The base version must still be current (two people editing at once
 * is a 409, not a silent overwrite). An active question that changes goes back through review
 * when review is required, so no unreviewed text is ever drawn.
 */
export async function reviseQuestion(
  ctx: AppContext,
  p: Principal,
  actor: AuditActor,
  id: number,
  input: { content: unknown; baseVersionId: number },
) {
  requireBankRole(p);
  const canon = canonicalContent(input.content);
  let changed = false;
  await ctx.db.transaction(async (tx) => {
    const q = await loadQuestion(tx, id);
    if (q.currentVersionId !== input.baseVersionId) {
      throw new AppError('CONFLICT', '题目已被他人修改，请刷新后在最新版本上修改');
    }
    if (canon.content.type !== q.type) {
      throw new AppError('VALIDATION', undefined, { issues: [{ path: 'content.type', message: '不能修改题型，请新建题目' }] });
    }
    const [cur] = await tx.select().from(questionVersions).where(eq(questionVersions.id, q.currentVersionId!));
    if (cur.contentHash === canon.hash) return; // nothing changed: no new version
    const [{ m }] = await tx.select({ m: max(questionVersions.versionNo) }).from(questionVersions).where(eq(questionVersions.questionId, id));
    const v = await insertVersion(tx, id, Number(m) + 1, canon, p.accountId);
    let status = q.status as QuestionStatus;
    if ((status === 'active' || status === 'pending_review') && (await reviewRequired(tx))) status = 'draft';
    await tx.update(questions).set({ currentVersionId: v.id, status, updatedAt: new Date() }).where(eq(questions.id, id));
    if (status !== q.status) {
      await tx.insert(questionStatusLog).values({ questionId: id, versionId: v.id, fromStatus: q.status, toStatus: status, comment: '修改后须重新审核', actorAccountId: p.accountId, actorName: p.displayName });
    }
    await audit(tx, actor, {
      action: 'question.revise',
      entityType: 'question',
      entityId: id,
      summary: `修改题目（第${v.versionNo}版）`,
      before: { versionId: cur.id, status: q.status },
      after: { versionId: v.id, status },
    });
    changed = true;
  });
  const similar = changed ? await findSimilar(ctx.db, canon.content, id) : [];
  return { question: await getQuestion(ctx, p, id), changed, similar };
}

export async function changeStatus(ctx: AppContext, p: Principal, actor: AuditActor, id: number, input: { to: QuestionStatus; comment?: string }) {
  requireBankRole(p);
  await ctx.db.transaction(async (tx) => {
    const q = await loadQuestion(tx, id);
    const [cur] = await tx.select({ createdBy: questionVersions.createdBy }).from(questionVersions).where(eq(questionVersions.id, q.currentVersionId!));
    const problem = transitionProblem(q.status as QuestionStatus, input.to, { reviewRequired: await reviewRequired(tx), actorIsAuthor: cur.createdBy === p.accountId });
    if (problem) throw new AppError('CONFLICT', problem);
    await tx.update(questions).set({ status: input.to, updatedAt: new Date() }).where(eq(questions.id, id));
    await tx.insert(questionStatusLog).values({
      questionId: id,
      versionId: q.currentVersionId!,
      fromStatus: q.status,
      toStatus: input.to,
      comment: input.comment ?? null,
      actorAccountId: p.accountId,
      actorName: p.displayName,
    });
    await audit(tx, actor, { action: 'question.status', entityType: 'question', entityId: id, before: { status: q.status }, after: { status: input.to }, summary: input.comment });
  });
  return getQuestion(ctx, p, id);
}

export type BulkAction =
  | { action: 'move'; categoryId: number | null }
  | { action: 'status'; to: QuestionStatus; comment?: string }
  | { action: 'tag'; add: string[]; remove: string[] };

/**
 * Bulk move, status change or tagging: all or nothing, with every refused question named.
 * Tagging edits knowledge points, which are part of the content, so each changed question gets a
 * new version — but its status stays: the text an examinee sees has not changed.
 */
export async function bulkUpdate(ctx: AppContext, p: Principal, actor: AuditActor, ids: number[], op: BulkAction) {
  requireBankRole(p);
  const unique = [...new Set(ids)];
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: questions.id, status: questions.status, versionId: questions.currentVersionId, createdBy: questionVersions.createdBy })
      .from(questions)
      .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
      .where(inArray(questions.id, unique))
      .orderBy(asc(questions.id));
    const missing = unique.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw new AppError('NOT_FOUND', `题目不存在：${missing.slice(0, 10).join('、')}`);
    if (op.action === 'move') {
      if (op.categoryId) await assertCategory(tx, op.categoryId);
      await tx.update(questions).set({ categoryId: op.categoryId, updatedAt: new Date() }).where(inArray(questions.id, unique));
    } else if (op.action === 'tag') {
      let changed = 0;
      const current = await tx.select().from(questionVersions).where(inArray(questionVersions.id, rows.map((r) => r.versionId!)));
      for (const v of current) {
        const points = [...new Set([...v.content.knowledgePoints.filter((k) => !op.remove.includes(k)), ...op.add])];
        if (points.length === v.content.knowledgePoints.length && points.every((k, i) => k === v.content.knowledgePoints[i])) continue;
        const canon = canonicalContent({ ...v.content, knowledgePoints: points });
        const next = await insertVersion(tx, v.questionId, v.versionNo + 1, canon, p.accountId);
        await tx.update(questions).set({ currentVersionId: next.id, updatedAt: new Date() }).where(eq(questions.id, v.questionId));
        changed++;
      }
      await audit(tx, actor, { action: 'question.bulk_tag', entityType: 'question', summary: `批量设置知识点：${changed}/${unique.length} 道题有变化`, after: { ids: unique, ...op } });
      return { updated: changed };
    } else {
      const needsReview = await reviewRequired(tx);
      const refused = rows
        .map((r) => ({ id: r.id, problem: transitionProblem(r.status as QuestionStatus, op.to, { reviewRequired: needsReview, actorIsAuthor: r.createdBy === p.accountId }) }))
        .filter((r) => r.problem);
      if (refused.length) {
        throw new AppError('CONFLICT', `${refused.length}道题不能改为该状态，未做任何修改：${refused.slice(0, 5).map((r) => `#${r.id} ${r.problem}`).join('；')}`);
      }
      await tx.update(questions).set({ status: op.to, updatedAt: new Date() }).where(inArray(questions.id, unique));
      await tx.insert(questionStatusLog).values(
        rows.map((r) => ({ questionId: r.id, versionId: r.versionId!, fromStatus: r.status, toStatus: op.to, comment: op.comment ?? null, actorAccountId: p.accountId, actorName: p.displayName })),
      );
    }
    await audit(tx, actor, { action: `question.bulk_${op.action}`, entityType: 'question', summary: `批量操作 ${unique.length} 道题`, after: { ids: unique, ...op } });
    return { updated: unique.length };
  });
}
