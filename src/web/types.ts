/** Shapes of the JSON the xjkp server returns. Shapes the server builds from shared types come from src/common. */
import type { ImportIssue } from '../common/errors';
import type { AssignableRole, PersonRoleView, PersonView, Role, UnitView } from '../common/org';

export type { AssignableRole, Role };

export interface MeUnit {
  id: number;
  name: string;
  pathNames: string[];
}

export interface Me {
  accountId: number;
  personId: number | null;
  displayName: string;
  unit: MeUnit | null;
  roles: { role: Role; label: string }[];
  adminUnits: { id: number; name: string }[];
  mustChangePassword: boolean;
  csrfToken: string;
  sessionIdleMinutes: number;
}

export type Unit = UnitView;

export interface UnitList {
  units: Unit[];
}

export type PersonRole = PersonRoleView;

export type Person = PersonView;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Body of POST/PATCH /api/people; empty strings mean "clear". */
export interface PersonInput {
  name?: string;
  gender?: string | null;
  idNumber?: string | null;
  employeeNo?: string | null;
  phone?: string | null;
  unitId?: number;
  title?: string | null;
  rank?: string | null;
  postCategory?: string | null;
  isPrincipalLeader?: boolean;
  isLawEnforcement?: boolean;
  status?: string;
}

export interface PeopleFilter {
  q?: string;
  unitId?: number;
  subtree?: boolean;
  rank?: string;
  postCategory?: string;
  status?: string;
  gender?: string;
  isPrincipalLeader?: boolean;
  isLawEnforcement?: boolean;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportPreview {
  ok: boolean;
  /** the first issues only (the server caps the list); issueCount has them all */
  issues: ImportIssue[];
  issueCount?: number;
  sheet?: string;
  /** template example rows that were recognised and skipped */
  exampleRowsSkipped?: number;
  summary: { total: number; create: number; update: number; unchanged: number; invalid?: number; unitsToCreate: string[] };
  /** the first rows only (the server caps the preview); summary.total counts them all */
  rows: {
    row: number;
    action: ImportAction;
    name: string;
    unitPath: string;
    idNumberMasked: string | null;
    employeeNo: string | null;
    changes: string[];
  }[];
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  unitsCreated: number;
  /** full paths of the units created */
  unitPaths?: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | number | null;
  summary: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  q?: string;
  action?: string;
  actorName?: string;
  from?: string;
  to?: string;
}
