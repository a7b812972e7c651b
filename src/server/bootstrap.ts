import { eq } from 'drizzle-orm';
import { passwordProblems } from '../common/org';
import type { Db } from './db/client';
import { audit } from './platform/audit';
import { setPassword } from './platform/auth-service';
import { oneTimePassword } from './platform/crypto';
import { accounts, roleGrants } from './platform/schema';

export const BOOTSTRAP_LOGIN = 'admin';

/**
 * First start: create the administrator. Its password comes from XJKP_ADMIN_PASSWORD or is
 * generated and printed once; either way it must be changed at first login.
 * Returns the printed password (generated case) so the caller can show it.
 */
export async function ensureAdministrator(db: Db, envPassword?: string): Promise<{ created: boolean; password?: string }> {
  const existing = await db.select({ id: accounts.id }).from(roleGrants).innerJoin(accounts, eq(accounts.id, roleGrants.accountId)).where(eq(roleGrants.role, 'admin')).limit(1);
  if (existing.length) return { created: false };
  if (envPassword) {
    const problems = passwordProblems(envPassword);
    if (problems.length) throw new Error(`XJKP_ADMIN_PASSWORD 不符合密码规则 / does not meet the password rule: ${problems.join('; ')}`);
  }
  const password = envPassword ?? oneTimePassword();
  return db.transaction(async (tx) => {
    const [acc] = await tx
      .insert(accounts)
      .values({ loginName: BOOTSTRAP_LOGIN, displayName: '系统管理员' })
      .onConflictDoNothing()
      .returning();
    if (!acc) return { created: false }; // another process won the race
    await tx.insert(roleGrants).values({ accountId: acc.id, role: 'admin', unitId: 0 });
    await setPassword(tx, acc.id, password, { mustChange: true });
    await audit(tx, { accountId: null, name: '系统', ip: null }, { action: 'system.bootstrap_admin', entityType: 'account', entityId: acc.id, summary: '首次启动创建系统管理员账号' });
    return { created: true, password: envPassword ? undefined : password };
  });
}
