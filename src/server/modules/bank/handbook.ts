import ExcelJS from 'exceljs';
import { and, asc, eq } from 'drizzle-orm';
import { OPTION_KEYS, QUESTION_TYPE_ZH, QUESTION_TYPES, type QuestionContent } from '../../../common/bank';
import type { AppContext } from '../../context';
import { audit, type AuditActor } from '../../platform/audit';
import type { Principal } from '../../platform/principal';
import { requireBankRole } from './access';
import { categoryPathNames } from './categories';
import { htmlToText } from './sanitize';
import { questions, questionVersions } from './schema';
import { filterConditions, type QuestionFilters } from './service';

/**
 * 应知应会 handbook: a chosen set of questions with answers and 解析, grouped by law (the first
 * legal basis) or by category, as a printable A4 page and as Excel. Only sanitised HTML from the
 * bank is embedded; titles and group names are escaped.
 */
export const HANDBOOK_MAX = 5000;

export interface HandbookOptions {
  title: string;
  groupBy: 'law' | 'category' | 'type';
}

interface Entry {
  id: number;
  content: QuestionContent;
  group: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function answerText(c: QuestionContent): string {
  switch (c.type) {
    case 'single':
      return c.answer.key;
    case 'multiple':
      return c.answer.keys.join('');
    case 'truefalse':
      return c.answer.value ? '正确' : '错误';
    case 'fill':
      return c.answer.blanks.map((b, i) => `（${i + 1}）${b.accepted.join(' / ')}`).join('；');
    case 'essay':
      return htmlToText(c.answer.referenceHtml);
  }
}

const basisText = (c: QuestionContent) => c.legalBasis.map((b) => `《${b.lawTitle.replace(/^中华人民共和国/, '')}》${b.articleLabel}`).join('；');

async function loadEntries(ctx: AppContext, p: Principal, f: QuestionFilters, opts: HandbookOptions): Promise<Entry[]> {
  requireBankRole(p);
  const rows = await ctx.db
    .select({ id: questions.id, categoryId: questions.categoryId, content: questionVersions.content })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(...(await filterConditions(ctx.db, f))))
    .orderBy(asc(questions.id))
    .limit(HANDBOOK_MAX);
  const cats = opts.groupBy === 'category' ? await categoryPathNames(ctx.db, rows.map((r) => r.categoryId)) : new Map<number, string[]>();
  const entries = rows.map((r) => ({
    id: r.id,
    content: r.content,
    group:
      opts.groupBy === 'law'
        ? (r.content.legalBasis[0]?.lawTitle.replace(/^中华人民共和国/, '') ?? '其他')
        : opts.groupBy === 'category'
          ? (r.categoryId ? (cats.get(r.categoryId) ?? []).join(' / ') : '未分类')
          : QUESTION_TYPE_ZH[r.content.type],
  }));
  const typeOrder = (t: string) => QUESTION_TYPES.indexOf(t as (typeof QUESTION_TYPES)[number]);
  // groups in first-seen order, types within a group in the usual exam order
  const groupOrder = new Map<string, number>();
  for (const e of entries) if (!groupOrder.has(e.group)) groupOrder.set(e.group, groupOrder.size);
  return entries.sort((a, b) => groupOrder.get(a.group)! - groupOrder.get(b.group)! || typeOrder(a.content.type) - typeOrder(b.content.type) || a.id - b.id);
}

function renderQuestion(e: Entry, n: number): string {
  const c = e.content;
  const stem = c.type === 'fill' ? c.stem.replace(/\{\{\d+\}\}/g, '<span class="blank">（　　　）</span>') : c.stem;
  const options = (c.options ?? []).map((o) => `<li><b>${o.key}.</b> ${o.html}</li>`).join('');
  const basis = basisText(c);
  return `<section class="q">
  <div class="stem"><span class="no">${n}.</span><span class="type">[${QUESTION_TYPE_ZH[c.type]}]</span> ${stem}</div>
  ${options ? `<ol class="options">${options}</ol>` : ''}
  <div class="key"><b>答案：</b>${c.type === 'essay' ? c.answer.referenceHtml : esc(answerText(c))}</div>
  ${c.explanationHtml ? `<div class="expl"><b>解析：</b>${c.explanationHtml}</div>` : ''}
  ${basis ? `<div class="basis"><b>法律依据：</b>${esc(basis)}</div>` : ''}
</section>`;
}

export async function handbookHtml(ctx: AppContext, p: Principal, actor: AuditActor, f: QuestionFilters, opts: HandbookOptions): Promise<string> {
  const entries = await loadEntries(ctx, p, f, opts);
  await audit(ctx.db, actor, { action: 'question.handbook', entityType: 'question', summary: `生成应知应会手册“${opts.title}”（${entries.length}题）`, after: { filters: f, ...opts } });
  let html = '';
  let current: string | null = null;
  let groupNo = 0;
  entries.forEach((e, i) => {
    if (e.group !== current) {
      current = e.group;
      groupNo++;
      html += `<h2>${groupNo}、${esc(e.group)}</h2>`;
    }
    html += renderQuestion(e, i + 1);
  });
  const date = new Date().toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(opts.title)}</title>
<style>
  @page { size: A4; margin: 20mm 18mm; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; font-size: 11pt; line-height: 1.7; color: #000; max-width: 180mm; margin: 0 auto; padding: 12px; }
  h1 { text-align: center; font-size: 20pt; margin: 8mm 0 2mm; font-family: "SimHei", "Heiti SC", "WenQuanYi Micro Hei", sans-serif; }
  .meta { text-align: center; color: #444; margin-bottom: 8mm; }
  h2 { font-size: 14pt; border-bottom: 1px solid #000; padding-bottom: 1mm; margin: 8mm 0 3mm; font-family: "SimHei", "Heiti SC", "WenQuanYi Micro Hei", sans-serif; break-after: avoid; }
  .q { margin: 0 0 4mm; break-inside: avoid; }
  .stem .no { font-weight: bold; margin-right: 2px; }
  .stem .type { color: #555; margin-right: 4px; }
  .stem p, .expl p, .key p { display: inline; margin: 0; }
  .options { list-style: none; margin: 1mm 0 1mm 6mm; padding: 0; }
  .options li p { display: inline; }
  .key, .expl, .basis { margin-left: 6mm; }
  .expl, .basis { color: #333; font-size: 10pt; }
  .blank { letter-spacing: 2px; }
  img { max-width: 100%; }
  .noprint { background: #fffbe6; border: 1px solid #ffe58f; padding: 8px 12px; margin-bottom: 12px; font-family: sans-serif; font-size: 10pt; }
  @media print { .noprint { display: none; } body { padding: 0; } }
</style></head>
<body>
<div class="noprint">打印：按 Ctrl+P（Mac 为 ⌘+P），纸张 A4。共 ${entries.length} 题${entries.length >= HANDBOOK_MAX ? `（已达上限 ${HANDBOOK_MAX} 题，请缩小筛选范围）` : ''}。</div>
<h1>${esc(opts.title)}</h1>
<div class="meta">共 ${entries.length} 题 · ${date}</div>
${html || '<p>没有符合条件的题目。</p>'}
</body></html>`;
}

export async function handbookXlsx(ctx: AppContext, p: Principal, actor: AuditActor, f: QuestionFilters, opts: HandbookOptions): Promise<Buffer> {
  const entries = await loadEntries(ctx, p, f, opts);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('应知应会');
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: opts.groupBy === 'law' ? '法律' : opts.groupBy === 'category' ? '分类' : '题型', key: 'group', width: 16 },
    { header: '题型', key: 'type', width: 8 },
    { header: '题干', key: 'stem', width: 60 },
    ...OPTION_KEYS.slice(0, 4).map((k) => ({ header: `选项${k}`, key: `opt${k}`, width: 20 })),
    { header: '其他选项', key: 'more', width: 20 },
    { header: '答案', key: 'answer', width: 14 },
    { header: '解析', key: 'expl', width: 50 },
    { header: '法律依据', key: 'basis', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  entries.forEach((e, i) => {
    const c = e.content;
    const opt = (k: string) => htmlToText(c.options?.find((o) => o.key === k)?.html ?? '');
    ws.addRow({
      n: i + 1,
      group: e.group,
      type: QUESTION_TYPE_ZH[c.type],
      stem: htmlToText(c.stem).replace(/\{\{\d+\}\}/g, '（　　）'),
      optA: opt('A'),
      optB: opt('B'),
      optC: opt('C'),
      optD: opt('D'),
      more: (c.options ?? []).slice(4).map((o) => `${o.key}. ${htmlToText(o.html)}`).join('\n'),
      answer: answerText(c),
      expl: htmlToText(c.explanationHtml),
      basis: basisText(c),
    });
  });
  ws.getColumn('stem').alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn('expl').alignment = { wrapText: true, vertical: 'top' };
  await audit(ctx.db, actor, { action: 'question.handbook', entityType: 'question', summary: `导出应知应会手册Excel“${opts.title}”（${entries.length}题）`, after: { filters: f, ...opts } });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
