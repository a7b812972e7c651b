import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { normaliseIdNumber } from '../../common/idcard';
import { passwordProblems, type Role } from '../../common/org';
import type { AppContext } from '../context';
import type { Db } from '../db/client';
import { people, units } from '../modules/org/schema';
import { audit, type AuditActor } from './audit';
import { randomToken, sha256 } from './crypto';
import { AppError } from './errors';
import { dummyVerify, hashPassword, verifyPassword } from './passwords';
import type { Principal } from './principal';
import { accounts, passwordHistory, roleGrants, sessions } from './schema';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const PASSWORD_HISTORY = 5;

/** 登录名/工号, 身份证号 or 手机号 → the one account it names, or null. */
export async function findAccountByIdentifier(ctx: AppContext, identifier: string) {
  const id = identifier.trim();
  if (!id) return null;
  const { db } = ctx;
  const byLogin = await db.select().from(accounts).where(eq(accounts.loginName, id)).limit(1);
  if (byLogin[0]) return byLogin[0];

  const idNo = normaliseIdNumber(id);
  const conds = [eq(people.employeeNo, id), eq(people.phone, id)];
  if (/^\d{17}[\dX]$/.test(idNo)) conds.push(eq(people.idNumberHash, ctx.cipher.blindIndex(idNo)));
  const matches = await db
    .select({ account: accounts })
    .from(people)
    .innerJoin(accounts, eq(accounts.personId, people.id))
    .where(or(...conds))
    .limit(2);
  // A phone number shared by two people names nobody.
  return matches.length === 1 ? matches[0].account : null;
}

export interface LoginResult {
  token: string;
  principal: Principal;
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string; ip: string; userAgent?: string },
): Promise<LoginResult> {
  const { db, config } = ctx;
  const account = await findAccountByIdentifier(ctx, input.username);
  const actor: AuditActor = { accountId: account?.id ?? null, name: account?.displayName ?? input.username.slice(0, 64), ip: input.ip };
  if (!account) {
    await dummyVerify(input.password);
    await audit(db, actor, { action: 'auth.login_failed', summary: '账号不存在' });
    throw new AppError('LOGIN_FAILED');
  }
  if (account.lockedUntil && account.lockedUntil > new Date()) {
    await audit(db, actor, { action: 'auth.login_locked', entityType: 'account', entityId: account.id });
    throw new AppError('ACCOUNT_LOCKED', lockedMessage(account.lockedUntil));
  }
  const ok = await verifyPassword(account.passwordHash, input.password);
  if (!ok) {
    const failed = account.failedAttempts + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    const lockedUntil = lock ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null;
    await db
      .update(accounts)
      .set({ failedAttempts: lock ? 0 : failed, lockedUntil })
      .where(eq(accounts.id, account.id));
    await audit(db, actor, {
      action: lock ? 'auth.account_locked' : 'auth.login_failed',
      entityType: 'account',
      entityId: account.id,
      summary: lock ? `连续${MAX_FAILED_LOGINS}次密码错误，锁定${LOCK_MINUTES}分钟` : `密码错误（第${failed}次）`,
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', lockedMessage(lockedUntil!));
    throw new AppError('LOGIN_FAILED', `账号或密码错误，再错${MAX_FAILED_LOGINS - failed}次将锁定${LOCK_MINUTES}分钟`);
  }
  if (account.disabled) throw new AppError('ACCOUNT_DISABLED');
  if (account.personId !== null) {
    const [p] = await db.select({ status: people.status }).from(people).where(eq(people.id, account.personId));
    if (!p || p.status !== '在职') throw new AppError('ACCOUNT_DISABLED', '人员状态不是“在职”，不能登录');
  }

  const token = randomToken();
  const sessionId = sha256(token);
  const csrfToken = randomToken(24);
  await db.transaction(async (tx) => {
    if (config.singleSession) {
      await tx
        .update(sessions)
        .set({ revokedReason: 'replaced' })
        .where(and(eq(sessions.accountId, account.id), sql`${sessions.revokedReason} is null`));
    }
    // Housekeeping: sessions idle for a day are gone for good.
    await tx.delete(sessions).where(lt(sessions.lastSeenAt, new Date(Date.now() - 24 * 3600_000)));
    await tx.insert(sessions).values({
      id: sessionId,
      accountId: account.id,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await tx
      .update(accounts)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: new Date() })
      .where(eq(accounts.id, account.id));
    await audit(tx, actor, { action: 'auth.login', entityType: 'account', entityId: account.id });
  });
  const principal = await loadPrincipal(db, account.id, sessionId, csrfToken);
  return { token, principal: principal! };
}

function lockedMessage(until: Date): string {
  const mins = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `连续登录失败次数过多，账号已锁定，请${mins}分钟后再试`;
}

type GrantRow = { role: string; unitId: number; path: string | null };
type AccountRow = { id: number; personId: number | null; displayName: string; disabled: boolean; mustChangePassword: boolean };

/** The account's role grants with each unit admin grant's subtree path (a subquery, as JSON). */
const grantsJson = (accountId: SQL) => sql<GrantRow[]>`coalesce((
  select json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'path', u.path))
  from ${roleGrants} g left join ${units} u on u.id = g.unit_id
  where g.account_id = ${accountId}), '[]'::json)`;

function toPrincipal(acc: AccountRow, grants: GrantRow[], sessionId: string, csrfToken: string): Principal | null {
  if (acc.disabled) return null;
  const roles = new Set<Role>();
  const adminUnits: Principal['adminUnits'] = [];
  for (const g of grants) {
    if (g.role === 'unit_admin') {
      if (g.path) {
        adminUnits.push({ id: g.unitId, path: g.path });
        roles.add('unit_admin');
      }
    } else roles.add(g.role as Role);
  }
  if (acc.personId !== null) roles.add('member');
  return {
    accountId: acc.id,
    personId: acc.personId,
    displayName: acc.displayName,
    roles: [...roles],
    adminUnits,
    mustChangePassword: acc.mustChangePassword,
    sessionId,
    csrfToken,
  };
}

const accountColumns = {
  id: accounts.id,
  personId: accounts.personId,
  displayName: accounts.displayName,
  disabled: accounts.disabled,
  mustChangePassword: accounts.mustChangePassword,
};

export async function loadPrincipal(db: Db, accountId: number, sessionId: string, csrfToken: string): Promise<Principal | null> {
  const [row] = await db
    .select({ ...accountColumns, grants: grantsJson(sql`${accounts.id}`) })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ? toPrincipal(row, row.grants, sessionId, csrfToken) : null;
}

export type SessionLookup =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'SESSION_REPLACED' };

/** Resolves a cookie token; enforces idle expiry and refreshes last-seen at most once a minute. */
export async function lookupSession(ctx: AppContext, token: string): Promise<SessionLookup> {
  const { db, config } = ctx;
  const id = sha256(token);
  // One round trip for session, account and grants: this runs before every API request
  // (an exam-day autosave included), so it is the platform's hottest query.
  const [s] = await db
    .select({
      revokedReason: sessions.revokedReason,
      lastSeenAt: sessions.lastSeenAt,
      csrfToken: sessions.csrfToken,
      account: { ...accountColumns },
      grants: grantsJson(sql`${sessions.accountId}`),
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, id));
  if (!s) return { ok: false, reason: 'UNAUTHENTICATED' };
  if (s.revokedReason) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { ok: false, reason: s.revokedReason === 'replaced' ? 'SESSION_REPLACED' : 'UNAUTHENTICATED' };
  }
  const idleMs = Date.now() - s.lastSeenAt.getTime();
  if (idleMs > config.sessionIdleMinutes * 60_000) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { ok: false, reason: 'SESSION_EXPIRED' };
  }
  if (idleMs > 60_000) await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  const principal = toPrincipal(s.account, s.grants, id, s.csrfToken);
  return principal ? { ok: true, principal } : { ok: false, reason: 'UNAUTHENTICATED' };
}

export async function logout(db: Db, principal: Principal, actor: AuditActor): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, principal.sessionId));
  await audit(db, actor, { action: 'auth.logout', entityType: 'account', entityId: principal.accountId });
}

/** Checks the rule and the history, then stores the hash. Runs inside the caller's transaction. */
export async function setPassword(db: Db, accountId: number, newPassword: string, opts: { mustChange: boolean }): Promise<void> {
  const problems = passwordProblems(newPassword);
  if (problems.length) {
    throw new AppError('PASSWORD_WEAK', problems.join('；'), { issues: problems.map((m) => ({ path: 'newPassword', message: m })) });
  }
  if (!opts.mustChange) {
    // A user-chosen password may not repeat one of the last five.
    const recent = await db
      .select({ hash: passwordHistory.hash })
      .from(passwordHistory)
      .where(eq(passwordHistory.accountId, accountId))
      .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
      .limit(PASSWORD_HISTORY);
    for (const r of recent) {
      if (await verifyPassword(r.hash, newPassword)) {
        throw new AppError('PASSWORD_REUSED', undefined, { issues: [{ path: 'newPassword', message: '新密码不能与最近5次使用过的密码相同' }] });
      }
    }
  }
  const h = await hashPassword(newPassword);
  await db
    .update(accounts)
    .set({ passwordHash: h, mustChangePassword: opts.mustChange, failedAttempts: 0, lockedUntil: null })
    .where(eq(accounts.id, accountId));
  await db.insert(passwordHistory).values({ accountId, hash: h });
  // Keep only what the rule needs.
  const keep = db
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, accountId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY);
  await db
    .delete(passwordHistory)
    .where(and(eq(passwordHistory.accountId, accountId), sql`${passwordHistory.id} not in (${keep})`));
}

export async function changeOwnPassword(
  ctx: AppContext,
  principal: Principal,
  input: { oldPassword: string; newPassword: string },
  actor: AuditActor,
): Promise<void> {
  const { db } = ctx;
  const [acc] = await db.select().from(accounts).where(eq(accounts.id, principal.accountId));
  if (!acc || !(await verifyPassword(acc.passwordHash, input.oldPassword))) {
    throw new AppError('PASSWORD_WRONG', undefined, { issues: [{ path: 'oldPassword', message: '原密码不正确' }] });
  }
  if (input.oldPassword === input.newPassword) {
    throw new AppError('PASSWORD_REUSED', '新密码不能与原密码相同', { issues: [{ path: 'newPassword', message: '新密码不能与原密码相同' }] });
  }
  await db.transaction(async (tx) => {
    await setPassword(tx, acc.id, input.newPassword, { mustChange: false });
    // Every other session of this account ends with the old password.
    await tx
      .update(sessions)
      .set({ revokedReason: 'password' })
      .where(and(eq(sessions.accountId, acc.id), sql`${sessions.id} <> ${principal.sessionId}`));
    await audit(tx, actor, { action: 'auth.password_changed', entityType: 'account', entityId: acc.id });
  });
}

export async function accountIdsForPeople(db: Db, personIds: number[]): Promise<Map<number, number>> {
  if (!personIds.length) return new Map();
  const rows = await db
    .select({ id: accounts.id, personId: accounts.personId })
    .from(accounts)
    .where(inArray(accounts.personId, personIds));
  return new Map(rows.map((r) => [r.personId!, r.id]));
}
