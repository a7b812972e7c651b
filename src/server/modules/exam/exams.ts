/**
 * Exam setup for the organiser: drafts, edits, the blueprint check, publish (freeze the pool,
 * materialise the roster, pre-draw everyone's attempt-1 paper) and close. Organiser-only; every
 * change is audited in its own transaction.
 */
import { and, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { toFieldIssues } from '../../../common/bank';
import {
  examPhaseOf,
  examPublishedUpdateSchema,
  type BlueprintCheckProblem,
  type BlueprintCheckResult,
  type ExamDetail,
  type ExamListItem,
  type Paged,
} from '../../../common/exam-admin';
import { examInputSchema, totalPointsOf, type Blueprint, type ExamInput, type ExamKind, type ExamStatus, type PaperItem } from '../../../common/exam';
import type { FieldIssue } from '../../../common/errors';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, notFound } from '../../platform/errors';
import { requireRole, type Principal } from '../../platform/principal';
import { checkBlueprint, drawPaper, targetExpectedScore, type PoolItem } from './assemble';
import { recomputeRunningDeadlines } from './clock';
import { drawWithRetries, fixedPaperFor, randomSeed, seenQuestions, type ExamRow } from './papers';
import { countByType, loadPool, resolveFixedPaper } from './pool';
import { effectiveRoster, insertInBatches, rosterFromRule, ruleIssues, type RuleMember } from './roster';
import { examCandidates, examPapers, exams } from './schema';

/** Exam setup is the 考评办's: admin and organiser. */
export function requireOrganiser(p: Principal): void {
  requireRole(p, 'admin', 'organiser');
}

/** 422 with the code VALIDATION: the exam is well-formed, but the bank or roster cannot satisfy it. */
export class UnsatisfiableError extends AppError {
  constructor(message: string, issues: FieldIssue[]) {
    super('VALIDATION', message, { issues });
    (this as { status: number }).status = 422;
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------------
// Reading

// In a single-table select Drizzle renders ${exams.id} unqualified ("id"), which inside these
// subqueries binds to the inner table's own id; name the outer row explicitly.
const outerExamId = sql.raw('"exams"."id"');
const counts = {
  rosterSize: sql<number>`(select count(*)::int from exam_candidates c where c.exam_id = ${outerExamId})`,
  startedCount: sql<number>`(select count(distinct a.person_id)::int from exam_attempts a where a.exam_id = ${outerExamId})`,
  submittedCount: sql<number>`(select count(distinct a.person_id)::int from exam_attempts a where a.exam_id = ${outerExamId} and a.status = 'submitted')`,
};

type ListRow = Pick<ExamRow, 'id' | 'title' | 'kind' | 'year' | 'status' | 'opensAt' | 'closesAt' | 'durationSeconds' | 'totalPoints' | 'passMark' | 'settings'> & {
  rosterSize: number;
  startedCount: number;
  submittedCount: number;
};

function toListItem(r: ListRow, now = new Date()): ExamListItem {
  return {
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
    rosterSize: Number(r.rosterSize),
    startedCount: Number(r.startedCount),
    submittedCount: Number(r.submittedCount),
    paperMode: r.settings.paper.mode,
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface ExamFilters {
  year?: number;
  kind?: ExamKind;
  status?: ExamStatus;
  q?: string;
}

export async function listExams(db: Db, f: ExamFilters, page: number, pageSize: number): Promise<Paged<ExamListItem>> {
  const conds: SQL[] = [];
  if (f.year !== undefined) conds.push(eq(exams.year, f.year));
  if (f.kind) conds.push(eq(exams.kind, f.kind));
  if (f.status) conds.push(eq(exams.status, f.status));
  if (f.q?.trim()) conds.push(ilike(exams.title, `%${escapeLike(f.q.trim())}%`));
  const where = conds.length ? and(...conds) : undefined;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(exams).where(where);
  const rows = await db
    .select({
      id: exams.id,
      title: exams.title,
      kind: exams.kind,
      year: exams.year,
      status: exams.status,
      opensAt: exams.opensAt,
      closesAt: exams.closesAt,
      durationSeconds: exams.durationSeconds,
      totalPoints: exams.totalPoints,
      passMark: exams.passMark,
      settings: exams.settings,
      ...counts,
    })
    .from(exams)
    .where(where)
    .orderBy(desc(exams.opensAt), desc(exams.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const now = new Date();
  return { items: rows.map((r) => toListItem(r, now)), total: Number(n), page, pageSize };
}

export async function loadExam(db: Db, id: number, lock = false): Promise<ExamRow> {
  const q = db.select().from(exams).where(eq(exams.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('考试');
  return row;
}

export async function examDetail(db: Db, id: number): Promise<ExamDetail> {
  const [row] = await db
    .select({ e: exams, ...counts, makeupOfTitle: sql<string | null>`(select m.title from exams m where m.id = "exams"."makeup_of_exam_id")` })
    .from(exams)
    .where(eq(exams.id, id));
  if (!row) throw notFound('考试');
  const e = row.e;
  const poolSize = e.pool ? e.pool.length : e.fixedItems ? e.fixedItems.length : null;
  return {
    ...toListItem({ ...e, rosterSize: row.rosterSize, startedCount: row.startedCount, submittedCount: row.submittedCount }),
    settings: e.settings,
    makeupOfExamId: e.makeupOfExamId,
    makeupOfTitle: row.makeupOfTitle,
    poolSize,
    targetExpectedScore: e.targetExpectedScore === null ? null : Number(e.targetExpectedScore),
    publishedAt: iso(e.publishedAt),
    closedAt: iso(e.closedAt),
    resultsPublishedAt: iso(e.resultsPublishedAt),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    editable: e.status === 'draft' ? 'all' : e.status === 'published' ? 'limited' : 'none',
    makeupOfKind: await makeupOfKind(db, e),
  };
}

/** The kind a 补考 repeats, through 补考 of 补考 (as the 任前 rules resolve it); null for other exams. */
async function makeupOfKind(db: Db, e: ExamRow): Promise<ExamKind | null> {
  if (e.kind !== 'makeup' || e.makeupOfExamId === null) return null;
  const seen = new Set<number>([e.id]);
  let id: number | null = e.makeupOfExamId;
  let kind: ExamKind | null = null;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const [orig] = await db.select({ kind: exams.kind, makeupOfExamId: exams.makeupOfExamId }).from(exams).where(eq(exams.id, id));
    if (!orig) break;
    kind = orig.kind as ExamKind;
    id = orig.kind === 'makeup' ? orig.makeupOfExamId : null;
  }
  return kind;
}

// ---------------------------------------------------------------------------------------------
// Drafts

/** Checks an exam form against the database: the original of a 补考, the rule's units. */
async function inputIssues(db: Db, input: ExamInput, selfId?: number): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (input.makeupOfExamId !== null) {
    if (input.kind !== 'makeup') issues.push({ path: 'makeupOfExamId', message: '只有补考可以关联原考试' });
    else if (input.makeupOfExamId === selfId) issues.push({ path: 'makeupOfExamId', message: '补考不能关联自身' });
    else {
      const [orig] = await db.select({ id: exams.id, status: exams.status, kind: exams.kind }).from(exams).where(eq(exams.id, input.makeupOfExamId));
      if (!orig) issues.push({ path: 'makeupOfExamId', message: `原考试 #${input.makeupOfExamId} 不存在` });
      else if (orig.status === 'draft') issues.push({ path: 'makeupOfExamId', message: '原考试还是草稿，不能为它安排补考' });
      else if (orig.kind === 'practice') issues.push({ path: 'makeupOfExamId', message: '模拟/练习不需要补考' });
    }
  }
  issues.push(...(await ruleIssues(db, input.rosterRule)));
  return issues;
}

function columnsOf(input: ExamInput) {
  return {
    title: input.title,
    kind: input.kind,
    year: input.year,
    makeupOfExamId: input.makeupOfExamId,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    durationSeconds: input.durationMinutes * 60,
    passMark: input.passMark,
    totalPoints: totalPointsOf(input.paper),
    settings: input,
  };
}

export async function createExam(db: Db, p: Principal, actor: AuditActor, input: ExamInput): Promise<ExamDetail> {
  requireOrganiser(p);
  const issues = await inputIssues(db, input);
  if (issues.length) throw invalid(issues);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exams)
      .values({ ...columnsOf(input), status: 'draft', createdBy: p.accountId })
      .returning({ id: exams.id });
    await audit(tx, actor, { action: 'exam.create', entityType: 'exam', entityId: row.id, summary: `新建考试“${input.title}”（草稿）`, after: input });
    return row.id;
  });
  return examDetail(db, id);
}

/** JSON with object keys sorted: jsonb does not keep key order, so plain JSON.stringify cannot compare. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const PUBLISHED_EDITABLE = new Set<keyof ExamInput>(['title', 'instructions', 'closesAt', 'passValidMonths']);

/**
 * PUT /api/exams/:id. A draft takes the whole form. A published exam takes only title,
 * instructions, closesAt (running attempts' deadlines follow at once) and passValidMonths —
 * either as those fields alone, or as the whole form with everything else unchanged.
 */
export async function updateExam(db: Db, p: Principal, actor: AuditActor, id: number, body: unknown): Promise<ExamDetail> {
  requireOrganiser(p);
  await db.transaction(async (tx) => {
    const exam = await loadExam(tx, id, true);
    if (exam.status === 'closed') throw new AppError('CONFLICT', '考试已结束，不能再修改');
    if (exam.status === 'draft') {
      const parsed = examInputSchema.safeParse(body);
      if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
      const issues = await inputIssues(tx, parsed.data, id);
      if (issues.length) throw invalid(issues);
      await tx
        .update(exams)
        .set({ ...columnsOf(parsed.data), updatedAt: new Date() })
        .where(eq(exams.id, id));
      await audit(tx, actor, { action: 'exam.update', entityType: 'exam', entityId: id, summary: `修改考试“${parsed.data.title}”（草稿）`, before: exam.settings, after: parsed.data });
      return;
    }
    // published
    let change: { title?: string; instructions?: string; closesAt?: string; passValidMonths?: number | null };
    const full = examInputSchema.safeParse(body);
    if (full.success) {
      const before = exam.settings as unknown as Record<string, unknown>;
      const after = full.data as unknown as Record<string, unknown>;
      const frozen = Object.keys(after).filter((k) => !PUBLISHED_EDITABLE.has(k as keyof ExamInput) && canonicalJson(after[k]) !== canonicalJson(before[k]));
      if (frozen.length) throw invalid(frozen.map((k) => ({ path: k, message: '考试发布后不能修改此项（只能修改名称、考试须知、截止时间和合格有效期）' })));
      change = { title: full.data.title, instructions: full.data.instructions, closesAt: full.data.closesAt, passValidMonths: full.data.passValidMonths };
    } else {
      const limited = examPublishedUpdateSchema.safeParse(body);
      if (!limited.success) throw invalid(toFieldIssues(limited.error).map((i) => ({ ...i, path: i.path || '(root)' })));
      change = limited.data;
    }
    const closesAt = change.closesAt !== undefined ? new Date(change.closesAt) : exam.closesAt;
    if (closesAt.getTime() <= exam.opensAt.getTime()) throw invalid([{ path: 'closesAt', message: '截止时间应晚于开考时间' }]);
    const settings: ExamInput = {
      ...exam.settings,
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(change.instructions !== undefined ? { instructions: change.instructions } : {}),
      ...(change.closesAt !== undefined ? { closesAt: change.closesAt } : {}),
      ...(change.passValidMonths !== undefined ? { passValidMonths: change.passValidMonths } : {}),
    };
    await tx.update(exams).set({ title: settings.title, closesAt, settings, updatedAt: new Date() }).where(eq(exams.id, id));
    const moved = closesAt.getTime() !== exam.closesAt.getTime() ? await recomputeRunningDeadlines(tx, id) : 0;
    await audit(tx, actor, {
      action: 'exam.update',
      entityType: 'exam',
      entityId: id,
      summary: `修改已发布考试“${settings.title}”${moved ? `（截止时间变更，${moved}份进行中的作答随之调整）` : ''}`,
      before: { title: exam.title, instructions: exam.settings.instructions, closesAt: exam.closesAt, passValidMonths: exam.settings.passValidMonths },
      after: change,
    });
  });
  return examDetail(db, id);
}

export async function deleteExam(db: Db, p: Principal, actor: AuditActor, id: number): Promise<{ ok: true }> {
  requireOrganiser(p);
  await db.transaction(async (tx) => {
    const exam = await loadExam(tx, id, true);
    if (exam.status !== 'draft') throw new AppError('CONFLICT', '只能删除草稿状态的考试');
    await tx.delete(examCandidates).where(eq(examCandidates.examId, id));
    await tx.delete(exams).where(eq(exams.id, id));
    await audit(tx, actor, { action: 'exam.delete', entityType: 'exam', entityId: id, summary: `删除考试草稿“${exam.title}”`, before: exam.settings });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Check

const prefixed = (prefix: string, problems: readonly { path: string; message: string }[]): BlueprintCheckProblem[] =>
  problems.map((x) => ({ path: x.path ? `${prefix}.${x.path}` : prefix, message: x.message }));

const distinctRanks = (roster: readonly RuleMember[]) => [...new Set(roster.map((m) => m.rank))];

/** Trial draws: spread of expected score, pairwise overlap vs its floor, highest exposure. */
export function simulateDraws(pool: readonly PoolItem[], bp: Blueprint, ranks: (string | null)[], total: number, target: number, n = 50): NonNullable<BlueprintCheckResult['simulated']> {
  const exposure = new Map<number, number>();
  const papers: { ids: Set<number>; expected: number }[] = [];
  let failed = 0;
  const seeds = Array.from({ length: n }, () => randomSeed());
  for (let i = 0; i < n; i++) {
    const r = drawPaper(pool, bp, seeds[i], { rank: ranks.length ? ranks[i % ranks.length] : null, excludeQuestionIds: new Set(), exposure, plannedPapers: n, target });
    if (!r.ok) {
      failed++;
      continue;
    }
    for (const it of r.items) exposure.set(it.questionId, (exposure.get(it.questionId) ?? 0) + 1);
    papers.push({ ids: new Set(r.items.map((x) => x.questionId)), expected: r.expectedScore });
  }
  const L = bp.sections.reduce((s, x) => s + x.count, 0);
  let pairs = 0;
  let shared = 0;
  for (let i = 0; i < papers.length; i++)
    for (let j = i + 1; j < papers.length; j++) {
      pairs++;
      for (const q of papers[i].ids) if (papers[j].ids.has(q)) shared++;
    }
  const eligible = (type: string) =>
    pool.filter((q) => q.type === type && (!bp.difficulty || (q.difficulty >= bp.difficulty.min && q.difficulty <= bp.difficulty.max))).length;
  const floorShared = bp.sections.reduce((s, x) => s + (x.count * x.count) / Math.max(eligible(x.type), x.count), 0);
  const scores = papers.map((x) => x.expected);
  const min = scores.length ? Math.min(...scores) : 0;
  const max = scores.length ? Math.max(...scores) : 0;
  const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    papers: papers.length,
    failed,
    expectedScoreMin: round(min, 2),
    expectedScoreMax: round(max, 2),
    spreadPct: total > 0 ? round(((max - min) / total) * 100, 3) : 0,
    meanOverlap: pairs && L ? round(shared / pairs / L) : 0,
    overlapFloor: L ? round(floorShared / L) : 0,
    maxExposure: papers.length ? round(Math.max(0, ...exposure.values()) / papers.length) : 0,
  };
}

interface Assessment {
  result: BlueprintCheckResult;
  roster: RuleMember[];
  pool: PoolItem[] | null;
  fixed: { items: PaperItem[]; expectedScore: number } | null;
}

async function assess(db: Db, exam: ExamRow, opts: { simulate: boolean; forPublish: boolean }): Promise<Assessment> {
  const settings = exam.settings;
  const roster = exam.status === 'draft' ? await effectiveRoster(db, exam.id, settings.rosterRule) : await effectiveRoster(db, exam.id, null);
  const problems: BlueprintCheckProblem[] = [];
  if (roster.length === 0) problems.push({ path: 'roster', message: '考生名单为空：请设置名单规则或添加考生' });
  if (opts.forPublish) {
    if (settings.kind === 'pre_appointment' || settings.kind === 'makeup') {
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(examCandidates)
        .where(and(eq(examCandidates.examId, exam.id), sql`${examCandidates.source} <> 'rule'`));
      if (Number(n) === 0) problems.push({ path: 'roster', message: `${settings.kind === 'makeup' ? '补考' : '任前考试'}须有明确的考生名单（请添加或导入考生）` });
    }
    if (exam.closesAt.getTime() <= Date.now()) problems.push({ path: 'closesAt', message: '截止时间已过，请先修改截止时间' });
    problems.push(...(await inputIssues(db, settings, exam.id)));
  }
  const total = totalPointsOf(settings.paper);
  if (settings.paper.mode === 'fixed') {
    const fixed = exam.fixedItems
      ? { items: exam.fixedItems, expectedScore: Number(exam.targetExpectedScore ?? 0), problems: [] }
      : await resolveFixedPaper(db, settings.paper.fixed);
    problems.push(...fixed.problems);
    return {
      roster,
      pool: null,
      fixed,
      result: { ok: problems.length === 0, problems, poolByType: countByType(fixed.items), rosterSize: roster.length, targetExpectedScore: fixed.expectedScore, simulated: null },
    };
  }
  const bp = settings.paper.blueprint;
  const pool = exam.pool ?? (await loadPool(db));
  const bpProblems = prefixed('paper.blueprint', checkBlueprint(pool, bp, { ranks: distinctRanks(roster), rosterSize: Math.max(roster.length, 1) }));
  problems.push(...bpProblems);
  let target: number | null = null;
  let simulated: BlueprintCheckResult['simulated'] = null;
  if (bpProblems.length === 0) {
    target = exam.targetExpectedScore ?? targetExpectedScore(pool, bp);
    if (opts.simulate) simulated = simulateDraws(pool, bp, distinctRanks(roster), total, target);
  }
  return {
    roster,
    pool,
    fixed: null,
    result: { ok: problems.length === 0, problems, poolByType: countByType(pool), rosterSize: roster.length, targetExpectedScore: target, simulated },
  };
}

/** POST /api/exams/:id/check: the blueprint (or fixed paper) against the bank, with trial draws. */
export async function checkExam(db: Db, p: Principal, id: number): Promise<BlueprintCheckResult> {
  requireOrganiser(p);
  const exam = await loadExam(db, id);
  return (await assess(db, exam, { simulate: true, forPublish: exam.status === 'draft' })).result;
}

// ---------------------------------------------------------------------------------------------
// Publish and close

/**
 * POST /api/exams/:id/publish, in one transaction: re-check, freeze the pool (or the fixed
 * paper's versions) and the expected-score target, materialise the roster from the rule, and
 * pre-draw everyone's attempt-1 paper (sequentially, so exposure is even). Any problem → 422 and
 * nothing is written.
 */
export async function publishExam(db: Db, p: Principal, actor: AuditActor, id: number): Promise<ExamDetail> {
  requireOrganiser(p);
  await db.transaction(async (tx) => {
    const exam = await loadExam(tx, id, true);
    if (exam.status !== 'draft') throw new AppError('CONFLICT', '考试已发布');
    const { result, roster, pool, fixed } = await assess(tx, exam, { simulate: false, forPublish: true });
    if (!result.ok) throw new UnsatisfiableError('考试不满足发布条件，未发布：请按标出的问题修改', result.problems);

    // the rule's people join the roster (explicit rows keep their source)
    const rule = await rosterFromRule(tx, exam.settings.rosterRule);
    await insertInBatches(rule, (batch) =>
      tx
        .insert(examCandidates)
        .values(batch.map((m) => ({ examId: id, personId: m.personId, source: 'rule' })))
        .onConflictDoNothing(),
    );

    const papers: (typeof examPapers.$inferInsert)[] = [];
    let target: number;
    if (fixed) {
      target = fixed.expectedScore;
      for (const m of roster) {
        const seed = randomSeed();
        papers.push({ examId: id, personId: m.personId, attemptNo: 1, seed, items: fixedPaperFor(fixed.items, exam.settings, seed), expectedScore: target });
      }
    } else {
      const bp = exam.settings.paper.mode === 'blueprint' ? exam.settings.paper.blueprint : null;
      if (!bp || !pool) throw new Error('publish: blueprint exam without a pool');
      target = result.targetExpectedScore ?? targetExpectedScore(pool, bp);
      const seen = await seenQuestions(tx, id, bp.excludeSeenInLastExams);
      const exposure = new Map<number, number>();
      for (const m of roster) {
        let drawn;
        try {
          drawn = drawWithRetries(pool, bp, { rank: m.rank, excludeQuestionIds: seen.get(m.personId) ?? new Set(), exposure, plannedPapers: roster.length, target });
        } catch (e) {
          if (e instanceof AppError) throw new UnsatisfiableError('考试不满足发布条件，未发布', [{ path: 'paper.blueprint', message: `为第${papers.length + 1}位考生组卷失败：${e.message}` }]);
          throw e;
        }
        for (const it of drawn.items) exposure.set(it.questionId, (exposure.get(it.questionId) ?? 0) + 1);
        papers.push({ examId: id, personId: m.personId, attemptNo: 1, seed: drawn.seed, items: drawn.items, expectedScore: drawn.expectedScore });
      }
    }
    await insertInBatches(papers, (batch) => tx.insert(examPapers).values(batch));
    const now = new Date();
    await tx
      .update(exams)
      .set({ status: 'published', pool: pool ?? null, fixedItems: fixed?.items ?? null, targetExpectedScore: target, publishedAt: now, updatedAt: now })
      .where(eq(exams.id, id));
    await audit(tx, actor, {
      action: 'exam.publish',
      entityType: 'exam',
      entityId: id,
      summary: `发布考试“${exam.title}”：考生${roster.length}人，预先组卷${papers.length}份${pool ? `，题池${pool.length}题` : ''}`,
      after: { rosterSize: roster.length, papers: papers.length, poolSize: pool?.length ?? fixed?.items.length ?? 0, targetExpectedScore: target },
    });
  });
  return examDetail(db, id);
}

/** POST /api/exams/:id/close: the window ends now (if still open); running attempts' deadlines follow. */
export async function closeExam(db: Db, p: Principal, actor: AuditActor, id: number): Promise<ExamDetail> {
  requireOrganiser(p);
  await db.transaction(async (tx) => {
    const exam = await loadExam(tx, id, true);
    if (exam.status === 'draft') throw new AppError('CONFLICT', '考试尚未发布，不能结束');
    if (exam.status === 'closed') throw new AppError('CONFLICT', '考试已结束');
    const now = new Date();
    const closesAt = exam.closesAt.getTime() > now.getTime() ? now : exam.closesAt;
    const settings: ExamInput = { ...exam.settings, closesAt: closesAt.toISOString() };
    await tx.update(exams).set({ status: 'closed', closesAt, closedAt: now, settings, updatedAt: now }).where(eq(exams.id, id));
    // personal windows end too: closing means nobody goes on
    await tx
      .update(examCandidates)
      .set({ closesAtOverride: closesAt })
      .where(and(eq(examCandidates.examId, id), sql`${examCandidates.closesAtOverride} > ${closesAt.toISOString()}`));
    const moved = await recomputeRunningDeadlines(tx, id);
    await audit(tx, actor, {
      action: 'exam.close',
      entityType: 'exam',
      entityId: id,
      summary: `结束考试“${exam.title}”${moved ? `（${moved}份进行中的作答将自动交卷）` : ''}`,
      before: { closesAt: exam.closesAt, status: exam.status },
      after: { closesAt, status: 'closed' },
    });
  });
  return examDetail(db, id);
}
