import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { questionCategories, questions } from './schema';
import { requireBankRole } from './access';

const MAX_DEPTH = 8;

export async function listCategories(ctx: AppContext, p: Principal) {
  requireBankRole(p);
  const rows = await ctx.db.select().from(questionCategories).orderBy(asc(questionCategories.depth), asc(questionCategories.sortOrder), asc(questionCategories.id));
  const counts = await ctx.db.select({ id: questions.categoryId, n: count() }).from(questions).groupBy(questions.categoryId);
  const direct = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return rows.map((c) => ({ id: c.id, parentId: c.parentId, name: c.name, path: c.path, depth: c.depth, questionCount: direct.get(c.id) ?? 0 }));
}

/** Category id → its names from the root, for the given ids, in one query. */
export async function categoryPathNames(db: Db, ids: (number | null)[]): Promise<Map<number, string[]>> {
  const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!wanted.length) return new Map();
  const own = await db.select({ id: questionCategories.id, path: questionCategories.path }).from(questionCategories).where(inArray(questionCategories.id, wanted));
  const all = new Set<number>();
  for (const o of own) for (const x of o.path.split('/').filter(Boolean)) all.add(Number(x));
  const names = await db.select({ id: questionCategories.id, name: questionCategories.name }).from(questionCategories).where(inArray(questionCategories.id, [...all]));
  const byId = new Map(names.map((n) => [n.id, n.name]));
  return new Map(own.map((o) => [o.id, o.path.split('/').filter(Boolean).map((x) => byId.get(Number(x)) ?? '?')]));
}

/** Finds or creates the category at this path of names (used by imports). */
export async function ensureCategoryPath(db: Db, names: string[]): Promise<number | null> {
  let parent: { id: number; path: string; depth: number } | null = null;
  for (const name of names) {
    const [hit] = await db
      .select()
      .from(questionCategories)
      .where(and(sql`coalesce(${questionCategories.parentId}, 0) = ${parent?.id ?? 0}`, eq(questionCategories.name, name)));
    parent = hit ?? (await insertCategory(db, parent, name));
  }
  return parent?.id ?? null;
}

async function insertCategory(db: Db, parent: { id: number; path: string; depth: number } | null, name: string) {
  const depth = parent ? parent.depth + 1 : 0;
  if (depth >= MAX_DEPTH) throw new AppError('BAD_REQUEST', `分类层级不能超过${MAX_DEPTH}级`);
  const [c] = await db.insert(questionCategories).values({ parentId: parent?.id ?? null, name, path: 'pending', depth }).returning();
  const [withPath] = await db
    .update(questionCategories)
    .set({ path: `${parent?.path ?? '/'}${c.id}/` })
    .where(eq(questionCategories.id, c.id))
    .returning();
  return withPath;
}

export async function createCategory(ctx: AppContext, p: Principal, actor: AuditActor, input: { name: string; parentId: number | null }) {
  requireBankRole(p);
  return ctx.db.transaction(async (tx) => {
    let parent = null;
    if (input.parentId !== null) {
      [parent] = await tx.select().from(questionCategories).where(eq(questionCategories.id, input.parentId));
      if (!parent) throw notFound('上级分类');
    }
    const [dup] = await tx
      .select({ id: questionCategories.id })
      .from(questionCategories)
      .where(and(sql`coalesce(${questionCategories.parentId}, 0) = ${input.parentId ?? 0}`, eq(questionCategories.name, input.name)));
    if (dup) throw new AppError('CONFLICT', `同级已有名为“${input.name}”的分类`, { issues: [{ path: 'name', message: '同级已有同名分类' }] });
    const c = await insertCategory(tx, parent ?? null, input.name);
    await audit(tx, actor, { action: 'question_category.create', entityType: 'question_category', entityId: c.id, summary: `新增题库分类“${input.name}”` });
    return c;
  });
}
