/**
 * Anti-cheating events from the exam page. All are logged for the organiser; switch-away events
 * (blur/hidden) are counted, and reaching the exam's switchLimit submits the attempt.
 */
import { eq, sql } from 'drizzle-orm';
import { SWITCH_EVENT_KINDS, type AttemptEventKind, type ExamInput } from '../../../common/exam';
import type { Db } from '../../db/client';
import type { Principal } from '../../platform/principal';
import { examineeOf } from './attempts';
import { attemptGate, writeRefusal } from './autosave';
import { submitAttempt } from './finalise';
import { attemptEvents, examAttempts, exams } from './schema';

/** Kinds the page may report (device_takeover and resume are logged by the server itself). */
export const CLIENT_EVENT_KINDS = ['blur', 'hidden', 'copy', 'paste', 'fullscreen_exit'] as const satisfies readonly AttemptEventKind[];

export async function recordEvent(
  db: Db,
  p: Principal,
  attemptId: number,
  body: { deviceId: string; kind: AttemptEventKind; detail?: string },
  now = new Date(),
): Promise<{ switchCount: number; submitted: boolean }> {
  const personId = examineeOf(p);
  const gate = await attemptGate(db, attemptId, personId);
  const refused = writeRefusal(gate, body.deviceId, now);
  if (refused) throw refused;
  return db.transaction(async (tx) => {
    const [a] = await tx
      .select({
        status: examAttempts.status,
        deadlineAt: examAttempts.deadlineAt,
        activeDeviceId: examAttempts.activeDeviceId,
        switchCount: examAttempts.switchCount,
        settings: exams.settings,
      })
      .from(examAttempts)
      .innerJoin(exams, eq(exams.id, examAttempts.examId))
      .where(eq(examAttempts.id, attemptId))
      .for('update', { of: examAttempts });
    const again = writeRefusal({ ...gate, status: a.status, deadlineAt: a.deadlineAt, activeDeviceId: a.activeDeviceId }, body.deviceId, now);
    if (again) throw again;
    await tx.insert(attemptEvents).values({ attemptId, kind: body.kind, at: now, detail: body.detail ?? null });
    if (!SWITCH_EVENT_KINDS.includes(body.kind)) return { switchCount: a.switchCount, submitted: false };
    const [u] = await tx
      .update(examAttempts)
      .set({ switchCount: sql`${examAttempts.switchCount} + 1` })
      .where(eq(examAttempts.id, attemptId))
      .returning({ switchCount: examAttempts.switchCount });
    const limit = (a.settings as ExamInput).switchLimit ?? null;
    const submitted = limit !== null && u.switchCount >= limit ? await submitAttempt(tx, attemptId, 'switch_limit', now) : false;
    return { switchCount: u.switchCount, submitted };
  });
}
