import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PaperItem } from '../../src/common/exam';
import { canonicalContent } from '../../src/server/modules/bank/content';
import { checkPaper, type PoolItem } from '../../src/server/modules/exam/assemble';
import { adminClient, createTestApp, type Client, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
const ROSTER = 5000;

const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.ctx.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  const db = t.ctx.db;
  const root = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  // 5,000 在职 people straight into the table (the people API is tested elsewhere)
  await db.execute(sql`insert into people (name, unit_id, employee_no, rank)
    select '考生' || g, ${root}, 'p' || g, (array['乡科级','一般干部','县处级'])[1 + g % 3] from generate_series(1, ${ROSTER}) g`);
  // a bank: 300 单选, 150 判断, 100 多选, difficulties 1–5
  const types = [
    ['single', 300],
    ['truefalse', 150],
    ['multiple', 100],
  ] as const;
  for (const [type, n] of types) {
    for (let i = 0; i < n; i++) {
      const difficulty = (i % 5) + 1;
      const stem = `规模测试${type}第${i}题：下列说法正确的是？`;
      const raw =
        type === 'truefalse'
          ? { type, stem, answer: { value: true }, difficulty }
          : { type, stem, options: ['A', 'B', 'C', 'D'].map((key) => ({ key, html: `选项${key}${i}` })), answer: type === 'single' ? { key: 'A' } : { keys: ['A', 'B'] }, difficulty };
      const { content, hash, searchText } = canonicalContent(raw);
      await db.execute(sql`with q as (insert into questions (type, status) values (${type}, 'active') returning id),
        v as (insert into question_versions (question_id, version_no, content, content_hash, search_text, difficulty)
              select id, 1, ${JSON.stringify(content)}::jsonb, ${hash}, ${searchText}, ${difficulty} from q returning id)
        select count(*) from v`);
    }
  }
  // a data-modifying CTE cannot see rows inserted beside it, so the current versions are set afterwards
  await db.execute(sql`update questions q set current_version_id = v.id from question_versions v where v.question_id = q.id and q.current_version_id is null`);
  (globalThis as { root?: number }).root = root;
}, 120_000);
afterAll(() => t.close());

it('publishes an exam for 5,000 people within a few seconds, each with a valid paper, exposure even', async () => {
  const root = (globalThis as { root?: number }).root!;
  const exam = await admin.post('/api/exams', {
    title: '全区年度学法考试',
    kind: 'annual',
    year: 2026,
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
    durationMinutes: 90,
    passMark: 60,
    rosterRule: { unitIds: [root] },
    paper: {
      mode: 'blueprint',
      blueprint: {
        sections: [
          { type: 'single', count: 25, points: 2 },
          { type: 'multiple', count: 10, points: 3 },
          { type: 'truefalse', count: 10, points: 2 },
        ],
        exposureCap: 0.3,
      },
    },
  });
  expect(exam.statusCode, exam.body).toBe(200);
  const id = exam.json().id;
  const started = performance.now();
  const res = await admin.post(`/api/exams/${id}/publish`);
  const seconds = (performance.now() - started) / 1000;
  expect(res.statusCode, res.body).toBe(200);
  console.log(`publish: ${ROSTER} papers in ${seconds.toFixed(2)} s`);
  expect(seconds).toBeLessThan(15);
  expect(res.json().rosterSize).toBe(ROSTER);

  const [{ pool, target }] = await rows<{ pool: PoolItem[]; target: number }>(sql`select pool, target_expected_score as target from exams where id = ${id}`);
  const papers = await rows<{ person_id: number; items: PaperItem[]; expected_score: number }>(sql`select person_id, items, expected_score from exam_papers where exam_id = ${id}`);
  expect(papers).toHaveLength(ROSTER);
  const bp = res.json().settings.paper.blueprint;
  const exposure = new Map<number, number>();
  for (const p of papers) for (const it of p.items) exposure.set(it.questionId, (exposure.get(it.questionId) ?? 0) + 1);
  // every 50th paper fully checked (all of them would only repeat the same check)
  for (const p of papers.filter((_, i) => i % 50 === 0)) {
    expect(checkPaper(pool, bp, p.items, { rank: null, excludeQuestionIds: new Set(), exposure: new Map(), plannedPapers: ROSTER, target: Number(target) })).toEqual([]);
  }
  expect(Math.max(...exposure.values()) / ROSTER).toBeLessThanOrEqual(0.3 + 1e-9);
  const scores = papers.map((p) => Number(p.expected_score));
  const spreadPct = ((Math.max(...scores) - Math.min(...scores)) / 100) * 100;
  console.log(`expected-score spread ${spreadPct.toFixed(2)}% of full marks`);
  expect(spreadPct).toBeLessThanOrEqual(1 + 1e-9);
}, 120_000);
