// Small re-implementations of the PHP and Moodle library functions the importers depend on, so that
// names, trimming and grades come out byte-for-byte as Moodle makes them. Each names its original.

import type { FormatError, MoodleQuestion, ParseOptions, TextFormat } from './moodle-ir.js';

const PHP_WS = ' \t\n\r\0\x0B';

/** PHP trim(): only " \t\n\r\0\x0B" — not U+3000 (全角空格) or U+00A0, unlike String#trim. */
export function phpTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && PHP_WS.includes(s[a])) a++;
  while (b > a && PHP_WS.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** PHP empty() on a string: '' and '0' are empty. */
export function phpEmpty(s: string | undefined | null): boolean {
  return s === undefined || s === null || s === '' || s === '0';
}

/** PHP is_numeric() for strings (PHP 8: leading and trailing whitespace allowed). */
export function isNumeric(s: string): boolean {
  return /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(s);
}

/** A float as PHP prints it ((string)$float, precision=14): 0.1+0.2 → "0.3", 3.0 → "3". */
export function phpFloatToString(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const s = String(Number(n.toPrecision(14)));
  return s;
}

/** The value PHP keeps after (string) conversion of a float: 14 significant digits. */
export function phpRound14(n: number): number {
  return Number(n.toPrecision(14));
}

/** htmlspecialchars($s, ENT_NOQUOTES): & < > only. */
export function htmlspecialcharsNoQuotes(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** htmlspecialchars($s, ENT_COMPAT): & < > ". */
export function htmlspecialcharsCompat(s: string): string {
  return htmlspecialcharsNoQuotes(s).replace(/"/g, '&quot;');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    const v = NAMED_ENTITIES[e.toLowerCase()];
    return v ?? m;
  });
}

/**
 * PHP strip_tags(): removes <…> tags (quotes inside a tag are respected), comments and <? ?>;
 * a '<' followed by whitespace is not a tag and stays.
 */
export function stripTags(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '<' && i + 1 < s.length && !/\s/.test(s[i + 1])) {
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4);
        i = end < 0 ? s.length : end + 3;
        continue;
      }
      let j = i + 1;
      let quote = '';
      let depth = 1;
      while (j < s.length) {
        const d = s[j];
        if (quote) {
          if (d === quote) quote = '';
        } else if (d === '"' || d === "'") {
          quote = d;
        } else if (d === '<') {
          depth++;
        } else if (d === '>') {
          depth--;
          if (depth === 0) break;
        }
        j++;
      }
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** PHP strlen() of the UTF-8 encoding. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

const ENTITY_RE = /&[0-9a-z]{2,8};|&#[0-9]{1,7};|&#x[0-9a-f]{1,6};/gi;

/** Moodle's shorten_text($text, $ideal, $exact = false, $ending = '...') from lib/moodlelib.php. */
export function shortenText(text: string, ideal = 30, exact = false, ending = '...'): string {
  const cpLen = (s: string) => Array.from(s).length;
  const cpSub = (s: string, start: number, len?: number) => Array.from(s).slice(start, len === undefined ? undefined : start + len).join('');
  // PHP's '.' stops only at "\n".
  if (cpLen(text.replace(/<[^\n]*?>/g, '')) <= ideal) {
    return text;
  }
  const lines: Array<[string | undefined, string]> = [];
  const re = /(<[^]+?>)?([^<>]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    lines.push([m[1], m[2]]);
    if (m[0] === '') {
      re.lastIndex++;
      if (re.lastIndex > text.length) break;
    }
  }
  let totallength = cpLen(ending);
  let truncate = '';
  const tagdetails: Array<{ open: boolean; tag: string }> = [];
  for (const [tag, content] of lines) {
    if (tag) {
      if (!/^<(\s*[^]+?\/\s*|\s*(img|br|input|hr|area|base|basefont|col|frame|isindex|link|meta|param)(\s[^]+?)?)>$/i.test(tag)) {
        let tm: RegExpMatchArray | null;
        if ((tm = tag.match(/^<\s*\/([^\s]+?)\s*>$/))) {
          tagdetails.push({ open: false, tag: tm[1].toLowerCase() });
        } else if ((tm = tag.match(/^<\s*([^\s>!]+)[^]*?>$/))) {
          tagdetails.push({ open: true, tag: tm[1].toLowerCase() });
        } else if (/^<!--\[if\s[^]*?\]>$/.test(tag)) {
          tagdetails.push({ open: true, tag: 'if' });
        } else if (/^<!--<!\[endif\]-->$/.test(tag)) {
          tagdetails.push({ open: false, tag: 'if' });
        }
      }
      truncate += tag;
    }
    const contentlength = cpLen(content.replace(ENTITY_RE, ' '));
    if (totallength + contentlength > ideal) {
      let left = ideal - totallength;
      let entitieslength = 0;
      for (const e of content.matchAll(ENTITY_RE)) {
        // PHP reports byte offsets; the fixtures' entities follow ASCII, where bytes = characters.
        if ((e.index ?? 0) + 1 - entitieslength <= left) {
          left--;
          entitieslength += cpLen(e[0]);
        } else {
          break;
        }
      }
      let breakpos = left + entitieslength;
      if (!exact) {
        for (; breakpos > 0; breakpos--) {
          const ch = cpSub(content, breakpos, 1);
          if (ch && ch !== '0') {
            if (ch === '.' || ch === ' ') {
              breakpos += 1;
              break;
            } else if (byteLength(ch) > 2) {
              breakpos += 1;
              break;
            }
          }
        }
      }
      if (breakpos === 0) {
        breakpos = left + entitieslength;
      } else if (breakpos > left + entitieslength) {
        breakpos = left + entitieslength;
      }
      truncate += cpSub(content, 0, breakpos);
      break;
    } else {
      truncate += content;
      totallength += contentlength;
    }
    if (totallength >= ideal) break;
  }
  truncate += ending;
  let opentags: string[] = [];
  for (const t of tagdetails) {
    if (t.open) {
      opentags.unshift(t.tag);
    } else {
      const pos = opentags.indexOf(t.tag);
      if (pos >= 0) opentags = opentags.filter((_, k) => k !== pos);
    }
  }
  for (const t of opentags) truncate += t === 'if' ? '<!--<![endif]-->' : `</${t}>`;
  return truncate;
}

/** qformat_default::clean_question_name(): clean_param(PARAM_TEXT) (strip tags), trim, at most 255 characters. */
export function cleanQuestionName(name: string): string {
  let n = phpTrim(stripTags(name));
  let trimlength = 251;
  while (Array.from(n).length > 255 && trimlength > 0) {
    n = shortenText(n, trimlength);
    trimlength -= 10;
  }
  return n;
}

/** qformat_default::create_default_question_name(): the question text shortened to 80 characters. */
export function createDefaultQuestionName(questiontext: string, fallback = '题目'): string {
  const name = cleanQuestionName(shortenText(questiontext, 80));
  return name !== '' ? name : fallback;
}

// question_bank::fraction_options(): the grades Moodle accepts for an answer.
const FRACTIONS = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0];
const FRACTIONS_FULL = [...FRACTIONS, ...FRACTIONS.filter((f) => f !== 0).map((f) => -f)];

/** match_grade_options(): the canonical grade, or null when 'error' mode finds none within 0.00001. */
export function matchGradeOption(grade: number, mode: 'error' | 'nearest' = 'error'): number | null {
  if (mode === 'error') {
    for (const v of FRACTIONS_FULL) if (Math.abs(grade - v) < 0.00001) return v;
    return null;
  }
  let best = 0;
  let bestmismatch = 2;
  for (const v of FRACTIONS_FULL) {
    const d = Math.abs(grade - v);
    if (d < bestmismatch) {
      best = v;
      bestmismatch = d;
    }
  }
  return best;
}

/**
 * The grade check qformat_default::importprocess() does on every question with answers: each fraction is
 * replaced by Moodle's canonical option; if one does not match (in 'error' mode) the question is skipped
 * with the 'invalidgrade' message. Returns false when the question must be skipped.
 */
export function applyGradeOptions(q: MoodleQuestion, opts: ParseOptions, errors: FormatError[], line: number): boolean {
  if (q.qtype !== 'multichoice' && q.qtype !== 'shortanswer' && q.qtype !== 'numerical') return true;
  const mode = opts.matchgrades ?? 'error';
  const invalid: number[] = [];
  const fixed = q.answers.map((a) => {
    const f = matchGradeOption(a.fraction, mode);
    if (f === null) invalid.push(a.fraction);
    return f ?? a.fraction;
  });
  if (invalid.length > 0) {
    const list = invalid.map(phpFloatToString).join(', ');
    errors.push({
      line,
      questionText: q.name,
      code: 'invalidgrade',
      message: `分值比例（${invalid.map((f) => phpFloatToString(f * 100) + '%').join('、')}）不是 Moodle 允许的比例（如 100%、50%、33.33333%、25%、20%、10%、0 及其负值），该题未导入`,
      moodleMessage: `Grades (${list}) do not match grade options - question skipped.`,
    });
    return false;
  }
  q.answers.forEach((a, i) => (a.fraction = fixed[i]));
  return true;
}

export const FORMAT_NAMES: TextFormat[] = ['moodle', 'html', 'plain', 'wiki', 'markdown'];
