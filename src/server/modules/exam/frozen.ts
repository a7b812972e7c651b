/**
 * Papers and question versions never change once written (a trigger refuses UPDATE/DELETE on
 * versions; papers are frozen at draw), so each process may keep them in memory. That takes the
 * autosave hot path down to the attempt row and the upsert. Keyed per database handle: tests open
 * several databases whose ids overlap.
 */
import { eq, inArray } from 'drizzle-orm';
import type { QuestionContent } from '../../../common/bank';
import type { PaperItem } from '../../../common/exam';
import type { Db } from '../../db/client';
import { questionVersions } from '../bank/schema';
import { examPapers } from './schema';

const MAX_ENTRIES = 20_000;

class Bounded<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    if (this.size >= MAX_ENTRIES && !this.has(key)) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

const contentCaches = new WeakMap<object, Bounded<number, QuestionContent>>();
const paperCaches = new WeakMap<object, Bounded<number, PaperItem[]>>();

function cacheFor<V>(all: WeakMap<object, Bounded<number, V>>, db: Db): Bounded<number, V> {
  // a transaction is a different object from its database but shares the database's dialect
  const key = ((db as unknown as { dialect?: object }).dialect ?? db) as object;
  let c = all.get(key);
  if (!c) all.set(key, (c = new Bounded()));
  return c;
}

export async function versionContents(db: Db, ids: readonly number[]): Promise<Map<number, QuestionContent>> {
  const cache = cacheFor(contentCaches, db);
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  if (missing.length) {
    const rows = await db.select({ id: questionVersions.id, content: questionVersions.content }).from(questionVersions).where(inArray(questionVersions.id, missing));
    for (const r of rows) cache.set(r.id, r.content);
  }
  const out = new Map<number, QuestionContent>();
  for (const id of ids) {
    const c = cache.get(id);
    if (!c) throw new Error(`question version ${id} not found`);
    out.set(id, c);
  }
  return out;
}

export async function paperItems(db: Db, paperId: number): Promise<PaperItem[]> {
  const cache = cacheFor(paperCaches, db);
  const hit = cache.get(paperId);
  if (hit) return hit;
  const [row] = await db.select({ items: examPapers.items }).from(examPapers).where(eq(examPapers.id, paperId));
  if (!row) throw new Error(`paper ${paperId} not found`);
  cache.set(paperId, row.items);
  return row.items;
}
