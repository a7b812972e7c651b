/**
 * Between the editor's plain form values and a question's content (src/common/bank.ts), and
 * HTML → text for previews and diffs. The editor is a plain TextArea holding simple HTML: line
 * breaks become <br/> on save and come back as line breaks; everything is sanitised by the server.
 */
import { BLANK_MARKER_RE, OPTION_KEYS, type LegalBasis, type OptionKey, type QuestionContent, type QuestionContentInput, type QuestionType } from '../../../common/bank';
import type { Rank } from '../../../common/org';

export interface QuestionFormValues {
  type: QuestionType;
  stem: string;
  options: { html: string }[];
  singleKey?: OptionKey;
  multiKeys: OptionKey[];
  tfValue?: boolean;
  blanks: { accepted: string[] }[];
  referenceHtml: string;
  rubric: { point: string; score: number | null }[];
  explanationHtml: string;
  difficulty: number;
  legalBasis: { lawTitle: string; articleLabel: string; articleId?: number }[];
  knowledgePoints: string[];
  suitableRanks: Rank[];
  yearAdded: number | null;
  source: string;
  categoryId: number | null;
}

export const textToHtml = (t: string) => t.trim().replace(/\r?\n/g, '<br/>');

export const htmlToEditable = (h: string) =>
  h
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n')
    .replace(/^<p>|<\/p>$/gi, '')
    .replace(/&nbsp;/g, ' ');

/** Text of (server-sanitised) HTML, via an inert document: nothing in it runs or loads. */
export function htmlToText(html: string): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '</p>\n'), 'text/html');
  doc.querySelectorAll('img').forEach((img) => img.replaceWith(`[图片${img.getAttribute('alt') ? '：' + img.getAttribute('alt') : ''}]`));
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

export function emptyValues(type: QuestionType = 'single', categoryId: number | null = null): QuestionFormValues {
  return {
    type,
    stem: '',
    options: [{ html: '' }, { html: '' }, { html: '' }, { html: '' }],
    multiKeys: [],
    blanks: [],
    referenceHtml: '',
    rubric: [],
    explanationHtml: '',
    difficulty: 3,
    legalBasis: [],
    knowledgePoints: [],
    suitableRanks: [],
    yearAdded: new Date().getFullYear(),
    source: '',
    categoryId,
  };
}

export function contentToValues(c: QuestionContent, categoryId: number | null): QuestionFormValues {
  const v = emptyValues(c.type, categoryId);
  v.stem = htmlToEditable(c.stem);
  v.options = c.options?.length ? c.options.map((o) => ({ html: htmlToEditable(o.html) })) : v.options;
  if (c.type === 'single') v.singleKey = c.answer.key;
  if (c.type === 'multiple') v.multiKeys = [...c.answer.keys];
  if (c.type === 'truefalse') v.tfValue = c.answer.value;
  if (c.type === 'fill') v.blanks = c.answer.blanks.map((b) => ({ accepted: [...b.accepted] }));
  if (c.type === 'essay') {
    v.referenceHtml = htmlToEditable(c.answer.referenceHtml);
    v.rubric = c.answer.rubric.map((r) => ({ point: r.point, score: r.score }));
  }
  v.explanationHtml = htmlToEditable(c.explanationHtml);
  v.difficulty = c.difficulty;
  v.legalBasis = c.legalBasis.map((b) => ({ ...b }));
  v.knowledgePoints = [...c.knowledgePoints];
  v.suitableRanks = [...c.suitableRanks];
  v.yearAdded = c.yearAdded;
  v.source = c.source;
  return v;
}

export function valuesToContent(v: QuestionFormValues): QuestionContentInput {
  const choice = v.type === 'single' || v.type === 'multiple';
  const common = {
    stem: textToHtml(v.stem ?? ''),
    explanationHtml: textToHtml(v.explanationHtml ?? ''),
    difficulty: v.difficulty,
    legalBasis: (v.legalBasis ?? [])
      .filter((b) => b && (b.lawTitle?.trim() || b.articleLabel?.trim()))
      .map((b): LegalBasis => ({ lawTitle: (b.lawTitle ?? '').trim(), articleLabel: (b.articleLabel ?? '').trim(), ...(b.articleId ? { articleId: b.articleId } : {}) })),
    knowledgePoints: v.knowledgePoints ?? [],
    suitableRanks: v.suitableRanks ?? [],
    yearAdded: v.yearAdded ?? null,
    source: v.source ?? '',
    options: choice ? (v.options ?? []).map((o, i) => ({ key: OPTION_KEYS[i], html: textToHtml(o?.html ?? '') })) : [],
  };
  switch (v.type) {
    case 'single':
      return { type: 'single', ...common, answer: { key: v.singleKey as OptionKey } };
    case 'multiple':
      return { type: 'multiple', ...common, answer: { keys: [...(v.multiKeys ?? [])].sort() } };
    case 'truefalse':
      return { type: 'truefalse', ...common, answer: { value: v.tfValue as boolean } };
    case 'fill':
      return { type: 'fill', ...common, answer: { blanks: (v.blanks ?? []).map((b) => ({ accepted: (b?.accepted ?? []).map((a) => a.trim()).filter(Boolean) })) } };
    case 'essay':
      return {
        type: 'essay',
        ...common,
        answer: { referenceHtml: textToHtml(v.referenceHtml ?? ''), rubric: (v.rubric ?? []).map((r) => ({ point: (r?.point ?? '').trim(), score: r?.score as number })) },
      };
  }
}

/**
 * A content issue path ("options.2.html", "answer.key", with or without the server's "content."
 * prefix) → the editor field it belongs to, or null when no single field fits.
 */
export function issueField(path: string): (string | number)[] | null {
  const parts = path.replace(/^content\./, '').split('.');
  const [head, ...rest] = parts;
  const idx = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);
  switch (head) {
    case 'stem':
    case 'explanationHtml':
    case 'difficulty':
    case 'knowledgePoints':
    case 'suitableRanks':
    case 'yearAdded':
    case 'source':
    case 'categoryId':
      return [head];
    case 'options': {
      const i = idx(rest[0]);
      return i === undefined ? ['options'] : ['options', i, 'html'];
    }
    case 'legalBasis': {
      const i = idx(rest[0]);
      return i === undefined ? null : ['legalBasis', i, rest[1] === 'articleLabel' ? 'articleLabel' : 'lawTitle'];
    }
    case 'answer': {
      const [k, i, f] = rest;
      if (k === 'key') return ['singleKey'];
      if (k === 'keys') return ['multiKeys'];
      if (k === 'value') return ['tfValue'];
      if (k === 'referenceHtml') return ['referenceHtml'];
      if (k === 'blanks' && idx(i) !== undefined) return ['blanks', idx(i)!, 'accepted'];
      if (k === 'rubric' && idx(i) !== undefined) return ['rubric', idx(i)!, f === 'score' ? 'score' : 'point'];
      return null;
    }
    default:
      return null;
  }
}

/** Renumbers {{n}} markers 1, 2, … in reading order. */
export function renumberBlanks(stem: string): string {
  let n = 0;
  return stem.replace(BLANK_MARKER_RE, () => `{{${++n}}}`);
}

/** Answer as readable text (details, diffs). */
export function answerText(c: QuestionContent): string {
  switch (c.type) {
    case 'single':
      return c.answer.key;
    case 'multiple':
      return c.answer.keys.join('');
    case 'truefalse':
      return c.answer.value ? '正确' : '错误';
    case 'fill':
      return c.answer.blanks.map((b, i) => `第${i + 1}空：${b.accepted.join(' / ')}`).join('\n');
    case 'essay':
      return [htmlToText(c.answer.referenceHtml), ...c.answer.rubric.map((r) => `· ${r.point}（${r.score}分）`)].join('\n');
  }
}
