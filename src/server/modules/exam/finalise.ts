/**
 * Submitting attempts and the finaliser. An attempt is submitted exactly once: every path goes
 * through a conditional UPDATE … WHERE status = 'in_progress' on a locked row, then scores it in
 * the same transaction. The finaliser submits attempts whose deadline + grace has passed even if
 * no browser ever comes back; it is safe to run in every process at once (FOR UPDATE SKIP LOCKED).
 */
import { and, eq, sql } from 'drizzle-orm';
import { FINALISE_INTERVAL_SECONDS, SAVE_GRACE_SECONDS, type SubmitReason } from '../../../common/exam';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { loggableError } from '../../platform/errors';
import { scoreAttempt } from './scoring';
import { examAttempts } from './schema';

const BATCH = 200;

/**
 * Marks one locked, in-progress attempt submitted and scores it. Returns false when it was already
 * submitted (nothing changes). `at` is the submission time (the deadline for overdue attempts).
 */
export async function submitAttempt(tx: Db, attemptId: number, reason: SubmitReason, at: Date | 'deadline'): Promise<boolean> {
  const rows = await tx
    .update(examAttempts)
    .set({ status: 'submitted', submitReason: reason, submittedAt: at === 'deadline' ? sql`${examAttempts.deadlineAt}` : at })
    .where(and(eq(examAttempts.id, attemptId), eq(examAttempts.status, 'in_progress')))
    .returning({ id: examAttempts.id });
  if (!rows.length) return false;
  await scoreAttempt(tx, attemptId);
  return true;
}

const overdue = (now: Date) => sql`${examAttempts.deadlineAt} + make_interval(secs => ${SAVE_GRACE_SECONDS}) < ${now.toISOString()}::timestamptz`;

/** Finalises one attempt if it is overdue (on read: no need to wait for the timer). */
export async function finaliseIfOverdue(db: Db, attemptId: number, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [a] = await tx
      .select({ id: examAttempts.id })
      .from(examAttempts)
      .where(and(eq(examAttempts.id, attemptId), eq(examAttempts.status, 'in_progress'), overdue(now)))
      .for('update');
    return a ? submitAttempt(tx, a.id, 'deadline', 'deadline') : false;
  });
}

/**
 * Submits (reason deadline, submitted at the deadline) and scores up to BATCH overdue attempts,
 * in batches until none is left, then closes exams whose every window is over.
 * Returns how many attempts this call finalised.
 */
export async function finaliseOverdueAttempts(db: Db, now = new Date()): Promise<{ finalised: number; examsClosed: number }> {
  let finalised = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: examAttempts.id })
        .from(examAttempts)
        .where(and(eq(examAttempts.status, 'in_progress'), overdue(now)))
        .orderBy(examAttempts.deadlineAt)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      let done = 0;
      for (const a of due) if (await submitAttempt(tx, a.id, 'deadline', 'deadline')) done++;
      return { seen: due.length, done };
    });
    finalised += n.done;
    if (n.seen < BATCH) break;
  }
  const closed = (await db.execute(sql`
    update exams set status = 'closed', closed_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
    where status = 'published'
      and closes_at + make_interval(secs => ${SAVE_GRACE_SECONDS}) < ${now.toISOString()}::timestamptz
      and not exists (
        select 1 from exam_candidates c
        where c.exam_id = exams.id and c.closes_at_override is not null
          and c.closes_at_override + make_interval(secs => ${SAVE_GRACE_SECONDS}) >= ${now.toISOString()}::timestamptz)
      and not exists (select 1 from exam_attempts t where t.exam_id = exams.id and t.status = 'in_progress')
    returning id
  `)) as unknown as { rows: unknown[] };
  return { finalised, examsClosed: closed.rows.length };
}

export interface Finaliser {
  stop(): Promise<void>;
}

/** Runs finaliseOverdueAttempts every FINALISE_INTERVAL_SECONDS; errors are logged, never thrown. */
export function startFinaliser(ctx: Pick<AppContext, 'db'>, log: { error(obj: unknown, msg?: string): void }, intervalMs = FINALISE_INTERVAL_SECONDS * 1000): Finaliser {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = finaliseOverdueAttempts(ctx.db)
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err: loggableError(err) }, 'exam finaliser failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      if (running) await running;
    },
  };
}
