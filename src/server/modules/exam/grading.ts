/**
 * 简答 grading: a queue by question across examinees, graded BLIND. A grader sees the answer
 * text, the rubric and the reference answer — never a name, unit, person or attempt id: each
 * answer is named by an HMAC token (server key, exam, attempt, position) and the list is ordered
 * by that token, so neither identity nor submission order can be read from it. With two graders
 * each sees only their own grade; the item is final (mean) once two distinct graders graded it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { QuestionContent } from '../../../common/bank';
import type { PaperItem } from '../../../common/exam';
import type { EssayGradeRequest, GradingItem, GradingQueue, GradingView, RubricItem } from '../../../common/exam-results';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors';
import { requireRole, type Principal } from '../../platform/principal';
import { questionVersions } from '../bank/schema';
import { htmlToText } from '../bank/sanitize';
import { essayAnswered } from './grade';
import { loadExam, type ExamRow } from './results';
import { attemptAnswers, attemptKeyOverrides, essayGrades, examAttempts, examPapers, exams } from './schema';
import { scoreAttempt } from './scoring';

export const gradersPerEssayOf = (exam: ExamRow): 1 | 2 => (exam.settings?.grading?.gradersPerEssay === 2 ? 2 : 1);

/** Opaque, stable, unguessable name of one answer (keyed by the server's secret). */
export const answerToken = (ctx: AppContext, examId: number, attemptId: number, position: number) =>
  ctx.cipher.blindIndex(`essay-grading:${examId}:${attemptId}:${position}`).slice(0, 32);

interface EssayAnswer {
  attemptId: number;
  personId: number;
  position: number;
  questionId: number;
  versionId: number;
  points: number;
  text: string;
}

/** Essay items of every submitted attempt of the exam that has something to read. */
async function submittedEssays(db: Db, examId: number, questionId?: number): Promise<EssayAnswer[]> {
  const attempts = await db
    .select({ id: examAttempts.id, personId: examAttempts.personId, items: examPapers.items })
    .from(examAttempts)
    .innerJoin(examPapers, eq(examPapers.id, examAttempts.paperId))
    .where(
      and(
        eq(examAttempts.examId, examId),
        eq(examAttempts.status, 'submitted'),
        questionId === undefined ? undefined : sql`${examPapers.items} @> ${JSON.stringify([{ questionId }])}::jsonb`,
      ),
    );
  const wanted: Omit<EssayAnswer, 'text'>[] = [];
  for (const a of attempts)
    a.items.forEach((it: PaperItem, position) => {
      if (it.type === 'essay' && (questionId === undefined || it.questionId === questionId))
        wanted.push({ attemptId: a.id, personId: a.personId, position, questionId: it.questionId, versionId: it.versionId, points: it.points });
    });
  if (!wanted.length) return [];
  const answers = await db
    .select({ attemptId: attemptAnswers.attemptId, position: attemptAnswers.position, response: attemptAnswers.response })
    .from(attemptAnswers)
    .innerJoin(examAttempts, eq(examAttempts.id, attemptAnswers.attemptId))
    .where(and(eq(examAttempts.examId, examId), eq(examAttempts.status, 'submitted'), sql`${attemptAnswers.response}->>'type' = 'essay'`));
  const text = new Map(answers.filter((a) => essayAnswered(a.response)).map((a) => [`${a.attemptId}:${a.position}`, a.response!.type === 'essay' ? a.response!.text : '']));
  return wanted.filter((w) => text.has(`${w.attemptId}:${w.position}`)).map((w) => ({ ...w, text: text.get(`${w.attemptId}:${w.position}`)! }));
}

async function gradesOf(db: Db, examId: number) {
  return db
    .select({
      attemptId: essayGrades.attemptId,
      position: essayGrades.position,
      grader: essayGrades.graderAccountId,
      score: essayGrades.score,
      comment: essayGrades.comment,
      gradedAt: essayGrades.gradedAt,
    })
    .from(essayGrades)
    .innerJoin(examAttempts, eq(examAttempts.id, essayGrades.attemptId))
    .where(eq(examAttempts.examId, examId));
}

/** The essay questions on the exam's papers: the version to show (a re-grade's key wins) and points. */
async function essayQuestions(db: Db, exam: ExamRow): Promise<Map<number, { versionId: number; points: number; positions: Set<number> }>> {
  const papers = await db.select({ items: examPapers.items }).from(examPapers).where(eq(examPapers.examId, exam.id));
  const [fixed] = await db.select({ items: exams.fixedItems }).from(exams).where(eq(exams.id, exam.id));
  const out = new Map<number, { versionId: number; points: number; positions: Set<number> }>();
  for (const items of [...papers.map((p) => p.items), fixed?.items ?? []])
    items.forEach((it, position) => {
      if (it.type !== 'essay') return;
      const q = out.get(it.questionId) ?? { versionId: it.versionId, points: it.points, positions: new Set<number>() };
      if (papers.length) q.positions.add(position);
      out.set(it.questionId, q);
    });
  const overrides = await db.select().from(attemptKeyOverrides).where(eq(attemptKeyOverrides.examId, exam.id));
  for (const o of overrides) {
    const q = out.get(o.questionId);
    if (q) q.versionId = o.keyVersionId;
  }
  return out;
}

async function contentsOf(db: Db, versionIds: number[]): Promise<Map<number, QuestionContent>> {
  if (!versionIds.length) return new Map();
  const rows = await db.select({ id: questionVersions.id, content: questionVersions.content }).from(questionVersions).where(inArray(questionVersions.id, versionIds));
  return new Map(rows.map((r) => [r.id, r.content]));
}

const essayParts = (c: QuestionContent | undefined): { referenceHtml: string; rubric: RubricItem[] } =>
  c?.type === 'essay' ? { referenceHtml: c.answer.referenceHtml, rubric: c.answer.rubric } : { referenceHtml: '', rubric: [] };

function requireGrader(p: Principal) {
  requireRole(p, 'admin', 'organiser');
}

export async function gradingQueue(ctx: AppContext, p: Principal, examId: number): Promise<GradingQueue> {
  requireGrader(p);
  const exam = await loadExam(ctx.db, examId);
  const needed = gradersPerEssayOf(exam);
  const questions = await essayQuestions(ctx.db, exam);
  const essays = (await submittedEssays(ctx.db, examId)).filter((e) => e.personId !== p.personId);
  const grades = await gradesOf(ctx.db, examId);
  const graders = new Map<string, Set<number>>();
  for (const g of grades) {
    const k = `${g.attemptId}:${g.position}`;
    graders.set(k, (graders.get(k) ?? new Set()).add(g.grader));
  }
  const contents = await contentsOf(ctx.db, [...questions.values()].map((q) => q.versionId));
  const items = [...questions.entries()]
    .sort((a, b) => Math.min(...a[1].positions, 999) - Math.min(...b[1].positions, 999) || a[0] - b[0])
    .map(([questionId, q]) => {
      const mine = essays.filter((e) => e.questionId === questionId);
      const c = contents.get(q.versionId);
      return {
        questionId,
        positions: [...q.positions].sort((a, b) => a - b),
        stem: c ? htmlToText(c.stem) : '',
        points: q.points,
        ...essayParts(c),
        answers: mine.length,
        gradedByMe: mine.filter((e) => graders.get(`${e.attemptId}:${e.position}`)?.has(p.accountId)).length,
        fullyGraded: mine.filter((e) => (graders.get(`${e.attemptId}:${e.position}`)?.size ?? 0) >= needed).length,
      };
    });
  return { examId, examTitle: exam.title, gradersPerEssay: needed, items };
}

export async function gradingView(ctx: AppContext, p: Principal, examId: number, questionId: number): Promise<GradingView> {
  requireGrader(p);
  const exam = await loadExam(ctx.db, examId);
  const q = (await essayQuestions(ctx.db, exam)).get(questionId);
  if (!q) throw notFound('简答题');
  const content = (await contentsOf(ctx.db, [q.versionId])).get(q.versionId);
  const essays = (await submittedEssays(ctx.db, examId, questionId)).filter((e) => e.personId !== p.personId);
  const mine = new Map(
    (await gradesOf(ctx.db, examId)).filter((g) => g.grader === p.accountId).map((g) => [`${g.attemptId}:${g.position}`, g] as const),
  );
  const items: GradingItem[] = essays
    .map((e) => {
      const g = mine.get(`${e.attemptId}:${e.position}`);
      return {
        token: answerToken(ctx, examId, e.attemptId, e.position),
        text: e.text,
        myGrade: g ? { score: g.score, comment: g.comment ?? '', gradedAt: g.gradedAt.toISOString() } : null,
      };
    })
    .sort((a, b) => (a.token < b.token ? -1 : 1));
  return {
    examId,
    questionId,
    stemHtml: content?.stem ?? '',
    points: q.points,
    ...essayParts(content),
    gradersPerEssay: gradersPerEssayOf(exam),
    items,
  };
}

/**
 * Records my grade for one answer (a second call replaces it), then re-scores the attempt. With
 * gradersPerEssay graders already on an answer, a further grader is refused.
 */
export async function gradeEssay(ctx: AppContext, p: Principal, actor: AuditActor, examId: number, questionId: number, token: string, input: EssayGradeRequest): Promise<GradingItem> {
  requireGrader(p);
  return ctx.db.transaction(async (tx) => {
    const exam = await loadExam(tx, examId);
    const essays = await submittedEssays(tx, examId, questionId);
    const e = essays.find((x) => answerToken(ctx, examId, x.attemptId, x.position) === token);
    if (!e) throw notFound('答卷');
    if (e.personId !== null && e.personId === p.personId) throw forbidden('不能评阅本人的答卷');
    const score = input.score;
    if (score > e.points) throw invalid([{ path: 'score', message: `得分不能超过本题分值${e.points}分` }]);
    // one grader at a time per attempt: the count check and the re-score see every grade
    await tx.execute(sql`select id from ${examAttempts} where id = ${e.attemptId} for update`);
    const existing = await tx
      .select({ grader: essayGrades.graderAccountId, score: essayGrades.score })
      .from(essayGrades)
      .where(and(eq(essayGrades.attemptId, e.attemptId), eq(essayGrades.position, e.position)));
    const before = existing.find((g) => g.grader === p.accountId);
    if (!before && existing.length >= gradersPerEssayOf(exam)) {
      const message = gradersPerEssayOf(exam) === 2 ? '这份答卷已由两位阅卷人评分' : '这份答卷已由其他阅卷人评分';
      throw new AppError('CONFLICT', message, { issues: [{ path: 'token', message }] });
    }
    const comment = (input.comment ?? '').trim();
    const now = new Date();
    await tx
      .insert(essayGrades)
      .values({ attemptId: e.attemptId, position: e.position, graderAccountId: p.accountId, score, comment, gradedAt: now })
      .onConflictDoUpdate({ target: [essayGrades.attemptId, essayGrades.position, essayGrades.graderAccountId], set: { score, comment, gradedAt: now } });
    const result = await scoreAttempt(tx, e.attemptId);
    await audit(tx, actor, {
      action: 'exam.essay_grade',
      entityType: 'exam_attempt',
      entityId: e.attemptId,
      summary: `评阅考试“${exam.title}”简答题（题目${questionId}）：${score}分`,
      before: before ? { score: before.score } : undefined,
      after: { questionId, position: e.position, score, attemptScore: result.score, pendingGrading: result.pendingGrading },
    });
    return { token, text: e.text, myGrade: { score, comment, gradedAt: now.toISOString() } };
  });
}
