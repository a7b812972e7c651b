import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/server/db/client';
import { recomputeRunningDeadlines } from '../../src/server/modules/exam/clock';
import { freshDatabase } from '../helpers/app';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

describe('recomputeRunningDeadlines', () => {
  test('extra time and a personal close take effect for a running attempt, and only for running ones', async () => {
    const db = database.db;
    await db.execute(sql`insert into units (name, path, depth) values ('区司法局', '/1/', 0)`);
    await db.execute(sql`insert into people (name, unit_id) values ('张三', 1), ('李四', 1)`);
    await db.execute(sql`insert into exams (title, kind, year, status, opens_at, closes_at, duration_seconds, pass_mark, total_points, settings)
      values ('年度考试', 'annual', 2026, 'published', '2026-11-24T00:00:00Z', '2026-11-24T12:00:00Z', 3600, 60, 100, '{}')`);
    await db.execute(sql`insert into exam_candidates (exam_id, person_id, extra_seconds) values (1, 1, 600), (1, 2, 0)`);
    await db.execute(sql`insert into exam_papers (exam_id, person_id, attempt_no, seed, items, expected_score) values (1, 1, 1, 1, '[]', 0), (1, 2, 1, 2, '[]', 0)`);
    await db.execute(sql`insert into exam_attempts (exam_id, person_id, attempt_no, paper_id, started_at, deadline_at, status)
      values (1, 1, 1, 1, '2026-11-24T08:00:00Z', '2026-11-24T09:00:00Z', 'in_progress'),
             (1, 2, 1, 2, '2026-11-24T11:30:00Z', '2026-11-24T12:00:00Z', 'submitted')`);
    expect(await recomputeRunningDeadlines(db, 1)).toBe(1);
    const deadlines = async () => ((await db.execute(sql`select deadline_at from exam_attempts order by id`)) as unknown as { rows: { deadline_at: string | Date }[] }).rows;
    let r = { rows: await deadlines() };
    expect(new Date(r.rows[0].deadline_at).toISOString()).toBe('2026-11-24T09:10:00.000Z');
    await db.execute(sql`update exam_candidates set closes_at_override = '2026-11-24T08:30:00Z' where person_id = 1`);
    expect(await recomputeRunningDeadlines(db, 1, 1)).toBe(1);
    r = { rows: await deadlines() };
    expect(new Date(r.rows[0].deadline_at).toISOString()).toBe('2026-11-24T08:30:00.000Z');
    expect(new Date(r.rows[1].deadline_at).toISOString()).toBe('2026-11-24T12:00:00.000Z');
  });
});
