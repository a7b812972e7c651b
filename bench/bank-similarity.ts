/**
 * bench/bank-similarity: near-duplicate check of an import of 20,000 questions against a bank of
 * 20,000, with MinHash + LSH (src/server/modules/bank/similarity.ts).
 * Run: npx tsx bench/bank-similarity.ts [bankSize] [importSize]
 * Baseline (same run): brute-force exact Jaccard of a 2,000-question import sample against the
 * whole bank, extrapolated to the full import; recall of LSH vs brute force on that sample.
 * Synthetic data: stems are sentences of the shipped statutes (../shared/data/laws); a quarter of the import are reworded (one
 * or two words changed) or option-shuffled copies of bank questions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SIMILAR_THRESHOLD, SimilarityIndex, fingerprint, jaccard, type Fingerprint, type SimilarityInput } from '../src/server/modules/bank/similarity';

const BANK = Number(process.argv[2] ?? 20_000);
const IMPORT = Number(process.argv[3] ?? 20_000);
const SAMPLE = 2_000;

let seed = 20260;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
// Sentences of the shipped statutes, so stems share the boilerplate real banks share
// ("根据《…》规定，…下列说法正确的是") but differ in substance as real questions do.
const LAW_DIR = path.resolve(import.meta.dirname, '../../shared/data/laws');
const SENTENCES: { law: string; text: string }[] = [];
for (const file of fs.readdirSync(LAW_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  const law = file.replace(/\.md$/, '').replace(/^.*_/, '').replace(/\(.*\)$/, '');
  for (const t of fs.readFileSync(path.join(LAW_DIR, file), 'utf8').split(/[。；\n]/)) {
    const text = t.replace(/^第[^条]+条\s*/, '').trim();
    if (text.length >= 15 && text.length <= 80 && !text.startsWith('#')) SENTENCES.push({ law, text });
  }
}
const VERB = ['应当', '可以', '不得', '有权', '必须', '依法'];
const phrase = () => {
  const t = pick(SENTENCES).text;
  const i = Math.floor(rand() * Math.max(1, t.length - 10));
  return t.slice(i, i + 6 + Math.floor(rand() * 6));
};

function makeQuestion(): SimilarityInput {
  const s = pick(SENTENCES);
  const stem = `根据《${s.law}》规定，${s.text}。下列说法正确的是？`;
  return { stem, options: Array.from({ length: 4 }, () => ({ html: phrase() })) };
}

function reword(q: SimilarityInput): SimilarityInput {
  const r = rand();
  if (r < 0.4) return { stem: q.stem, options: [...(q.options ?? [])].reverse() };
  const swap = (s: string) => (VERB.some((v) => s.includes(v)) ? s.replace(VERB.find((v) => s.includes(v))!, pick(VERB)) : s.replace('规定', '的规定'));
  return { stem: r < 0.7 ? swap(q.stem) : swap(swap(q.stem)).replace('规定', '的规定'), options: q.options };
}

const bank = Array.from({ length: BANK }, makeQuestion);
const incoming = Array.from({ length: IMPORT }, () => (rand() < 0.25 ? reword(pick(bank)) : makeQuestion()));

const t0 = performance.now();
const index = new SimilarityIndex<number>();
bank.forEach((q, i) => index.add(i, q));
const tIndex = performance.now() - t0;

const t1 = performance.now();
const fps: Fingerprint[] = incoming.map((q) => fingerprint(q));
let candidates = 0;
let flagged = 0;
const lshHits: Set<number>[] = [];
fps.forEach((fp, i) => {
  const hits = index.query(fp);
  candidates += index.lastCandidates;
  if (hits.length) flagged++;
  if (i < SAMPLE) lshHits.push(new Set(hits.map((h) => h.id)));
});
const tCheck = performance.now() - t1;

// Baseline: brute force exact Jaccard for the first SAMPLE imported questions against the bank.
const bankPrints = bank.map((q) => fingerprint(q).shingles);
const t2 = performance.now();
let truePairs = 0;
let found = 0;
let truePairsDup = 0;
let foundDup = 0;
for (let i = 0; i < Math.min(SAMPLE, IMPORT); i++) {
  const a = fps[i].shingles;
  for (let j = 0; j < bankPrints.length; j++) {
    const s = jaccard(a, bankPrints[j]);
    if (s >= SIMILAR_THRESHOLD) {
      truePairs++;
      if (lshHits[i].has(j)) found++;
      if (s >= 0.8) {
        truePairsDup++;
        if (lshHits[i].has(j)) foundDup++;
      }
    }
  }
}
const tBrute = performance.now() - t2;
const bruteFull = (tBrute / Math.min(SAMPLE, IMPORT)) * IMPORT;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`bank ${BANK} questions, import ${IMPORT} questions (node ${process.version})`);
console.log(`index bank (fingerprint + LSH):        ${s(tIndex)}`);
console.log(`check import against bank (LSH):       ${s(tCheck)}  — ${flagged} flagged (≥ ${SIMILAR_THRESHOLD}), ${candidates} candidates scored (${(candidates / IMPORT).toFixed(1)} per question)`);
console.log(`baseline brute force, ${SAMPLE} sample:    ${s(tBrute)}  → ${s(bruteFull)} extrapolated to ${IMPORT}`);
console.log(`ratio brute force / LSH (check only):  ${(bruteFull / tCheck).toFixed(0)}×`);
console.log(`recall of LSH vs brute force on sample: ${found}/${truePairs} pairs ≥ ${SIMILAR_THRESHOLD} (${((found / Math.max(truePairs, 1)) * 100).toFixed(2)}%), ${foundDup}/${truePairsDup} pairs ≥ 0.8 (${((foundDup / Math.max(truePairsDup, 1)) * 100).toFixed(2)}%)`);
