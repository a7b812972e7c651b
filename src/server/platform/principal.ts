import { eq, like, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '../../common/org';
import { people, units } from '../modules/org/schema';
import { forbidden } from './errors';

/** Who is calling, resolved once per request from the session. */
export interface Principal {
  accountId: number;
  personId: number | null;
  displayName: string;
  roles: Role[];
  /** Roots of the subtrees this account administers as 单位管理员. */
  adminUnits: { id: number; path: string }[];
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
}

export const hasRole = (p: Principal, ...roles: Role[]) => roles.some((r) => p.roles.includes(r));

export function requireRole(p: Principal, ...roles: Role[]): void {
  if (!hasRole(p, ...roles)) throw forbidden();
}

/** Admin and organiser see the whole organisation; a unit admin sees their subtrees. */
export const seesEverything = (p: Principal) => hasRole(p, 'admin', 'organiser');

/** True when unitPath lies inside a subtree the principal administers (or the principal is admin). */
export function canManageUnitPath(p: Principal, unitPath: string): boolean {
  if (hasRole(p, 'admin')) return true;
  return p.adminUnits.some((u) => unitPath.startsWith(u.path));
}

export function canReadUnitPath(p: Principal, unitPath: string): boolean {
  return seesEverything(p) || canManageUnitPath(p, unitPath);
}

/** Escape LIKE wildcards; paths contain only digits and '/', but never trust that at a boundary. */
const likePrefix = (prefix: string) => prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';

/**
 * The condition every people query a principal can reach must carry (join units on people.unit_id).
 * undefined means "no restriction".
 */
export function peopleScope(p: Principal): SQL | undefined {
  if (seesEverything(p)) return undefined;
  const parts: SQL[] = p.adminUnits.map((u) => like(units.path, likePrefix(u.path)));
  if (p.personId !== null) parts.push(eq(people.id, p.personId));
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0] : or(...parts);
}

/** Units a principal may see: everything, or their administered subtrees (members see only their own unit). */
export function unitScope(p: Principal): SQL | undefined {
  if (seesEverything(p)) return undefined;
  const parts: SQL[] = p.adminUnits.map((u) => like(units.path, likePrefix(u.path)));
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0] : or(...parts);
}

export function subtreeCondition(path: string): SQL {
  return subtreeConditionOn(units.path, path);
}

/** The same "inside this subtree" test for any materialised-path column (units, categories). */
export function subtreeConditionOn(column: AnyPgColumn, path: string): SQL {
  return like(column, likePrefix(path));
}

