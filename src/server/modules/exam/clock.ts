/**
 * The server's clock for attempts: one formula for the deadline, used when an attempt starts and
 * again (in SQL) whenever an exam's window or a person's override changes, so a change takes
 * effect at once for an attempt already running.
 *
 *   deadline = min(startedAt + duration + extra, personal close ?? exam close)
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { examAttempts, exams } from './schema';

export interface ClockExam {
  durationSeconds: number;
  opensAt: Date;
  closesAt: Date;
}

export interface ClockCandidate {
  extraSeconds: number;
  opensAtOverride: Date | null;
  closesAtOverride: Date | null;
}

/** The window this person may start in. */
export function personalWindow(exam: ClockExam, c: ClockCandidate | null): { opensAt: Date; closesAt: Date } {
  return { opensAt: c?.opensAtOverride ?? exam.opensAt, closesAt: c?.closesAtOverride ?? exam.closesAt };
}

export function computeDeadline(startedAt: Date, exam: ClockExam, c: ClockCandidate | null): Date {
  const byDuration = startedAt.getTime() + (exam.durationSeconds + (c?.extraSeconds ?? 0)) * 1000;
  return new Date(Math.min(byDuration, personalWindow(exam, c).closesAt.getTime()));
}

/**
 * Recomputes the deadline of running attempts of an exam (optionally of one person) from the
 * current exam row and overrides. Call it in the same transaction as the change.
 */
export async function recomputeRunningDeadlines(db: Db, examId: number, personId?: number): Promise<number> {
  // Correlated subqueries: PostgreSQL does not let a JOIN in UPDATE … FROM refer to the target table.
  const cand = (col: string) =>
    sql.raw(`(select c.${col} from exam_candidates c where c.exam_id = exam_attempts.exam_id and c.person_id = exam_attempts.person_id)`);
  const rows = await db
    .update(examAttempts)
    .set({
      deadlineAt: sql`least(
        ${examAttempts.startedAt} + make_interval(secs => ${exams.durationSeconds} + coalesce(${cand('extra_seconds')}, 0)),
        coalesce(${cand('closes_at_override')}, ${exams.closesAt}))`,
    })
    .from(exams)
    .where(
      and(
        eq(exams.id, examAttempts.examId),
        eq(examAttempts.examId, examId),
        eq(examAttempts.status, 'in_progress'),
        personId === undefined ? undefined : eq(examAttempts.personId, personId),
      ),
    )
    .returning({ id: examAttempts.id });
  return rows.length;
}
