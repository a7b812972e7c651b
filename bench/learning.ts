/**
 * bench/learning: 学 and 讲 at district scale — list completion, a member's list progress, the
 * 学法档案 table and Excel, the 讲法责任 board, 学法指标 progress and reading heartbeats — through
 * the service functions the routes call, with an organiser principal (members for the beats).
 * Run: npx tsx bench/learning.ts [people=5260] [--pg]
 *   (5,260 seeded people are ≈ 5,000 在职: the demo seed makes ~5% 调离/退休.)
 *   --pg runs on a throwaway PostgreSQL 15 cluster (bench/pg-cluster.ts) instead of PGlite.
 * Baselines (same run): a bare `count(*)` and a bare `person_id, count(*) … group by person_id`
 * over article_reads (what any progress query over everyone must touch), a bare per-person
 * count (one indexed round trip), a bare per-person sum over study_credits (what hours quotas
 * must touch) and a bare single-row study_credits upsert (the one write a beat cannot avoid).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { listInputSchema } from '../src/common/learning-lists';
import { quotaInputSchema } from '../src/common/learning';
import { readThresholdSeconds } from '../src/common/reading';
import { ensureAdministrator } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import { openPglite, openPostgres, type Database, type Db } from '../src/server/db/client';
import { changeStatus, createQuestion, setReviewRequired } from '../src/server/modules/bank/service';
import { lawArticles, lawNodes, laws } from '../src/server/modules/laws/schema';
import { loadShippedLaws } from '../src/server/modules/laws/load-shipped';
import { allArchiveRows, archiveList } from '../src/server/modules/learning/archive';
import { archiveWorkbook } from '../src/server/modules/learning/archive-export';
import { dutyBoard } from '../src/server/modules/learning/duty';
import { createList, setListStatus } from '../src/server/modules/learning/lists';
import { completionWorkbook, personListProgress, unitListCompletion } from '../src/server/modules/learning/lists-progress';
import { allQuotaProgress, createQuota } from '../src/server/modules/learning/quotas';
import { readingBeat } from '../src/server/modules/learning/reading';
import { activities, activityAttendance, learningMaterials, studyCredits } from '../src/server/modules/learning/schema';
import { rowsOf } from '../src/server/modules/exam/pool';
import { seedDemoOrg } from '../src/server/modules/org/demo';
import { people, units } from '../src/server/modules/org/schema';
import type { AuditActor } from '../src/server/platform/audit';
import { createFieldCipher } from '../src/server/platform/crypto';
import type { Principal } from '../src/server/platform/principal';
import { accounts } from '../src/server/platform/schema';
import { startThrowawayPostgres, type Cluster } from './pg-cluster';
import { timeIt } from './timing';

const args = process.argv.slice(2);
const USE_PG = args.includes('--pg');
const COUNT = Number(args.find((a) => /^\d+$/.test(a)) ?? 5_260);
const YEAR = 2026;
const HEAVY_ROUNDS = 5;
const LIGHT_ROUNDS = 20;
const BEATS = 100;

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// Database

let cluster: Cluster | null = null;
let tmp: string | null = null;
let database: Database;
if (USE_PG) {
  cluster = await startThrowawayPostgres();
  database = await openPostgres(cluster.url);
} else {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-bench-learning-'));
  database = await openPglite(path.join(tmp, 'pglite'));
}
// a failed run leaves neither a temp dir nor a running cluster behind
process.on('exit', () => {
  cluster?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
await database.migrate();
const db: Db = database.db;
const config = { ...loadConfig({}), webDir: '/nonexistent' };
const ctx: AppContext = { db, config, cipher: createFieldCipher(crypto.randomBytes(32)) };
const exec = (q: SQL) => db.execute(q);
const one = async <T>(q: SQL): Promise<T> => (await rowsOf<T>(db, q))[0];

// ---------------------------------------------------------------------------------------------
// Seed a district

const tSeed = performance.now();
await ensureAdministrator(db, 'Bench#2026x');
const [admin] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.loginName, 'admin'));
const organiser: Principal = { accountId: admin.id, personId: null, displayName: '考评办', roles: ['organiser'], adminUnits: [], mustChangePassword: false, sessionId: 'bench', csrfToken: 'bench' };
const administrator: Principal = { ...organiser, roles: ['admin'] };
const actor: AuditActor = { accountId: admin.id, name: '考评办', ip: null };

let t0 = performance.now();
const org = await seedDemoOrg(ctx, { count: COUNT });
const { n: active } = await one<{ n: number }>(sql`select count(*)::int as n from people where status = '在职'`);
const { n: leaders } = await one<{ n: number }>(sql`select count(*)::int as n from people where status = '在职' and is_principal_leader`);
console.log(`seeded ${org.people} people (${active} 在职, ${leaders} 主要负责人) in ${org.units} units (3 levels) in ${secs(t0)}`);

t0 = performance.now();
const load = await loadShippedLaws(db);
console.log(`loaded ${load.lawsAdded} laws, ${load.articlesAdded} articles in ${secs(t0)}`);

const lawByShort = async (short: string) => {
  const [l] = await db.select({ id: laws.id, versionId: laws.currentVersionId }).from(laws).where(eq(laws.shortTitle, short));
  if (!l) throw new Error(`law ${short} not loaded`);
  return { id: l.id, versionId: l.versionId! };
};
const xianfa = await lawByShort('宪法');
const minfadian = await lawByShort('民法典');
const nLaws = { 行政执法: await lawByShort('行政处罚法'), 综合管理: await lawByShort('行政许可法'), 专业技术: await lawByShort('行政复议法') } as const;
const bian = await db
  .select({ id: lawNodes.id, title: lawNodes.title, first: lawNodes.firstArticle, last: lawNodes.lastArticle })
  .from(lawNodes)
  .where(and(eq(lawNodes.versionId, minfadian.versionId), eq(lawNodes.kind, '编')))
  .orderBy(asc(lawNodes.ordinal))
  .limit(2);

// lists: "1+3" for everyone, three "N" lists by 岗位类别
t0 = performance.now();
const [material] = await db
  .insert(learningMaterials)
  .values({ title: '习近平法治思想学习纲要（节选）', kind: '习近平法治思想', body: '学习材料正文。'.repeat(200), createdBy: admin.id })
  .returning({ id: learningMaterials.id });
const publish = async (input: unknown) => {
  const list = await db.transaction((tx) => createList(tx, actor, listInputSchema.parse(input)));
  await db.transaction((tx) => setListStatus(tx, actor, list.id, 'published'));
  return list;
};
await publish({
  year: YEAR,
  name: `${YEAR}年度“1+3”学法清单`,
  items: [
    { segment: '1', kind: 'material', materialId: material.id, expectedMinutes: 60 },
    { segment: '3', kind: 'law', lawId: xianfa.id },
    { segment: '3', kind: 'law', lawId: minfadian.id, nodeIds: bian.map((b) => b.id) },
  ],
});
for (const [post, law] of Object.entries(nLaws)) {
  await publish({ year: YEAR, name: `${YEAR}年度“N”清单（${post}）`, rule: { postCategories: [post] }, items: [{ segment: 'N', kind: 'law', lawId: law.id }] });
}

// article_reads: each person read a random share of each list law that applies to them (uniform 0–100%, ~29% finished)
const readsFor = (lawId: number, versionId: number, personCond: SQL, articleCond: SQL) =>
  exec(sql`insert into article_reads (person_id, article_id, law_id, article_no, suffix, seconds, read_at)
           select p.id, a.id, ${lawId}::int, a.no, a.suffix, 10 + a.ordinal % 30,
                  timestamptz '${sql.raw(`${YEAR}-01-05 09:00:00+08`)}' + ((p.id + a.ordinal) % 300) * interval '1 day'
           from people p join law_articles a on a.version_id = ${versionId}
           where ${personCond} and ${articleCond}
             and abs(hashtext(p.id::text || ':' || a.id::text)) % 1000 < abs(hashtext(p.id::text || '/' || ${lawId}::int::text)) % 1400`);
const { lo, hi } = await one<{ lo: number; hi: number }>(sql`select min(id)::int as lo, max(id)::int as hi from people`);
for (let from = lo; from <= hi; from += 1000) {
  const chunk = sql`p.id between ${from} and ${from + 999}`;
  await readsFor(xianfa.id, xianfa.versionId, chunk, sql`true`);
  await readsFor(minfadian.id, minfadian.versionId, chunk, sql`(${sql.join(bian.map((b) => sql`a.ordinal between ${b.first} and ${b.last}`), sql` or `)})`);
  for (const [post, law] of Object.entries(nLaws)) await readsFor(law.id, law.versionId, sql`${chunk} and p.post_category = ${post}`, sql`true`);
}
await exec(sql`insert into material_reads (person_id, material_id, seconds, completed_at)
               select id, ${material.id}::int, abs(hashtext('m' || id::text)) % 5400, null from people where abs(hashtext('m?' || id::text)) % 10 < 7`);
const { n: readRows } = await one<{ n: number }>(sql`select count(*)::int as n from article_reads`);

// study_credits: reading on ~60% of 200 days per person
await exec(sql`insert into study_credits (person_id, day, source, ref_id, minutes)
               select p.id, date '${sql.raw(`${YEAR}-01-05`)}' + d, case when d % 7 = 3 then 'material' else 'reading' end, 0, 5 + abs(hashtext(p.id::text || ':' || d::text)) % 55
               from people p cross join generate_series(0, 199) d
               where abs(hashtext(p.id::text || '/' || d::text)) % 10 < 6`);

// 300 activities (60% 集体学法, 40% 讲法 by principal leaders), ~30 attendees each, credited
const rand = (() => {
  let s = 7;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
})();
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const unitRows = await db.select({ id: units.id, depth: units.depth }).from(units);
const activeIds = (await db.select({ id: people.id }).from(people).where(eq(people.status, '在职'))).map((r) => r.id);
const leaderIds = (await db.select({ id: people.id }).from(people).where(and(eq(people.status, '在职'), eq(people.isPrincipalLeader, true)))).map((r) => r.id);
const studyKinds = ['中心组专题学法', '会前学法', '集中学法', '专题法治培训', '旁听庭审'] as const;
const lectureKinds = ['会前讲法', '法治大讲堂', '以案释法', '专题讲座', '宣讲'] as const;
let attendanceRows = 0;
for (let i = 0; i < 300; i++) {
  const lecture = i % 5 < 2;
  const future = i % 25 === 0; // a few scheduled ahead (December)
  const startsAt = future ? new Date(Date.UTC(YEAR, 11, 10 + (i % 15), 2)) : new Date(Date.UTC(YEAR, 0, 6, 1) + Math.floor(rand() * 300) * 86_400_000);
  const duration = pick([60, 90, 120]);
  const [a] = await db
    .insert(activities)
    .values({
      category: lecture ? 'lecture' : 'study',
      kind: lecture ? pick(lectureKinds) : pick(studyKinds),
      title: `${lecture ? '讲法' : '集体学法'}活动 ${i + 1}`,
      year: YEAR,
      startsAt,
      durationMinutes: duration,
      hostUnitId: pick(unitRows).id,
      speakerPersonId: lecture ? pick(leaderIds) : null,
      presenter: lecture ? null : '法制科',
      status: future ? 'scheduled' : 'held',
      createdBy: admin.id,
    })
    .returning({ id: activities.id });
  if (future) continue;
  const who = [...new Set(Array.from({ length: 25 + Math.floor(rand() * 11) }, () => pick(activeIds)))];
  await db.insert(activityAttendance).values(who.map((personId) => ({ activityId: a.id, personId, source: 'roster', recordedBy: admin.id })));
  const day = new Date(startsAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  await db.insert(studyCredits).values(who.map((personId) => ({ personId, day, source: lecture ? 'lecture' : 'group_study', refId: a.id, minutes: duration })));
  attendanceRows += who.length;
}

// practice: 40 active questions, ~50 answers per person
await setReviewRequired(ctx, administrator, actor, false);
const questionIds: number[] = [];
for (let i = 0; i < 40; i++) {
  const { question } = await createQuestion(ctx, administrator, actor, {
    content: {
      type: 'single',
      stem: `练习题${i + 1}：根据行政处罚法，第${i + 1}种情形下行政机关应当如何处理？`,
      difficulty: 1 + (i % 5),
      options: ['A', 'B', 'C', 'D'].map((key) => ({ key, html: `选项${key}（第${i + 1}题）` })),
      answer: { key: 'ABCD'[i % 4] },
    },
  });
  await changeStatus(ctx, administrator, actor, question.id, { to: 'active' });
  questionIds.push(question.id);
}
await exec(sql`insert into practice_answers (person_id, question_id, version_id, mode, response, correct, answered_at)
               select p.id, q.id, q.current_version_id, 'daily', '{"key":"A"}'::jsonb, abs(hashtext(p.id::text || ':' || k::text)) % 10 < 7,
                      timestamptz '${sql.raw(`${YEAR}-01-05 20:00:00+08`)}' + ((p.id + k * 5) % 300) * interval '1 day'
               from people p cross join generate_series(1, 50) k
               join (select id, current_version_id, (row_number() over (order by id) - 1)::int as i from questions) q on q.i = (p.id * 7 + k * 13) % ${questionIds.length}
               where p.status = '在职'`);

// quotas: personal hours for everyone, 集中学法 count for the second-level units
await createQuota(db, organiser, actor, quotaInputSchema.parse({ year: YEAR, name: '个人学法学时', metric: 'personal_hours', target: 40 }));
await createQuota(
  db,
  organiser,
  actor,
  quotaInputSchema.parse({ year: YEAR, name: '集中学法次数', metric: 'activity_count', activityKind: '集中学法', unitIds: unitRows.filter((u) => u.depth === 1).map((u) => u.id), target: 4 }),
);
await exec(sql`analyze`);
const counts = await one<{ credits: number; answers: number; materials: number }>(
  sql`select (select count(*) from study_credits)::int as credits, (select count(*) from practice_answers)::int as answers, (select count(*) from material_reads)::int as materials`,
);
console.log(
  `seeded learning in ${secs(t0)}: ${readRows} article_reads, ${counts.credits} study_credits, ${counts.materials} material_reads, 300 activities with ${attendanceRows} attendances, ${counts.answers} practice_answers; 4 published lists, 2 quotas`,
);
console.log(`total seeding ${secs(tSeed)} on ${USE_PG ? 'PostgreSQL 15 (throwaway cluster)' : 'PGlite (temp dir)'}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

// ---------------------------------------------------------------------------------------------
// Measure

const [root] = await db.select({ id: units.id }).from(units).where(eq(units.id, org.rootId));
const [bureau] = await db
  .select({ id: units.id, name: units.name, n: sql<number>`(select count(*) from people p join units u on u.id = p.unit_id where u.path like units.path || '%' and p.status = '在职')::int` })
  .from(units)
  .where(eq(units.depth, 1))
  .orderBy(asc(units.sortOrder), asc(units.name))
  .limit(1);
const [member] = await db.select({ id: people.id }).from(people).where(and(eq(people.status, '在职'), eq(people.postCategory, '行政执法'))).orderBy(asc(people.id)).limit(1);

const baseCount = await timeIt(() => exec(sql`select count(*) from article_reads`), LIGHT_ROUNDS);
const baseGroup = await timeIt(() => exec(sql`select person_id, count(*) from article_reads group by person_id`), LIGHT_ROUNDS);
const basePerson = await timeIt(() => exec(sql`select count(*) from article_reads where person_id = ${member.id}`), LIGHT_ROUNDS);
const baseCredits = await timeIt(() => exec(sql`select person_id, sum(minutes) from study_credits group by person_id`), LIGHT_ROUNDS);
let upsertDay = 0;
const baseUpsert = await timeIt(
  () =>
    exec(sql`insert into study_credits (person_id, day, source, ref_id, minutes) values (${member.id}::int, date '${sql.raw(`${YEAR}-12-01`)}' + ${upsertDay++ % 20}::int, 'reading', 0, 0.5)
             on conflict (person_id, day, source, ref_id) do update set minutes = study_credits.minutes + excluded.minutes, updated_at = now()`),
  BEATS,
);
const ms = (x: number) => x.toFixed(2).padStart(9);
console.log(`\nbaseline: bare count(*) over ${readRows} article_reads             median ${ms(baseCount.median)} ms  p95 ${ms(baseCount.p95)} ms`);
console.log(`baseline: bare person_id, count(*) … group by person_id   median ${ms(baseGroup.median)} ms  p95 ${ms(baseGroup.p95)} ms`);
console.log(`baseline: bare count(*) of one person's reads             median ${ms(basePerson.median)} ms  p95 ${ms(basePerson.p95)} ms`);
console.log(`baseline: bare person_id, sum(minutes) over study_credits     median ${ms(baseCredits.median)} ms  p95 ${ms(baseCredits.p95)} ms`);
console.log(`baseline: bare single-row study_credits upsert            median ${ms(baseUpsert.median)} ms  p95 ${ms(baseUpsert.p95)} ms`);

console.log('\ncase                                          rounds  median ms     p95 ms   ratio vs baseline');
const row = (name: string, rounds: number, r: { median: number; p95: number }, base: { median: number }, baseName: string) =>
  console.log(`${name.padEnd(44)} ${String(rounds).padStart(6)} ${ms(r.median)}  ${ms(r.p95)}   ${(r.median / base.median).toFixed(r.median < base.median ? 2 : 1)}× ${baseName}`);

const measure = async (name: string, rounds: number, fn: () => Promise<unknown>, base: { median: number }, baseName: string) => {
  const r = await timeIt(fn, rounds);
  row(name, rounds, r, base, baseName);
  return r;
};

const district = await unitListCompletion(db, organiser, { year: YEAR });
await measure(`list completion, district (${district.total.people} people)`, HEAVY_ROUNDS, () => unitListCompletion(db, organiser, { year: YEAR }), baseGroup, 'group-by');
await measure(`  … district with people rows (root)`, HEAVY_ROUNDS, () => unitListCompletion(db, organiser, { year: YEAR, unitId: root.id }), baseGroup, 'group-by');
await measure(`  … one unit drill-down (${bureau.name}, ${bureau.n})`, LIGHT_ROUNDS, () => unitListCompletion(db, organiser, { year: YEAR, unitId: bureau.id }), baseGroup, 'group-by');
await measure(`  … Excel of the district (${active} people)`, HEAVY_ROUNDS, async () => completionWorkbook(await unitListCompletion(db, organiser, { year: YEAR, includePeople: true })), baseGroup, 'group-by');
const mine = await personListProgress(db, member.id, YEAR);
await measure(`personListProgress, one person (${mine.items.length} items)`, LIGHT_ROUNDS, () => personListProgress(db, member.id, YEAR), basePerson, 'per-person');
const page = await archiveList(ctx, organiser, { year: YEAR }, 1, 50);
await measure(`archive table, page of 50 (of ${page.total})`, LIGHT_ROUNDS, () => archiveList(ctx, organiser, { year: YEAR }, 1, 50), baseGroup, 'group-by');
await measure(`  … last page of 50`, LIGHT_ROUNDS, () => archiveList(ctx, organiser, { year: YEAR }, Math.ceil(page.total / 50), 50), baseGroup, 'group-by');
let xlsxBytes = 0;
await measure(
  `archive Excel, all ${page.total} rows`,
  HEAVY_ROUNDS,
  async () => {
    const rows = await allArchiveRows(ctx, organiser, { year: YEAR });
    xlsxBytes = (await archiveWorkbook(rows, { year: YEAR, unitName: '全部单位', generatedAt: new Date() })).length;
  },
  baseGroup,
  'group-by',
);
const board = await dutyBoard(db, organiser, YEAR);
await measure(`duty board (${board.summary.leaders} leaders, ${board.summary.done} done)`, LIGHT_ROUNDS, () => dutyBoard(db, organiser, YEAR), basePerson, 'per-person');
const at = new Date(Date.UTC(YEAR, 10, 20));
await measure(`quota progress (2 quotas, ${active} people)`, LIGHT_ROUNDS, () => allQuotaProgress(db, organiser, YEAR, at), baseCredits, 'credits sum');

// reading beats: 10 readers of 行政处罚法, each beating every 60 s of a synthetic clock with 10 article reads
const articleRows = await db
  .select({ id: lawArticles.id, len: sql<number>`char_length(${lawArticles.text})::int` })
  .from(lawArticles)
  .where(eq(lawArticles.versionId, nLaws.行政执法.versionId))
  .orderBy(asc(lawArticles.ordinal));
const readers = (
  await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.status, '在职'), inArray(people.postCategory, ['行政执法'])))
    .orderBy(asc(people.id))
    .limit(10)
).map((r) => r.id);
const clock = new Map(readers.map((id, i) => [id, Date.UTC(YEAR, 11, 2, 1, i)]));
let beat = 0;
let accepted = 0;
let credited = 0;
const oneBeat = async () => {
  const personId = readers[beat % readers.length];
  const k = Math.floor(beat / readers.length);
  beat++;
  const now = clock.get(personId)! + 60_000;
  clock.set(personId, now);
  const reads = Array.from({ length: 10 }, (_, j) => articleRows[(k * 10 + j) % articleRows.length]).map((a) => ({ articleId: a.id, seconds: readThresholdSeconds(a.len) }));
  const p: Principal = { accountId: 0, personId, displayName: '', roles: ['member'], adminUnits: [], mustChangePassword: false, sessionId: '', csrfToken: '' };
  const r = await readingBeat(db, p, { target: { kind: 'law', lawId: nLaws.行政执法.id }, reads, active: true }, new Date(now));
  accepted += r.acceptedArticleIds.length;
  credited += r.creditedMinutes;
};
await measure(`reading beat (10 article reads each)`, BEATS, oneBeat, baseUpsert, 'upsert');
console.log(`\n${beat} beats: ${(accepted / beat).toFixed(1)} of 10 reads accepted per beat, ${credited.toFixed(1)} minutes credited`);
console.log(`archive .xlsx of ${page.total} rows: ${(xlsxBytes / 1024).toFixed(0)} KiB; district completion: ${district.total.donePercent}% of required items done, ${district.total.complete} people complete`);
console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

await database.close();
