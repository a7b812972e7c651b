/**
 * 凡提必考: for a 任前 exam (and its 补考) the candidate list with 通过/未通过/缺考, the printable
 * 考试结果通知 to the 组织部, scheduling failures and absentees into the 补考, and a person's 任前
 * history with whether a pass is valid today (a pass is valid passValidMonths after submission).
 */
import { and, asc, desc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { type ExamKind, type ExamStatus } from '../../../common/exam';
import {
  CANDIDATE_OUTCOMES,
  CANDIDATE_OUTCOME_ZH,
  type CandidateOutcome,
  type CandidatesView,
  type PreAppointmentExam,
  type PreAppointmentHistory,
  type ScheduleMakeupRequest,
  type ScheduleMakeupResult,
} from '../../../common/exam-results';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, notFound } from '../../platform/errors';
import { peopleScope, requireRole, type Principal } from '../../platform/principal';
import { people, units } from '../org/schema';
import { cnDate, esc, printablePage } from './report';
import { examEnded, loadExam, rosterOutcomes, type ExamRow, type RosterOutcome } from './results';
import { examCandidates, exams } from './schema';
import { examColumns } from './columns';

/** Not started is 缺考 (absent) only once the person's window has ended; before that 待考 (pending). */
export function outcomeFor(o: Pick<RosterOutcome, 'status'>, windowEnded: boolean): CandidateOutcome {
  switch (o.status) {
    case 'passed':
      return 'passed';
    case 'failed':
      return 'failed';
    case 'not_started':
      return windowEnded ? 'absent' : 'pending';
    case 'in_progress':
      return 'in_progress';
    default:
      return 'grading';
  }
}

/** submittedAt + months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

/** A makeup's own validity setting, else that of the exam it repeats. */
async function passValidMonthsOf(db: Db, exam: ExamRow): Promise<number | null> {
  if (exam.settings?.passValidMonths) return exam.settings.passValidMonths;
  if (exam.kind === 'makeup' && exam.makeupOfExamId) {
    const [orig] = await db.select({ settings: exams.settings }).from(exams).where(eq(exams.id, exam.makeupOfExamId));
    return orig?.settings?.passValidMonths ?? null;
  }
  return null;
}

/** 任前 exams and the 补考 of a 任前 exam (any depth of makeup of makeup is resolved one step). */
async function isPreAppointmentExam(db: Db, exam: ExamRow): Promise<boolean> {
  if (exam.kind === 'pre_appointment') return true;
  if (exam.kind !== 'makeup' || !exam.makeupOfExamId) return false;
  const seen = new Set<number>([exam.id]);
  let id: number | null = exam.makeupOfExamId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const [orig] = await db.select({ kind: exams.kind, makeupOfExamId: exams.makeupOfExamId }).from(exams).where(eq(exams.id, id));
    if (!orig) return false;
    if (orig.kind === 'pre_appointment') return true;
    id = orig.kind === 'makeup' ? orig.makeupOfExamId : null;
  }
  return false;
}

async function requirePreAppointment(db: Db, examId: number): Promise<ExamRow> {
  const exam = await loadExam(db, examId);
  if (!(await isPreAppointmentExam(db, exam))) throw invalid([{ path: 'id', message: '只有任前法律知识考试（凡提必考）及其补考有合格名单' }]);
  return exam;
}

const validUntilOf = (o: RosterOutcome, months: number | null) =>
  o.status === 'passed' && months && o.attempt?.submittedAt ? addMonths(o.attempt.submittedAt, months).toISOString() : null;

/**
 * Whether each person's window is over: the exam is closed, or now is past their personal close
 * (closesAtOverride, else the exam's). A closed exam ends every personal window.
 */
async function windowEndedFor(db: Db, exam: ExamRow, personIds?: number[], now = new Date()): Promise<(personId: number) => boolean> {
  if (exam.status === 'closed') return () => true;
  const overrides = await db
    .select({ personId: examCandidates.personId, closesAt: examCandidates.closesAtOverride })
    .from(examCandidates)
    .where(and(eq(examCandidates.examId, exam.id), isNotNull(examCandidates.closesAtOverride), ...(personIds ? [inArray(examCandidates.personId, personIds)] : [])));
  const close = new Map(overrides.map((o) => [o.personId, o.closesAt!]));
  return (personId) => now.getTime() >= (close.get(personId) ?? exam.closesAt).getTime();
}

async function candidateRows(db: Db, exam: ExamRow) {
  const months = await passValidMonthsOf(db, exam);
  const outcomes = await rosterOutcomes(db, exam, []);
  const ended = await windowEndedFor(db, exam);
  return {
    months,
    rows: outcomes.map((o) => ({
      personId: o.personId,
      name: o.name,
      unitName: o.unitName,
      title: o.title,
      rank: o.rank,
      outcome: outcomeFor(o, ended(o.personId)),
      score: o.score,
      submittedAt: o.attempt?.status === 'submitted' ? (o.attempt.submittedAt?.toISOString() ?? null) : null,
      validUntil: validUntilOf(o, months),
      source: o.source,
    })),
  };
}

export async function getCandidates(ctx: AppContext, p: Principal, examId: number): Promise<CandidatesView> {
  requireRole(p, 'admin', 'organiser');
  const exam = await requirePreAppointment(ctx.db, examId);
  const { months, rows } = await candidateRows(ctx.db, exam);
  const counts = Object.fromEntries(CANDIDATE_OUTCOMES.map((k) => [k, 0])) as Record<CandidateOutcome, number>;
  for (const r of rows) counts[r.outcome]++;
  const makeups = await ctx.db
    .select({ id: exams.id, title: exams.title, status: exams.status, opensAt: exams.opensAt })
    .from(exams)
    .where(and(eq(exams.kind, 'makeup'), eq(exams.makeupOfExamId, examId)))
    .orderBy(asc(exams.opensAt));
  return {
    exam: {
      id: exam.id,
      title: exam.title,
      kind: exam.kind as ExamKind,
      status: exam.status as ExamStatus,
      opensAt: exam.opensAt.toISOString(),
      closesAt: exam.closesAt.toISOString(),
      totalPoints: exam.totalPoints,
      passMark: exam.passMark,
      passValidMonths: months,
    },
    counts,
    rows,
    makeupExams: makeups.map((m) => ({ ...m, status: m.status as ExamStatus, opensAt: m.opensAt.toISOString() })),
  };
}

/** GET /api/exams/:id/notice — 考试结果通知 to the 组织部, every candidate with the verdict. */
export async function noticeHtml(ctx: AppContext, p: Principal, actor: AuditActor, examId: number): Promise<string> {
  requireRole(p, 'admin', 'organiser');
  const exam = await requirePreAppointment(ctx.db, examId);
  const { months, rows } = await candidateRows(ctx.db, exam);
  const failed = rows.filter((r) => r.outcome === 'failed' || r.outcome === 'absent');
  const passed = rows.filter((r) => r.outcome === 'passed');
  const pending = rows.filter((r) => r.outcome === 'grading' || r.outcome === 'in_progress');
  const notYet = rows.filter((r) => r.outcome === 'pending');
  const table = rows
    .map(
      (r, i) =>
        `<tr><td class="num">${i + 1}</td><td>${esc(r.name)}</td><td>${esc(r.unitName)}</td><td>${esc(r.title ?? '')}</td><td class="num">${r.score ?? '—'}</td><td class="num">${esc(CANDIDATE_OUTCOME_ZH[r.outcome])}</td></tr>`,
    )
    .join('');
  const today = cnDate(new Date());
  const body = `<h1>考试结果通知</h1>
<p>区委组织部：</p>
<p style="text-indent:2em">根据“凡提必考”制度要求，我办于${esc(cnDate(exam.opensAt))}组织了${esc(exam.title)}，满分${esc(exam.totalPoints)}分，${esc(exam.passMark)}分及格。应考${rows.length}人，通过${passed.length}人，未通过${rows.filter((r) => r.outcome === 'failed').length}人，缺考${rows.filter((r) => r.outcome === 'absent').length}人${notYet.length ? `，待考${notYet.length}人（考试时间尚未结束）` : ''}${pending.length ? `，尚有${pending.length}人成绩未出` : ''}。现将考试结果通知如下：</p>
<table><tr><th class="num">序号</th><th>姓名</th><th>单位</th><th>职务</th><th class="num">成绩</th><th class="num">结论</th></tr>${table || '<tr><td colspan="6" class="num">无考生</td></tr>'}</table>
<p class="note" style="text-indent:2em"><b>未通过者不得列入拟提拔人选。</b>${failed.length ? `未通过及缺考的${failed.length}名同志，由我办安排参加补考。` : ''}${months ? `考试通过的有效期为${months}个月。` : ''}</p>
<p style="text-indent:2em">特此通知。</p>
<div class="sign">考评办（盖章）<br>${esc(today)}</div>`;
  await audit(ctx.db, actor, { action: 'exam.notice', entityType: 'exam', entityId: examId, summary: `生成考试“${exam.title}”的考试结果通知（${rows.length}人）` });
  return printablePage(`${exam.title} 考试结果通知`, body);
}

/**
 * Puts the failed and absent candidates of this exam on the roster of its 补考 (source 'makeup').
 * The window of this exam must be over; someone who passed is never added.
 */
export async function scheduleMakeup(ctx: AppContext, p: Principal, actor: AuditActor, examId: number, input: ScheduleMakeupRequest): Promise<ScheduleMakeupResult> {
  requireRole(p, 'admin', 'organiser');
  return ctx.db.transaction(async (tx) => {
    const exam = await requirePreAppointment(tx, examId);
    const [makeup] = await tx.select(examColumns).from(exams).where(eq(exams.id, input.makeupExamId));
    if (!makeup) throw invalid([{ path: 'makeupExamId', message: '补考不存在' }]);
    if (makeup.kind !== 'makeup' || makeup.makeupOfExamId !== examId) throw invalid([{ path: 'makeupExamId', message: `所选考试不是“${exam.title}”的补考` }]);
    if (makeup.status === 'closed' || (makeup.status === 'published' && makeup.closesAt.getTime() <= Date.now()))
      throw invalid([{ path: 'makeupExamId', message: '所选补考已结束' }]);
    if (!examEnded(exam)) throw new AppError('CONFLICT', '考试尚未结束，结束后才能安排补考', { issues: [{ path: 'id', message: '考试尚未结束，结束后才能安排补考' }] });
    const outcomes = await rosterOutcomes(tx, exam, []);
    // someone whose personal window is still open (a later close override) is 待考, not 缺考
    const ended = await windowEndedFor(tx, exam);
    const toAdd = outcomes.filter((o) => o.status === 'failed' || (o.status === 'not_started' && ended(o.personId)));
    const already = toAdd.length
      ? await tx
          .select({ personId: examCandidates.personId })
          .from(examCandidates)
          .where(and(eq(examCandidates.examId, makeup.id), inArray(examCandidates.personId, toAdd.map((o) => o.personId))))
      : [];
    const on = new Set(already.map((a) => a.personId));
    const added = toAdd.filter((o) => !on.has(o.personId));
    if (added.length)
      await tx
        .insert(examCandidates)
        .values(added.map((o) => ({ examId: makeup.id, personId: o.personId, source: 'makeup' })))
        .onConflictDoNothing();
    const result: ScheduleMakeupResult = {
      makeupExamId: makeup.id,
      added: added.map((o) => ({ personId: o.personId, name: o.name, unitName: o.unitName, outcome: o.status === 'failed' ? 'failed' : 'absent' })),
      alreadyOnRoster: on.size,
    };
    await audit(tx, actor, {
      action: 'exam.schedule_makeup',
      entityType: 'exam',
      entityId: makeup.id,
      summary: `将“${exam.title}”未通过及缺考的${added.length}人列入补考“${makeup.title}”`,
      after: { fromExamId: examId, added: added.map((o) => o.personId) },
    });
    return result;
  });
}

/** GET /api/people/:id/pre-appointment — scope-checked like GET /api/people/:id. */
export async function personPreAppointment(ctx: AppContext, p: Principal, personId: number): Promise<PreAppointmentHistory> {
  const scope = peopleScope(p);
  const [person] = await ctx.db
    .select({ id: people.id, name: people.name, unitName: units.name })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.id, personId), ...(scope ? [scope] : [])));
  if (!person) throw notFound('人员');
  const candidateOf = await ctx.db
    .select({ exam: examColumns })
    .from(examCandidates)
    .innerJoin(exams, eq(exams.id, examCandidates.examId))
    .where(and(eq(examCandidates.personId, personId), or(eq(exams.kind, 'pre_appointment'), eq(exams.kind, 'makeup'))))
    .orderBy(desc(exams.opensAt), desc(exams.id));
  const now = Date.now();
  const history: PreAppointmentExam[] = [];
  for (const { exam } of candidateOf) {
    if (exam.status === 'draft' || !(await isPreAppointmentExam(ctx.db, exam))) continue;
    const [o] = await rosterOutcomes(ctx.db, exam, [eq(people.id, personId)]);
    if (!o) continue;
    const ended = await windowEndedFor(ctx.db, exam, [personId]);
    const months = await passValidMonthsOf(ctx.db, exam);
    const validUntil = validUntilOf(o, months);
    history.push({
      examId: exam.id,
      title: exam.title,
      kind: exam.kind as ExamKind,
      opensAt: exam.opensAt.toISOString(),
      closesAt: exam.closesAt.toISOString(),
      outcome: outcomeFor(o, ended(personId)),
      score: o.score,
      passMark: exam.passMark,
      submittedAt: o.attempt?.status === 'submitted' ? (o.attempt.submittedAt?.toISOString() ?? null) : null,
      validUntil,
      valid: o.status === 'passed' && (validUntil === null || Date.parse(validUntil) > now),
    });
  }
  const valid = history.filter((h) => h.valid);
  const hasValidPass = valid.length > 0;
  const withEnd = valid.map((h) => h.validUntil);
  const validUntil = !hasValidPass || withEnd.includes(null) ? null : withEnd.sort().at(-1)!;
  return { personId, name: person.name, unitName: person.unitName, hasValidPass, validUntil, exams: history };
}
