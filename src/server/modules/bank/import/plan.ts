/**
 * Question import, stages 1–2 (used by preview and commit alike; both start from the uploaded file):
 *   1. read   file → content inputs per question + every issue (Excel: excel-sheet.ts; GIFT, Aiken,
 *             Moodle XML: ../formats parsers + map-moodle.ts)
 *   2. plan   with the database: 法律依据 resolved to the current law_articles rows (a miss is a
 *             warning), canonical content (sanitised + hash), categories to create, near-duplicates
 *             in the bank (non-retired current versions of the same type) and earlier in the file.
 * Issues make the file refuse to commit; warnings never do (duplicates are warnings: a person decides).
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import type { LegalBasis, QuestionContent, QuestionType } from '../../../../common/bank';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/errors';
import { laws, lawArticles } from '../../laws/schema';
import { readWorkbook } from '../../org/import/sheet';
import { categoryPathNames } from '../categories';
import { canonicalContent } from '../content';
import { parseQuestionWorkbook, QUESTION_IMPORT_MAX_ROWS } from '../excel-sheet';
import { parseAiken, parseGift, parseMoodleXml, type ParseResult } from '../formats/index';
import { questionCategories, questions, questionVersions } from '../schema';
import { htmlToText } from '../sanitize';
import { fingerprint, SimilarityIndex, type SimilarityLevel } from '../similarity';
import { mapMoodleQuestion } from './map-moodle';

export const IMPORT_FORMATS = ['excel', 'gift', 'aiken', 'moodlexml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const FORMAT_ZH: Record<ImportFormat, string> = { excel: 'Excel', gift: 'GIFT', aiken: 'Aiken', moodlexml: 'Moodle XML' };

/** One problem or note. Excel: sheet/row/column. Text formats: sheet = file name, row = line = the source line. */
export interface PlanIssue {
  sheet: string;
  row: number;
  /** text formats only: the same as row */
  line?: number;
  column: string;
  message: string;
}

/** A near-duplicate in the bank (a non-retired question of the same type). */
export interface SimilarRef {
  id: number;
  score: number;
  level: SimilarityLevel;
  stemText: string;
}

/** A near-duplicate earlier in the same file. */
export interface SimilarInFile {
  /** the earlier question's ref (Excel row / text line) */
  ref: number;
  score: number;
  level: SimilarityLevel;
  stemText: string;
}

export interface PlanRow {
  /** Excel row number or the text line where the question starts */
  ref: number;
  type: QuestionType;
  content: QuestionContent;
  hash: string;
  searchText: string;
  /** the category names the question lands in ([] = none) */
  categoryPath: string[];
  /** true when categoryPath is the default category (by id), not the file's own */
  defaultCategory: boolean;
  legalBasis: LegalBasis[];
  similar: SimilarRef[];
  similarInFile: SimilarInFile[];
  /** the best match (bank or earlier in the file) is a duplicate: skipDuplicates leaves it out */
  duplicate: boolean;
}

export interface ImportPlan {
  format: ImportFormat;
  rows: PlanRow[];
  issues: PlanIssue[];
  warnings: PlanIssue[];
  /** valid = questions without issues; create = valid minus those skipDuplicates=true would leave out */
  summary: { total: number; valid: number; create: number; duplicatesInBank: number; duplicatesInFile: number; categoriesToCreate: string[] };
  defaultCategoryId: number | null;
}

export interface ImportUpload {
  buffer: Buffer;
  filename: string;
  format: ImportFormat;
  categoryId?: number;
}

/** Format from the file name when the form gave none. */
export function formatFromFilename(name: string): ImportFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'xlsx') return 'excel';
  if (ext === 'gift') return 'gift';
  if (ext === 'txt') return /gift/i.test(name) ? 'gift' : 'aiken';
  if (ext === 'xml') return 'moodlexml';
  return null;
}

/** Text upload → string: UTF-8 (BOM dropped), else GB18030 (what Chinese Windows saves); binary refused. */
export function decodeText(buf: Buffer, format: ImportFormat): string {
  if (buf.length === 0) throw new AppError('BAD_REQUEST', '上传的文件是空的');
  const head = buf.subarray(0, 4096);
  if (head.includes(0) || (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50)) {
    throw new AppError('BAD_REQUEST', `这不是${FORMAT_ZH[format]}文本文件（看起来是Excel或其他二进制文件），请检查所选的导入格式`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = new TextDecoder('gb18030').decode(buf);
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new AppError('BAD_REQUEST', '上传的文件是空的');
  return text;
}

interface ReadRow {
  ref: number;
  input: Record<string, unknown>;
  categoryPath: string[];
}

interface ReadResult {
  rows: ReadRow[];
  issues: PlanIssue[];
  warnings: PlanIssue[];
  total: number;
  /** Excel: the sheet name; text: the file name */
  sheet: string;
  excel: boolean;
}

const FIELD_ZH: Record<string, string> = {
  type: '题型',
  stem: '题干',
  options: '选项',
  answer: '答案',
  explanationHtml: '解析',
  difficulty: '难度',
  legalBasis: '法律依据',
  knowledgePoints: '知识点',
  categoryPath: '分类',
};

async function readExcel(buf: Buffer): Promise<ReadResult> {
  if (buf.length >= 4 && buf.readUInt32LE(0) !== 0x04034b50 && buf.readUInt32BE(0) !== 0xd0cf11e0) {
    throw new AppError('BAD_REQUEST', '无法读取文件：不是有效的 Excel（.xlsx）文件；GIFT、Aiken、Moodle XML 文件请选择对应的导入格式');
  }
  const wb: ExcelJS.Workbook = await readWorkbook(buf);
  const parsed = parseQuestionWorkbook(wb);
  return {
    rows: parsed.rows.map((r) => ({ ref: r.row, input: r.content as unknown as Record<string, unknown>, categoryPath: r.content.categoryPath })),
    issues: parsed.issues,
    warnings: [],
    total: parsed.dataRows,
    sheet: parsed.sheet,
    excel: true,
  };
}

function readMoodle(buf: Buffer, filename: string, format: Exclude<ImportFormat, 'excel'>): ReadResult {
  const text = decodeText(buf, format);
  const parsed: ParseResult = format === 'gift' ? parseGift(text) : format === 'aiken' ? parseAiken(text) : parseMoodleXml(text);
  const sheet = filename || FORMAT_ZH[format];
  const at = (line: number, message: string, column = ''): PlanIssue => ({ sheet, row: line, line, column, message });
  const issues: PlanIssue[] = parsed.errors.map((e) => at(e.line, e.message));
  const warnings: PlanIssue[] = parsed.warnings.map((w) => at(w.line, w.message));
  const rows: ReadRow[] = [];
  const total = parsed.questions.length + parsed.errors.length;
  if (total > QUESTION_IMPORT_MAX_ROWS) {
    return { rows: [], issues: [at(1, `文件共有${total}道题，超过单次导入上限${QUESTION_IMPORT_MAX_ROWS}道，请拆分成多个文件分批导入`)], warnings: [], total, sheet, excel: false };
  }
  for (const q of parsed.questions) {
    const line = q.line ?? 1;
    const m = mapMoodleQuestion(q);
    for (const e of m.errors) issues.push(at(line, e));
    for (const w of m.warnings) warnings.push(at(line, w));
    if (m.input) rows.push({ ref: line, input: m.input, categoryPath: m.categoryPath });
  }
  if (total === 0) {
    issues.push(at(1, `文件中没有读到任何题目：请确认这是${FORMAT_ZH[format]}格式的题库文件`));
  }
  return { rows, issues, warnings, total, sheet, excel: false };
}

// ---------------------------------------------------------------------------------------------
// 法律依据 → law_articles of the current versions

const normaliseLawTitle = (t: string) =>
  t
    .normalize('NFKC')
    .replace(/[《》〈〉<>“”"\s]/g, '')
    .replace(/^中华人民共和国/, '');
const articleBase = (label: string) => /^第[^条]+条(?:之[一二三四五六七八九十]+)?/.exec(label)?.[0] ?? null;

/** Resolves every row's legal basis in place (two queries for the whole file); returns the warnings per row. */
async function resolveLegalBasis(db: Db, rows: ReadRow[]): Promise<Map<ReadRow, string[]>> {
  const out = new Map<ReadRow, string[]>();
  const withBasis = rows.filter((r) => Array.isArray(r.input.legalBasis) && (r.input.legalBasis as unknown[]).length > 0);
  if (!withBasis.length) return out;
  const lawRows = await db.select({ title: laws.title, shortTitle: laws.shortTitle, versionId: laws.currentVersionId }).from(laws);
  const byKey = new Map<string, { title: string; versionId: number | null }>();
  for (const l of lawRows) {
    byKey.set(normaliseLawTitle(l.title), l);
    byKey.set(normaliseLawTitle(l.shortTitle), l);
  }
  const wanted = new Map<number, Set<string>>();
  for (const r of withBasis) {
    for (const b of r.input.legalBasis as LegalBasis[]) {
      const law = byKey.get(normaliseLawTitle(b.lawTitle));
      const base = articleBase(b.articleLabel);
      if (law?.versionId && base) (wanted.get(law.versionId) ?? wanted.set(law.versionId, new Set()).get(law.versionId)!).add(base);
    }
  }
  const articleId = new Map<string, number>();
  for (const [versionId, labels] of wanted) {
    const found = await db
      .select({ id: lawArticles.id, label: lawArticles.label })
      .from(lawArticles)
      .where(and(eq(lawArticles.versionId, versionId), inArray(lawArticles.label, [...labels])));
    for (const f of found) articleId.set(`${versionId}\u0000${f.label}`, f.id);
  }
  for (const r of withBasis) {
    const warnings: string[] = [];
    r.input.legalBasis = (r.input.legalBasis as LegalBasis[]).map((b) => {
      const { articleId: _drop, ...rest } = b;
      const law = byKey.get(normaliseLawTitle(b.lawTitle));
      const cite = `《${b.lawTitle}》${b.articleLabel}`;
      if (!law?.versionId) {
        warnings.push(`法律依据“${cite}”：法规库中没有这部法律，已保留文字，但未关联到条文`);
        return rest;
      }
      if (b.articleLabel === '') return rest; // the whole law is cited
      const base = articleBase(b.articleLabel);
      const id = base ? articleId.get(`${law.versionId}\u0000${base}`) : undefined;
      if (!id) {
        warnings.push(`法律依据“${cite}”：法规库中《${law.title}》的现行版本没有这一条，已保留文字，但未关联到条文`);
        return rest;
      }
      return { ...rest, articleId: id };
    });
    if (warnings.length) out.set(r, warnings);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export async function analyseImport(db: Db, upload: ImportUpload): Promise<ImportPlan> {
  const read = upload.format === 'excel' ? await readExcel(upload.buffer) : readMoodle(upload.buffer, upload.filename, upload.format);
  const issues = [...read.issues];
  const warnings = [...read.warnings];
  const at = (ref: number, message: string, column = ''): PlanIssue =>
    read.excel ? { sheet: read.sheet, row: ref, column, message } : { sheet: read.sheet, row: ref, line: ref, column, message };

  let defaultPath: string[] = [];
  if (upload.categoryId !== undefined) {
    const names = await categoryPathNames(db, [upload.categoryId]);
    const p = names.get(upload.categoryId);
    if (!p) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'categoryId', message: '分类不存在' }] });
    defaultPath = p;
  }

  const basisWarnings = await resolveLegalBasis(db, read.rows);
  const rows: PlanRow[] = [];
  for (const r of read.rows) {
    for (const w of basisWarnings.get(r) ?? []) warnings.push(at(r.ref, w, read.excel ? '法律依据' : ''));
    let canon: ReturnType<typeof canonicalContent>;
    try {
      canon = canonicalContent(r.input);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const i of e.issues ?? [{ path: '', message: e.message }]) {
        const field = FIELD_ZH[i.path.replace(/^content\./, '').split('.')[0]] ?? '';
        issues.push(at(r.ref, field && !read.excel ? `${field}：${i.message}` : i.message, field));
      }
      continue;
    }
    const own = r.categoryPath.length > 0;
    rows.push({
      ref: r.ref,
      type: canon.content.type,
      content: canon.content,
      hash: canon.hash,
      searchText: canon.searchText,
      categoryPath: own ? r.categoryPath : defaultPath,
      defaultCategory: !own && upload.categoryId !== undefined,
      legalBasis: canon.content.legalBasis,
      similar: [],
      similarInFile: [],
      duplicate: false,
    });
  }

  // Categories that do not exist yet (by path of names from the root).
  const cats = await db.select({ id: questionCategories.id, parentId: questionCategories.parentId, name: questionCategories.name }).from(questionCategories);
  const existing = new Set<string>();
  const pathOf = new Map<number, string>();
  const byId = new Map(cats.map((c) => [c.id, c]));
  const full = (id: number): string => {
    const hit = pathOf.get(id);
    if (hit !== undefined) return hit;
    const c = byId.get(id)!;
    const p = c.parentId ? `${full(c.parentId)}\u0000${c.name}` : c.name;
    pathOf.set(id, p);
    return p;
  };
  for (const c of cats) existing.add(full(c.id));
  const toCreate = new Set<string>();
  for (const r of rows) {
    if (r.defaultCategory) continue;
    for (let i = 1; i <= r.categoryPath.length; i++) {
      const key = r.categoryPath.slice(0, i).join('\u0000');
      if (!existing.has(key)) toCreate.add(key);
    }
  }

  // Near-duplicates: the bank (built once) and earlier questions of the file.
  await markSimilar(db, rows);
  for (const r of rows) {
    const bank = r.similar[0];
    const file = r.similarInFile[0];
    const best = bank && (!file || bank.score >= file.score) ? bank : file;
    if (best) {
      const where = 'id' in best ? `题库中已有的题目 #${best.id}` : `本文件第${best.ref}行${read.excel ? '' : '起'}的题目`;
      warnings.push(at(r.ref, `与${where}${best.level === 'duplicate' ? '重复' : '相似'}（相似度${Math.round(best.score * 100)}%）：${best.stemText.slice(0, 40)}`));
    }
  }

  const valid = rows.length;
  const duplicatesInBank = rows.filter((r) => r.similar[0]?.level === 'duplicate').length;
  const duplicatesInFile = rows.filter((r) => r.similarInFile[0]?.level === 'duplicate').length;
  return {
    format: upload.format,
    rows,
    issues,
    warnings,
    summary: {
      total: read.total,
      valid,
      create: rows.filter((r) => !r.duplicate).length,
      duplicatesInBank,
      duplicatesInFile,
      categoriesToCreate: [...toCreate].map((k) => k.split('\u0000').join('/')).sort((a, b) => a.localeCompare(b, 'zh-CN')),
    },
    defaultCategoryId: upload.categoryId ?? null,
  };
}

async function markSimilar(db: Db, rows: PlanRow[]): Promise<void> {
  if (!rows.length) return;
  const bank = await db
    .select({
      id: questions.id,
      type: questions.type,
      stem: sql<string>`${questionVersions.content}->>'stem'`,
      options: sql<{ html: string }[] | null>`${questionVersions.content}->'options'`,
      text: questionVersions.searchText,
    })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(ne(questions.status, 'retired'));
  const bankIndex = new SimilarityIndex<number>();
  const bankById = new Map<number, { type: string; text: string }>();
  for (const b of bank) {
    bankIndex.add(b.id, { stem: b.stem, options: b.options ?? [] });
    bankById.set(b.id, { type: b.type, text: b.text });
  }
  const fileIndex = new SimilarityIndex<number>();
  rows.forEach((r, i) => {
    const fp = fingerprint(r.content); // once: MinHash is the expensive part
    const fromBank: SimilarRef[] = bankIndex
      .query(fp)
      .filter((m) => bankById.get(m.id)!.type === r.type)
      .slice(0, 5)
      .map((m) => ({ id: m.id, score: m.score, level: m.level, stemText: bankById.get(m.id)!.text.slice(0, 200) }));
    r.similarInFile = fileIndex
      .query(fp)
      .filter((m) => rows[m.id].type === r.type)
      .slice(0, 3)
      .map((m) => ({ ref: rows[m.id].ref, score: m.score, level: m.level, stemText: htmlToText(rows[m.id].content.stem).slice(0, 200) }));
    fileIndex.add(i, fp);
    r.similar = fromBank;
    r.duplicate = r.similar[0]?.level === 'duplicate' || r.similarInFile[0]?.level === 'duplicate';
  });
}
