import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { QuestionContent } from '../../../common/bank';
import type { Db } from '../../db/client';
import { questions, questionVersions } from './schema';
import { SimilarityIndex, type SimilarMatch } from './similarity';

/**
 * Near-duplicates of a question among the bank's current, not retired questions of its type.
 *
 * Versions never change, so each process keeps one MinHash/LSH index of every version it has
 * seen and, per call, only adds the versions stored since (a save no longer fingerprints the
 * whole bank). Matches are then kept only if that version is still its question's current one.
 * Ids are re-read a little below the highest seen, because on PostgreSQL a transaction holding a
 * lower id can commit after one holding a higher id.
 */
interface Cache {
  index: SimilarityIndex<number>;
  seen: Set<number>;
  maxId: number;
  refreshing: Promise<void> | null;
}

const caches = new WeakMap<Db, Cache>();
const REREAD_BELOW_MAX = 500;

async function refresh(db: Db, c: Cache): Promise<void> {
  const rows = await db
    .select({ id: questionVersions.id, stem: sql<string>`${questionVersions.content}->>'stem'`, options: sql<{ html: string }[] | null>`${questionVersions.content}->'options'` })
    .from(questionVersions)
    .where(gt(questionVersions.id, Math.max(0, c.maxId - REREAD_BELOW_MAX)))
    .orderBy(asc(questionVersions.id));
  for (const r of rows) {
    if (c.seen.has(r.id)) continue;
    c.seen.add(r.id);
    c.index.add(r.id, { stem: r.stem, options: r.options ?? [] });
    if (r.id > c.maxId) c.maxId = r.id;
  }
}

export async function findSimilar(
  db: Db,
  content: QuestionContent,
  exceptQuestionId?: number,
): Promise<(SimilarMatch<number> & { stemText: string; status: string })[]> {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { index: new SimilarityIndex<number>(), seen: new Set(), maxId: 0, refreshing: null }));
  // one refresh at a time per process, so concurrent saves don't index a version twice
  while (c.refreshing) await c.refreshing;
  c.refreshing = refresh(db, c).finally(() => (c.refreshing = null));
  await c.refreshing;

  const matches = c.index.query(content);
  if (!matches.length) return [];
  const live = await db
    .select({ versionId: questionVersions.id, questionId: questions.id, status: questions.status, text: questionVersions.searchText })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(
      and(
        inArray(questions.currentVersionId, matches.map((m) => m.id)),
        ne(questions.status, 'retired'),
        eq(questions.type, content.type),
        exceptQuestionId ? ne(questions.id, exceptQuestionId) : undefined,
      ),
    );
  const byVersion = new Map(live.map((r) => [r.versionId, r]));
  return matches
    .filter((m) => byVersion.has(m.id))
    .slice(0, 5)
    .map((m) => {
      const r = byVersion.get(m.id)!;
      return { id: r.questionId, score: m.score, level: m.level, stemText: r.text.slice(0, 200), status: r.status };
    });
}
