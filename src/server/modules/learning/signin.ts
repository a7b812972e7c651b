/**
 * Phone sign-in (扫码/签到码): a recorder sets a 6-character code with a window on an activity;
 * members open /sign/<code> and sign inside the window (source 'signin', credit written). Wrong
 * codes are rate-limited per account so the code space cannot be walked.
 */
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { isWellFormedSignCode, normaliseSignCode, SIGN_CODE_ALPHABET, SIGN_CODE_LENGTH, type SignInfo, type SignInState } from '../../../common/activities';
import { ACTIVITY_CATEGORY_ZH } from '../../../common/activities';
import type { ActivityCategory } from '../../../common/learning';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, type AppError as AppErrorType } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { units } from '../org/schema';
import { activityFor, beijingDateTime, type ScopedActivity } from './activities';
import { addAttendance } from './attendance';
import { activities, activityAttendance } from './schema';

/** A fresh code: SIGN_CODE_LENGTH characters of SIGN_CODE_ALPHABET, uniformly drawn. */
export function generateSignInCode(randomInt: (max: number) => number = crypto.randomInt): string {
  let out = '';
  for (let i = 0; i < SIGN_CODE_LENGTH; i++) out += SIGN_CODE_ALPHABET[randomInt(SIGN_CODE_ALPHABET.length)];
  return out;
}

/** Default window: 30 minutes before the start until 30 minutes after the end. */
export function defaultSignInWindow(startsAt: Date, durationMinutes: number): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(startsAt.getTime() - 30 * 60_000),
    closesAt: new Date(startsAt.getTime() + (durationMinutes + 30) * 60_000),
  };
}

const stateOf = (a: { signInCode: string | null; signInOpensAt: Date | null; signInClosesAt: Date | null }): SignInState => ({
  code: a.signInCode,
  opensAt: a.signInOpensAt?.toISOString() ?? null,
  closesAt: a.signInClosesAt?.toISOString() ?? null,
});

/** Sets (or regenerates) the activity's code and window. */
export async function startSignIn(
  db: Db,
  p: Principal,
  actor: AuditActor,
  activityId: number,
  body: { opensAt?: string | null; closesAt?: string | null },
  now = new Date(),
): Promise<SignInState> {
  const a = await activityFor(db, p, activityId);
  if (a.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消，不能开启签到');
  const def = defaultSignInWindow(a.startsAt, a.durationMinutes);
  const opensAt = body.opensAt ? new Date(body.opensAt) : def.opensAt;
  const closesAt = body.closesAt ? new Date(body.closesAt) : def.closesAt;
  if (closesAt.getTime() <= opensAt.getTime()) throw invalid([{ path: 'closesAt', message: '签到截止时间应晚于开始时间' }]);
  if (closesAt.getTime() <= now.getTime()) throw invalid([{ path: 'closesAt', message: `签到截止时间（${beijingDateTime(closesAt)}）已过，请重新设置` }]);
  if (closesAt.getTime() - opensAt.getTime() > 7 * 24 * 3600_000) throw invalid([{ path: 'closesAt', message: '签到时段不能超过7天' }]);
  for (let attempt = 0; ; attempt++) {
    const code = generateSignInCode();
    const [taken] = await db.select({ id: activities.id }).from(activities).where(eq(activities.signInCode, code));
    if (taken) continue;
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .update(activities)
          .set({ signInCode: code, signInOpensAt: opensAt, signInClosesAt: closesAt, updatedAt: new Date() })
          .where(eq(activities.id, activityId))
          .returning();
        await audit(tx, actor, {
          action: 'activity.signin.start',
          entityType: 'activity',
          entityId: activityId,
          summary: `${ACTIVITY_CATEGORY_ZH[a.category as ActivityCategory]}“${a.title}”开启签到（${beijingDateTime(opensAt)} 至 ${beijingDateTime(closesAt)}）`,
        });
        return stateOf(row);
      });
    } catch (e) {
      // another activity took the same code between the check and the update: draw again
      const code23505 = ((e as { cause?: { code?: string } }).cause ?? (e as { code?: string }))?.code === '23505';
      if (!code23505 || attempt >= 5) throw e;
    }
  }
}

export async function stopSignIn(db: Db, p: Principal, actor: AuditActor, activityId: number): Promise<SignInState> {
  const a = await activityFor(db, p, activityId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(activities)
      .set({ signInCode: null, signInOpensAt: null, signInClosesAt: null, updatedAt: new Date() })
      .where(eq(activities.id, activityId))
      .returning();
    if (a.signInCode) {
      await audit(tx, actor, {
        action: 'activity.signin.stop',
        entityType: 'activity',
        entityId: activityId,
        summary: `${ACTIVITY_CATEGORY_ZH[a.category as ActivityCategory]}“${a.title}”停止签到`,
      });
    }
    return stateOf(row);
  });
}

// ---------------------------------------------------------------------------------------------
// Wrong-code limit: per account, a sliding minute. Kept in the process (each process limits
// on its own: behind N processes an account gets at most N × the limit, still far too few
// for a 31^6 code space).

export const WRONG_CODES_PER_MINUTE = 10;
const wrongCodes = new Map<number, number[]>();

function limited(accountId: number, now: number): boolean {
  const recent = (wrongCodes.get(accountId) ?? []).filter((t) => now - t < 60_000);
  if (recent.length) wrongCodes.set(accountId, recent);
  else wrongCodes.delete(accountId);
  return recent.length >= WRONG_CODES_PER_MINUTE;
}

function noteWrong(accountId: number, now: number): void {
  const list = wrongCodes.get(accountId) ?? [];
  list.push(now);
  wrongCodes.set(accountId, list);
  if (wrongCodes.size > 10_000) {
    for (const [k, v] of wrongCodes) if (v.every((t) => now - t >= 60_000)) wrongCodes.delete(k);
  }
}

/** Test seam: forget every account's wrong codes. */
export function resetSignInLimits(): void {
  wrongCodes.clear();
}

function requirePerson(p: Principal): number {
  if (p.personId === null) throw new AppError('FORBIDDEN', '只有人员账号可以签到');
  return p.personId;
}

/** The activity a code opens, or 404 "签到码无效" (counted against the account). */
async function activityByCode(db: Db, p: Principal, raw: string, now: Date): Promise<ScopedActivity> {
  if (limited(p.accountId, now.getTime())) throw new AppError('RATE_LIMITED', '签到码输错次数过多，请1分钟后再试');
  const code = normaliseSignCode(raw);
  const wrong = (): AppErrorType => {
    noteWrong(p.accountId, now.getTime());
    return new AppError('NOT_FOUND', '签到码无效');
  };
  if (!isWellFormedSignCode(code)) throw wrong();
  const [row] = await db
    .select({ a: activities, hostUnitPath: units.path, hostUnitName: units.name })
    .from(activities)
    .innerJoin(units, eq(units.id, activities.hostUnitId))
    .where(eq(activities.signInCode, code));
  if (!row || row.a.status === 'cancelled' || !row.a.signInOpensAt || !row.a.signInClosesAt) throw wrong();
  return { ...row.a, hostUnitPath: row.hostUnitPath, hostUnitName: row.hostUnitName };
}

function windowAt(a: ScopedActivity, now: Date): SignInfo['window'] {
  if (now.getTime() < a.signInOpensAt!.getTime()) return 'before';
  if (now.getTime() > a.signInClosesAt!.getTime()) return 'closed';
  return 'open';
}

async function infoFor(db: Db, a: ScopedActivity, personId: number, now: Date): Promise<SignInfo> {
  const [mine] = await db
    .select({ signedAt: activityAttendance.signedAt })
    .from(activityAttendance)
    .where(and(eq(activityAttendance.activityId, a.id), eq(activityAttendance.personId, personId)));
  return {
    activityId: a.id,
    title: a.title,
    category: a.category as ActivityCategory,
    kind: a.kind,
    startsAt: a.startsAt.toISOString(),
    durationMinutes: a.durationMinutes,
    hostUnitName: a.hostUnitName,
    location: a.location,
    opensAt: a.signInOpensAt!.toISOString(),
    closesAt: a.signInClosesAt!.toISOString(),
    window: windowAt(a, now),
    signedAt: mine?.signedAt.toISOString() ?? null,
    serverNow: now.toISOString(),
  };
}

export async function signInfo(db: Db, p: Principal, code: string, now = new Date()): Promise<SignInfo> {
  const personId = requirePerson(p);
  const a = await activityByCode(db, p, code, now);
  return infoFor(db, a, personId, now);
}

/** Signs the caller in (idempotent: signing twice keeps the first time). */
export async function signIn(db: Db, p: Principal, actor: AuditActor, code: string, now = new Date()): Promise<SignInfo> {
  const personId = requirePerson(p);
  const a = await activityByCode(db, p, code, now);
  const before = await infoFor(db, a, personId, now);
  if (before.signedAt) return before;
  const w = windowAt(a, now);
  if (w === 'before') throw new AppError('CONFLICT', `签到尚未开始，${beijingDateTime(a.signInOpensAt!)} 开始签到`);
  if (w === 'closed') throw new AppError('CONFLICT', `签到已于 ${beijingDateTime(a.signInClosesAt!)} 截止`);
  await db.transaction(async (tx) => {
    // lock the activity so an edit or cancel cannot interleave with the credit
    const [locked] = await tx.select({ status: activities.status }).from(activities).where(eq(activities.id, a.id)).for('update');
    if (!locked || locked.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消，不能签到');
    const fresh = { ...a, ...(await tx.select().from(activities).where(eq(activities.id, a.id)))[0] };
    if (await addAttendance(tx, fresh, personId, 'signin', p.accountId)) {
      await audit(tx, actor, {
        action: 'activity.signin',
        entityType: 'activity',
        entityId: a.id,
        summary: `${p.displayName}签到${ACTIVITY_CATEGORY_ZH[a.category as ActivityCategory]}“${a.title}”`,
      });
    }
  });
  return infoFor(db, a, personId, now);
}
