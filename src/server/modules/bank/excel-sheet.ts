/**
 * Excel question import, stage 1: workbook → typed question contents + every issue found, with
 * sheet/row/column. Pure: no database (resolving 法律依据 to a law_articles row and checking for
 * duplicates is the caller's job). Reuses the people import's cell reading and header
 * normalisation (src/server/modules/org/import).
 */
import type ExcelJS from 'exceljs';
import {
  MAX_OPTIONS,
  OPTION_KEYS,
  QUESTION_TYPE_ZH,
  checkQuestionContent,
  normaliseBlankMarkers,
  type LegalBasis,
  type QuestionContent,
  type QuestionType,
} from '../../../common/bank';
import type { ImportIssue } from '../../../common/errors';
import { normaliseHeader } from '../org/import/fields';
import { columnLetter, firstSheetWithHeader, readCell, scalarText, splitUnitPath, type CellRead } from '../org/import/sheet';
import { parseFillAnswer, parseMultipleAnswer, parseSingleAnswer, parseTrueFalseAnswer } from './answers';
import { textToHtml } from './sanitize';

export const QUESTION_IMPORT_MAX_ROWS = 20_000;
export const QUESTION_HEADER_SEARCH_ROWS = 10;
/** Template example rows start their 题干 with this and are skipped on import. */
export const EXAMPLE_MARK = '【示例】';

export type QuestionField =
  | 'seq'
  | 'type'
  | 'stem'
  | `option${OptionLetter}`
  | 'answer'
  | 'explanation'
  | 'difficulty'
  | 'legalBasis'
  | 'knowledgePoints'
  | 'category'
  | 'ranks'
  | 'year'
  | 'source';
type OptionLetter = (typeof OPTION_KEYS)[number];

export const QUESTION_FIELD_LABELS: Record<Exclude<QuestionField, 'seq'>, string> = {
  type: '题型',
  stem: '题干',
  ...(Object.fromEntries(OPTION_KEYS.map((k) => [`option${k}`, `选项${k}`])) as Record<`option${OptionLetter}`, string>),
  answer: '答案',
  explanation: '解析',
  difficulty: '难度',
  legalBasis: '法律依据',
  knowledgePoints: '知识点',
  category: '分类',
  ranks: '适用职级',
  year: '年度',
  source: '来源',
};

/** Header names recognised (compared after normaliseHeader). Option columns: 选项A / A / A选项. */
export const QUESTION_HEADER_SYNONYMS: Record<Exclude<QuestionField, `option${OptionLetter}`>, readonly string[]> = {
  seq: ['序号', '题号', '编号'],
  type: ['题型', '试题类型', '题目类型', '类型', '题类'],
  stem: ['题干', '题目', '试题内容', '题目内容', '试题', '问题', '题干内容'],
  answer: ['答案', '正确答案', '参考答案', '标准答案'],
  explanation: ['解析', '答案解析', '试题解析', '题目解析', '解释', '答案说明'],
  difficulty: ['难度', '难易程度', '难度系数', '难度等级', '难易度'],
  legalBasis: ['法律依据', '法条', '依据', '法律条文', '条文', '法规依据', '法条依据'],
  knowledgePoints: ['知识点', '标签', '考点'],
  category: ['分类', '题库分类', '章节', '所属分类', '试题分类'],
  ranks: ['适用职级', '职级', '适用对象'],
  year: ['年度', '入库年度', '年份'],
  source: ['来源', '出处', '试题来源'],
};

const HEADER_LOOKUP = new Map<string, QuestionField>(
  Object.entries(QUESTION_HEADER_SYNONYMS).flatMap(([f, names]) => names.map((n) => [n, f as QuestionField] as const)),
);

export function questionHeaderField(raw: string): QuestionField | null {
  const h = normaliseHeader(raw).toUpperCase();
  const opt = /^(?:选项)?([A-H])(?:选项)?$/.exec(h);
  if (opt) return `option${opt[1] as OptionLetter}`;
  return HEADER_LOOKUP.get(h) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Cell values

const TYPE_WORDS: Record<QuestionType, readonly string[]> = {
  single: ['单选', '单选题', '单项选择', '单项选择题', '单择题', '选择题', 'single'],
  multiple: ['多选', '多选题', '多项选择', '多项选择题', '不定项选择', '不定项选择题', '不定项', 'multiple'],
  truefalse: ['判断', '判断题', '是非题', '对错题', '正误判断', 'truefalse'],
  fill: ['填空', '填空题', 'fill'],
  essay: ['简答', '简答题', '问答题', '论述题', '论述', '案例分析题', '案例分析', '主观题', 'essay'],
};
const TYPE_LOOKUP = new Map<string, QuestionType>(
  Object.entries(TYPE_WORDS).flatMap(([t, words]) => words.map((w) => [w, t as QuestionType] as const)),
);

export function parseQuestionType(text: string): QuestionType | null {
  return TYPE_LOOKUP.get(text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()) ?? null;
}

const DIFFICULTY_WORDS: Record<string, number> = { 易: 1, 容易: 1, 简单: 1, 较易: 2, 较容易: 2, 中: 3, 中等: 3, 一般: 3, 适中: 3, 较难: 4, 难: 5, 困难: 5 };

/**
 * 难度 → 1–5. Accepts 1–5, the words 容易/较易/中等/较难/困难, or a 难度系数 between 0 and 1.
 * 难度系数 in Chinese test practice is the facility P (share of points earned; high = easy), so
 * P ≥ 0.8 → 1, ≥ 0.6 → 2, ≥ 0.4 → 3, ≥ 0.2 → 4, below → 5.
 */
export function parseDifficulty(v: string | number): { ok: true; value: number } | { ok: false; error: string } {
  const error = `难度“${v}”无法识别，应填1–5的整数（1最易，5最难），或 容易/较易/中等/较难/困难，或0–1之间的难度系数`;
  const t = typeof v === 'number' ? v : v.normalize('NFKC').trim();
  const n = typeof t === 'number' ? t : /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  if (typeof t === 'string' && Number.isNaN(n)) return t in DIFFICULTY_WORDS ? { ok: true, value: DIFFICULTY_WORDS[t] } : { ok: false, error };
  if (Number.isInteger(n) && n >= 1 && n <= 5) return { ok: true, value: n };
  if (n > 0 && n < 1) return { ok: true, value: n >= 0.8 ? 1 : n >= 0.6 ? 2 : n >= 0.4 ? 3 : n >= 0.2 ? 4 : 5 };
  return { ok: false, error };
}

const DIGIT = '零〇一二三四五六七八九';
const cnDigit = (d: number) => '零一二三四五六七八九'[d];

/** 1079 → 一千零七十九 (as statutes number their articles; 10–19 as 十, 十一 …). */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99_999) return String(n);
  if (n === 0) return '零';
  const units = ['', '十', '百', '千', '万'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : cnDigit(d)) + unit;
  });
  return out;
}

const NUM = `[0-9０-９${DIGIT}十百千万两]+`;
const ARTICLE_RE = new RegExp(`第(${NUM})条(之[${DIGIT}十]+)?(?:第(${NUM})款)?(?:第(${NUM})项)?`, 'g');

const numLabel = (s: string) => {
  const t = s.normalize('NFKC');
  return /^\d+$/.test(t) ? toChineseNumber(Number(t)) : t;
};

/**
 * "《民法典》第一千零七十九条", "民法典第1079条", "《宪法》第五条第二款；《监察法》第三条",
 * "民法典第1079条、第1080条" → [{lawTitle, articleLabel}], article numbers in Chinese numerals as
 * the law library labels them. A title alone ("《宪法》") cites the whole law (articleLabel '').
 * Text without a law title is not recognised → [] (the caller reports it).
 */
export function parseLegalBasis(text: string): LegalBasis[] {
  const out: LegalBasis[] = [];
  let lastTitle = '';
  for (const seg of text.split(/[；;\n，,、]+/).map((s) => s.trim()).filter(Boolean)) {
    ARTICLE_RE.lastIndex = 0;
    const first = ARTICLE_RE.exec(seg);
    const titlePart = (first ? seg.slice(0, first.index) : seg)
      .replace(/^(?:根据|依据|参见|见)/, '')
      .replace(/[《》〈〉<>“”"\s]/g, '')
      .replace(/(?:的)?(?:规定)?$/, '');
    const title = titlePart || lastTitle;
    if (!title) continue;
    lastTitle = title;
    if (!first) {
      // a whole law is cited only as 《名称》, so free text is not mistaken for a title
      if (titlePart && /《[^》]+》/.test(seg)) out.push({ lawTitle: title, articleLabel: '' });
      continue;
    }
    ARTICLE_RE.lastIndex = 0;
    for (const m of seg.matchAll(ARTICLE_RE)) {
      let label = `第${numLabel(m[1])}条${m[2] ?? ''}`;
      if (m[3]) label += `第${numLabel(m[3])}款`;
      if (m[4]) label += `第${numLabel(m[4])}项`;
      out.push({ lawTitle: title, articleLabel: label });
    }
  }
  return out;
}

const LIST_SEPARATORS = /[,，、;；|｜\n]+/;
const splitList = (s: string) => s.split(LIST_SEPARATORS).map((x) => x.trim()).filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Workbook

export interface ParsedQuestionRow {
  row: number;
  content: QuestionContent;
}

export interface ParsedQuestionSheet {
  sheet: string;
  headerRow: number;
  /** rows that validated; when issues is non-empty the caller must not import anything */
  rows: ParsedQuestionRow[];
  issues: ImportIssue[];
  exampleRowsSkipped: number;
  /** data rows seen (example rows excluded) */
  dataRows: number;
}

interface Header {
  row: number;
  fieldCol: Partial<Record<QuestionField, number>>;
  label: Partial<Record<QuestionField, string>>;
}

function findHeader(ws: ExcelJS.Worksheet): Header | null {
  for (let r = 1; r <= Math.min(QUESTION_HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const fieldCol: Header['fieldCol'] = {};
    const label: Header['label'] = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = readCell(cell.value);
      if (read.kind !== 'value') return;
      const text = scalarText(read.value);
      const field = questionHeaderField(text);
      if (field && fieldCol[field] === undefined) {
        fieldCol[field] = col;
        label[field] = `${columnLetter(col)}（${text.replace(/\s+/g, '').replace(/[*＊]+$/, '')}）`;
      }
    });
    if (fieldCol.stem !== undefined && (fieldCol.type !== undefined || fieldCol.answer !== undefined)) return { row: r, fieldCol, label };
  }
  return null;
}

/**
 * Reads the first worksheet with a header row (a 题干 column plus 题型 or 答案 within the first
 * 10 rows), validates every row and collects ALL issues.
 */
export function parseQuestionWorkbook(wb: ExcelJS.Workbook, opts: { maxRows?: number } = {}): ParsedQuestionSheet {
  const maxRows = opts.maxRows ?? QUESTION_IMPORT_MAX_ROWS;
  const found = firstSheetWithHeader(wb, findHeader);
  const ws = found?.ws;
  const header = found?.header ?? null;
  const fileIssue = (sheet: string, row: number, message: string): ImportIssue => ({ sheet, row, column: '', message });
  if (!ws || !header) {
    const sheet = wb.worksheets[0]?.name ?? '';
    return {
      sheet,
      headerRow: 0,
      rows: [],
      exampleRowsSkipped: 0,
      dataRows: 0,
      issues: [fileIssue(sheet, 1, `未找到表头：请在前${QUESTION_HEADER_SEARCH_ROWS}行中放一行列名，至少包含“题干”和“题型”“答案”。可下载导入模板对照填写`)],
    };
  }
  const sheet = ws.name;
  const base = { sheet, headerRow: header.row };
  const missing = (['type', 'stem', 'answer'] as const).filter((f) => header.fieldCol[f] === undefined);
  if (missing.length) {
    return { ...base, rows: [], exampleRowsSkipped: 0, dataRows: 0, issues: [fileIssue(sheet, header.row, `缺少“${missing.map((f) => QUESTION_FIELD_LABELS[f]).join('”“')}”列`)] };
  }
  const cols = Object.entries(header.fieldCol).filter(([f]) => f !== 'seq') as [QuestionField, number][];
  const rows: ParsedQuestionRow[] = [];
  const issues: ImportIssue[] = [];
  let dataRows = 0;
  let exampleRowsSkipped = 0;
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const cells = new Map<QuestionField, CellRead>();
    for (const [f, col] of cols) cells.set(f, readCell(row.getCell(col).value));
    if ([...cells.values()].every((c) => c.kind === 'blank')) continue;
    const stem = cells.get('stem');
    if (stem?.kind === 'value' && scalarText(stem.value).startsWith(EXAMPLE_MARK)) {
      exampleRowsSkipped++;
      continue;
    }
    dataRows++;
    if (dataRows > maxRows) continue; // keep counting for the message, stop parsing
    const parsed = parseRow(sheet, r, cells, header.label);
    if ('content' in parsed) rows.push(parsed);
    issues.push(...parsed.issues);
  }
  if (dataRows > maxRows) {
    return {
      ...base,
      rows: [],
      exampleRowsSkipped,
      dataRows,
      issues: [fileIssue(sheet, header.row, `文件共有${dataRows}道题，超过单次导入上限${maxRows}道，请拆分成多个文件分批导入`)],
    };
  }
  if (dataRows === 0) issues.push(fileIssue(sheet, header.row, '表头下没有题目（模板中以“【示例】”开头的示例行不会导入）'));
  return { ...base, rows, issues, exampleRowsSkipped, dataRows };
}

/** zod path → the sheet field it came from. */
function fieldOfPath(path: string): Exclude<QuestionField, 'seq'> {
  const [head, second] = path.split('.');
  switch (head) {
    case 'options':
      return second !== undefined && /^\d$/.test(second) ? `option${OPTION_KEYS[Number(second)] ?? 'A'}` : 'optionA';
    case 'answer':
      return 'answer';
    case 'explanationHtml':
      return 'explanation';
    case 'categoryPath':
      return 'category';
    case 'suitableRanks':
      return 'ranks';
    case 'yearAdded':
      return 'year';
    case 'type':
    case 'stem':
    case 'difficulty':
    case 'legalBasis':
    case 'knowledgePoints':
    case 'source':
      return head;
    default:
      return 'stem';
  }
}

function parseRow(
  sheet: string,
  row: number,
  cells: Map<QuestionField, CellRead>,
  label: Partial<Record<QuestionField, string>>,
): { row: number; content: QuestionContent; issues: [] } | { issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const issue = (f: Exclude<QuestionField, 'seq'>, message: string) => issues.push({ sheet, row, column: label[f] ?? QUESTION_FIELD_LABELS[f], message });
  const value = (f: Exclude<QuestionField, 'seq'>): string | number | boolean | Date | undefined => {
    const c = cells.get(f);
    if (!c) return undefined;
    if (c.kind === 'error') issue(f, c.message);
    return c.kind === 'value' ? c.value : undefined;
  };
  const text = (f: Exclude<QuestionField, 'seq'>) => {
    const v = value(f);
    return v === undefined ? undefined : scalarText(v);
  };

  const typeText = text('type');
  const type = typeText === undefined ? null : parseQuestionType(typeText);
  if (typeText === undefined) issue('type', '请填写题型');
  else if (!type) issue('type', `题型“${typeText}”无法识别，应为：${Object.values(QUESTION_TYPE_ZH).join('、')}（也可写 单选/单项选择题 等）`);

  const stemText = text('stem') ?? '';
  const options: { key: string; html: string }[] = [];
  const optionTexts = OPTION_KEYS.map((k) => ({ key: k, text: text(`option${k}`) }));
  const lastFilled = optionTexts.map((o) => o.text !== undefined).lastIndexOf(true);
  for (let i = 0; i <= lastFilled; i++) {
    const o = optionTexts[i];
    if (o.text === undefined) issue(`option${o.key}`, `选项${o.key}是空的，但后面还有选项；选项应从A起连续填写`);
    options.push({ key: o.key, html: textToHtml(o.text ?? '') });
  }

  const input: Record<string, unknown> = {
    type: type ?? typeText,
    stem: textToHtml(type === 'fill' ? normaliseBlankMarkers(stemText) : stemText),
  };

  const answerRaw = value('answer');
  const answerText = answerRaw === undefined ? '' : scalarText(answerRaw);
  if (type === 'single' || type === 'multiple') {
    input.options = options;
    if (answerText === '') issue('answer', '请填写答案');
    else {
      const r = type === 'single' ? parseSingleAnswer(answerText, Math.max(options.length, 1)) : parseMultipleAnswer(answerText, Math.max(options.length, 1));
      if (r.ok) input.answer = r.value;
      else issue('answer', r.error);
    }
  } else if (type) {
    if (options.length) issue(`option${OPTION_KEYS[0]}`, `${QUESTION_TYPE_ZH[type]}不填选项（选项A–${OPTION_KEYS[MAX_OPTIONS - 1]}应留空）`);
    if (type === 'truefalse') {
      const r = answerRaw === undefined ? parseTrueFalseAnswer('') : parseTrueFalseAnswer(typeof answerRaw === 'boolean' || typeof answerRaw === 'number' ? answerRaw : answerText);
      if (r.ok) input.answer = r.value;
      else issue('answer', r.error);
    } else if (type === 'fill') {
      const r = parseFillAnswer(answerText);
      if (r.ok) input.answer = r.value;
      else issue('answer', r.error);
    } else {
      if (answerText === '') issue('answer', '请填写参考答案');
      else input.answer = { referenceHtml: textToHtml(answerText), rubric: [] };
    }
  }

  const explanation = text('explanation');
  if (explanation !== undefined) input.explanationHtml = textToHtml(explanation);

  const diff = value('difficulty');
  if (diff === undefined) input.difficulty = 3;
  else {
    const r = parseDifficulty(typeof diff === 'number' ? diff : scalarText(diff));
    if (r.ok) input.difficulty = r.value;
    else issue('difficulty', r.error);
  }

  const basis = text('legalBasis');
  if (basis !== undefined) {
    const parsed = parseLegalBasis(basis);
    if (parsed.length === 0) issue('legalBasis', `法律依据“${basis}”无法识别，应写成“《法律名称》第X条”，如《民法典》第一千零七十九条；多条用“；”分隔`);
    input.legalBasis = parsed;
  }
  const kp = text('knowledgePoints');
  if (kp !== undefined) input.knowledgePoints = splitList(kp);
  const cat = text('category');
  if (cat !== undefined) input.categoryPath = splitUnitPath(cat);
  const ranks = text('ranks');
  if (ranks !== undefined) input.suitableRanks = ranks.split(/[,，、;；\s]+/).filter(Boolean);
  const year = value('year');
  if (year !== undefined) {
    const y = typeof year === 'number' ? year : year instanceof Date ? year.getUTCFullYear() : Number(scalarText(year).replace(/年(度)?$/, ''));
    input.yearAdded = Number.isFinite(y) ? y : -1;
  }
  const source = text('source');
  if (source !== undefined) input.source = source;

  if (!type) return { issues };
  // A column already reported above (e.g. an unreadable 难度 left unset) would only repeat in
  // zod's words, so zod's issues are added for the other columns only.
  const reported = new Set(issues.map((i) => i.column));
  const checked = checkQuestionContent(input);
  if (!checked.ok) {
    for (const i of checked.issues) {
      const f = fieldOfPath(i.path);
      const column = label[f] ?? QUESTION_FIELD_LABELS[f];
      if (reported.has(column) || issues.some((x) => x.column === column && x.message === i.message)) continue;
      issue(f, i.message);
    }
  }
  if (issues.length || !checked.ok) return { issues };
  return { row, content: checked.content, issues: [] };
}
