/**
 * In-app notifications (提醒). `notify` is the one way to write them; a dedupe key makes a
 * reminder idempotent per account (the unique index on (account_id, dedupe_key)).
 */
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { NotificationView } from '../../../common/duty';
import type { Db } from '../../db/client';
import { notFound } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { accounts, roleGrants } from '../../platform/schema';
import { units } from '../org/schema';
import { notifications } from './schema';

export interface NotifyInput {
  accountIds: number[];
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /** same key for the same reminder in the same period: a second send adds nothing */
  dedupeKey?: string | null;
  createdBy?: number | null;
}

/** Writes one notification per account (skipping those that already hold the dedupe key); returns how many were written. */
export async function notify(db: Db, n: NotifyInput): Promise<number> {
  const ids = [...new Set(n.accountIds)];
  if (ids.length === 0) return 0;
  const rows = ids.map((accountId) => ({
    accountId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link ?? null,
    dedupeKey: n.dedupeKey ?? null,
    createdBy: n.createdBy ?? null,
  }));
  let written = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insert(notifications)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing({ target: [notifications.accountId, notifications.dedupeKey] })
      .returning({ id: notifications.id });
    written += inserted.length;
  }
  return written;
}

/** Which (account, dedupe key) pairs already exist: lets a dry run say who was reminded this week. */
export async function existingKeys(db: Db, accountIds: number[], dedupeKeys: string[]): Promise<Set<string>> {
  if (accountIds.length === 0 || dedupeKeys.length === 0) return new Set();
  const rows = await db
    .select({ accountId: notifications.accountId, key: notifications.dedupeKey })
    .from(notifications)
    .where(and(inArray(notifications.accountId, [...new Set(accountIds)]), inArray(notifications.dedupeKey, [...new Set(dedupeKeys)])));
  return new Set(rows.map((r) => `${r.accountId}|${r.key}`));
}

/** The (enabled) login of each person. */
export async function accountsOfPeople(db: Db, personIds: number[]): Promise<Map<number, number>> {
  if (personIds.length === 0) return new Map();
  const out = new Map<number, number>();
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({ id: accounts.id, personId: accounts.personId })
      .from(accounts)
      .where(and(inArray(accounts.personId, ids.slice(i, i + 1000)), eq(accounts.disabled, false)));
    for (const r of rows) if (r.personId !== null) out.set(r.personId, r.id);
  }
  return out;
}

/**
 * The unit admins responsible for each unit: accounts holding a unit_admin grant on the unit or
 * one of its ancestors. Keyed by unit path.
 */
export async function unitAdminsByPath(db: Db, unitPaths: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (unitPaths.length === 0) return out;
  const grants = await db
    .select({ accountId: roleGrants.accountId, path: units.path })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .where(and(eq(roleGrants.role, 'unit_admin'), eq(accounts.disabled, false)));
  for (const p of new Set(unitPaths)) {
    out.set(
      p,
      grants.filter((g) => p.startsWith(g.path)).map((g) => g.accountId),
    );
  }
  return out;
}

export async function listMyNotifications(db: Db, p: Principal, q: { unread?: boolean; page: number; pageSize: number }) {
  const where = and(eq(notifications.accountId, p.accountId), q.unread ? isNull(notifications.readAt) : undefined);
  const [{ total }] = await db.select({ total: count() }).from(notifications).where(where);
  const rows = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const items: NotificationView[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
  }));
  return { items, total, unread: await unreadCount(db, p) };
}

export async function unreadCount(db: Db, p: Principal): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, p.accountId), isNull(notifications.readAt)));
  return n;
}

/** Marks one of the caller's own notifications read (someone else's is a 404). */
export async function markRead(db: Db, p: Principal, id: number): Promise<{ unread: number }> {
  const [row] = await db
    .select({ id: notifications.id, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.accountId, p.accountId)));
  if (!row) throw notFound('提醒');
  if (!row.readAt) await db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id));
  return { unread: await unreadCount(db, p) };
}

export async function markAllRead(db: Db, p: Principal): Promise<{ marked: number }> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.accountId, p.accountId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
