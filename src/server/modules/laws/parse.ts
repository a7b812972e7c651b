/**
 * Statute text → structured law. Pure: no database, no file system.
 *
 * Accepted shape (resources/laws/README.md): `# title` (a second `# book` line for one book of a
 * code), `date event` history lines, `<!-- INFO END -->`, `##`…`####` headings for 编/分编/章/节
 * (nesting follows the number of #), one paragraph per article starting `第X条` (or `第X条之一`),
 * further paragraphs belong to the article above until the next 第X条 or heading. `## 序言` holds a
 * preamble, `## 附件…` appendices. Plain text works too: the first line is the title, headings are
 * lines such as `第一章 总则` without #, and the header ends at the first heading or article.
 */
import { articleLabel, fromChineseNumeral, NUMERAL_CHARS } from './numerals';

export type NodeKind = '编' | '分编' | '章' | '节' | '其他';

export interface HistoryLine {
  /** YYYY-MM-DD */
  date: string;
  text: string;
  kind: 'adopted' | 'amended' | 'in_force' | 'other';
}

export interface ParsedNode {
  /** index in `nodes` */
  index: number;
  parentIndex: number | null;
  kind: NodeKind;
  /** 第一章 (empty for unnumbered headings such as 附则) */
  label: string;
  /** 基本规定 */
  title: string;
  depth: number;
  line: number;
}

export interface ParsedArticle {
  no: number;
  /** 0, or n for 之n */
  suffix: number;
  label: string;
  /** paragraphs joined with \n */
  text: string;
  /** index of the innermost node, or null when the law has no headings */
  nodeIndex: number | null;
  /** node indexes from the root to nodeIndex */
  path: number[];
  line: number;
}

export interface ParseIssue {
  /** 1-based line in the file (0: the file as a whole) */
  line: number;
  message: string;
}

export interface ParsedLaw {
  title: string;
  /** second `#` line of a code's book, e.g. 物权编 */
  book: string | null;
  versionDate: string | null;
  history: HistoryLine[];
  preamble: string | null;
  appendix: string | null;
  nodes: ParsedNode[];
  articles: ParsedArticle[];
  warnings: ParseIssue[];
}

export class LawParseError extends Error {
  constructor(readonly issues: ParseIssue[]) {
    super(issues.map((i) => (i.line ? `第${i.line}行：${i.message}` : i.message)).join('；'));
  }
}

const N = `[${NUMERAL_CHARS}]+`;
const ARTICLE_RE = new RegExp(`^第(${N})条(?:之(${N}))?(?:[\\s\\u3000]+(.*))?$`);
/** 第一百二十八 条侦查人员… — a typesetting slip seen in the 刑事诉讼法 source: space inside, none after. */
const LOOSE_ARTICLE_RE = new RegExp(`^第(${N})[\\s\\u3000]+条(?:之(${N}))?[\\s\\u3000]*(.+)$`);
const NUMBERED_HEADING_RE = new RegExp(`^第(${N})(分编|编|章|节)(?:[\\s\\u3000]*(.*))?$`);
const DATE_LINE_RE = /^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(.*?)[）)]?$/;
const MD_HEADING_RE = /^(#{1,6})(?:\s+(.*))?$/;
const COMMENT_RE = /^<!--.*-->$/;
const INFO_END = '<!-- INFO END -->';
const PLAIN_HEADING_MAX = 40;
const LEVEL_OF_KIND: Record<NodeKind, number> = { 编: 2, 分编: 3, 章: 4, 节: 5, 其他: 2 };

/** Removes spaces typesetters put between the characters of short headings: 附 则 → 附则. */
export function squeezeCjkSpaces(s: string): string {
  return s
    .trim()
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/(?<=[\u3400-\u9fff（）《》、，])\s+(?=[\u3400-\u9fff（）《》、，])/g, '');
}

function historyKind(text: string): HistoryLine['kind'] {
  if (/修正|修订|修改|修正案|决定/.test(text)) return 'amended';
  if (/施行/.test(text) && !/通过/.test(text)) return 'in_force';
  if (/通过|公布/.test(text)) return 'adopted';
  return 'other';
}

function parseHeading(text: string): { kind: NodeKind; label: string; title: string } | null {
  const t = squeezeCjkSpaces(text);
  const m = NUMBERED_HEADING_RE.exec(t);
  if (m && fromChineseNumeral(m[1]) !== null) {
    return { kind: m[2] as NodeKind, label: `第${m[1]}${m[2]}`, title: squeezeCjkSpaces(m[3] ?? '') };
  }
  return { kind: '其他', label: '', title: t };
}

/** A plain-text line that reads as a heading: 第一章 总则 — short, no sentence punctuation. */
function plainHeading(line: string) {
  if (line.length > PLAIN_HEADING_MAX || /[。；：，]/.test(line)) return null;
  const t = squeezeCjkSpaces(line);
  const m = NUMBERED_HEADING_RE.exec(t);
  if (!m || fromChineseNumeral(m[1]) === null) return null;
  return parseHeading(t);
}

export interface ParseOptions {
  /** used when the text has no `#` title line (plain text uploads) */
  title?: string;
}

/**
 * Parses one statute. Throws LawParseError with every problem found (line numbers included);
 * returns warnings (gaps in numbering, text that belongs nowhere) for a person to look at.
 */
export function parseLaw(source: string, opts: ParseOptions = {}): ParsedLaw {
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [];
  if (source.includes('\u0000') || (source.match(/\uFFFD/g)?.length ?? 0) > 3) {
    throw new LawParseError([{ line: 0, message: '文件不是可识别的文本（请使用 UTF-8 或 GBK 编码的 .md/.txt 文件）' }]);
  }
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const hasInfoEnd = lines.some((l) => l.trim() === INFO_END);

  let title: string | null = null;
  let book: string | null = null;
  const history: HistoryLine[] = [];
  const preamble: string[] = [];
  const appendix: string[] = [];
  const nodes: ParsedNode[] = [];
  const articles: ParsedArticle[] = [];
  // (markdown level, node index) from the root to the current heading
  const stack: { level: number; index: number }[] = [];
  type Mode = 'header' | 'body' | 'preamble' | 'appendix';
  let mode: Mode = 'header';
  let current: { article: ParsedArticle; paragraphs: string[] } | null = null;
  const seen = new Map<string, number>();
  let strayReported = false;

  const closeArticle = () => {
    if (current) current.article.text = current.paragraphs.join('\n');
    current = null;
  };

  const openNode = (level: number, h: { kind: NodeKind; label: string; title: string }, lineNo: number) => {
    closeArticle();
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    const parent = stack.length ? stack[stack.length - 1].index : null;
    const node: ParsedNode = { index: nodes.length, parentIndex: parent, kind: h.kind, label: h.label, title: h.title, depth: stack.length, line: lineNo };
    nodes.push(node);
    stack.push({ level, index: node.index });
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    // zero-width spaces (U+200B) appear in some sources as otherwise empty lines
    const line = lines[i].replace(/[\s\u3000\u200b\ufeff]+$/, '').replace(/^[\s\u3000\u200b\ufeff]+/, '');
    if (!line) continue;
    if (line === INFO_END) {
      mode = 'body';
      continue;
    }
    if (COMMENT_RE.test(line)) continue;

    const md = MD_HEADING_RE.exec(line);
    if (md && md[1].length === 1 && (mode === 'header' || !hasInfoEnd)) {
      // `# title`, then optionally `# book`
      const text = squeezeCjkSpaces(md[2] ?? '');
      if (!text) continue;
      if (title === null) title = text;
      else if (book === null) book = text;
      else warnings.push({ line: lineNo, message: `多余的一级标题“${text}”已忽略` });
      continue;
    }

    let art = ARTICLE_RE.exec(line);
    if (!art && !md) {
      art = LOOSE_ARTICLE_RE.exec(line);
      if (art) warnings.push({ line: lineNo, message: `条号中有多余的空格，已按“第${art[1]}条”处理` });
    }
    if (mode === 'header' && !art && !md && !plainHeading(line)) {
      const d = DATE_LINE_RE.exec(line);
      if (d) {
        const date = `${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`;
        const text = d[4].trim();
        history.push({ date, text, kind: historyKind(text) });
        continue;
      }
      if (title === null && !hasInfoEnd) {
        title = squeezeCjkSpaces(line);
        continue;
      }
      if (hasInfoEnd) {
        warnings.push({ line: lineNo, message: `文件头中无法识别的行已忽略：“${line.slice(0, 30)}”` });
        continue;
      }
    }
    if (mode === 'header') mode = 'body';

    if (md) {
      closeArticle();
      const text = squeezeCjkSpaces(md[2] ?? '');
      if (!text) continue; // a bare `##` (民法典 附则) carries no heading
      if (text === '序言') {
        mode = 'preamble';
        continue;
      }
      if (/^附件/.test(text)) {
        mode = 'appendix';
        appendix.push(text);
        continue;
      }
      if (mode === 'appendix') {
        appendix.push(text);
        continue;
      }
      mode = 'body';
      const h = parseHeading(text);
      if (h) openNode(md[1].length, h, lineNo);
      continue;
    }

    if (mode === 'appendix') {
      appendix.push(line);
      continue;
    }

    if (art) {
      mode = 'body';
      closeArticle();
      const no = fromChineseNumeral(art[1]);
      const suffix = art[2] ? fromChineseNumeral(art[2]) : 0;
      if (no === null || suffix === null) {
        errors.push({ line: lineNo, message: `条号“${line.slice(0, 20)}”中的数字无法识别` });
        continue;
      }
      const key = `${no}.${suffix}`;
      const label = articleLabel(no, suffix);
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ line: lineNo, message: `条号重复：${label}（第${first}行已出现）` });
        continue;
      }
      seen.set(key, lineNo);
      const path: number[] = stack.map((s) => s.index);
      const article: ParsedArticle = { no, suffix, label, text: '', nodeIndex: path.length ? path[path.length - 1] : null, path, line: lineNo };
      articles.push(article);
      current = { article, paragraphs: art[3] ? [art[3].trim()] : [] };
      continue;
    }

    // In a Markdown file a bare 第一章 line inside an article is prose; in plain text it is a heading.
    const ph = !current || !hasInfoEnd ? plainHeading(line) : null;
    if (ph) {
      mode = 'body';
      openNode(LEVEL_OF_KIND[ph.kind], ph, lineNo);
      continue;
    }

    if (mode === 'preamble') {
      preamble.push(line);
      continue;
    }
    if (current) {
      (current as { paragraphs: string[] }).paragraphs.push(line);
      continue;
    }
    // a heading broken over two lines (刑事诉讼法: “第四章 犯罪嫌疑人、被告人逃匿、死亡案件” / “违法所得的没收程序”)
    const last = nodes[nodes.length - 1];
    if (mode === 'body' && last && last.line > (articles[articles.length - 1]?.line ?? 0) && line.length <= PLAIN_HEADING_MAX && !/[。；：]/.test(line)) {
      last.title += squeezeCjkSpaces(line);
      warnings.push({ line: lineNo, message: `已并入上一行标题：“${last.label} ${last.title}”` });
      continue;
    }
    if (!strayReported) {
      warnings.push({ line: lineNo, message: `条文之外的文字已忽略：“${line.slice(0, 30)}”` });
      strayReported = true;
    }
  }
  closeArticle();

  const finalTitle = title ?? opts.title?.trim() ?? null;
  if (!finalTitle) errors.push({ line: 1, message: '缺少法规标题（首行应为“# 法规名称”）' });
  if (articles.length === 0) errors.push({ line: 0, message: '未找到任何条文：条文应为以“第一条”等开头的段落' });
  for (const a of articles) {
    if (!a.text) errors.push({ line: a.line, message: `${a.label}没有内容` });
  }
  checkOrder(articles, errors, warnings);
  if (errors.length) throw new LawParseError(errors.sort((a, b) => a.line - b.line));

  return {
    title: finalTitle!,
    book,
    versionDate: versionDateOf(history),
    history,
    preamble: preamble.length ? preamble.join('\n') : null,
    appendix: appendix.length ? appendix.join('\n') : null,
    nodes,
    articles,
    warnings,
  };
}

/** The version's date: the last adoption or amendment (entry into force is a separate event). */
function versionDateOf(history: HistoryLine[]): string | null {
  const events = history.filter((h) => h.kind !== 'in_force');
  const pool = events.length ? events : history;
  return pool.reduce<string | null>((max, h) => (max === null || h.date > max ? h.date : max), null);
}

/**
 * Article numbers must rise; 之n follows its base article (or 之n-1). A gap (第五条 then 第七条)
 * is a warning, not an error: amended texts sometimes keep a deleted article's number empty.
 */
function checkOrder(articles: ParsedArticle[], errors: ParseIssue[], warnings: ParseIssue[]) {
  for (let i = 1; i < articles.length; i++) {
    const prev = articles[i - 1];
    const a = articles[i];
    if (a.suffix > 0) {
      if (a.no !== prev.no || a.suffix !== prev.suffix + 1) {
        errors.push({ line: a.line, message: `${a.label}的位置不对：应紧跟在${articleLabel(a.no, a.suffix - 1)}之后（前一条是${prev.label}）` });
      }
      continue;
    }
    if (a.no <= prev.no) {
      errors.push({ line: a.line, message: `条号顺序错误：${a.label}出现在${prev.label}之后` });
    } else if (a.no !== prev.no + 1) {
      warnings.push({ line: a.line, message: `条号不连续：${prev.label}之后是${a.label}` });
    }
  }
}

/** Numbering warnings only (the ones the contiguity tests look at). */
export const numberingWarnings = (law: ParsedLaw) => law.warnings.filter((w) => w.message.startsWith('条号不连续'));

const BOOK_LABELS = ['第一编', '第二编', '第三编', '第四编', '第五编', '第六编', '第七编', '第八编', '第九编', '第十编'];

/**
 * Joins the books of a code (民法典: 总则, 物权编 … 侵权责任编, 附则 — one file each) into one law.
 * Each book becomes a top-level 编 node labelled in order (第一编 总则, 第二编 物权 …); a book
 * titled 附则 stays an unnumbered node. Books are ordered by their first article.
 */
export function assembleBooks(parts: ParsedLaw[]): ParsedLaw {
  if (parts.length === 0) throw new LawParseError([{ line: 0, message: '没有可合并的分编文件' }]);
  const sorted = [...parts].sort((a, b) => a.articles[0].no - b.articles[0].no);
  const title = sorted[0].title;
  const errors: ParseIssue[] = [];
  for (const p of sorted) if (p.title !== title) errors.push({ line: 1, message: `分编标题不一致：“${p.title}”与“${title}”` });
  const nodes: ParsedNode[] = [];
  const articles: ParsedArticle[] = [];
  const warnings: ParseIssue[] = [];
  let bookNo = 0;
  for (const p of sorted) {
    const bookName = p.book ?? '';
    const isAppendix = /^附则$/.test(bookName);
    const top: ParsedNode = {
      index: nodes.length,
      parentIndex: null,
      kind: isAppendix ? '其他' : '编',
      label: isAppendix ? '' : BOOK_LABELS[bookNo++] ?? '',
      title: isAppendix ? bookName : bookName.replace(/编$/, ''),
      depth: 0,
      line: 1,
    };
    nodes.push(top);
    const offset = nodes.length;
    for (const n of p.nodes) {
      nodes.push({ ...n, index: n.index + offset, parentIndex: n.parentIndex === null ? top.index : n.parentIndex + offset, depth: n.depth + 1 });
    }
    for (const a of p.articles) {
      const path = [top.index, ...a.path.map((x) => x + offset)];
      articles.push({ ...a, path, nodeIndex: path[path.length - 1] });
    }
    // numbering is checked again below across the whole code
    warnings.push(...p.warnings.filter((w) => !w.message.startsWith('条号不连续')).map((w) => ({ ...w, message: `${bookName}：${w.message}` })));
  }
  const seen = new Set<string>();
  for (const a of articles) {
    const key = `${a.no}.${a.suffix}`;
    if (seen.has(key)) errors.push({ line: a.line, message: `条号重复：${a.label}` });
    seen.add(key);
  }
  checkOrder(articles, errors, warnings);
  if (errors.length) throw new LawParseError(errors);
  const first = sorted[0];
  return {
    title,
    book: null,
    versionDate: sorted.map((p) => p.versionDate).reduce<string | null>((m, d) => (d && (!m || d > m) ? d : m), null),
    history: first.history,
    preamble: first.preamble,
    appendix: sorted.map((p) => p.appendix).filter(Boolean).join('\n') || null,
    nodes,
    articles,
    warnings,
  };
}

/** 中华人民共和国民法典 → 民法典 */
export const shortTitleOf = (title: string) => title.replace(/^中华人民共和国/, '') || title;
