/**
 * Drawing and storing examinees' papers. A paper is drawn once per (exam, person, attempt) and
 * frozen; the draw itself is the pure drawPaper (assemble.ts). Here: the inputs it needs from the
 * database (frozen pool, exposure so far, the person's history), serialisation of concurrent
 * draws across processes, and fixed papers' per-person shuffles.
 */
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { OptionKey } from '../../../common/bank';
import { seededRandom, type Blueprint, type ExamInput, type PaperItem } from '../../../common/exam';
import type { Db } from '../../db/client';
import { AppError } from '../../platform/errors';
import { people } from '../org/schema';
import { drawPaper, type DrawContext, type PoolItem } from './assemble';
import { rowsOf } from './pool';
import { examPapers, exams } from './schema';

export type ExamRow = typeof exams.$inferSelect;
export type PaperRow = typeof examPapers.$inferSelect;

/** What ensurePaper needs of an exam (a full row satisfies it). */
export type PaperExam = Pick<ExamRow, 'id' | 'status' | 'settings' | 'targetExpectedScore'>;

/** Advisory-lock namespace for "drawing papers of exam N" (two-key form: namespace, exam id). */
const DRAW_LOCK_NAMESPACE = 74_736_040;

/** How many seeds a draw tries before giving up (a failed seed is rare: the check ran at publish). */
const DRAW_TRIES = 8;

/** A 31-bit seed from the OS's random source (exam_papers.seed is a 32-bit integer). */
export const randomSeed = () => crypto.randomInt(1, 2 ** 31 - 1);

// The frozen pool of a published exam never changes, so each process may keep it.
const poolCache = new Map<number, PoolItem[]>();
const POOL_CACHE_MAX = 50;

async function frozenPool(db: Db, examId: number): Promise<PoolItem[]> {
  const hit = poolCache.get(examId);
  if (hit) return hit;
  const [row] = await db.select({ pool: exams.pool, status: exams.status }).from(exams).where(eq(exams.id, examId));
  if (!row?.pool || row.status === 'draft') throw new AppError('CONFLICT', '考试尚未发布，还不能组卷');
  if (poolCache.size >= POOL_CACHE_MAX) poolCache.delete(poolCache.keys().next().value as number);
  poolCache.set(examId, row.pool);
  return row.pool;
}

/** Fisher–Yates with the paper's seeded random. */
function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** A fixed paper for one person: the frozen items, shuffled per the exam's settings with the paper's seed. */
export function fixedPaperFor(frozen: readonly PaperItem[], settings: ExamInput, seed: number): PaperItem[] {
  if (settings.paper.mode !== 'fixed') throw new Error('fixedPaperFor: not a fixed paper');
  const { shuffleQuestions, shuffleOptions } = settings.paper.fixed;
  const rnd = seededRandom(seed);
  const order = shuffleQuestions ? shuffled(frozen, rnd) : [...frozen];
  return order.map((it) => {
    const copy: PaperItem = { ...it };
    if (it.optionOrder) copy.optionOrder = shuffleOptions ? shuffled<OptionKey>(it.optionOrder, rnd) : [...it.optionOrder];
    return copy;
  });
}

/**
 * Question ids on the papers of each person's last `n` other non-practice exams (by opening time).
 * `personId` restricts to one person; otherwise everyone on this exam's roster.
 */
export async function seenQuestions(db: Db, examId: number, n: number, personId?: number): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  if (n <= 0) return out;
  const who =
    personId === undefined
      ? sql`p.person_id in (select person_id from exam_candidates where exam_id = ${examId})`
      : sql`p.person_id = ${personId}`;
  const rows = await rowsOf<{ person_id: number; qid: number }>(db, sql`
    select distinct x.person_id, (it->>'questionId')::int as qid
      from (select p.person_id, p.items,
                   dense_rank() over (partition by p.person_id order by e.opens_at desc, e.id desc) as rk
              from exam_papers p join exams e on e.id = p.exam_id
             where ${who} and p.exam_id <> ${examId} and e.kind <> 'practice' and e.status <> 'draft') x,
           jsonb_array_elements(x.items) it
     where x.rk <= ${n}`);
  for (const r of rows) {
    const pid = Number(r.person_id);
    let s = out.get(pid);
    if (!s) out.set(pid, (s = new Set()));
    s.add(Number(r.qid));
  }
  return out;
}

/** How many of the exam's papers contain each question, and how many papers there are. */
export async function exposureOf(db: Db, examId: number): Promise<{ exposure: Map<number, number>; papers: number }> {
  const rows = await rowsOf<{ qid: number; n: number }>(db, sql`
    select (it->>'questionId')::int as qid, count(*)::int as n
      from exam_papers p, jsonb_array_elements(p.items) it
     where p.exam_id = ${examId}
     group by 1`);
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from exam_papers where exam_id = ${examId}`);
  return { exposure: new Map(rows.map((r) => [Number(r.qid), Number(r.n)])), papers: Number(n) };
}

/**
 * Draws a blueprint paper, trying a few seeds; throws a 409 with the draw's problems when none
 * works (the exposure cap or the person's history can exhaust the pool).
 */
export function drawWithRetries(
  pool: readonly PoolItem[],
  blueprint: Blueprint,
  ctx: DrawContext,
  seeds: () => number = randomSeed,
): { seed: number; items: PaperItem[]; expectedScore: number } {
  let problems: string[] = [];
  for (let i = 0; i < DRAW_TRIES; i++) {
    const seed = seeds();
    const r = drawPaper(pool, blueprint, seed, ctx);
    if (r.ok) return { seed, items: r.items, expectedScore: r.expectedScore };
    problems = r.problems;
  }
  throw new AppError('CONFLICT', `无法按组卷规则为考生组卷：${problems.join('；') || '题库不足'}`);
}

/**
 * The paper of (exam, person, attempt): the stored one, or a newly drawn and stored one.
 *
 * Used by the examinee side when attempt ≥ 2 starts, or for someone added to the roster after
 * publish (attempt-1 papers of the roster are pre-drawn at publish). Safe to call concurrently
 * from several processes: it takes a transaction-scoped advisory lock per exam, so the exposure
 * cap is respected and a (exam, person, attempt) gets exactly one paper. Call it inside the
 * caller's transaction (or with the plain db: it opens its own).
 *
 * Blueprint exams draw from the pool frozen at publish with this person's 职级 and history
 * (excludeSeenInLastExams); fixed papers get the frozen items with per-person shuffles.
 */
export async function ensurePaper(db: Db, exam: PaperExam, personId: number, attemptNo: number): Promise<PaperRow> {
  const existing = async (tx: Db) =>
    (
      await tx
        .select()
        .from(examPapers)
        .where(and(eq(examPapers.examId, exam.id), eq(examPapers.personId, personId), eq(examPapers.attemptNo, attemptNo)))
    )[0];
  const found = await existing(db);
  if (found) return found;
  if (exam.status === 'draft') throw new AppError('CONFLICT', '考试尚未发布，还不能组卷');

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DRAW_LOCK_NAMESPACE}, ${exam.id})`);
    const again = await existing(tx);
    if (again) return again;

    const seedAndItems = await (async () => {
      if (exam.settings.paper.mode === 'fixed') {
        const [row] = await tx.select({ fixedItems: exams.fixedItems }).from(exams).where(eq(exams.id, exam.id));
        if (!row?.fixedItems) throw new AppError('CONFLICT', '考试尚未发布，还不能组卷');
        const seed = randomSeed();
        return { seed, items: fixedPaperFor(row.fixedItems, exam.settings, seed), expectedScore: exam.targetExpectedScore ?? 0 };
      }
      const blueprint = exam.settings.paper.blueprint;
      const pool = await frozenPool(tx, exam.id);
      const [person] = await tx.select({ rank: people.rank }).from(people).where(eq(people.id, personId));
      if (!person) throw new AppError('NOT_FOUND', '人员不存在');
      const { exposure, papers } = await exposureOf(tx, exam.id);
      const [{ n: rosterSize }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from exam_candidates where exam_id = ${exam.id}`);
      const seen = await seenQuestions(tx, exam.id, blueprint.excludeSeenInLastExams, personId);
      return drawWithRetries(pool, blueprint, {
        rank: person.rank,
        excludeQuestionIds: seen.get(personId) ?? new Set(),
        exposure,
        plannedPapers: Math.max(Number(rosterSize), papers + 1),
        target: exam.targetExpectedScore ?? 0,
      });
    })();

    const [row] = await tx
      .insert(examPapers)
      .values({ examId: exam.id, personId, attemptNo, seed: seedAndItems.seed, items: seedAndItems.items, expectedScore: seedAndItems.expectedScore })
      .returning();
    return row;
  });
}
