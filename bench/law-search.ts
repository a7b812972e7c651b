/**
 * bench/law-search: 法规库 full-text search over the whole shipped library on the embedded database.
 * Run: npx tsx bench/law-search.ts
 * Baselines (same run): a bare `select count(*)` over the current versions' articles (the scan
 * any unindexed search must pay) and JS `includes` over every article text held in memory.
 */
import { eq, sql } from 'drizzle-orm';
import { openPglite } from '../src/server/db/client';
import { loadShippedLaws } from '../src/server/modules/laws/load-shipped';
import { lawArticles, laws } from '../src/server/modules/laws/schema';
import { searchLaws } from '../src/server/modules/laws/service';
import { timeIt } from './timing';

const ROUNDS = 40;
const QUERIES = ['个人信息 处理者', '行政处罚', '国家', '居住权', '民法典 居住权', '罚款 责令改正 情节严重', '人民法院 判决', '绝无此词'];


const database = await openPglite();
await database.migrate();
const load = await loadShippedLaws(database.db);
console.log(`loaded ${load.lawsAdded} laws, ${load.articlesAdded} articles in ${load.ms} ms`);
const again = await loadShippedLaws(database.db);
console.log(`second load (nothing to add): ${again.ms} ms`);

const db = database.db;
const scan = await timeIt(() =>
  db.execute(sql`select count(*) from law_articles a join laws l on l.current_version_id = a.version_id where length(a.text) > 0`), ROUNDS);
const texts = (await db.select({ text: lawArticles.text }).from(lawArticles).innerJoin(laws, eq(laws.currentVersionId, lawArticles.versionId))).map((r) => r.text);
const js = await timeIt(() => texts.filter((t) => t.includes('个人信息') && t.includes('处理者')).length, ROUNDS);
console.log(`baseline: bare count(*) scan of ${texts.length} articles  median ${scan.median.toFixed(2)} ms  p95 ${scan.p95.toFixed(2)} ms`);
console.log(`baseline: JS includes over texts in memory          median ${js.median.toFixed(2)} ms  p95 ${js.p95.toFixed(2)} ms`);
console.log('query                          hits   median ms   p95 ms   ratio vs scan');
for (const q of QUERIES) {
  const r = await searchLaws(db, q, {});
  const t = await timeIt(() => searchLaws(db, q, {}), ROUNDS);
  console.log(`${q.padEnd(13, '　')} ${String(r.total).padStart(6)}   ${t.median.toFixed(2).padStart(9)}  ${t.p95.toFixed(2).padStart(7)}   ${(t.median / scan.median).toFixed(1)}×`);
}
await database.close();
