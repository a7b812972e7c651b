import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { normaliseIdNumber, maskIdNumber, genderFromIdNumber } from '../../../common/idcard';
import type { PersonCreateInput, PersonUpdateInput } from '../../../common/person';
import { ROLES, type AssignableRole, type PersonView, type Role } from '../../../common/org';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { setPassword } from '../../platform/auth-service';
import { oneTimePassword } from '../../platform/crypto';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { canManageUnitPath, hasRole, peopleScope, requireRole, subtreeCondition, type Principal } from '../../platform/principal';
import { accounts, roleGrants, sessions } from '../../platform/schema';
import { people, units } from './schema';
import { getUnit, manageableUnit, unitPathNames } from './units';

export type PersonRow = typeof people.$inferSelect;
export type { PersonView };

export interface PersonFilters {
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


const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

async function filterConditions(ctx: AppContext, p: Principal, f: PersonFilters): Promise<SQL[]> {
  const conds: SQL[] = [];
  const scope = peopleScope(p);
  if (scope) conds.push(scope);
  if (f.unitId !== undefined) {
    const u = await getUnit(ctx.db, f.unitId);
    if (!u) throw notFound('单位');
    conds.push(f.subtree === false ? eq(people.unitId, u.id) : subtreeCondition(u.path));
  }
  if (f.q?.trim()) {
    const q = f.q.trim();
    const like = `%${escapeLike(q)}%`;
    const ors: SQL[] = [ilike(people.name, like), ilike(people.employeeNo, like), ilike(people.phone, like)];
    const idNo = normaliseIdNumber(q);
    if (/^\d{17}[\dX]$/.test(idNo)) ors.push(eq(people.idNumberHash, ctx.cipher.blindIndex(idNo)));
    conds.push(or(...ors)!);
  }
  if (f.rank) conds.push(eq(people.rank, f.rank));
  if (f.postCategory) conds.push(eq(people.postCategory, f.postCategory));
  if (f.status) conds.push(eq(people.status, f.status));
  if (f.gender) conds.push(eq(people.gender, f.gender));
  if (f.isPrincipalLeader !== undefined) conds.push(eq(people.isPrincipalLeader, f.isPrincipalLeader));
  if (f.isLawEnforcement !== undefined) conds.push(eq(people.isLawEnforcement, f.isLawEnforcement));
  return conds;
}

/** Shapes rows for the API: masked 身份证号, unit path names, roles, account state. Never raw rows. */
export async function presentPeople(db: Db, rows: { person: PersonRow; unitPath: string; unitName: string }[]): Promise<PersonView[]> {
  if (!rows.length) return [];
  const pathNames = await unitPathNames(db, rows.map((r) => r.unitPath));
  const accs = await db
    .select({ id: accounts.id, personId: accounts.personId, passwordHash: accounts.passwordHash, lockedUntil: accounts.lockedUntil })
    .from(accounts)
    .where(inArray(accounts.personId, rows.map((r) => r.person.id)));
  const accByPerson = new Map(accs.map((a) => [a.personId!, a]));
  const grants = accs.length
    ? await db
        .select({ accountId: roleGrants.accountId, role: roleGrants.role, unitId: roleGrants.unitId, unitName: units.name })
        .from(roleGrants)
        .leftJoin(units, eq(units.id, roleGrants.unitId))
        .where(inArray(roleGrants.accountId, accs.map((a) => a.id)))
    : [];
  const now = new Date();
  return rows.map(({ person: x, unitPath, unitName }) => {
    const acc = accByPerson.get(x.id);
    const roles = grants
      .filter((g) => g.accountId === acc?.id)
      .map((g) => ({ role: g.role as AssignableRole, unitId: g.unitId || null, unitName: g.unitName ?? null }));
    return {
      id: x.id,
      name: x.name,
      gender: x.gender,
      idNumberMasked: x.idNumberMasked,
      employeeNo: x.employeeNo,
      phone: x.phone,
      unitId: x.unitId,
      unitName,
      unitPathNames: pathNames.get(unitPath) ?? [],
      title: x.title,
      rank: x.rank,
      postCategory: x.postCategory,
      isPrincipalLeader: x.isPrincipalLeader,
      isLawEnforcement: x.isLawEnforcement,
      status: x.status,
      roles,
      hasPassword: !!acc?.passwordHash,
      locked: !!acc?.lockedUntil && acc.lockedUntil > now,
      createdAt: x.createdAt.toISOString(),
      updatedAt: x.updatedAt.toISOString(),
    };
  });
}

const personWithUnit = { person: people, unitPath: units.path, unitName: units.name };

export async function listPeople(ctx: AppContext, p: Principal, f: PersonFilters, page: number, pageSize: number) {
  const { db } = ctx;
  const where = and(...(await filterConditions(ctx, p, f)));
  const [{ n }] = await db.select({ n: count() }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(where);
  const rows = await db
    .select(personWithUnit)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(units.path), asc(people.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: await presentPeople(db, rows), total: Number(n), page, pageSize };
}

/** All matching people for export, in pages so 10k rows never sit in one query result twice. */
export async function* iteratePeople(ctx: AppContext, p: Principal, f: PersonFilters, batch = 2000) {
  const where = and(...(await filterConditions(ctx, p, f)));
  for (let offset = 0; ; offset += batch) {
    const rows = await ctx.db
      .select(personWithUnit)
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(where)
      .orderBy(asc(units.path), asc(people.id))
      .limit(batch)
      .offset(offset);
    if (!rows.length) return;
    yield await presentPeople(ctx.db, rows);
    if (rows.length < batch) return;
  }
}

async function readablePerson(db: Db, p: Principal, id: number) {
  const scope = peopleScope(p);
  const [row] = await db
    .select(personWithUnit)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.id, id), ...(scope ? [scope] : [])));
  if (!row) throw notFound('人员');
  return row;
}

/** Readable and inside a subtree the principal administers (admin: anywhere). */
async function manageablePerson(db: Db, p: Principal, id: number) {
  const row = await readablePerson(db, p, id);
  if (!canManageUnitPath(p, row.unitPath)) throw forbidden();
  return row;
}

export async function getPerson(ctx: AppContext, p: Principal, id: number): Promise<PersonView> {
  const row = await readablePerson(ctx.db, p, id);
  return (await presentPeople(ctx.db, [row]))[0];
}

/** Column values for a validated input; encrypts the 身份证号 and derives its index and mask. */
export function personColumns(ctx: AppContext, input: PersonUpdateInput): Partial<typeof people.$inferInsert> {
  const cols: Partial<typeof people.$inferInsert> = {};
  for (const k of ['name', 'gender', 'employeeNo', 'phone', 'unitId', 'title', 'rank', 'postCategory', 'isPrincipalLeader', 'isLawEnforcement', 'status'] as const) {
    if (input[k] !== undefined) (cols as Record<string, unknown>)[k] = input[k];
  }
  if (input.idNumber !== undefined) {
    const id = input.idNumber;
    cols.idNumberEnc = id ? ctx.cipher.encrypt(id) : null;
    cols.idNumberHash = id ? ctx.cipher.blindIndex(id) : null;
    cols.idNumberMasked = id ? maskIdNumber(id) : null;
    if (id && input.gender == null) cols.gender = genderFromIdNumber(id);
  }
  return cols;
}

/** Fields compared and written to the audit log (never the ciphertext). */
export function auditShape(x: Partial<PersonRow>) {
  const { idNumberEnc: _e, idNumberHash: _h, createdAt: _c, updatedAt: _u, ...rest } = x;
  return rest;
}

async function assertUnique(ctx: AppContext, db: Db, cols: Partial<typeof people.$inferInsert>, exceptId?: number) {
  const issues: { path: string; message: string }[] = [];
  if (cols.idNumberHash) {
    const [hit] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.idNumberHash, cols.idNumberHash));
    if (hit && hit.id !== exceptId) issues.push({ path: 'idNumber', message: '该身份证号已登记' });
  }
  if (cols.employeeNo) {
    const [hit] = await db.select({ id: people.id }).from(people).where(eq(people.employeeNo, cols.employeeNo));
    const [acc] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.loginName, cols.employeeNo));
    if ((hit && hit.id !== exceptId) || acc) issues.push({ path: 'employeeNo', message: '该工号/登录名已被使用' });
  }
  if (issues.length) throw new AppError('CONFLICT', issues.map((i) => i.message).join('；'), { issues });
}

export async function createPerson(ctx: AppContext, p: Principal, actor: AuditActor, input: PersonCreateInput): Promise<PersonView> {
  const id = await ctx.db.transaction(async (tx) => {
    const unit = await manageableUnit(tx, p, input.unitId);
    if (unit.disabled) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'unitId', message: '该单位已停用' }] });
    const cols = personColumns(ctx, input);
    await assertUnique(ctx, tx, cols);
    const [row] = await tx.insert(people).values(cols as typeof people.$inferInsert).returning();
    await tx.insert(accounts).values({ personId: row.id, displayName: row.name });
    await audit(tx, actor, { action: 'person.create', entityType: 'person', entityId: row.id, summary: `新增人员“${row.name}”`, after: auditShape(row) });
    return row.id;
  });
  return getPerson(ctx, p, id);
}

export async function updatePerson(ctx: AppContext, p: Principal, actor: AuditActor, id: number, input: PersonUpdateInput): Promise<PersonView> {
  await ctx.db.transaction(async (tx) => {
    const { person: before } = await manageablePerson(tx, p, id);
    if (input.unitId !== undefined && input.unitId !== before.unitId) {
      const target = await manageableUnit(tx, p, input.unitId);
      if (target.disabled) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'unitId', message: '该单位已停用' }] });
    }
    const cols = personColumns(ctx, input);
    const nextHasId = cols.idNumberHash !== undefined ? !!cols.idNumberHash : !!before.idNumberHash;
    const nextHasNo = cols.employeeNo !== undefined ? !!cols.employeeNo : !!before.employeeNo;
    if (!nextHasId && !nextHasNo) {
      throw new AppError('VALIDATION', undefined, { issues: [{ path: 'idNumber', message: '身份证号和工号至少填写一项' }] });
    }
    await assertUnique(ctx, tx, cols, id);
    const [after] = await tx.update(people).set({ ...cols, updatedAt: new Date() }).where(eq(people.id, id)).returning();
    if (cols.name) await tx.update(accounts).set({ displayName: cols.name }).where(eq(accounts.personId, id));
    if (cols.status && cols.status !== '在职') {
      // Someone who left can no longer be signed in anywhere.
      const [acc] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, id));
      if (acc) await tx.update(sessions).set({ revokedReason: 'status' }).where(eq(sessions.accountId, acc.id));
    }
    await audit(tx, actor, { action: 'person.update', entityType: 'person', entityId: id, summary: `修改人员“${before.name}”`, before: auditShape(before), after: auditShape(after) });
  });
  return getPerson(ctx, p, id);
}

/** The full 身份证号, for 系统管理员 and the person's 单位管理员 only; always audited. */
export async function revealIdNumber(ctx: AppContext, p: Principal, actor: AuditActor, id: number): Promise<string | null> {
  if (!hasRole(p, 'admin', 'unit_admin')) throw forbidden('只有管理员可以查看完整身份证号');
  const { person } = await manageablePerson(ctx.db, p, id);
  await audit(ctx.db, actor, { action: 'person.reveal_id_number', entityType: 'person', entityId: id, summary: `查看“${person.name}”的完整身份证号` });
  return person.idNumberEnc ? ctx.cipher.decrypt(person.idNumberEnc) : null;
}

export async function resetPassword(ctx: AppContext, p: Principal, actor: AuditActor, id: number): Promise<string> {
  if (!hasRole(p, 'admin', 'unit_admin')) throw forbidden();
  const otp = oneTimePassword();
  await ctx.db.transaction(async (tx) => {
    const { person } = await manageablePerson(tx, p, id);
    let [acc] = await tx.select().from(accounts).where(eq(accounts.personId, id));
    if (!acc) [acc] = await tx.insert(accounts).values({ personId: id, displayName: person.name }).returning();
    await setPassword(tx, acc.id, otp, { mustChange: true });
    await tx.update(sessions).set({ revokedReason: 'password' }).where(eq(sessions.accountId, acc.id));
    await audit(tx, actor, { action: 'person.reset_password', entityType: 'person', entityId: id, summary: `重置“${person.name}”的密码` });
  });
  return otp;
}

export interface RoleGrantInput {
  role: Exclude<Role, 'member'>;
  unitId?: number | null;
}

/** Replaces the roles an account holds. 系统管理员 only. */
export async function setRoles(ctx: AppContext, p: Principal, actor: AuditActor, id: number, grants: RoleGrantInput[]): Promise<PersonView> {
  requireRole(p, 'admin');
  await ctx.db.transaction(async (tx) => {
    const { person } = await manageablePerson(tx, p, id);
    const issues: { path: string; message: string }[] = [];
    const values: { role: string; unitId: number }[] = [];
    for (const [i, g] of grants.entries()) {
      if (!ROLES.includes(g.role) || (g.role as Role) === 'member') issues.push({ path: `roles.${i}.role`, message: '未知角色' });
      else if (g.role === 'unit_admin') {
        if (!g.unitId) issues.push({ path: `roles.${i}.unitId`, message: '单位管理员须指定管理的单位' });
        else if (!(await getUnit(tx, g.unitId))) issues.push({ path: `roles.${i}.unitId`, message: '单位不存在' });
        else values.push({ role: g.role, unitId: g.unitId });
      } else values.push({ role: g.role, unitId: 0 });
    }
    if (issues.length) throw new AppError('VALIDATION', undefined, { issues });
    let [acc] = await tx.select().from(accounts).where(eq(accounts.personId, id));
    if (!acc) [acc] = await tx.insert(accounts).values({ personId: id, displayName: person.name }).returning();
    if (acc.id === p.accountId && !values.some((v) => v.role === 'admin')) {
      throw new AppError('VALIDATION', '不能取消自己的系统管理员角色', { issues: [{ path: 'roles', message: '不能取消自己的系统管理员角色' }] });
    }
    const before = await tx.select({ role: roleGrants.role, unitId: roleGrants.unitId }).from(roleGrants).where(eq(roleGrants.accountId, acc.id));
    await tx.delete(roleGrants).where(eq(roleGrants.accountId, acc.id));
    const unique = [...new Map(values.map((v) => [`${v.role}:${v.unitId}`, v])).values()];
    if (unique.length) await tx.insert(roleGrants).values(unique.map((v) => ({ accountId: acc.id, ...v })));
    await audit(tx, actor, { action: 'person.set_roles', entityType: 'person', entityId: id, summary: `设置“${person.name}”的角色`, before, after: unique });
  });
  return getPerson(ctx, p, id);
}
