/**
 * Re-grade after a key correction: the question's CURRENT version (corrected in the bank as a new
 * version) becomes the key this exam grades the question with, every submitted attempt whose
 * paper holds the question is re-scored, and the changes are recorded (exam_regrades + audit) in
 * the same transaction. Attempts still running are scored with the new key when submitted.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { RegradeAffected, RegradeRequest, RegradeResult } from '../../../common/exam-results';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { invalid } from '../../platform/errors';
import { requireRole, type Principal } from '../../platform/principal';
import { accounts } from '../../platform/schema';
import { questions, questionVersions } from '../bank/schema';
import { people, units } from '../org/schema';
import { loadExam } from './results';
import { attemptKeyOverrides, examAttempts, examPapers, examRegrades } from './schema';
import { scoreAttempt } from './scoring';

type RegradeRow = typeof examRegrades.$inferSelect;

async function present(db: Db, rows: RegradeRow[], rescored: Map<number, number> = new Map()): Promise<RegradeResult[]> {
  const attemptIds = [...new Set(rows.flatMap((r) => r.changes.map((c) => c.attemptId)))];
  const actorIds = [...new Set(rows.map((r) => r.actorAccountId).filter((x): x is number => x !== null))];
  const facts = attemptIds.length
    ? await db
        .select({ id: examAttempts.id, attemptNo: examAttempts.attemptNo, name: people.name, unitName: units.name })
        .from(examAttempts)
        .innerJoin(people, eq(people.id, examAttempts.personId))
        .innerJoin(units, eq(units.id, people.unitId))
        .where(inArray(examAttempts.id, attemptIds))
    : [];
  const byAttempt = new Map(facts.map((f) => [f.id, f]));
  const actors = actorIds.length ? await db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(inArray(accounts.id, actorIds)) : [];
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  return rows.map((r) => ({
    id: r.id,
    examId: r.examId,
    questionId: r.questionId,
    keyVersionId: r.keyVersionId,
    reason: r.reason ?? '',
    actorName: r.actorAccountId !== null ? (actorName.get(r.actorAccountId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    attemptsRescored: rescored.get(r.id) ?? (r.changes as StoredChange[])[0]?.rescored ?? r.changes.length,
    affected: (r.changes as StoredChange[]).map(
      (c): RegradeAffected => ({
        personId: c.personId,
        name: byAttempt.get(c.attemptId)?.name ?? '',
        unitName: byAttempt.get(c.attemptId)?.unitName ?? '',
        attemptId: c.attemptId,
        attemptNo: byAttempt.get(c.attemptId)?.attemptNo ?? 0,
        before: c.before,
        after: c.after,
        passedBefore: c.passedBefore ?? null,
        passedAfter: c.passedAfter ?? null,
      }),
    ),
  }));
}

/** What exam_regrades.changes holds per attempt (the schema's fields plus pass before/after). */
interface StoredChange {
  attemptId: number;
  personId: number;
  before: number | null;
  after: number | null;
  passedBefore?: boolean | null;
  passedAfter?: boolean | null;
  /** on the first change only: how many attempts were re-scored in all */
  rescored?: number;
}

export async function regrade(ctx: AppContext, p: Principal, actor: AuditActor, examId: number, input: RegradeRequest): Promise<RegradeResult> {
  requireRole(p, 'admin', 'organiser');
  const reason = input.reason.trim();
  return ctx.db.transaction(async (tx) => {
    const exam = await loadExam(tx, examId);
    // one re-grade of an exam at a time: the override and the re-scores must not interleave
    await tx.execute(sql`select id from exams where id = ${examId} for update`);
    const onPapers = await tx
      .select({ items: examPapers.items })
      .from(examPapers)
      .where(and(eq(examPapers.examId, examId), sql`${examPapers.items} @> ${JSON.stringify([{ questionId: input.questionId }])}::jsonb`));
    const paperItems = onPapers.flatMap((x) => x.items).filter((it) => it.questionId === input.questionId);
    if (!paperItems.length) throw invalid([{ path: 'questionId', message: '本场考试的试卷中没有这道题' }]);
    const shownType = paperItems[0].type;
    if (shownType === 'essay') throw invalid([{ path: 'questionId', message: '简答题由阅卷人评分，请在阅卷中修改评分，无需重新评分' }]);

    const [q] = await tx
      .select({ currentVersionId: questions.currentVersionId, type: questionVersions.content })
      .from(questions)
      .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
      .where(eq(questions.id, input.questionId));
    if (!q || q.currentVersionId === null) throw invalid([{ path: 'questionId', message: '题库中找不到这道题' }]);
    if (q.type.type !== shownType) throw invalid([{ path: 'questionId', message: '题目当前版本的题型与试卷不同，不能用于重新评分' }]);
    const [override] = await tx
      .select()
      .from(attemptKeyOverrides)
      .where(and(eq(attemptKeyOverrides.examId, examId), eq(attemptKeyOverrides.questionId, input.questionId)));
    const keyNow = override?.keyVersionId;
    const unchanged = keyNow !== undefined ? keyNow === q.currentVersionId : paperItems.every((it) => it.versionId === q.currentVersionId);
    if (unchanged) throw invalid([{ path: 'questionId', message: '题目当前版本就是本场考试所用的答案，请先在题库中更正答案（保存为新版本）' }]);

    await tx
      .insert(attemptKeyOverrides)
      .values({ examId, questionId: input.questionId, keyVersionId: q.currentVersionId })
      .onConflictDoUpdate({ target: [attemptKeyOverrides.examId, attemptKeyOverrides.questionId], set: { keyVersionId: q.currentVersionId } });

    const attempts = await tx
      .select({ id: examAttempts.id, personId: examAttempts.personId, score: examAttempts.score, passed: examAttempts.passed })
      .from(examAttempts)
      .innerJoin(examPapers, eq(examPapers.id, examAttempts.paperId))
      .where(
        and(
          eq(examAttempts.examId, examId),
          eq(examAttempts.status, 'submitted'),
          sql`${examPapers.items} @> ${JSON.stringify([{ questionId: input.questionId }])}::jsonb`,
        ),
      )
      .orderBy(examAttempts.id);
    const changes: StoredChange[] = [];
    for (const a of attempts) {
      const after = await scoreAttempt(tx, a.id);
      if (after.score !== a.score || after.passed !== a.passed)
        changes.push({ attemptId: a.id, personId: a.personId, before: a.score, after: after.score, passedBefore: a.passed, passedAfter: after.passed });
    }
    if (changes.length) changes[0].rescored = attempts.length;

    const [row] = await tx
      .insert(examRegrades)
      .values({ examId, questionId: input.questionId, keyVersionId: q.currentVersionId, reason, changes, actorAccountId: actor.accountId })
      .returning();
    await audit(tx, actor, {
      action: 'exam.regrade',
      entityType: 'exam',
      entityId: examId,
      summary: `考试“${exam.title}”题目${input.questionId}按更正后的答案重新评分：重算${attempts.length}份答卷，${changes.length}人成绩变化`,
      before: { keyVersionId: keyNow ?? [...new Set(paperItems.map((it) => it.versionId))] },
      after: { keyVersionId: q.currentVersionId, reason, changes },
    });
    return (await present(tx, [row], new Map([[row.id, attempts.length]])))[0];
  });
}

export async function listRegrades(ctx: AppContext, p: Principal, examId: number): Promise<RegradeResult[]> {
  requireRole(p, 'admin', 'organiser');
  await loadExam(ctx.db, examId);
  const rows = await ctx.db.select().from(examRegrades).where(eq(examRegrades.examId, examId)).orderBy(desc(examRegrades.id));
  return present(ctx.db, rows);
}
