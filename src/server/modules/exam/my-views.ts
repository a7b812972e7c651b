/**
 * What an examinee sees outside the exam page: the list of their exams, and an attempt's result
 * honouring the exam's resultsRelease / answersRelease. Keys and 解析 leave the server only when
 * answersRelease allows it, and only for the examinee's own submitted attempt.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { QuestionContent } from '../../../common/bank';
import {
  SAVE_GRACE_SECONDS,
  type AttemptResultView,
  type ExamInput,
  type MyExamItem,
  type PaperItem,
  type ReleaseMode,
  type SubmitReason,
} from '../../../common/exam';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { originalToDisplayed, toPublicQuestion } from '../bank/public';
import { examineeOf } from './attempts';
import { shownOrder, toDisplayed } from './autosave';
import { personalWindow } from './clock';
import { finaliseIfOverdue } from './finalise';
import { paperItems, versionContents } from './frozen';
import { attemptAnswers, attemptKeyOverrides, examAttempts, examCandidates, exams } from './schema';
import { examColumns, type ExamRowLite } from './columns';

type ExamRow = ExamRowLite;
type CandidateRow = typeof examCandidates.$inferSelect;

/** When results under this mode become visible to this examinee: their personal close for 'after_close', else null. */
export function releaseAt(mode: ReleaseMode, exam: Pick<ExamRow, 'opensAt' | 'closesAt' | 'durationSeconds'>, cand: CandidateRow | null): string | null {
  return mode === 'after_close' ? personalWindow(exam, cand).closesAt.toISOString() : null;
}

/** Whether a release mode lets this examinee see it now (their attempt being submitted). */
export function isReleased(mode: ReleaseMode, exam: Pick<ExamRow, 'status' | 'resultsPublishedAt' | 'opensAt' | 'closesAt' | 'durationSeconds'>, cand: CandidateRow | null, now: Date): boolean {
  switch (mode) {
    case 'immediate':
      return true;
    case 'after_close':
      return exam.status === 'closed' || now >= personalWindow(exam, cand).closesAt;
    case 'published':
      return exam.resultsPublishedAt !== null;
    default:
      return false;
  }
}

/** The exam has closed, or its close and every personal close override are past. */
async function examOverForEveryone(db: Db, exam: Pick<ExamRow, 'id' | 'status' | 'closesAt'>, now: Date): Promise<boolean> {
  if (exam.status === 'closed') return true;
  if (now < exam.closesAt) return false;
  const [later] = await db
    .select({ personId: examCandidates.personId })
    .from(examCandidates)
    .where(and(eq(examCandidates.examId, exam.id), sql`${examCandidates.closesAtOverride} > ${now.toISOString()}::timestamptz`))
    .limit(1);
  return !later;
}

function questionCountOf(settings: ExamInput): number {
  const p = settings.paper;
  return p.mode === 'fixed' ? p.fixed.items.length : p.blueprint.sections.reduce((s, x) => s + x.count, 0);
}

/** GET /api/my/exams */
export async function listMyExams(db: Db, p: Principal, now = new Date()): Promise<MyExamItem[]> {
  const personId = examineeOf(p);
  const rows = await db
    .select({ exam: examColumns, cand: examCandidates })
    .from(examCandidates)
    .innerJoin(exams, eq(exams.id, examCandidates.examId))
    .where(and(eq(examCandidates.personId, personId), ne(exams.status, 'draft')));
  if (!rows.length) return [];
  const examIds = rows.map((r) => r.exam.id);
  const load = () =>
    db
      .select()
      .from(examAttempts)
      .where(and(eq(examAttempts.personId, personId), inArray(examAttempts.examId, examIds)));
  let attempts = await load();
  const overdue = attempts.filter((a) => a.status === 'in_progress' && a.deadlineAt.getTime() + SAVE_GRACE_SECONDS * 1000 < now.getTime());
  if (overdue.length) {
    for (const a of overdue) await finaliseIfOverdue(db, a.id, now);
    attempts = await load();
  }
  const items = rows.map(({ exam, cand }): MyExamItem => {
    const mine = attempts.filter((a) => a.examId === exam.id).sort((x, y) => y.attemptNo - x.attemptNo);
    const running = mine.find((a) => a.status === 'in_progress') ?? null;
    const submitted = mine.filter((a) => a.status === 'submitted');
    const last = submitted[0] ?? null;
    const win = personalWindow(exam, cand);
    const settings: ExamInput = exam.settings;
    const maxAttempts = settings.maxAttempts ?? 1;
    const canStart = exam.status === 'published' && now >= win.opensAt && now < win.closesAt && mine.length < maxAttempts;
    const resultsRelease = settings.resultsRelease ?? 'after_close';
    const resultsVisible = !!last && isReleased(resultsRelease, exam, cand, now);
    // the score that counts: best or last submitted attempt, once graded
    const counted = settings.attemptScoring === 'last' ? last : [...submitted].sort((x, y) => (y.score ?? -1) - (x.score ?? -1))[0] ?? null;
    const showScore = resultsVisible && counted !== null && !counted.pendingGrading;
    let state: MyExamItem['state'];
    if (running) state = 'in_progress';
    else if (canStart) state = 'open';
    else if (last) state = resultsVisible ? 'result' : 'submitted';
    else if (exam.status === 'published' && now < win.opensAt) state = 'upcoming';
    else state = 'missed';
    return {
      examId: exam.id,
      title: exam.title,
      kind: exam.kind as MyExamItem['kind'],
      instructions: settings.instructions ?? '',
      opensAt: win.opensAt.toISOString(),
      closesAt: win.closesAt.toISOString(),
      durationMinutes: Math.round(exam.durationSeconds / 60),
      extraMinutes: Math.round(cand.extraSeconds / 60),
      totalPoints: exam.totalPoints,
      passMark: exam.passMark,
      questionCount: questionCountOf(settings),
      maxAttempts,
      attemptsUsed: mine.length,
      state,
      activeAttemptId: running?.id ?? null,
      lastAttemptId: last?.id ?? null,
      score: showScore ? counted.score : null,
      passed: showScore ? counted.passed : null,
      resultsRelease,
      resultsAt: releaseAt(resultsRelease, exam, cand),
    };
  });
  return items.sort((a, b) => b.opensAt.localeCompare(a.opensAt));
}

/** The answer key as the examinee reads it, in the letters they saw. */
export function correctAnswerText(content: QuestionContent, item: PaperItem): string {
  switch (content.type) {
    case 'single':
      return originalToDisplayed(content.answer.key, shownOrder(item, content)) ?? '';
    case 'multiple':
      return content.answer.keys
        .map((k) => originalToDisplayed(k, shownOrder(item, content)) ?? '')
        .sort()
        .join('');
    case 'truefalse':
      return content.answer.value ? '正确' : '错误';
    case 'fill':
      return content.answer.blanks.map((b, i) => `（${i + 1}）${b.accepted.join(' / ')}`).join('；');
    case 'essay':
      return content.answer.referenceHtml;
  }
}

/** GET /api/my/attempts/:id/result */
export async function attemptResult(db: Db, p: Principal, attemptId: number, now = new Date()): Promise<AttemptResultView> {
  const personId = examineeOf(p);
  const load = async () => {
    const [r] = await db
      .select({ attempt: examAttempts, exam: examColumns, cand: examCandidates })
      .from(examAttempts)
      .innerJoin(exams, eq(exams.id, examAttempts.examId))
      .leftJoin(examCandidates, and(eq(examCandidates.examId, examAttempts.examId), eq(examCandidates.personId, examAttempts.personId)))
      .where(and(eq(examAttempts.id, attemptId), eq(examAttempts.personId, personId)));
    return r;
  };
  let row = await load();
  if (!row) throw notFound('作答记录');
  if (row.attempt.status === 'in_progress' && (await finaliseIfOverdue(db, attemptId, now))) row = await load();
  const { attempt, exam, cand } = row;
  if (attempt.status !== 'submitted') throw new AppError('CONFLICT', '本次作答尚未交卷，交卷后才能查看结果');
  const settings: ExamInput = exam.settings;
  const resultsRelease = settings.resultsRelease ?? 'after_close';
  const resultsVisible = isReleased(resultsRelease, exam, cand, now);
  // Keys and 解析 only once nobody can still be writing this exam (every personal window over),
  // whatever the mode says — except practice, which has no record to protect.
  const answersVisible = isReleased(settings.answersRelease ?? 'never', exam, cand, now) && (exam.kind === 'practice' || (await examOverForEveryone(db, exam, now)));

  const items = await paperItems(db, attempt.paperId);
  const overrides = answersVisible
    ? await db.select({ questionId: attemptKeyOverrides.questionId, keyVersionId: attemptKeyOverrides.keyVersionId }).from(attemptKeyOverrides).where(eq(attemptKeyOverrides.examId, exam.id))
    : [];
  const keyVersion = new Map(overrides.map((o) => [o.questionId, o.keyVersionId]));
  const contents = await versionContents(db, [...items.map((i) => i.versionId), ...keyVersion.values()]);
  const saved = await db
    .select({ position: attemptAnswers.position, response: attemptAnswers.response, score: attemptAnswers.score })
    .from(attemptAnswers)
    .where(eq(attemptAnswers.attemptId, attemptId));
  const byPos = new Map(saved.map((s) => [s.position, s]));
  const showScore = resultsVisible && !attempt.pendingGrading;
  return {
    attemptId: attempt.id,
    examTitle: exam.title,
    status: 'submitted',
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    submitReason: (attempt.submitReason as SubmitReason | null) ?? null,
    score: showScore ? attempt.score : null,
    totalPoints: exam.totalPoints,
    passMark: exam.passMark,
    passed: showScore ? attempt.passed : null,
    pendingGrading: attempt.pendingGrading,
    resultsVisible,
    answersVisible,
    resultsRelease,
    resultsAt: releaseAt(resultsRelease, exam, cand),
    items: items.map((item, position) => {
      const content = contents.get(item.versionId)!;
      const s = byPos.get(position);
      const out: AttemptResultView['items'][number] = {
        position,
        points: item.points,
        question: toPublicQuestion({ id: item.versionId, content }, { optionOrder: item.optionOrder }),
        response: toDisplayed(s?.response ?? null, item, content),
        score: resultsVisible ? (s?.score ?? null) : null,
      };
      if (answersVisible) {
        const key = contents.get(keyVersion.get(item.questionId) ?? item.versionId) ?? content;
        out.correctAnswer = correctAnswerText(key, item);
        out.explanationHtml = key.explanationHtml;
      }
      return out;
    }),
  };
}
