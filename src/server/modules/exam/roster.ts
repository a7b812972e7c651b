/**
 * 考生名单: the roster rule (unit subtrees, 职级, 岗位类别, 党政主要负责人) and the explicit list,
 * the organiser's roster view with each person's attempt summary, and per-person overrides
 * (extra time, personal window) that apply at once to a running attempt.
 */
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Paged, RosterRow, RosterSource } from '../../../common/exam-admin';
import type { RosterOverride, RosterRule, RosterStatus } from '../../../common/exam';
import type { FieldIssue } from '../../../common/errors';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, notFound } from '../../platform/errors';
import { subtreeCondition } from '../../platform/principal';
import { people, units } from '../org/schema';
import { unitPathNames } from '../org/units';
import { recomputeRunningDeadlines } from './clock';
import { examAttempts, examCandidates, examPapers, exams } from './schema';
import { examColumns } from './columns';

/** Rows per INSERT when materialising large rosters and papers. */
export const INSERT_BATCH = 500;

export async function insertInBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await insert(rows.slice(i, i + INSERT_BATCH));
}

/** True when the rule selects anyone at all (an empty rule means "nobody by rule"). */
export function ruleHasCriteria(rule: RosterRule | null): rule is RosterRule {
  return !!rule && (rule.unitIds.length > 0 || rule.ranks.length > 0 || rule.postCategories.length > 0 || rule.principalLeadersOnly);
}

/** Issues for unit ids in a rule that do not exist (path rosterRule.unitIds.i). */
export async function ruleIssues(db: Db, rule: RosterRule | null): Promise<FieldIssue[]> {
  if (!rule || rule.unitIds.length === 0) return [];
  const found = new Set((await db.select({ id: units.id }).from(units).where(inArray(units.id, rule.unitIds))).map((u) => u.id));
  return rule.unitIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `rosterRule.unitIds.${i}`, message: `单位 #${id} 不存在` }]));
}

export interface RuleMember {
  personId: number;
  rank: string | null;
}

/** 在职 people the rule selects (all criteria combined with AND; unit subtrees with OR among them). */
export async function rosterFromRule(db: Db, rule: RosterRule | null): Promise<RuleMember[]> {
  if (!ruleHasCriteria(rule)) return [];
  const conds: SQL[] = [eq(people.status, '在职')];
  if (rule.unitIds.length) {
    const roots = await db.select({ path: units.path }).from(units).where(inArray(units.id, rule.unitIds));
    if (roots.length === 0) return [];
    conds.push(or(...roots.map((r) => subtreeCondition(r.path)))!);
  }
  if (rule.ranks.length) conds.push(inArray(people.rank, rule.ranks));
  if (rule.postCategories.length) conds.push(inArray(people.postCategory, rule.postCategories));
  if (rule.principalLeadersOnly) conds.push(eq(people.isPrincipalLeader, true));
  return db
    .select({ personId: people.id, rank: people.rank })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(...conds))
    .orderBy(asc(people.id));
}

/** Explicit roster rows already stored for the exam (on a draft: the list; after publish: everyone). */
export async function storedRoster(db: Db, examId: number): Promise<RuleMember[]> {
  return db
    .select({ personId: examCandidates.personId, rank: people.rank })
    .from(examCandidates)
    .innerJoin(people, eq(people.id, examCandidates.personId))
    .where(eq(examCandidates.examId, examId));
}

/** The roster as it will be at publish: rule ∪ stored rows, distinct by person. */
export async function effectiveRoster(db: Db, examId: number, rule: RosterRule | null): Promise<RuleMember[]> {
  const byId = new Map<number, RuleMember>();
  for (const m of await storedRoster(db, examId)) byId.set(m.personId, m);
  for (const m of await rosterFromRule(db, rule)) if (!byId.has(m.personId)) byId.set(m.personId, m);
  return [...byId.values()];
}

export async function examForRoster(db: Db, examId: number) {
  const [exam] = await db.select(examColumns).from(exams).where(eq(exams.id, examId));
  if (!exam) throw notFound('考试');
  return exam;
}

function refuseClosed(status: string) {
  if (status === 'closed') throw new AppError('CONFLICT', '考试已结束，不能再修改考生名单');
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

interface AttemptSummaryRow {
  personId: number;
  attemptNo: number;
  status: string;
  score: number | null;
  passed: boolean | null;
  pendingGrading: boolean;
  deadlineAt: Date;
}

/** One person's roster status from their attempts and the exam's attemptScoring. */
export function summariseAttempts(attempts: AttemptSummaryRow[], scoring: 'best' | 'last'): { status: RosterStatus; score: number | null; runningDeadlineAt: string | null } {
  const running = attempts.find((a) => a.status === 'in_progress');
  if (running) return { status: 'in_progress', score: null, runningDeadlineAt: iso(running.deadlineAt) };
  const done = attempts.filter((a) => a.status === 'submitted');
  if (done.length === 0) return { status: 'not_started', score: null, runningDeadlineAt: null };
  const counted =
    scoring === 'last'
      ? done.reduce((a, b) => (b.attemptNo > a.attemptNo ? b : a))
      : done.reduce((a, b) => ((b.score ?? -1) > (a.score ?? -1) ? b : a));
  const status: RosterStatus = counted.pendingGrading ? 'grading' : counted.passed === true ? 'passed' : counted.passed === false ? 'failed' : 'submitted';
  return { status, score: counted.pendingGrading ? null : (counted.score ?? null), runningDeadlineAt: null };
}

/** GET /api/exams/:id/roster: paged, searchable by name, 工号 or unit name. */
export async function listRoster(db: Db, examId: number, f: { q?: string; personId?: number }, page: number, pageSize: number): Promise<Paged<RosterRow>> {
  const exam = await examForRoster(db, examId);
  const q = f.q;
  const conds: SQL[] = [eq(examCandidates.examId, examId)];
  if (f.personId !== undefined) conds.push(eq(examCandidates.personId, f.personId));
  if (q?.trim()) {
    const like = `%${escapeLike(q.trim())}%`;
    conds.push(or(ilike(people.name, like), ilike(people.employeeNo, like), ilike(units.name, like))!);
  }
  const where = and(...conds);
  const [{ n }] = await db
    .select({ n: count() })
    .from(examCandidates)
    .innerJoin(people, eq(people.id, examCandidates.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where);
  const rows = await db
    .select({
      c: examCandidates,
      name: people.name,
      unitId: units.id,
      unitName: units.name,
      unitPath: units.path,
      rank: people.rank,
      postCategory: people.postCategory,
      title: people.title,
      paperDrawn: sql<boolean>`exists (select 1 from ${examPapers} where ${examPapers.examId} = ${examCandidates.examId} and ${examPapers.personId} = ${examCandidates.personId} and ${examPapers.attemptNo} = 1)`,
    })
    .from(examCandidates)
    .innerJoin(people, eq(people.id, examCandidates.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(units.path), asc(people.name), asc(people.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = rows.map((r) => r.c.personId);
  const attempts = ids.length
    ? await db
        .select({
          personId: examAttempts.personId,
          attemptNo: examAttempts.attemptNo,
          status: examAttempts.status,
          score: examAttempts.score,
          passed: examAttempts.passed,
          pendingGrading: examAttempts.pendingGrading,
          deadlineAt: examAttempts.deadlineAt,
        })
        .from(examAttempts)
        .where(and(eq(examAttempts.examId, examId), inArray(examAttempts.personId, ids)))
    : [];
  const byPerson = new Map<number, AttemptSummaryRow[]>();
  for (const a of attempts) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  const names = await unitPathNames(
    db,
    rows.map((r) => r.unitPath),
  );
  const items: RosterRow[] = rows.map((r) => {
    const mine = byPerson.get(r.c.personId) ?? [];
    return {
      personId: r.c.personId,
      name: r.name,
      unitId: r.unitId,
      unitName: r.unitName,
      unitPath: names.get(r.unitPath) ?? [],
      rank: r.rank,
      postCategory: r.postCategory,
      title: r.title,
      source: r.c.source as RosterSource,
      extraMinutes: Math.round(r.c.extraSeconds / 60),
      opensAtOverride: iso(r.c.opensAtOverride),
      closesAtOverride: iso(r.c.closesAtOverride),
      paperDrawn: Boolean(r.paperDrawn),
      attemptsUsed: mine.length,
      ...summariseAttempts(mine, exam.settings.attemptScoring ?? 'best'),
    };
  });
  return { items, total: Number(n), page, pageSize };
}

/** One roster row (after an override). */
export async function rosterRow(db: Db, examId: number, personId: number): Promise<RosterRow> {
  const [hit] = (await listRoster(db, examId, { personId }, 1, 1)).items;
  if (!hit) throw notFound('考生');
  return hit;
}

/** POST /api/exams/:id/roster: adds people by id (source 'list'); already listed people are skipped. */
export async function addToRoster(db: Db, actor: AuditActor, examId: number, personIds: number[], source: RosterSource = 'list'): Promise<{ added: number }> {
  return db.transaction(async (tx) => {
    const exam = await examForRoster(tx, examId);
    refuseClosed(exam.status);
    const unique = [...new Set(personIds)];
    const found = new Set<number>();
    for (let i = 0; i < unique.length; i += INSERT_BATCH) {
      const part = unique.slice(i, i + INSERT_BATCH);
      for (const r of await tx.select({ id: people.id }).from(people).where(inArray(people.id, part))) found.add(r.id);
    }
    const issues = personIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `personIds.${i}`, message: `人员 #${id} 不存在` }]));
    if (issues.length) throw invalid(issues);
    let added = 0;
    await insertInBatches(unique, async (batch) => {
      const rows = await tx
        .insert(examCandidates)
        .values(batch.map((personId) => ({ examId, personId, source })))
        .onConflictDoNothing()
        .returning({ personId: examCandidates.personId });
      added += rows.length;
    });
    await audit(tx, actor, {
      action: 'exam.roster.add',
      entityType: 'exam',
      entityId: examId,
      summary: `考试“${exam.title}”名单新增${added}人`,
      after: { personIds: unique.length > 200 ? `${unique.length} people` : unique },
    });
    return { added };
  });
}

/** DELETE /api/exams/:id/roster/:personId — refused once the person has an attempt. */
export async function removeFromRoster(db: Db, actor: AuditActor, examId: number, personId: number): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const exam = await examForRoster(tx, examId);
    refuseClosed(exam.status);
    const [c] = await tx
      .select()
      .from(examCandidates)
      .where(and(eq(examCandidates.examId, examId), eq(examCandidates.personId, personId)));
    if (!c) throw notFound('考生');
    const [{ n }] = await tx
      .select({ n: count() })
      .from(examAttempts)
      .where(and(eq(examAttempts.examId, examId), eq(examAttempts.personId, personId)));
    if (Number(n) > 0) throw new AppError('CONFLICT', '该考生已参加考试，不能移出名单');
    // pre-drawn papers nobody used: dropping them keeps the exposure counts honest
    await tx.delete(examPapers).where(and(eq(examPapers.examId, examId), eq(examPapers.personId, personId)));
    await tx.delete(examCandidates).where(and(eq(examCandidates.examId, examId), eq(examCandidates.personId, personId)));
    await audit(tx, actor, { action: 'exam.roster.remove', entityType: 'exam', entityId: examId, summary: `考试“${exam.title}”名单移出人员 #${personId}`, before: c });
    return { ok: true as const };
  });
}

/**
 * PUT /api/exams/:id/roster/:personId — extra time and/or a personal window. Recomputes the
 * person's running attempt's deadline in the same transaction, so it applies at once.
 */
export async function setOverride(db: Db, actor: AuditActor, examId: number, personId: number, o: RosterOverride): Promise<RosterRow> {
  await db.transaction(async (tx) => {
    const exam = await examForRoster(tx, examId);
    refuseClosed(exam.status);
    const [c] = await tx
      .select()
      .from(examCandidates)
      .where(and(eq(examCandidates.examId, examId), eq(examCandidates.personId, personId)));
    if (!c) throw notFound('考生');
    const opensAt = o.opensAt ? new Date(o.opensAt) : null;
    const closesAt = o.closesAt ? new Date(o.closesAt) : null;
    const effOpen = opensAt ?? exam.opensAt;
    const effClose = closesAt ?? exam.closesAt;
    if (effClose.getTime() <= effOpen.getTime()) {
      throw invalid([{ path: closesAt ? 'closesAt' : 'opensAt', message: '个人截止时间应晚于开考时间' }]);
    }
    const next = { extraSeconds: o.extraMinutes * 60, opensAtOverride: opensAt, closesAtOverride: closesAt };
    await tx
      .update(examCandidates)
      .set(next)
      .where(and(eq(examCandidates.examId, examId), eq(examCandidates.personId, personId)));
    const moved = await recomputeRunningDeadlines(tx, examId, personId);
    await audit(tx, actor, {
      action: 'exam.roster.override',
      entityType: 'exam',
      entityId: examId,
      summary: `考试“${exam.title}”调整人员 #${personId} 的时间：延长${o.extraMinutes}分钟${opensAt || closesAt ? '，个人考试时段已设置' : ''}${moved ? '（进行中的作答已即时生效）' : ''}`,
      before: { extraSeconds: c.extraSeconds, opensAtOverride: c.opensAtOverride, closesAtOverride: c.closesAtOverride },
      after: next,
    });
  });
  return rosterRow(db, examId, personId);
}
