/**
 * What each role may do in the web app. The server enforces the same rules; this only decides
 * what to show, so the menu and buttons never offer something the user cannot use.
 */
import type { Role } from '../../common/org';
import type { Me, Unit } from '../types';

const CAPABILITIES = {
  'units.view': ['admin', 'unit_admin'],
  'units.manage': ['admin', 'unit_admin'],
  'units.createRoot': ['admin'],
  'people.view': ['admin', 'organiser', 'unit_admin'],
  'people.edit': ['admin', 'unit_admin'],
  'people.import': ['admin', 'unit_admin'],
  'people.revealId': ['admin', 'unit_admin'],
  'people.roles': ['admin'],
  'audit.view': ['admin'],
  'laws.upload': ['admin', 'organiser'],
  'bank.manage': ['admin', 'organiser'],
  /** every signed-in person with a person record (role 'member') is an examinee */
  'exam.take': ['member'],
  'exam.manage': ['admin', 'organiser'],
  'exam.results': ['admin', 'organiser', 'unit_admin'],
  /** 我的学习, 练习, 我的学法档案 */
  learn: ['member'],
  /** 学法清单, materials, year settings, quotas, 师资库 edits */
  'learning.manage': ['admin', 'organiser'],
  /** 集体学法 and 讲法 records with attendance (a unit admin for their subtree) */
  'activities.record': ['admin', 'organiser', 'unit_admin'],
  /** completion by unit, quotas progress, the lecture duty board, 学法档案, 师资库 (read) */
  'learning.progress': ['admin', 'organiser', 'unit_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function hasRole(me: Me | null | undefined, ...roles: Role[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r.role));
}

export function can(me: Me | null | undefined, cap: Capability): boolean {
  return hasRole(me, ...CAPABILITIES[cap]);
}

/** Ids in a materialised path "/1/4/9/" → [1, 4, 9]. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/**
 * Whether the user may change things in this unit: admin everywhere, a unit admin inside the
 * subtrees they administer (an organiser who is also a unit admin sees more than they manage).
 */
export function canManageUnit(me: Me | null | undefined, unit: Pick<Unit, 'path'> | undefined): boolean {
  if (!me || !unit) return false;
  if (hasRole(me, 'admin')) return true;
  if (!hasRole(me, 'unit_admin')) return false;
  const ids = pathIds(unit.path);
  return me.adminUnits.some((a) => ids.includes(a.id));
}

/** True for a unit admin's own root unit: they may rename it but not move, disable or delete it. */
export function isAdminRoot(me: Me | null | undefined, unitId: number): boolean {
  return !!me && !hasRole(me, 'admin') && me.adminUnits.some((a) => a.id === unitId);
}
