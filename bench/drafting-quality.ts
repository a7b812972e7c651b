/**
 * bench/drafting-quality: draws 100 random articles (fixed seed) from the shipped laws, drafts one
 * question from each (填空 or 判断, whichever ranks best) and prints them for a reviewer to judge.
 * Run: npx tsx bench/drafting-quality.ts [count] [seed]   (the judged samples: default seed ×100, 777 ×50, 31337 ×50)
 * The reviewer's verdicts and the method are in docs/ARCHITECTURE.md, "Drafting questions from statutes".
 */
import { draftQuestions, type DraftArticle } from '../src/server/modules/bank/drafting/generate';
import { htmlToText } from '../src/server/modules/bank/sanitize';
import { groupShippedFiles, parseShipped, shippedLawsFolder } from '../src/server/modules/laws/load-shipped';
import { shortTitleOf } from '../src/server/modules/laws/parse';

const count = Number(process.argv[2] ?? 100);
let state = Number(process.argv[3] ?? 20261124) >>> 0;
const rnd = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const byLaw: DraftArticle[][] = [];
let id = 0;
for (const g of groupShippedFiles(shippedLawsFolder())) {
  const law = parseShipped(g);
  byLaw.push(law.articles.map((a) => ({ id: ++id, lawTitle: law.title, shortTitle: shortTitleOf(law.title), label: a.label, text: a.text })));
}
const all = byLaw.flatMap((l, li) => l.map((a, ai) => ({ a, li, ai })));
const picked = new Set<number>();
while (picked.size < Math.min(count, all.length)) picked.add(Math.floor(rnd() * all.length));

let none = 0;
let n = 0;
for (const i of [...picked]) {
  const { a, li, ai } = all[i];
  const law = byLaw[li];
  const related = law.slice(Math.max(0, ai - 30), ai + 30).filter((r) => r.id !== a.id);
  const [d] = draftQuestions(a, related, { perArticle: 1, seed: 1 });
  n++;
  console.log(`\n#${n} 《${a.shortTitle}》${a.label}（${a.text.length}字）`);
  if (!d) {
    none++;
    console.log(`  —— 无草稿。原文：${a.text.replace(/\n/g, ' ').slice(0, 80)}`);
    continue;
  }
  const answer = d.content.type === 'fill' ? d.content.answer.blanks[0].accepted.join(' / ') : d.content.type === 'truefalse' ? (d.content.answer.value ? '正确' : `错误（${d.key.text}→${d.key.replacement}）`) : '';
  console.log(`  [${d.kind === 'fill' ? '填空' : '判断'} ${d.key.kind} 分${d.score} 难${d.content.difficulty}] ${htmlToText(d.content.stem)}`);
  console.log(`  答案：${answer}`);
}
console.log(`\n${n} articles, ${n - none} drafted, ${none} without a draft`);
