/**
 * 考试成绩 for readers of results (单位管理员 above all): the published or closed exams with at least
 * one candidate in the reader's scope, with roster and participation counts of that scope only.
 * Drafts never appear. Organisers and admins see every exam that is not a draft.
 */
import { and, countDistinct, desc, eq, ilike, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { examPhaseOf, type ExamListItem, type Paged } from '../../../common/exam-admin';
import type { ExamKind, ExamStatus } from '../../../common/exam';
import type { Db } from '../../db/client';
import { peopleScope, type Principal } from '../../platform/principal';
import { people, units } from '../org/schema';
import type { ExamFilters } from './exams';
import { requireResultsReader } from './results';
import { examAttempts, examCandidates, exams } from './schema';
import { examColumns } from './columns';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listExamsForReader(db: Db, p: Principal, f: ExamFilters, page: number, pageSize: number): Promise<Paged<ExamListItem>> {
  requireResultsReader(p);
  const scope = peopleScope(p);
  const conds: SQL[] = [ne(exams.status, 'draft')];
  if (f.year !== undefined) conds.push(eq(exams.year, f.year));
  if (f.kind) conds.push(eq(exams.kind, f.kind));
  if (f.status && f.status !== 'draft') conds.push(eq(exams.status, f.status));
  if (f.status === 'draft') conds.push(sql`false`);
  if (f.q?.trim()) conds.push(ilike(exams.title, `%${escapeLike(f.q.trim())}%`));

  // roster size per exam, counting only the people in scope
  const rosters = await db
    .select({ examId: examCandidates.examId, n: sql<number>`count(*)::int` })
    .from(examCandidates)
    .innerJoin(exams, eq(exams.id, examCandidates.examId))
    .innerJoin(people, eq(people.id, examCandidates.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(...conds, ...(scope ? [scope] : [])))
    .groupBy(examCandidates.examId);
  const rosterOf = new Map(rosters.map((r) => [r.examId, Number(r.n)]));
  const ids = [...rosterOf.keys()];
  if (!ids.length) return { items: [], total: 0, page, pageSize };

  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(exams).where(inArray(exams.id, ids));
  const rows = await db
    .select(examColumns)
    .from(exams)
    .where(inArray(exams.id, ids))
    .orderBy(desc(exams.opensAt), desc(exams.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const pageIds = rows.map((r) => r.id);
  // attempts of in-scope candidates only (someone no longer in scope is not counted)
  const attempts = pageIds.length
    ? await db
        .select({
          examId: examAttempts.examId,
          started: countDistinct(examAttempts.personId),
          submitted: sql<number>`count(distinct ${examAttempts.personId}) filter (where ${examAttempts.status} = 'submitted')::int`,
        })
        .from(examAttempts)
        .innerJoin(examCandidates, and(eq(examCandidates.examId, examAttempts.examId), eq(examCandidates.personId, examAttempts.personId)))
        .innerJoin(people, eq(people.id, examAttempts.personId))
        .innerJoin(units, eq(units.id, people.unitId))
        .where(and(inArray(examAttempts.examId, pageIds), ...(scope ? [scope] : [])))
        .groupBy(examAttempts.examId)
    : [];
  const attemptsOf = new Map(attempts.map((a) => [a.examId, a]));
  const now = new Date();
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind as ExamKind,
      year: r.year,
      status: r.status as ExamStatus,
      phase: examPhaseOf(r.status as ExamStatus, r.opensAt, r.closesAt, now),
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      durationMinutes: Math.round(r.durationSeconds / 60),
      totalPoints: Number(r.totalPoints),
      passMark: Number(r.passMark),
      rosterSize: rosterOf.get(r.id) ?? 0,
      startedCount: Number(attemptsOf.get(r.id)?.started ?? 0),
      submittedCount: Number(attemptsOf.get(r.id)?.submitted ?? 0),
      paperMode: r.settings.paper.mode,
    })),
    total: Number(n),
    page,
    pageSize,
  };
}
