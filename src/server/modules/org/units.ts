import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { MAX_UNIT_DEPTH, type UnitView } from '../../../common/org';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { canManageUnitPath, hasRole, subtreeCondition, unitScope, type Principal } from '../../platform/principal';
import { people, units } from './schema';

export type UnitRow = typeof units.$inferSelect;
export type { UnitView };


export async function listUnits(ctx: AppContext, p: Principal): Promise<UnitView[]> {
  const { db } = ctx;
  const rows = await db.select().from(units).where(unitScope(p)).orderBy(asc(units.depth), asc(units.sortOrder), asc(units.id));
  const counts = await db
    .select({ unitId: people.unitId, n: count() })
    .from(people)
    .where(eq(people.status, '在职'))
    .groupBy(people.unitId);
  const direct = new Map(counts.map((c) => [c.unitId, Number(c.n)]));
  const total = new Map<number, number>();
  for (const [unitId, n] of direct) {
    const u = rows.find((r) => r.id === unitId);
    if (!u) continue;
    for (const anc of u.path.split('/').filter(Boolean).map(Number)) total.set(anc, (total.get(anc) ?? 0) + n);
  }
  return rows.map((u) => ({
    id: u.id,
    parentId: u.parentId,
    name: u.name,
    path: u.path,
    depth: u.depth,
    sortOrder: u.sortOrder,
    disabled: u.disabled,
    peopleCount: direct.get(u.id) ?? 0,
    totalPeople: total.get(u.id) ?? 0,
  }));
}

export async function getUnit(db: Db, id: number): Promise<UnitRow | undefined> {
  const [u] = await db.select().from(units).where(eq(units.id, id));
  return u;
}

/** A unit the principal may manage, or a 404 (not 403: another unit's existence is not disclosed). */
export async function manageableUnit(db: Db, p: Principal, id: number): Promise<UnitRow> {
  const u = await getUnit(db, id);
  if (!u || !canManageUnitPath(p, u.path)) throw notFound('单位');
  return u;
}

function checkName(name: string): string {
  const n = name.trim();
  if (!n) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'name', message: '请填写单位名称' }] });
  if (n.includes('/')) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'name', message: '单位名称不能包含“/”' }] });
  return n;
}

async function assertNameFree(db: Db, parentId: number | null, name: string, exceptId?: number) {
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(sql`coalesce(${units.parentId}, 0) = ${parentId ?? 0}`, eq(units.name, name)));
  if (rows.some((r) => r.id !== exceptId)) {
    throw new AppError('CONFLICT', `同一上级单位下已有名为“${name}”的单位`, { issues: [{ path: 'name', message: '同级已有同名单位' }] });
  }
}

/** Creates a unit; used by the API and by the people import (with its transaction). */
export async function insertUnit(db: Db, parent: UnitRow | null, name: string, sortOrder = 0): Promise<UnitRow> {
  const depth = parent ? parent.depth + 1 : 0;
  if (depth >= MAX_UNIT_DEPTH) throw new AppError('BAD_REQUEST', `单位层级不能超过${MAX_UNIT_DEPTH}级`);
  const [created] = await db
    .insert(units)
    .values({ parentId: parent?.id ?? null, name, path: 'pending', depth, sortOrder })
    .returning();
  const path = `${parent?.path ?? '/'}${created.id}/`;
  const [withPath] = await db.update(units).set({ path }).where(eq(units.id, created.id)).returning();
  return withPath;
}

export async function createUnit(ctx: AppContext, p: Principal, actor: AuditActor, input: { name: string; parentId: number | null; sortOrder?: number }) {
  const name = checkName(input.name);
  return ctx.db.transaction(async (tx) => {
    let parent: UnitRow | null = null;
    if (input.parentId !== null) parent = await manageableUnit(tx, p, input.parentId);
    else if (!hasRole(p, 'admin')) throw forbidden('只有系统管理员可以新增顶级单位');
    await assertNameFree(tx, parent?.id ?? null, name);
    const u = await insertUnit(tx, parent, name, input.sortOrder);
    await audit(tx, actor, { action: 'unit.create', entityType: 'unit', entityId: u.id, summary: `新增单位“${name}”`, after: u });
    return u;
  });
}

export async function updateUnit(
  ctx: AppContext,
  p: Principal,
  actor: AuditActor,
  id: number,
  patch: { name?: string; parentId?: number | null; disabled?: boolean; sortOrder?: number },
) {
  return ctx.db.transaction(async (tx) => {
    const before = await manageableUnit(tx, p, id);
    const isOwnRoot = p.adminUnits.some((a) => a.id === id) && !hasRole(p, 'admin');
    const set: Partial<UnitRow> = { updatedAt: new Date() };
    if (patch.name !== undefined) {
      set.name = checkName(patch.name);
      await assertNameFree(tx, before.parentId, set.name, id);
    }
    if (patch.disabled !== undefined) {
      if (isOwnRoot) throw forbidden('不能停用自己管理的根单位');
      set.disabled = patch.disabled;
    }
    if (patch.sortOrder !== undefined) set.sortOrder = patch.sortOrder;
    let moved = false;
    if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
      if (isOwnRoot) throw forbidden('不能移动自己管理的根单位');
      let newParent: UnitRow | null = null;
      if (patch.parentId !== null) {
        newParent = await manageableUnit(tx, p, patch.parentId);
        if (newParent.path.startsWith(before.path)) {
          throw new AppError('VALIDATION', undefined, { issues: [{ path: 'parentId', message: '不能移动到自身或其下级单位' }] });
        }
      } else if (!hasRole(p, 'admin')) throw forbidden('只有系统管理员可以设置顶级单位');
      await assertNameFree(tx, newParent?.id ?? null, set.name ?? before.name, id);
      const newPath = `${newParent?.path ?? '/'}${id}/`;
      const depthDelta = (newParent ? newParent.depth + 1 : 0) - before.depth;
      const deepest = await tx
        .select({ d: sql<number>`max(${units.depth})` })
        .from(units)
        .where(subtreeCondition(before.path));
      if (Number(deepest[0]?.d ?? 0) + depthDelta >= MAX_UNIT_DEPTH) throw new AppError('BAD_REQUEST', `单位层级不能超过${MAX_UNIT_DEPTH}级`);
      // Re-root the whole subtree's materialised paths in one statement.
      await tx
        .update(units)
        .set({
          path: sql`${newPath} || substr(${units.path}, ${before.path.length + 1})`,
          depth: sql`${units.depth} + ${depthDelta}`,
        })
        .where(subtreeCondition(before.path));
      set.parentId = newParent?.id ?? null;
      moved = true;
    }
    const [after] = await tx.update(units).set(set).where(eq(units.id, id)).returning();
    await audit(tx, actor, {
      action: moved ? 'unit.move' : 'unit.update',
      entityType: 'unit',
      entityId: id,
      summary: `修改单位“${before.name}”`,
      before,
      after,
    });
    return after;
  });
}

export async function deleteUnit(ctx: AppContext, p: Principal, actor: AuditActor, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const u = await manageableUnit(tx, p, id);
    if (p.adminUnits.some((a) => a.id === id) && !hasRole(p, 'admin')) throw forbidden('不能删除自己管理的根单位');
    const [{ n: children }] = await tx.select({ n: count() }).from(units).where(eq(units.parentId, id));
    const [{ n: members }] = await tx.select({ n: count() }).from(people).where(eq(people.unitId, id));
    if (Number(children) > 0 || Number(members) > 0) {
      throw new AppError(
        'UNIT_NOT_EMPTY',
        `“${u.name}”下还有${Number(members)}名人员（含调离/退休）、${Number(children)}个下级单位，不能删除。请先移走人员和下级单位，或改为“停用”。`,
      );
    }
    await tx.delete(units).where(eq(units.id, id));
    await audit(tx, actor, { action: 'unit.delete', entityType: 'unit', entityId: id, summary: `删除单位“${u.name}”`, before: u });
  });
}

/** id → "某区/司法局/法制科" for the given units' ancestors, in one query. */
export async function unitPathNames(db: Db, paths: string[]): Promise<Map<string, string[]>> {
  const ids = new Set<number>();
  for (const p of paths) for (const id of p.split('/').filter(Boolean)) ids.add(Number(id));
  const rows = ids.size ? await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...ids])) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return new Map(
    paths.map((p) => [
      p,
      p
        .split('/')
        .filter(Boolean)
        .map((id) => names.get(Number(id)) ?? '?'),
    ]),
  );
}
