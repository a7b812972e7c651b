/**
 * Scoring a submitted attempt from what is stored: the frozen paper, the saved answers, the exam's
 * grading rules, re-grade key overrides and essay grades. Writes credit/score on every position
 * (an unanswered position gets a row with a null response and seq 0) and the attempt's total.
 * Idempotent: call it again after a re-grade or an essay grade.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { QuestionContent, QuestionResponse } from '../../../common/bank';
import type { Db } from '../../db/client';
import { questionVersions } from '../bank/schema';
import { gradePaper, totalOf } from './grade';
import { attemptAnswers, attemptKeyOverrides, essayGrades, examAttempts, examPapers, exams } from './schema';

export interface AttemptScore {
  score: number;
  pendingGrading: boolean;
  /** null while essays are pending */
  passed: boolean | null;
}

export async function scoreAttempt(db: Db, attemptId: number): Promise<AttemptScore> {
  const [row] = await db
    .select({ status: examAttempts.status, examId: examAttempts.examId, items: examPapers.items, passMark: exams.passMark, settings: exams.settings })
    .from(examAttempts)
    .innerJoin(examPapers, eq(examPapers.id, examAttempts.paperId))
    .innerJoin(exams, eq(exams.id, examAttempts.examId))
    .where(eq(examAttempts.id, attemptId));
  if (!row) throw new Error(`scoreAttempt: attempt ${attemptId} not found`);
  if (row.status !== 'submitted') throw new Error(`scoreAttempt: attempt ${attemptId} is not submitted`);

  const overrides = await db
    .select({ questionId: attemptKeyOverrides.questionId, keyVersionId: attemptKeyOverrides.keyVersionId })
    .from(attemptKeyOverrides)
    .where(eq(attemptKeyOverrides.examId, row.examId));
  const keyVersion = new Map(overrides.map((o) => [o.questionId, o.keyVersionId]));
  const items = row.items.map((it) => ({ ...it, versionId: keyVersion.get(it.questionId) ?? it.versionId }));

  const versionIds = [...new Set(items.map((it) => it.versionId))];
  // sequential on purpose: on a transaction (one connection) concurrent queries only queue
  const versions = versionIds.length
    ? await db.select({ id: questionVersions.id, content: questionVersions.content }).from(questionVersions).where(inArray(questionVersions.id, versionIds))
    : [];
  const answers = await db
    .select({ position: attemptAnswers.position, response: attemptAnswers.response })
    .from(attemptAnswers)
    .where(eq(attemptAnswers.attemptId, attemptId));
  const grades = await db.select({ position: essayGrades.position, score: essayGrades.score }).from(essayGrades).where(eq(essayGrades.attemptId, attemptId));
  const contents = new Map<number, QuestionContent>(versions.map((v) => [v.id, v.content]));
  const responses = new Map<number, QuestionResponse | null>(answers.map((a) => [a.position, a.response ?? null]));
  const essayScores = new Map<number, number[]>();
  for (const g of grades) essayScores.set(g.position, [...(essayScores.get(g.position) ?? []), g.score]);

  const rules = row.settings.grading ?? {};
  const itemGrades = gradePaper(items, contents, responses, rules, essayScores);
  const total = totalOf(itemGrades);

  if (itemGrades.length) {
    await db
      .insert(attemptAnswers)
      .values(itemGrades.map((g, position) => ({ attemptId, position, seq: 0, response: null, credit: g.credit, score: g.score })))
      .onConflictDoUpdate({
        target: [attemptAnswers.attemptId, attemptAnswers.position],
        set: { credit: sql`excluded.credit`, score: sql`excluded.score` },
      });
  }
  const passed = total.pending ? null : total.score >= row.passMark;
  await db
    .update(examAttempts)
    .set({ score: total.score, pendingGrading: total.pending, passed, gradedAt: new Date() })
    .where(and(eq(examAttempts.id, attemptId), eq(examAttempts.status, 'submitted')));
  return { score: total.score, pendingGrading: total.pending, passed };
}
