/**
 * bench/people-list: how the people list behaves with 10,000 people on the embedded database.
 * Run: npx tsx bench/people-list.ts [count]
 * Baseline (same run): the bare SQL for the same page, so the ratio shows what the API layer
 * (scope checks, count, presenter, JSON) adds on this machine right now.
 */
import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { buildApp } from '../src/server/app';
import { ensureAdministrator } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import { openPglite } from '../src/server/db/client';
import { seedDemoOrg } from '../src/server/modules/org/demo';
import { people, units } from '../src/server/modules/org/schema';
import { createFieldCipher } from '../src/server/platform/crypto';
import { timeIt } from './timing';

const COUNT = Number(process.argv[2] ?? 10_000);
const ROUNDS = 30;


const database = await openPglite();
await database.migrate();
const config = { ...loadConfig({}), webDir: '/nonexistent', loginRateLimitPerMinute: 100_000 };
const ctx: AppContext = { db: database.db, config, cipher: createFieldCipher(crypto.randomBytes(32)) };
await ensureAdministrator(database.db, 'Bench#2026x');
const t0 = performance.now();
const seeded = await seedDemoOrg(ctx, { count: COUNT });
console.log(`seeded ${seeded.people} people in ${seeded.units} units in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const app = await buildApp(ctx);
let cookie = '';
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Bench#2026x' } });
cookie = `xjkp_sid=${login.cookies.find((c) => c.name === 'xjkp_sid')!.value}`;
const csrf = login.json().csrfToken;
await app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie, 'x-csrf-token': csrf }, payload: { oldPassword: 'Bench#2026x', newPassword: 'Bench#2026y' } });

const get = (url: string) => async () => {
  const r = await app.inject({ method: 'GET', url, headers: { cookie } });
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  return r;
};
const [someUnit] = await database.db.select().from(units).where(eq(units.depth, 1)).limit(1);

const baseline = await timeIt(() =>
  database.db.select().from(people).innerJoin(units, eq(units.id, people.unitId)).orderBy(asc(units.path), asc(people.id)).limit(20), ROUNDS);
const cases: [string, string][] = [
  ['first page (20)', '/api/people?page=1&pageSize=20'],
  ['last page (20)', `/api/people?page=${Math.ceil(COUNT / 20)}&pageSize=20`],
  ['subtree filter', `/api/people?unitId=${someUnit.id}`],
  ['name search', `/api/people?q=${encodeURIComponent('王')}`],
  ['filters (rank+leader)', `/api/people?rank=${encodeURIComponent('县处级')}&isPrincipalLeader=true`],
  ['page of 200', '/api/people?page=3&pageSize=200'],
  ['unit tree', '/api/units'],
];
console.log(`\nbaseline: bare SQL for one page  median ${baseline.median.toFixed(2)} ms  p95 ${baseline.p95.toFixed(2)} ms`);
console.log('case                      median ms   p95 ms   ratio vs baseline');
for (const [name, url] of cases) {
  const r = await timeIt(get(url), ROUNDS);
  console.log(`${name.padEnd(25)} ${r.median.toFixed(2).padStart(9)} ${r.p95.toFixed(2).padStart(8)}   ${(r.median / baseline.median).toFixed(1)}×`);
}
const exp = performance.now();
const x = await get('/api/people/export.xlsx')();
console.log(`\nexport of all ${COUNT} people to .xlsx: ${((performance.now() - exp) / 1000).toFixed(2)} s, ${(x.rawPayload.length / 1024).toFixed(0)} KiB`);
await app.close();
await database.close();
