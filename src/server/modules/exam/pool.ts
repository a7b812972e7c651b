/**
 * What papers are drawn from: the bank's active questions as the draw sees them (PoolItem), or
 * the exact current versions of a fixed paper. Both are frozen into the exam row at publish, so
 * nothing that happens in the bank afterwards changes a paper.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { OptionKey, QuestionType } from '../../../common/bank';
import type { BlueprintCheckProblem } from '../../../common/exam-admin';
import { DIFFICULTY_FACILITY, type FixedPaper, type PaperItem } from '../../../common/exam';
import type { Db } from '../../db/client';
import type { PoolItem } from './assemble';

interface PoolRow {
  question_id: number;
  version_id: number;
  type: QuestionType;
  difficulty: number;
  category_path: string | null;
  tags: string[] | null;
  ranks: string[] | null;
  option_keys: OptionKey[] | null;
  law_ids: number[] | null;
}

export const facilityOf = (difficulty: number) => DIFFICULTY_FACILITY[difficulty] ?? DIFFICULTY_FACILITY[3];

/** Raw SQL rows (both drivers return { rows }; the Db type does not say so). */
export async function rowsOf<T>(db: Db, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** `1, 2, 3` for an IN list (callers pass at most a few hundred ids). */
export const idList = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

const categoryIdsOf = (path: string | null) => (path ? path.split('/').filter(Boolean).map(Number) : []);

/**
 * Active questions' current versions with their draw attributes. Only the small JSON fields are
 * read (never the HTML, which may carry inline images), so a bank of 20,000 loads quickly.
 */
async function poolRows(db: Db, questionIds?: number[]): Promise<PoolRow[]> {
  const only = questionIds ? sql`and q.id in (${idList(questionIds)})` : sql``;
  return rowsOf<PoolRow>(db, sql`
    select q.id as question_id, v.id as version_id, q.type, v.difficulty, c.path as category_path,
           v.content->'knowledgePoints' as tags,
           v.content->'suitableRanks' as ranks,
           case when q.type in ('single', 'multiple') then jsonb_path_query_array(v.content, '$.options[*].key') end as option_keys,
           (select array_agg(distinct lv.law_id order by lv.law_id)
              from question_version_articles qva
              join law_articles la on la.id = qva.article_id
              join law_versions lv on lv.id = la.version_id
             where qva.version_id = v.id) as law_ids
      from questions q
      join question_versions v on v.id = q.current_version_id
      left join question_categories c on c.id = q.category_id
     where q.status = 'active' ${only}
     order by q.id`);
}

function toPoolItem(r: PoolRow): PoolItem {
  const item: PoolItem = {
    questionId: Number(r.question_id),
    versionId: Number(r.version_id),
    type: r.type,
    difficulty: Number(r.difficulty),
    facility: facilityOf(Number(r.difficulty)),
    categoryIds: categoryIdsOf(r.category_path),
    lawIds: (r.law_ids ?? []).map(Number),
    tags: r.tags ?? [],
    ranks: r.ranks ?? [],
  };
  if (r.option_keys) item.optionKeys = r.option_keys;
  return item;
}

/** The bank's active questions (current versions) as PoolItem[], ordered by question id. */
export async function loadPool(db: Db): Promise<PoolItem[]> {
  return (await poolRows(db)).map(toPoolItem);
}

/** Questions per type, for the check's "what the bank has". */
export function countByType(items: readonly { type: QuestionType }[]): Partial<Record<QuestionType, number>> {
  const out: Partial<Record<QuestionType, number>> = {};
  for (const i of items) out[i.type] = (out[i.type] ?? 0) + 1;
  return out;
}

export interface FixedResolution {
  /** in the paper's order, option order unshuffled */
  items: PaperItem[];
  /** Σ points × expected facility: every examinee's expected score on this paper */
  expectedScore: number;
  problems: BlueprintCheckProblem[];
}

/** A fixed paper's questions → their current active versions; a problem per item that is not usable. */
export async function resolveFixedPaper(db: Db, fixed: FixedPaper): Promise<FixedResolution> {
  const ids = [...new Set(fixed.items.map((i) => i.questionId))];
  const found = new Map((await poolRows(db, ids)).map((r) => [Number(r.question_id), toPoolItem(r)]));
  const missing = ids.filter((id) => !found.has(id));
  const status = new Map<number, string>();
  if (missing.length) {
    const rows = await rowsOf<{ id: number; status: string }>(db, sql`select id, status from questions where id in (${idList(missing)})`);
    for (const r of rows) status.set(Number(r.id), r.status);
  }
  const problems: BlueprintCheckProblem[] = [];
  const items: PaperItem[] = [];
  const seen = new Set<number>();
  let expectedScore = 0;
  fixed.items.forEach((it, i) => {
    const path = `paper.fixed.items.${i}.questionId`;
    if (seen.has(it.questionId)) {
      problems.push({ path, message: `第${i + 1}题：题目 #${it.questionId} 重复出现` });
      return;
    }
    seen.add(it.questionId);
    const p = found.get(it.questionId);
    if (!p) {
      const st = status.get(it.questionId);
      problems.push({
        path,
        message: st === undefined ? `第${i + 1}题：题目 #${it.questionId} 不存在` : `第${i + 1}题：题目 #${it.questionId} 不是“已启用”状态，不能组卷`,
      });
      return;
    }
    const item: PaperItem = { questionId: p.questionId, versionId: p.versionId, type: p.type, points: it.points };
    if (p.optionKeys) item.optionOrder = [...p.optionKeys];
    items.push(item);
    expectedScore += it.points * p.facility;
  });
  return { items, expectedScore: Math.round(expectedScore * 100) / 100, problems };
}
