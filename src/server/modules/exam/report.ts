/**
 * Printable A4 pages of the results: one person's 成绩单 and (pre-appointment.ts) the 考试结果通知.
 * Served as a self-contained HTML page under the app's CSP (inline styles only, no script), like
 * the bank's handbook. Every value from the database is escaped.
 */
import { eq } from 'drizzle-orm';
import { QUESTION_TYPE_ZH, QUESTION_TYPES, type QuestionType } from '../../../common/bank';
import { EXAM_KIND_ZH, ROSTER_STATUS_ZH, type ExamKind } from '../../../common/exam';
import type { AppContext } from '../../context';
import { notFound } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { unitPathNames } from '../org/units';
import { roundScore } from './grade';
import { loadExam, requireExamInScope, requireResultsReader, rosterOutcomes, type RosterOutcome } from './results';
import { peopleScope } from '../../platform/principal';
import { people } from '../org/schema';
import { attemptAnswers, examAttempts, examPapers } from './schema';

export const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const cnDate = (d: Date) => d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
export const cnDateTime = (d: Date) =>
  d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** An A4 page with print CSS; `body` is trusted HTML built with esc(). */
export function printablePage(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
  @page { size: A4; margin: 22mm 20mm; }
  body { font-family: "FangSong", "STFangsong", "SimSun", "Songti SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; font-size: 12pt; line-height: 1.8; color: #000; max-width: 170mm; margin: 0 auto; padding: 12px; }
  h1 { text-align: center; font-size: 20pt; margin: 6mm 0 6mm; font-family: "SimHei", "Heiti SC", "WenQuanYi Micro Hei", sans-serif; letter-spacing: 2px; }
  table { width: 100%; border-collapse: collapse; margin: 3mm 0; }
  th, td { border: 1px solid #000; padding: 2mm 3mm; text-align: left; vertical-align: top; }
  th { background: #f2f2f2; font-weight: bold; white-space: nowrap; }
  td.num, th.num { text-align: center; }
  .kv th { width: 24mm; }
  .verdict { font-weight: bold; font-size: 14pt; }
  .note { margin-top: 4mm; }
  .sign { margin-top: 16mm; text-align: right; line-height: 2.2; }
  .foot { margin-top: 10mm; color: #555; font-size: 9pt; text-align: center; }
  tr { break-inside: avoid; }
  .noprint { background: #fffbe6; border: 1px solid #ffe58f; padding: 8px 12px; margin-bottom: 12px; font-family: sans-serif; font-size: 10pt; }
  @media print { .noprint { display: none; } body { padding: 0; } th { background: none; } }
</style></head>
<body>
<div class="noprint">打印：按 Ctrl+P（Mac 为 ⌘+P），纸张 A4。</div>
${body}
</body></html>`;
}

export interface TypeBreakdown {
  type: QuestionType;
  count: number;
  points: number;
  /** null while an essay of this type awaits grading */
  earned: number | null;
}

/** Per question type: how many, worth how much, and what the attempt earned. */
export async function breakdownOf(ctx: AppContext, attemptId: number): Promise<TypeBreakdown[]> {
  const [row] = await ctx.db
    .select({ items: examPapers.items })
    .from(examAttempts)
    .innerJoin(examPapers, eq(examPapers.id, examAttempts.paperId))
    .where(eq(examAttempts.id, attemptId));
  if (!row) return [];
  const answers = await ctx.db.select({ position: attemptAnswers.position, score: attemptAnswers.score }).from(attemptAnswers).where(eq(attemptAnswers.attemptId, attemptId));
  const scores = new Map(answers.map((a) => [a.position, a.score]));
  const out = new Map<QuestionType, TypeBreakdown>();
  row.items.forEach((it, position) => {
    const b = out.get(it.type) ?? { type: it.type, count: 0, points: 0, earned: 0 };
    b.count++;
    b.points = roundScore(b.points + it.points);
    const s = scores.get(position);
    b.earned = b.earned === null || s === null || s === undefined ? null : roundScore(b.earned + s);
    out.set(it.type, b);
  });
  return QUESTION_TYPES.filter((t) => out.has(t)).map((t) => out.get(t)!);
}

export const verdictOf = (o: RosterOutcome) => ROSTER_STATUS_ZH[o.status] === '未参加' ? '缺考' : ROSTER_STATUS_ZH[o.status];

/** GET /api/exams/:id/report/:personId — one examinee's printable 成绩单 (404 outside the reader's scope or roster). */
export async function personReportHtml(ctx: AppContext, p: Principal, examId: number, personId: number): Promise<string> {
  requireResultsReader(p);
  const exam = await loadExam(ctx.db, examId);
  await requireExamInScope(ctx.db, p, exam);
  const [o] = await rosterOutcomes(ctx.db, exam, [peopleScope(p), eq(people.id, personId)]);
  if (!o) throw notFound('考生');
  const unit = ((await unitPathNames(ctx.db, [o.unitPath])).get(o.unitPath) ?? [o.unitName]).join(' / ');
  const submitted = o.attempt && o.attempt.status === 'submitted' ? o.attempt : null;
  const breakdown = submitted ? await breakdownOf(ctx, submitted.id) : [];
  const scoreText = o.score !== null ? `${o.score} 分（满分 ${exam.totalPoints} 分）` : o.status === 'grading' ? '待阅卷' : '—';
  const rows = breakdown
    .map((b) => `<tr><td>${esc(QUESTION_TYPE_ZH[b.type])}</td><td class="num">${b.count}</td><td class="num">${b.points}</td><td class="num">${b.earned ?? '待阅卷'}</td></tr>`)
    .join('');
  const body = `<h1>考试成绩单</h1>
<table class="kv">
  <tr><th>姓名</th><td>${esc(o.name)}</td><th>职务</th><td>${esc(o.title ?? '')}</td></tr>
  <tr><th>单位</th><td colspan="3">${esc(unit)}</td></tr>
  <tr><th>考试</th><td colspan="3">${esc(exam.title)}${exam.title.includes(EXAM_KIND_ZH[exam.kind as ExamKind] ?? exam.kind) ? '' : `（${esc(EXAM_KIND_ZH[exam.kind as ExamKind] ?? exam.kind)}）`}</td></tr>
  <tr><th>考试时间</th><td colspan="3">${esc(cnDateTime(exam.opensAt))} 至 ${esc(cnDateTime(exam.closesAt))}</td></tr>
  <tr><th>交卷时间</th><td colspan="3">${submitted?.submittedAt ? esc(cnDateTime(submitted.submittedAt)) : '—'}${o.attempts > 1 ? `（共作答 ${o.attempts} 次，第 ${submitted?.attemptNo ?? '—'} 次计分）` : ''}</td></tr>
  <tr><th>成绩</th><td>${esc(scoreText)}</td><th>及格线</th><td>${esc(exam.passMark)} 分</td></tr>
  <tr><th>结论</th><td colspan="3" class="verdict">${esc(verdictOf(o))}</td></tr>
</table>
${
  rows
    ? `<h2 style="font-size:13pt;margin:6mm 0 2mm">各题型得分</h2>
<table><tr><th>题型</th><th class="num">题数</th><th class="num">分值</th><th class="num">得分</th></tr>${rows}</table>`
    : ''
}
<div class="sign">考评办（盖章）<br>${esc(cnDate(new Date()))}</div>
<div class="foot">本成绩单由学讲考评系统生成</div>`;
  return printablePage(`${o.name} - ${exam.title} 成绩单`, body);
}
