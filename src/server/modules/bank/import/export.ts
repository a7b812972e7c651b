/**
 * Export of the current versions of the filtered questions (the list's filters) as a file that
 * re-imports: Excel in the import template's columns; GIFT / Aiken / Moodle XML through the
 * format writers after contentToMoodle. Questions a format cannot carry are skipped and counted:
 * Aiken carries 单选 only; GIFT and XML carry no 填空 with several blanks; GIFT carries no 简答
 * (it has no field for the reference answer).
 *
 * Excel cells are plain text: <br> and paragraph ends become line breaks, images become
 * "[图片]" (a cell cannot hold them). Moodle formats keep HTML but have no field for the legal
 * basis, difficulty, ranks, year, source or the essay rubric.
 */
import { inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { OPTION_KEYS, QUESTION_TYPE_ZH, type QuestionContent } from '../../../../common/bank';
import type { AppContext } from '../../../context';
import { audit, type AuditActor } from '../../../platform/audit';
import type { Principal } from '../../../platform/principal';
import { requireBankRole } from '../access';
import { categoryPathNames } from '../categories';
import { TEMPLATE_HEADERS } from '../excel-template';
import { writeAiken, writeGift, writeMoodleXml, type MoodleQuestion } from '../formats/index';
import { questionVersions } from '../schema';
import { listQuestions, type QuestionFilters } from '../service';
import { contentToMoodle } from './map-moodle';
import type { ImportFormat } from './plan';

const PAGE = 200;

export interface ExportedFile {
  body: Buffer;
  contentType: string;
  filename: string;
  exported: number;
  skipped: number;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Sanitised HTML → cell text that re-imports to the same HTML: <br> and paragraph breaks become
 * line breaks, images "[图片]", other tags are dropped, entities decoded; spaces (also the full-width U+3000
 * of a blank written 「（ ）」) are kept as they are.
 */
export function htmlToCellText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<img\b[^>]*>/gi, '[图片]')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return NAMED[e.toLowerCase()] ?? m;
    })
    .trim();
}

function answerCell(c: QuestionContent): string {
  switch (c.type) {
    case 'single':
      return c.answer.key;
    case 'multiple':
      return c.answer.keys.join('');
    case 'truefalse':
      return c.answer.value ? '正确' : '错误';
    case 'fill':
      return c.answer.blanks.map((b) => b.accepted.join('/')).join('|');
    case 'essay':
      return htmlToCellText(c.answer.referenceHtml);
  }
}

export function contentToRow(c: QuestionContent, categoryPath: string[]): (string | number)[] {
  const opts = OPTION_KEYS.map((k) => {
    const o = c.options?.find((x) => x.key === k);
    return o ? htmlToCellText(o.html) : '';
  });
  return [
    QUESTION_TYPE_ZH[c.type],
    htmlToCellText(c.stem),
    ...opts,
    answerCell(c),
    htmlToCellText(c.explanationHtml),
    c.difficulty,
    c.legalBasis.map((b) => `《${b.lawTitle}》${b.articleLabel}`).join('；'),
    c.knowledgePoints.join('、'),
    categoryPath.join('/'),
    c.suitableRanks.join('、'),
    c.yearAdded ?? '',
    c.source,
  ];
}

async function loadFiltered(ctx: AppContext, p: Principal, filters: QuestionFilters) {
  const items: { id: number; versionId: number; categoryId: number | null }[] = [];
  for (let page = 1; ; page++) {
    const r = await listQuestions(ctx, p, filters, page, PAGE);
    items.push(...r.items.map((i) => ({ id: i.id, versionId: i.versionId, categoryId: i.categoryId })));
    if (r.items.length < PAGE || items.length >= r.total) break;
  }
  items.sort((a, b) => a.id - b.id);
  const contents = new Map<number, QuestionContent>();
  for (let i = 0; i < items.length; i += 1000) {
    const ids = items.slice(i, i + 1000).map((x) => x.versionId);
    const vs = await ctx.db.select({ id: questionVersions.id, content: questionVersions.content }).from(questionVersions).where(inArray(questionVersions.id, ids));
    for (const v of vs) contents.set(v.id, v.content);
  }
  const paths = await categoryPathNames(ctx.db, items.map((x) => x.categoryId));
  return items.map((x) => ({ id: x.id, content: contents.get(x.versionId)!, categoryPath: x.categoryId ? (paths.get(x.categoryId) ?? []) : [] }));
}

export async function exportQuestions(ctx: AppContext, p: Principal, actor: AuditActor, format: ImportFormat, filters: QuestionFilters): Promise<ExportedFile> {
  requireBankRole(p);
  const rows = await loadFiltered(ctx, p, filters);
  const stamp = new Date().toISOString().slice(0, 10);
  let file: ExportedFile;
  if (format === 'excel') {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'xjkp';
    const ws = wb.addWorksheet('题目', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = TEMPLATE_HEADERS.map((h) => ({ header: h, width: h.startsWith('题干') ? 50 : h.startsWith('选项') ? 16 : 14 }));
    ws.getRow(1).font = { bold: true };
    ws.getColumn(TEMPLATE_HEADERS.indexOf('答案*') + 1).numFmt = '@';
    for (const r of rows) ws.addRow(contentToRow(r.content, r.categoryPath));
    file = {
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename: `题库导出-${stamp}.xlsx`,
      exported: rows.length,
      skipped: 0,
    };
  } else {
    const ir: MoodleQuestion[] = [];
    let unmapped = 0;
    // grouped by category so the writers switch category as rarely as possible
    const sorted = [...rows].sort((a, b) => a.categoryPath.join('/').localeCompare(b.categoryPath.join('/'), 'zh-CN') || a.id - b.id);
    for (const r of sorted) {
      const q = contentToMoodle(r.id, r.content, r.categoryPath);
      // GIFT has no field for an essay's reference answer (graderinfo): exporting it would lose the key.
      if (q && !(format === 'gift' && q.qtype === 'essay')) ir.push(q);
      else unmapped++;
    }
    let text: string;
    let skipped = unmapped;
    if (format === 'gift') {
      const w = writeGift(ir);
      text = w.text;
      skipped += w.skipped.length;
    } else if (format === 'aiken') {
      const w = writeAiken(ir);
      text = w.text;
      skipped += w.skipped.length;
    } else {
      text = writeMoodleXml(ir);
    }
    const ext = format === 'gift' ? 'gift.txt' : format === 'aiken' ? 'aiken.txt' : 'xml';
    file = {
      body: Buffer.from(text, 'utf8'),
      contentType: format === 'moodlexml' ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8',
      filename: `题库导出-${stamp}.${ext}`,
      exported: rows.length - skipped,
      skipped,
    };
  }
  await audit(ctx.db, actor, {
    action: 'question.export',
    entityType: 'question',
    summary: `导出题目 ${file.exported} 道（${format}）${file.skipped ? `，${file.skipped} 道该格式无法表示，未导出` : ''}`,
    after: { format, filters, exported: file.exported, skipped: file.skipped },
  });
  return file;
}
