/**
 * Drafting 填空 and 判断 questions from one statute article. Pure: no database, deterministic for
 * a given seed. The drafts are suggestions for a person to review (they are stored as 草稿).
 *
 * How: the article is cut into sentences (。！ and paragraph ends). In each sentence we look for a
 * "key" — a quantity with a unit (三十日, 十八周岁, 百分之五, 50万元), an institution (县级以上人民政府,
 * 人民法院, 国务院…部门), a term defined in a 所称X，是指… sentence, or a modal (应当/不得/可以).
 *  - 填空: the sentence with the key replaced by {{1}}; accepted answers are the key and, for
 *    numbers, its Arabic/Chinese numeral variant.
 *  - 判断: the sentence as written (true), or the key swapped for a plausible term of the same
 *    kind taken from a related article of the same law (false; the 解析 gives the correct text).
 * Sentences that cannot stand alone (they list items, refer to 前款, hold the key twice) and
 * 附则-type articles (施行日期, 废止) give nothing. Candidates are ranked by a quality score.
 */
import { checkQuestionContent, type QuestionContent } from '../../../../common/bank';
import { fromChineseNumeral, toChineseNumeral } from '../../laws/numerals';
import { textToHtml } from '../sanitize';

export type DraftKind = 'fill' | 'truefalse';
export const DRAFT_KINDS: readonly DraftKind[] = ['fill', 'truefalse'];

export interface DraftArticle {
  id: number;
  /** 中华人民共和国民法典 */
  lawTitle: string;
  /** 民法典 */
  shortTitle: string;
  /** 第一千零七十九条 */
  label: string;
  /** paragraphs joined with \n */
  text: string;
}

export interface Draft {
  articleId: number;
  kind: DraftKind;
  content: QuestionContent;
  /** 0–1, higher is better */
  score: number;
  /** what was blanked or swapped, for reviewers and tests */
  key: { kind: KeyKind; text: string; replacement?: string };
}

export interface DraftOptions {
  kinds?: readonly DraftKind[];
  /** best N per article (default 1) */
  perArticle?: number;
  seed?: number;
}

export type KeyKind = 'number' | 'institution' | 'defined' | 'modal' | 'none';

export const MAX_STEM_SENTENCE = 120;

// ------------------------------------------------------------------------------------------------
// Keys

const CN_NUM = '零〇一二两三四五六七八九十百千万亿';
const UNITS = ['个工作日', '工作日', '个月', '周岁', '小时', '万元', '亿元', '日', '年', '岁', '倍', '元', '人', '名', '次', '天', '公里', '米', '公斤', '克'];
const UNIT_RE = UNITS.join('|');
const NUMBER_RE = new RegExp(
  `(?<![第${CN_NUM}\\d.同逐统])(?:百分之[${CN_NUM}]+(?:点[${CN_NUM}]+)?|[${CN_NUM}]+(?:${UNIT_RE})|\\d+(?:\\.\\d+)?(?:${UNIT_RE}|%))`,
  'g',
);

/** Institutions, longest first so 县级以上地方人民政府 wins over 人民政府. */
const INSTITUTION_RE = new RegExp(
  [
    '县级以上(?:地方)?(?:各级)?人民政府(?:[^，。；、的和或及]{0,10}?(?:主管部门|部门))?',
    '设区的市级以上(?:地方)?人民政府(?:[^，。；、的和或及]{0,10}?部门)?',
    '省、自治区、直辖市人民政府(?:[^，。；、的和或及]{0,10}?部门)?',
    '乡、民族乡、镇(?:的)?人民政府',
    '国务院[^，。；、的和或及]{0,12}?(?:主管部门|部门)',
    '国家网信部门',
    '全国人民代表大会常务委员会',
    '最高人民法院',
    '最高人民检察院',
    '国务院',
    '人民法院',
    '人民检察院',
    '公安机关',
    '监察机关',
    '审计机关',
    '税务机关',
    '民政部门',
    '居民委员会',
    '村民委员会',
    '人民调解委员会',
    '行政复议机关',
    '法律援助机构',
    '档案馆',
  ].join('|'),
  'g',
);
/** The usual short forms a cadre writes (全国人大常委会). */
const ABBREVIATIONS: [RegExp, string][] = [
  [/全国人民代表大会常务委员会/, '全国人大常委会'],
  [/全国人民代表大会/, '全国人大'],
  [/人民代表大会常务委员会/, '人大常委会'],
  [/省、自治区、直辖市/, '省级'],
];
export function institutionVariants(key: string): string[] {
  const out = [key];
  const hit = ABBREVIATIONS.find(([re]) => re.test(key));
  if (hit) out.push(key.replace(hit[0], hit[1]));
  return [...new Set(out)];
}
const FALLBACK_INSTITUTIONS = ['人民法院', '人民检察院', '公安机关', '县级以上人民政府', '国务院', '监察机关', '民政部门'];

const MODALS = ['应当', '不得', '可以'] as const;
const PRINCIPLE_RE = /原则|负责|遵守|贯彻|坚持|保障|加强|完善|健全|建立|推动|推进|鼓励|支持|促进|维护/;
const MODAL_ANY_RE = /应当|不得|可以|必须|禁止|不应|不能/g;
const MODAL_SWAP: Record<string, string> = { 应当: '可以', 可以: '应当', 不得: '可以' };

const DEFINED_RE = /所称(?:的)?[“"]?([^，。；：“”"、]{2,20}?)[”"]?，(?:是指|指)/;

const SUBSTITUTE_LADDER: Record<string, number[]> = {
  日: [3, 5, 7, 10, 15, 20, 30, 45, 60, 90],
  个工作日: [3, 5, 7, 10, 15, 20],
  工作日: [3, 5, 7, 10, 15, 20],
  个月: [1, 2, 3, 6, 12, 18],
  年: [1, 2, 3, 5, 10, 15, 20],
  周岁: [8, 12, 14, 16, 18, 22],
  岁: [8, 12, 14, 16, 18, 60, 75],
  小时: [12, 24, 48, 72],
  倍: [2, 3, 5, 10],
  '%': [1, 3, 5, 10, 20, 30, 50],
};

interface NumberValue {
  value: number;
  unit: string;
  arabic: boolean;
  percent: boolean;
}

/** 五十万 → 500000, 三十 → 30; null when not a numeral. */
export function cnNumber(s: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  let rest = s;
  let total = 0;
  for (const [ch, mult] of [
    ['亿', 1e8],
    ['万', 1e4],
  ] as const) {
    const i = rest.indexOf(ch);
    if (i >= 0) {
      const head = rest.slice(0, i);
      const v = head === '' ? 1 : fromChineseNumeral(head);
      if (v === null) return null;
      total += v * mult;
      rest = rest.slice(i + 1).replace(/^零/, '');
    }
  }
  if (rest) {
    const v = fromChineseNumeral(rest);
    if (v === null) return null;
    total += v;
  }
  return total > 0 ? total : null;
}

/** 500000 → 五十万; null beyond what statutes write. */
export function toCnNumber(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n >= 1e12) return null;
  const yi = Math.floor(n / 1e8);
  const wan = Math.floor((n % 1e8) / 1e4);
  const low = n % 1e4;
  if (yi > 9999) return null;
  let s = '';
  if (yi) s += toChineseNumeral(yi) + '亿';
  if (wan) s += (yi && wan < 1000 ? '零' : '') + toChineseNumeral(wan) + '万';
  if (low) s += ((yi || wan) && low < 1000 ? '零' : '') + toChineseNumeral(low);
  return s;
}

export function parseNumberKey(key: string): NumberValue | null {
  let m = /^百分之(.+)$/.exec(key);
  if (m) {
    const v = cnNumber(m[1]);
    return v === null ? null : { value: v, unit: '%', arabic: false, percent: true };
  }
  m = /^(\d+(?:\.\d+)?)(%)$/.exec(key);
  if (m) return { value: Number(m[1]), unit: '%', arabic: true, percent: true };
  m = new RegExp(`^(\\d+(?:\\.\\d+)?|[${CN_NUM}]+?)(${UNIT_RE})$`).exec(key);
  if (!m) return null;
  // 万元/亿元: the 万 belongs to the unit only when what precedes is a full numeral
  const v = cnNumber(m[1]);
  if (v === null) return null;
  return { value: v, unit: m[2], arabic: /^\d/.test(m[1]), percent: false };
}

export function writeNumber(n: NumberValue, arabic: boolean): string | null {
  if (n.percent) {
    if (arabic) return `${n.value}%`;
    const cn = toCnNumber(n.value);
    return cn ? `百分之${cn}` : null;
  }
  if (arabic) return `${n.value}${n.unit}`;
  const cn = toCnNumber(n.value);
  return cn ? `${cn}${n.unit}` : null;
}

/** The key and its numeral variant (三十日 ↔ 30日, 百分之五 ↔ 5%). */
export function numberVariants(key: string): string[] {
  const n = parseNumberKey(key);
  if (!n) return [key];
  const other = writeNumber(n, !n.arabic);
  return other && other !== key ? [key, other] : [key];
}

interface Key {
  kind: KeyKind;
  text: string;
  index: number;
}

function numberKeys(sentence: string): Key[] {
  const out: Key[] = [];
  for (const m of sentence.matchAll(NUMBER_RE)) {
    const n = parseNumberKey(m[0]);
    if (!n) continue;
    const before = sentence.slice(Math.max(0, m.index - 1), m.index);
    const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 1);
    // dates (2021年7月15日, 二〇二一年) and ordinals are not quantities to test
    if (/[年月]/.test(before) || (n.unit === '年' && (n.value > 1900 || /\d|月/.test(after))) || /[〇]/.test(m[0])) continue;
    if (n.unit === '月' || after === '月') continue;
    // 一人, 一次, 一倍: "one" is rarely the tested fact and reads oddly blanked
    if (n.value === 1 && ['人', '名', '次', '倍', '元', '岁', '天', '米', '克', '公斤', '公里'].includes(n.unit)) continue;
    out.push({ kind: 'number', text: m[0], index: m.index });
  }
  return out;
}

function institutionKeys(sentence: string): Key[] {
  return [...sentence.matchAll(INSTITUTION_RE)].map((m) => ({ kind: 'institution' as const, text: m[0], index: m.index }));
}

/** An institution inside a list (A、B和C) is not worth testing alone, and a swap reads oddly. */
const inEnumeration = (sentence: string, key: Key) =>
  /[、和或及]/.test(sentence.charAt(key.index - 1)) || /^(?:、|和|或者|及|以及)/.test(sentence.slice(key.index + key.text.length));

function definedKeys(sentence: string): Key[] {
  const m = DEFINED_RE.exec(sentence);
  if (!m) return [];
  return [{ kind: 'defined', text: m[1], index: m.index + m[0].indexOf(m[1]) }];
}

function modalKeys(sentence: string): Key[] {
  const all = [...sentence.matchAll(MODAL_ANY_RE)];
  if (all.length !== 1) return [];
  const m = all[0];
  if (!(MODALS as readonly string[]).includes(m[0])) return [];
  return [{ kind: 'modal', text: m[0], index: m.index }];
}

const occurrences = (s: string, key: string) => s.split(key).length - 1;

// ------------------------------------------------------------------------------------------------
// Sentences

/** Articles that only say when the law takes effect or what it repeals. */
export function isClosingArticle(text: string): boolean {
  return /自.{0,30}起施行|同时废止|予以废止|起实施/.test(text) && text.length < 160;
}

/**
 * A true statement that tests nothing: a long programmatic sentence (国家加大…力度, 应当建立健全…
 * 机制) or a bare referral (依照有关法律、行政法规的规定). Reviewers rejected these most often.
 */
export function weakTrueStatement(s: string): boolean {
  if (/依照(?:有关|其他)?法律、(?:行政)?法规的规定。?$|依照有关法律的规定。?$|另有规定的，依照其规定/.test(s)) return true;
  return s.length > 60 && PRINCIPLE_RE.test(s);
}

/** A sentence that cannot stand alone in a stem. */
function dependsOnContext(s: string): boolean {
  return /^(?:如果|但是|但|同时|并且|否则|此外|对此|据此|因此|前款|前[两二三四]款|前条|前[两二三四]条|本条|依照前|有前|违反前|前项|该|其|上述|除前)|前款|前[两二三四]款|前项|前条|上述|前述|本章|本节|本编|下列|如下|[（(][一二三四五六七八九十]+[）)]|[：:]$/.test(s);
}

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const p = para.trim();
    if (!p) continue;
    for (const m of p.matchAll(/[^。！？]+[。！？]?/g)) {
      const s = m[0].trim();
      if (s) out.push(s);
    }
  }
  return out;
}

/**
 * The part of a sentence around [index, index+len) that fits in max characters, cut at clause
 * boundaries (，；：) with … where something was left out.
 */
export function excerptAround(sentence: string, index: number, len: number, max = MAX_STEM_SENTENCE): string {
  if (sentence.length <= max) return sentence;
  const clauses: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of sentence.matchAll(/[，；：]/g)) {
    clauses.push({ start, end: m.index + 1 });
    start = m.index + 1;
  }
  if (start < sentence.length) clauses.push({ start, end: sentence.length });
  let lo = clauses.findIndex((c) => c.end > index);
  let hi = clauses.findIndex((c) => c.end >= index + len);
  if (lo < 0 || hi < 0) return sentence;
  const width = () => clauses[hi].end - clauses[lo].start;
  if (width() > max) {
    // a single clause longer than max: cut by characters
    const from = Math.max(0, Math.min(index - Math.floor((max - len) / 2), sentence.length - max));
    return `${from > 0 ? '…' : ''}${sentence.slice(from, from + max)}${from + max < sentence.length ? '…' : ''}`;
  }
  for (;;) {
    const canLeft = lo > 0 && clauses[hi].end - clauses[lo - 1].start <= max;
    const canRight = hi < clauses.length - 1 && clauses[hi + 1].end - clauses[lo].start <= max;
    if (canLeft && (lo > 0 && (!canRight || index - clauses[lo].start <= clauses[hi].end - index))) lo--;
    else if (canRight) hi++;
    else break;
  }
  let s = sentence.slice(clauses[lo].start, clauses[hi].end);
  if (lo > 0) s = `…${s}`;
  if (hi < clauses.length - 1) s = `${s.replace(/[，；：]$/, '')}…`;
  return s;
}

// ------------------------------------------------------------------------------------------------
// Drafts

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_SCORE: Record<string, number> = {
  'fill:number': 1.0,
  'truefalse-false:number': 0.95,
  'fill:defined': 0.9,
  'truefalse-false:institution': 0.7,
  'fill:institution': 0.75,
  'truefalse-false:modal': 0.65,
  'truefalse-true:number': 0.55,
  'truefalse-true:institution': 0.5,
  'truefalse-true:defined': 0.55,
  'truefalse-true:modal': 0.45,
  'fill:modal': 0.4,
  'truefalse-false:defined': 0,
  /** a plain sentence with no key, as a true statement: the last resort */
  'truefalse-true:none': 0.3,
};

function quoteArticle(a: DraftArticle): string {
  const t = a.text.replace(/\n/g, '');
  return t.length > 400 ? `${t.slice(0, 400)}…` : t;
}

function explanation(a: DraftArticle, note: string): string {
  return textToHtml(`依据《${a.shortTitle}》${a.label}：“${quoteArticle(a)}”${note ? `\n${note}` : ''}`);
}

/** Terms of the same kind in the related articles, to swap in for a false statement. */
function alternatives(key: Key, sentence: string, related: readonly DraftArticle[], rnd: () => number): string[] {
  const pool = new Map<string, number>();
  if (key.kind === 'number') {
    const n = parseNumberKey(key.text)!;
    for (const r of related) {
      for (const k of numberKeys(r.text)) {
        const o = parseNumberKey(k.text);
        if (!o || o.unit !== n.unit || o.value === n.value) continue;
        const written = writeNumber({ ...o, arabic: n.arabic }, n.arabic);
        if (written) pool.set(written, (pool.get(written) ?? 0) + 1);
      }
    }
    if (!pool.size) {
      const ladder = SUBSTITUTE_LADDER[n.unit] ?? [];
      const near = ladder.filter((v) => v !== n.value).sort((x, y) => Math.abs(Math.log(x / n.value)) - Math.abs(Math.log(y / n.value))).slice(0, 3);
      for (const v of near) {
        const w = writeNumber({ ...n, value: v }, n.arabic);
        if (w) pool.set(w, 0);
      }
    }
  } else if (key.kind === 'institution') {
    const present = institutionKeys(sentence).map((k) => k.text);
    const overlaps = (t: string) => present.some((p) => p.includes(t) || t.includes(p));
    for (const r of related) for (const k of institutionKeys(r.text)) if (!overlaps(k.text)) pool.set(k.text, (pool.get(k.text) ?? 0) + 1);
    for (const f of FALLBACK_INSTITUTIONS) if (!pool.has(f) && !overlaps(f)) pool.set(f, 0);
  } else if (key.kind === 'modal') {
    pool.set(MODAL_SWAP[key.text], 1);
  }
  return [...pool.entries()]
    .filter(([t]) => t !== key.text && !sentence.includes(t) && !t.includes(key.text) && !key.text.includes(t))
    .map(([t, n]) => ({ t, w: n + rnd() * 0.5 }))
    .sort((a, b) => b.w - a.w)
    .map((x) => x.t);
}

function guessDifficulty(kind: KeyKind, stemLength: number, isFalse: boolean): number {
  let d = kind === 'number' ? 3 : kind === 'modal' || kind === 'defined' ? 2 : 3;
  if (stemLength > 80) d++;
  if (isFalse && kind === 'number') d++;
  return Math.min(5, d);
}

function sentenceAdjust(excerpt: string): number {
  let s = 0;
  if (excerpt.includes('…')) s -= 0.1;
  const len = excerpt.length;
  if (len >= 20 && len <= 80) s += 0.05;
  if (len < 15) s -= 0.3;
  return s;
}

/**
 * Candidate drafts for one article, best first (at most perArticle). `related` are other articles
 * of the same law (the same chapter first); they supply the alternatives for false statements.
 */
export function draftQuestions(article: DraftArticle, related: readonly DraftArticle[], opts: DraftOptions = {}): Draft[] {
  const kinds = opts.kinds ?? DRAFT_KINDS;
  const perArticle = opts.perArticle ?? 1;
  const rnd = mulberry32((opts.seed ?? 1) * 2654435761 + article.id);
  const text = article.text.trim();
  if (text.replace(/\s/g, '').length < 15 || isClosingArticle(text)) return [];

  const prefix = `根据《${article.shortTitle}》规定，`;
  const basis = [{ articleId: article.id, lawTitle: article.lawTitle, articleLabel: article.label }];
  const knowledgePoints = [article.shortTitle];
  const common = { legalBasis: basis, knowledgePoints, categoryPath: [], suitableRanks: [], yearAdded: null, source: `由${article.shortTitle}${article.label}生成` };
  const candidates: Draft[] = [];

  const sentences = splitSentences(text);
  sentences.forEach((sentence, si) => {
    if (sentence.length < 12 || dependsOnContext(sentence)) return;
    if (!kinds.includes('truefalse') || sentence.length > MAX_STEM_SENTENCE || sentence.length < 15 || weakTrueStatement(sentence)) {
      // no plain-statement fallback
    } else {
      const stem = prefix + sentence;
      candidates.push({
        articleId: article.id,
        kind: 'truefalse',
        score: BASE_SCORE['truefalse-true:none'] + sentenceAdjust(sentence) - si * 0.01 + rnd() * 0.001,
        key: { kind: 'none', text: '' },
        content: {
          type: 'truefalse',
          stem: textToHtml(stem),
          answer: { value: true },
          explanationHtml: explanation(article, '本题表述与法条一致，正确。'),
          difficulty: 1,
          ...common,
        } as QuestionContent,
      });
    }
    const keys = [...definedKeys(sentence), ...numberKeys(sentence), ...institutionKeys(sentence), ...modalKeys(sentence)];
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key.text)) continue;
      seen.add(key.text);
      if (occurrences(sentence, key.text) !== 1) continue;
      // a key swallowed by a longer key of another kind (人民法院 in 最高人民法院) is skipped
      if (keys.some((k) => k !== key && k.text.length > key.text.length && k.text.includes(key.text))) continue;
      if (key.kind === 'institution' && inEnumeration(sentence, key)) continue;
      const excerpt = excerptAround(sentence, key.index, key.text.length);
      if (occurrences(excerpt, key.text) !== 1) continue;
      const adjust = sentenceAdjust(excerpt) - si * 0.01;
      const tiebreak = rnd() * 0.001;

      // 应当 blanked in a programmatic sentence tests nothing either
      if (kinds.includes('fill') && !(key.kind === 'modal' && weakTrueStatement(excerpt))) {
        const accepted =
          key.kind === 'number' ? numberVariants(key.text) : key.kind === 'modal' && key.text === '应当' ? ['应当', '必须'] : key.kind === 'institution' ? institutionVariants(key.text) : [key.text];
        const stem = prefix + excerpt.replace(key.text, '{{1}}');
        candidates.push({
          articleId: article.id,
          kind: 'fill',
          score: (BASE_SCORE[`fill:${key.kind}`] ?? 0) + adjust + tiebreak,
          key: { kind: key.kind, text: key.text },
          content: {
            type: 'fill',
            stem: textToHtml(stem),
            answer: { blanks: [{ accepted }] },
            explanationHtml: explanation(article, ''),
            difficulty: guessDifficulty(key.kind, stem.length, false),
            ...common,
          } as QuestionContent,
        });
      }
      if (kinds.includes('truefalse') && !weakTrueStatement(excerpt)) {
        const stemTrue = prefix + excerpt;
        candidates.push({
          articleId: article.id,
          kind: 'truefalse',
          score: (BASE_SCORE[`truefalse-true:${key.kind}`] ?? 0) + adjust + tiebreak,
          key: { kind: key.kind, text: key.text },
          content: {
            type: 'truefalse',
            stem: textToHtml(stemTrue),
            answer: { value: true },
            explanationHtml: explanation(article, '本题表述与法条一致，正确。'),
            difficulty: Math.max(1, guessDifficulty(key.kind, stemTrue.length, false) - 1),
            ...common,
          } as QuestionContent,
        });
      }
      if (kinds.includes('truefalse')) {
        const alt = alternatives(key, sentence, related, rnd)[0];
        // 应当→可以 in a statement of principle or duty of care (应当遵循…原则, 应当加强…) is a
        // quibble, not a legal distinction: no false statement from it
        const quibble = key.kind === 'modal' && PRINCIPLE_RE.test(sentence);
        const base = quibble ? 0 : (BASE_SCORE[`truefalse-false:${key.kind}`] ?? 0);
        if (alt && base > 0) {
          const stemFalse = prefix + excerpt.replace(key.text, alt);
          candidates.push({
            articleId: article.id,
            kind: 'truefalse',
            score: base + adjust + tiebreak,
            key: { kind: key.kind, text: key.text, replacement: alt },
            content: {
              type: 'truefalse',
              stem: textToHtml(stemFalse),
              answer: { value: false },
              explanationHtml: explanation(article, `法条规定的是“${key.text}”，不是“${alt}”，故本题错误。`),
              difficulty: guessDifficulty(key.kind, stemFalse.length, true),
              ...common,
            } as QuestionContent,
          });
        }
      }
    }
  });

  // Best first; then spread: no two drafts of one article on the same key and kind.
  candidates.sort((a, b) => b.score - a.score);
  const chosen: Draft[] = [];
  const usedKeys = new Set<string>();
  for (const c of candidates) {
    if (chosen.length >= perArticle) break;
    // one draft per key, and the plain true statement only once per sentence key-free
    const id = c.key.kind === 'none' ? `none:${htmlStemKey(c)}` : c.key.text;
    if (usedKeys.has(id)) continue;
    if (!checkQuestionContent(c.content).ok) continue;
    usedKeys.add(id);
    chosen.push({ ...c, score: Math.round(Math.max(0, Math.min(1, c.score)) * 1000) / 1000 });
  }
  return chosen;
}

const htmlStemKey = (d: Draft) => d.content.stem;
