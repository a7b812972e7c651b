import { getTableColumns } from 'drizzle-orm';
import { exams } from './schema';

/**
 * Every column of an exam except the frozen pool and fixed items: the pool holds every active
 * question of the bank at publish (≈2 MB of jsonb for 20,000 questions), so views, starts and
 * results select these columns; only the draw (papers.ts, cached per process) reads the pool.
 */
export const examColumns = (() => {
  const { pool: _pool, fixedItems: _fixed, ...rest } = getTableColumns(exams);
  return rest;
})();
export type ExamRowLite = Omit<typeof exams.$inferSelect, 'pool' | 'fixedItems'>;
