/**
 * bench/bank-import: a 20,000-question Excel import on the embedded database (PGlite), through the
 * same code the API runs (src/server/modules/bank/import): parse + preview, commit, and a second
 * preview of the same file against the now 20,000-question bank (every row a duplicate).
 * Run: npx tsx bench/bank-import.ts [questions]
 * Baseline (same run): exceljs reading the same file alone (wb.xlsx.load) — the floor any .xlsx
 * import pays before looking at a single cell.
 * Data: stems are sentences of the shipped statutes (resources/laws), all five types, a third of
 * the rows citing a real article (《民法典》第N条 …), categories from the law names.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppContext } from '../src/server/context';
import { loadConfig } from '../src/server/config';
import { openPglite } from '../src/server/db/client';
import { commitQuestionImport, previewQuestionImport } from '../src/server/modules/bank/import/commit';
import { TEMPLATE_HEADERS } from '../src/server/modules/bank/excel-template';
import { questions } from '../src/server/modules/bank/schema';
import { loadShippedLaws } from '../src/server/modules/laws/load-shipped';
import { toChineseNumeral } from '../src/server/modules/laws/numerals';
import { createFieldCipher } from '../src/server/platform/crypto';
import type { Principal } from '../src/server/platform/principal';

const N = Number(process.argv[2] ?? 20_000);

let seed = 20261;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

const LAW_DIR = path.resolve(import.meta.dirname, '../resources/laws');
const SENTENCES: { law: string; no: number; text: string }[] = [];
for (const file of fs.readdirSync(LAW_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  const law = file.replace(/\.md$/, '').replace(/\(.*\)$/, '').replace(/^民法典_.*$/, '民法典').replace(/^.*_/, '');
  for (const line of fs.readFileSync(path.join(LAW_DIR, file), 'utf8').split('\n')) {
    const m = /^第([一二三四五六七八九十百千零]+)条\s+(.*)$/.exec(line);
    if (!m) continue;
    for (const t of m[2].split(/[。；]/)) {
      const text = t.trim();
      if (text.length >= 15 && text.length <= 80) SENTENCES.push({ law, no: fromZh(m[1]), text });
    }
  }
}
function fromZh(s: string): number {
  const d: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const u: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch in d) cur = d[ch];
    else {
      total += (cur || 1) * u[ch];
      cur = 0;
    }
  }
  return total + cur;
}
const phrase = () => {
  const t = pick(SENTENCES).text;
  const i = Math.floor(rand() * Math.max(1, t.length - 10));
  return t.slice(i, i + 6 + Math.floor(rand() * 6));
};
const TYPES = ['单选题', '单选题', '多选题', '判断题', '填空题', '简答题'];

function row(i: number): (string | number)[] {
  const s = pick(SENTENCES);
  const type = pick(TYPES);
  const basis = rand() < 0.33 ? `《${s.law}》第${toChineseNumeral(s.no)}条` : '';
  const opts = type === '单选题' || type === '多选题' ? Array.from({ length: 4 }, () => phrase()) : [];
  let stem = `（${i}）根据《${s.law}》，${s.text}。`;
  let answer = '';
  if (type === '单选题') {
    stem += '下列说法正确的是（　）。';
    answer = pick(['A', 'B', 'C', 'D']);
  } else if (type === '多选题') {
    stem += '下列说法正确的有（　）。';
    answer = pick(['AB', 'A,C', 'B、C、D', 'ABCD']);
  } else if (type === '判断题') answer = pick(['正确', '错误', '√', '×']);
  else if (type === '填空题') {
    const word = s.text.slice(2, 6);
    stem = `（${i}）根据《${s.law}》，${s.text.replace(word, '（　）')}。`;
    answer = word;
  } else answer = `${s.text}。${phrase()}。`;
  return [type, stem, ...Array.from({ length: 8 }, (_, k) => opts[k] ?? ''), answer, rand() < 0.5 ? `${s.law}第${s.no}条。` : '', 1 + Math.floor(rand() * 5), basis, phrase().slice(0, 6), `${s.law}/第${1 + (s.no % 5)}部分`, '', 2026, '基准测试'];
}

const t0 = performance.now();
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('题目');
ws.addRow([...TEMPLATE_HEADERS]);
for (let i = 1; i <= N; i++) ws.addRow(row(i));
const file = Buffer.from(await wb.xlsx.writeBuffer());
if (process.env.BENCH_SAVE) fs.writeFileSync(process.env.BENCH_SAVE, file);
console.log(`generated ${N} questions: ${(file.length / 1024 / 1024).toFixed(1)} MB .xlsx in ${((performance.now() - t0) / 1000).toFixed(1)} s (${SENTENCES.length} statute sentences)`);

const database = await openPglite();
await database.migrate();
await loadShippedLaws(database.db);
const ctx: AppContext = { db: database.db, config: loadConfig({}), cipher: createFieldCipher(crypto.randomBytes(32)) };
const p: Principal = { accountId: 1, personId: null, displayName: 'bench', roles: ['admin'], adminUnits: [], mustChangePassword: false, sessionId: '', csrfToken: '' };
const actor = { accountId: 1, name: 'bench', ip: null };
const upload = { buffer: file, filename: 'bench.xlsx', format: 'excel' as const };

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const s = performance.now();
  const r = await fn();
  return [r, (performance.now() - s) / 1000];
};

const [, tBase] = await time(async () => {
  const w = new ExcelJS.Workbook();
  await w.xlsx.load(file as unknown as ArrayBuffer);
});
const [pre, tPreview] = await time(() => previewQuestionImport(ctx, p, upload));
if (!pre.ok) throw new Error(`preview has issues: ${JSON.stringify(pre.issues.slice(0, 3))}`);
const [res, tCommit] = await time(() => commitQuestionImport(ctx, p, actor, upload, { skipDuplicates: false }));
const [pre2, tPreview2] = await time(() => previewQuestionImport(ctx, p, upload));
const [{ n }] = await database.db.select({ n: count() }).from(questions);
const resolved = pre.rows.filter((r) => r.legalBasis.some((b) => b.articleId)).length;

const f = (s: number) => `${s.toFixed(2)} s`.padStart(8);
console.log(`baseline: exceljs load of the file alone       ${f(tBase)}`);
console.log(`parse + preview (empty bank)                   ${f(tPreview)}  ${(tPreview / tBase).toFixed(1)}× baseline  — ${pre.summary.valid} valid, ${pre.summary.categoriesToCreate.length} categories to create, ${pre.summary.duplicatesInFile} in-file duplicates, legal basis resolved in ${resolved} of the first ${pre.rows.length} rows shown`);
console.log(`commit (re-validates, one transaction)         ${f(tCommit)}  ${(tCommit / tBase).toFixed(1)}× baseline  — created ${res.created}, categories ${res.categoriesCreated}; bank now ${n}`);
console.log(`preview again against the ${n}-question bank ${f(tPreview2)}  ${(tPreview2 / tBase).toFixed(1)}× baseline  — ${pre2.summary.duplicatesInBank} duplicates in bank`);
await database.close();
