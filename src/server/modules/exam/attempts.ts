/**
 * The examinee's attempt: start (or resume, or take over from another device), the exam page's
 * view, and submit. Members only ever see their own attempts (anyone else's is a 404), and only
 * PublicQuestion shapes until the attempt is submitted.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { SAVE_GRACE_SECONDS, type AttemptItemView, type AttemptView, type ExamInput } from '../../../common/exam';
import type { Db } from '../../db/client';
import { AppError, forbidden, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { toPublicQuestion } from '../bank/public';
import { attemptGate, prepareSaves, toDisplayed, upsertAnswers, writeRefusal, type SaveInput } from './autosave';
import { computeDeadline, personalWindow } from './clock';
import { finaliseIfOverdue, submitAttempt } from './finalise';
import { paperItems, versionContents } from './frozen';
import { ensurePaper } from './papers';
import { attemptAnswers, attemptEvents, examAttempts, examCandidates, exams } from './schema';
import { examColumns } from './columns';

/** The person behind the session; accounts without a person record take no exams. */
export function examineeOf(p: Principal): number {
  if (p.personId === null) throw forbidden('只有登记了人员信息的账号才能参加考试');
  return p.personId;
}

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

/** POST /api/my/exams/:examId/start */
export async function startAttempt(db: Db, p: Principal, examId: number, body: { deviceId: string; takeover?: boolean }, now = new Date()): Promise<AttemptView> {
  const personId = examineeOf(p);
  const attemptId = await db.transaction(async (tx) => {
    // the candidate row serialises concurrent starts of one person (two tabs, double clicks)
    const [cand] = await tx
      .select()
      .from(examCandidates)
      .where(and(eq(examCandidates.examId, examId), eq(examCandidates.personId, personId)))
      .for('update');
    const [exam] = await tx.select(examColumns).from(exams).where(eq(exams.id, examId));
    if (!cand || !exam || exam.status === 'draft') throw notFound('考试');

    const [running] = await tx
      .select()
      .from(examAttempts)
      .where(and(eq(examAttempts.examId, examId), eq(examAttempts.personId, personId), eq(examAttempts.status, 'in_progress')));
    if (running && running.deadlineAt.getTime() + SAVE_GRACE_SECONDS * 1000 >= now.getTime()) {
      if (running.activeDeviceId && running.activeDeviceId !== body.deviceId) {
        if (!body.takeover) throw new AppError('DEVICE_ACTIVE', '本场考试正在另一台设备上作答。如需在本设备继续，请选择“在本设备继续”，原设备将不能再保存答案。');
        await tx.update(examAttempts).set({ activeDeviceId: body.deviceId }).where(eq(examAttempts.id, running.id));
        await tx.insert(attemptEvents).values({ attemptId: running.id, kind: 'device_takeover', at: now, detail: `从设备 ${running.activeDeviceId.slice(0, 8)} 转到 ${body.deviceId.slice(0, 8)}` });
      } else {
        if (!running.activeDeviceId) await tx.update(examAttempts).set({ activeDeviceId: body.deviceId }).where(eq(examAttempts.id, running.id));
        await tx.insert(attemptEvents).values({ attemptId: running.id, kind: 'resume', at: now });
      }
      return running.id;
    }
    if (running) await submitAttempt(tx, running.id, 'deadline', 'deadline');

    if (exam.status !== 'published') throw new AppError('EXAM_NOT_OPEN', '考试已结束');
    const win = personalWindow(exam, cand);
    if (now < win.opensAt) throw new AppError('EXAM_NOT_OPEN', `考试尚未开始，开考时间为${fmt(win.opensAt)}`);
    if (now >= win.closesAt) throw new AppError('EXAM_NOT_OPEN', `考试已于${fmt(win.closesAt)}截止`);
    const [{ used }] = await tx
      .select({ used: sql<number>`coalesce(max(${examAttempts.attemptNo}), 0)::int` })
      .from(examAttempts)
      .where(and(eq(examAttempts.examId, examId), eq(examAttempts.personId, personId)));
    const maxAttempts = exam.settings.maxAttempts ?? 1;
    if (used >= maxAttempts) throw new AppError('NO_ATTEMPTS_LEFT', `本场考试最多可作答${maxAttempts}次，已用完`);
    const attemptNo = used + 1;
    // the pre-drawn paper (publish draws attempt 1 for the roster), or one drawn now
    const paperId = (await ensurePaper(tx, exam, personId, attemptNo)).id;
    const [created] = await tx
      .insert(examAttempts)
      .values({ examId, personId, attemptNo, paperId, status: 'in_progress', startedAt: now, deadlineAt: computeDeadline(now, exam, cand), activeDeviceId: body.deviceId })
      .returning({ id: examAttempts.id });
    return created.id;
  });
  return attemptView(db, attemptId, now);
}

/** The exam page's view of an in-progress attempt (no keys, no 解析). */
export async function attemptView(db: Db, attemptId: number, now = new Date()): Promise<AttemptView> {
  const [a] = await db
    .select({ attempt: examAttempts, title: exams.title, totalPoints: exams.totalPoints, settings: exams.settings })
    .from(examAttempts)
    .innerJoin(exams, eq(exams.id, examAttempts.examId))
    .where(eq(examAttempts.id, attemptId));
  if (!a) throw notFound('作答记录');
  const items = await paperItems(db, a.attempt.paperId);
  const contents = await versionContents(
    db,
    items.map((i) => i.versionId),
  );
  const saved = await db
    .select({ position: attemptAnswers.position, response: attemptAnswers.response, flagged: attemptAnswers.flagged, seq: attemptAnswers.seq })
    .from(attemptAnswers)
    .where(eq(attemptAnswers.attemptId, attemptId));
  const byPos = new Map(saved.map((s) => [s.position, s]));
  const settings: ExamInput = a.settings;
  return {
    id: a.attempt.id,
    examId: a.attempt.examId,
    examTitle: a.title,
    attemptNo: a.attempt.attemptNo,
    status: a.attempt.status as AttemptView['status'],
    displayMode: settings.displayMode ?? 'one_per_page',
    startedAt: a.attempt.startedAt.toISOString(),
    deadlineAt: a.attempt.deadlineAt.toISOString(),
    serverNow: now.toISOString(),
    totalPoints: a.totalPoints,
    switchLimit: settings.switchLimit ?? null,
    switchCount: a.attempt.switchCount,
    lastSeq: a.attempt.lastSeq,
    items: items.map((item, position): AttemptItemView => {
      const content = contents.get(item.versionId)!;
      const s = byPos.get(position);
      return {
        position,
        points: item.points,
        question: toPublicQuestion({ id: item.versionId, content }, { optionOrder: item.optionOrder }),
        response: toDisplayed(s?.response ?? null, item, content),
        flagged: s?.flagged ?? false,
        seq: s?.seq ?? 0,
      };
    }),
  };
}

/** GET /api/my/attempts/:id — finalises an overdue attempt first; a submitted one is a 409 the page routes on. */
export async function getMyAttempt(db: Db, p: Principal, attemptId: number, deviceId: string | undefined, now = new Date()): Promise<AttemptView> {
  const personId = examineeOf(p);
  let gate = await attemptGate(db, attemptId, personId);
  if (gate.status === 'in_progress' && (await finaliseIfOverdue(db, attemptId, now))) gate = await attemptGate(db, attemptId, personId);
  if (gate.status !== 'in_progress') throw new AppError('ATTEMPT_SUBMITTED', '本次作答已交卷，请查看成绩页');
  if (deviceId && gate.activeDeviceId && gate.activeDeviceId !== deviceId) throw new AppError('DEVICE_REPLACED');
  return attemptView(db, attemptId, now);
}

/**
 * POST /api/my/attempts/:id/submit — the final saves and the submission in one transaction.
 * Submitting twice is harmless (the second finds it submitted). Past deadline + grace the final
 * saves are not applied and the attempt counts as submitted at its deadline.
 */
export async function submitMine(db: Db, p: Principal, attemptId: number, body: { deviceId: string; saves?: SaveInput[] }, now = new Date()): Promise<void> {
  const personId = examineeOf(p);
  const gate = await attemptGate(db, attemptId, personId);
  if (gate.status !== 'in_progress') return;
  const rows = body.saves?.length ? await prepareSaves(db, gate.paperId, body.saves) : [];
  await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(examAttempts).where(eq(examAttempts.id, attemptId)).for('update');
    if (locked.status !== 'in_progress') return;
    const refusal = writeRefusal({ ...gate, ...locked }, body.deviceId, now);
    if (refusal?.code === 'DEVICE_REPLACED') throw refusal;
    if (refusal) {
      await submitAttempt(tx, attemptId, 'deadline', 'deadline');
      return;
    }
    if (rows.length && !(await upsertAnswers(tx, attemptId, body.deviceId, rows, now))) throw new AppError('ATTEMPT_CLOSED');
    await submitAttempt(tx, attemptId, 'manual', now);
  });
}

/** Latest attempts of a person for an exam, newest first. */
export async function attemptsOf(db: Db, examId: number, personId: number) {
  return db
    .select()
    .from(examAttempts)
    .where(and(eq(examAttempts.examId, examId), eq(examAttempts.personId, personId)))
    .orderBy(desc(examAttempts.attemptNo));
}
