// GIFT, read and written the way Moodle's qformat_gift does (question/format/gift/format.php):
// the same block splitting, escapes, type detection, weights, feedback and default names, so that a
// file imports here exactly as it does in Moodle. Deliberate differences are listed in README.md.

import type {
  FormatError,
  FormattedText,
  MoodleAnswer,
  MoodleCategory,
  MoodleQuestion,
  ParseOptions,
  ParseResult,
  TextFormat,
} from './moodle-ir.js';
import {
  applyGradeOptions,
  cleanQuestionName,
  createDefaultQuestionName,
  isNumeric,
  phpEmpty,
  phpFloatToString,
  phpRound14,
  phpTrim,
} from './php-compat.js';

interface Line {
  text: string;
  no: number;
}

/** Split a file into lines as qformat_default::readdata() does (BOM dropped, old Mac "\r" files split on \r). */
export function splitLines(input: string): Line[] {
  let text = input.startsWith('\ufeff') ? input.slice(1) : input;
  let parts: string[];
  if (!text.includes('\n') && text.includes('\r')) {
    parts = text.split('\r');
  } else {
    text = text.replace(/\r\n/g, '\n');
    parts = text.split('\n');
  }
  return parts.map((t, i) => ({ text: t, no: i + 1 }));
}

const PLACEHOLDERS: Array<[string, string, string]> = [
  ['\\:', '&&058;', ':'],
  ['\\#', '&&035;', '#'],
  ['\\=', '&&061;', '='],
  ['\\{', '&&123;', '{'],
  ['\\}', '&&125;', '}'],
  ['\\~', '&&126;', '~'],
  ['\\n', '&&010', '\n'],
];

function escapedcharPre(s: string): string {
  let out = s.split('\\\\').join('&&092;');
  for (const [esc, ph] of PLACEHOLDERS) out = out.split(esc).join(ph);
  return out.split('&&092;').join('\\');
}

function escapedcharPost(s: string): string {
  let out = s;
  for (const [, ph, ch] of PLACEHOLDERS) out = out.split(ph).join(ch);
  return out;
}

function formatNameToConst(name: string): TextFormat | null {
  return name === 'moodle' || name === 'html' || name === 'plain' || name === 'markdown' ? name : null;
}

/** parse_text_with_format(): an optional leading [html]/[moodle]/[plain]/[markdown]. */
function parseTextWithFormat(text: string, defaultformat: TextFormat = 'moodle'): FormattedText {
  let t = text;
  let format = defaultformat;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    const f = end > 0 ? formatNameToConst(text.slice(1, end)) : null;
    if (f) {
      format = f;
      t = text.slice(end + 1);
    }
  }
  return { text: phpTrim(escapedcharPost(t)), format };
}

/** explode($sep, $s, $limit) */
function explode(sep: string, s: string, limit = Infinity): string[] {
  const parts = s.split(sep);
  if (parts.length <= limit) return parts;
  return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(sep)];
}

function commentparser(answer: string, defaultformat: TextFormat): [FormattedText, FormattedText] {
  const bits = explode('#', answer, 2);
  const ans = parseTextWithFormat(phpTrim(bits[0]), defaultformat);
  const fb = bits.length > 1 ? parseTextWithFormat(phpTrim(bits[1]), defaultformat) : { text: '', format: defaultformat };
  return [ans, fb];
}

const WEIGHT_RE = /^%-*([0-9]{1,2})\.?([0-9]*)%/;

/** answerweightparser(): "%50%rest" → [0.5, "rest"]. */
function answerweight(answer: string): [number, string] {
  const a = answer.slice(1);
  const end = a.indexOf('%');
  const w = parseFloat(a.slice(0, end));
  return [Number.isNaN(w) ? 0 : phpRound14(w / 100), a.slice(end + 1)];
}

/** extract_idnumber_and_tags_from_comment(): "[id:…]" and "[tag:…]" in // comments, "\]" escapes "]". */
export function extractIdnumberAndTags(comment: string): { idnumber: string; tags: string[] } {
  let idnumber = '';
  // eslint-disable-next-line no-control-regex
  const id = comment.match(/\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]/);
  if (id) idnumber = phpTrim(id[1]).split('\\]').join(']');
  const tags: string[] = [];
  // eslint-disable-next-line no-control-regex
  for (const m of comment.matchAll(/\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]/g)) {
    tags.push(phpTrim(m[1]).split('\\]').join(']'));
  }
  return { idnumber, tags };
}

const MSG: Record<string, [string, string]> = {
  braceerror: ['Could not find {...} around answers', '找不到包住答案的一对花括号 {…}（只有 { 或只有 }）'],
  importminerror: [
    'There is an error in the question. There are not enough answers for this question type',
    '答案数量不足：选择题和匹配题至少要有 2 个答案，填空（简答）题至少 1 个',
  ],
  giftmatchingformat: ['Matching question answers are improperly formatted', '匹配题的答案格式不对：每一项应写成“=题目 -> 答案”'],
  giftnonumericalanswers: ['No answers found for numerical question', '数值题没有找到答案'],
  errornotnumbers: ['Error - answers must be numeric', '数值题的答案和误差必须是数字'],
};

type ReadResult = { kind: 'question'; question: MoodleQuestion } | { kind: 'category'; category: MoodleCategory } | { kind: 'none' };

function readQuestion(block: Line[], errors: FormatError[]): ReadResult {
  let comments = '';
  const firstContent = block.find((l) => !phpTrim(l.text).startsWith('//')) ?? block[0];
  const line = firstContent.no;
  const lines = block.map((l) => {
    const t = phpTrim(l.text);
    if (t.startsWith('//')) {
      comments += t + '\n';
      return ' ';
    }
    return l.text;
  });
  let text = phpTrim(lines.join('\n'));
  if (text === '') return { kind: 'none' };

  const fail = (code: keyof typeof MSG, questionText: string): ReadResult => {
    const [en, zh] = MSG[code];
    errors.push({ line, questionText: questionText.slice(0, 200), code, message: zh, moodleMessage: en });
    return { kind: 'none' };
  };

  text = escapedcharPre(text);

  if (/^\$CATEGORY:/.test(text)) {
    return { kind: 'category', category: { category: phpTrim(escapedcharPost(text.slice(10))), info: '', infoformat: 'moodle', line } };
  }

  let name: string | false = false;
  if (text.startsWith('::')) {
    text = text.slice(2);
    const namefinish = text.indexOf('::');
    if (namefinish >= 0) {
      name = cleanQuestionName(escapedcharPost(text.slice(0, namefinish)));
      text = phpTrim(text.slice(namefinish + 2));
    }
  }

  const answerstart = text.indexOf('{');
  const answerfinish = text.indexOf('}');
  let description = false;
  let answertext = '';
  let answerlength = 0;
  if (answerstart < 0 && answerfinish < 0) {
    description = true;
  } else if (answerstart < 0 || answerfinish < 0 || answerfinish < answerstart) {
    return fail('braceerror', escapedcharPost(text));
  } else {
    answerlength = answerfinish - answerstart;
    answertext = phpTrim(text.slice(answerstart + 1, answerstart + answerlength));
  }

  let rawquestiontext: string;
  if (description) {
    rawquestiontext = text;
  } else if (text.endsWith('}')) {
    rawquestiontext = text.slice(0, answerstart) + text.slice(answerstart + answerlength + 1);
  } else {
    // Missing-word format: the blank goes where the answers were.
    rawquestiontext = text.slice(0, answerstart) + '_____' + text.slice(answerstart + answerlength + 1);
  }

  let generalfeedbackraw = '';
  const gf = answertext.lastIndexOf('####');
  if (gf >= 0) {
    generalfeedbackraw = answertext.slice(gf + 4);
    answertext = phpTrim(answertext.slice(0, gf));
  }

  const qt = parseTextWithFormat(rawquestiontext);
  const qformat = qt.format;
  const gft = parseTextWithFormat(generalfeedbackraw, qformat);
  const { idnumber, tags } = extractIdnumberAndTags(comments);
  const base = {
    name: name === false ? createDefaultQuestionName(qt.text, 'Question name') : name,
    questiontext: qt.text,
    questiontextformat: qformat,
    generalfeedback: gft.text,
    generalfeedbackformat: gft.format,
    defaultmark: 1,
    penalty: 0.3333333,
    ...(idnumber !== '' ? { idnumber } : {}),
    tags,
    line,
  };
  const blankCombined = () => ({
    correctfeedback: { text: '', format: qformat },
    partiallycorrectfeedback: { text: '', format: qformat },
    incorrectfeedback: { text: '', format: qformat },
    shownumcorrect: false,
  });

  let qtype: MoodleQuestion['qtype'];
  if (description) qtype = 'description';
  else if (answertext === '') qtype = 'essay';
  else if (answertext[0] === '#') qtype = 'numerical';
  else if (answertext.includes('~')) qtype = 'multichoice';
  else if (answertext.includes('=') && answertext.includes('->')) qtype = 'match';
  else {
    let tfcheck = answertext;
    const hash = answertext.indexOf('#');
    if (hash > 0) tfcheck = phpTrim(answertext.slice(0, hash));
    qtype = ['T', 'TRUE', 'F', 'FALSE'].includes(tfcheck) ? 'truefalse' : 'shortanswer';
  }

  const errText = qt.text;
  switch (qtype) {
    case 'description':
      return { kind: 'question', question: { ...base, qtype, defaultmark: 0 } };

    case 'essay':
      return {
        kind: 'question',
        question: {
          ...base,
          qtype,
          responseformat: 'editor',
          responserequired: true,
          responsefieldlines: 15,
          attachments: 0,
          attachmentsrequired: 0,
          graderinfo: { text: '', format: 'html' },
          responsetemplate: { text: '', format: 'html' },
        },
      };

    case 'multichoice': {
      const single = answertext.includes('=');
      const parts = answertext.split('=').join('~=').split('~');
      parts[0] = phpTrim(parts[0]);
      if (phpEmpty(parts[0])) parts.shift();
      if (parts.length < 2) return fail('importminerror', errText);
      const answers: MoodleAnswer[] = [];
      for (let a of parts) {
        a = phpTrim(a);
        let weight = 0;
        if (a[0] === '=') {
          weight = 1;
          a = a.slice(1);
        } else if (WEIGHT_RE.test(a)) {
          [weight, a] = answerweight(a);
        }
        const [ans, fb] = commentparser(a, qformat);
        // save_question_options() drops choices whose text is blank.
        if (phpTrim(ans.text) === '') continue;
        answers.push({ text: ans.text, format: ans.format, fraction: weight, feedback: fb.text, feedbackformat: fb.format });
      }
      return {
        kind: 'question',
        question: {
          ...base,
          qtype,
          single,
          shuffleanswers: true,
          answernumbering: 'abc',
          showstandardinstruction: false,
          ...blankCombined(),
          answers,
        },
      };
    }

    case 'match': {
      const parts = answertext.split('=');
      parts[0] = phpTrim(parts[0]);
      if (phpEmpty(parts[0])) parts.shift();
      if (parts.length < 2) return fail('importminerror', errText);
      const subquestions = [];
      for (let a of parts) {
        a = phpTrim(a);
        const marker = a.indexOf('->');
        if (marker < 0) return fail('giftmatchingformat', escapedcharPost(a));
        const sq = parseTextWithFormat(a.slice(0, marker), qformat);
        const answertextPart = phpTrim(escapedcharPost(a.slice(marker + 2)));
        // save_question_options() drops pairs that are blank on both sides.
        if (sq.text === '' && answertextPart === '') continue;
        subquestions.push({ questiontext: sq.text, questiontextformat: sq.format, answertext: answertextPart });
      }
      return { kind: 'question', question: { ...base, qtype, shuffleanswers: true, ...blankCombined(), subquestions } };
    }

    case 'truefalse': {
      const bits = explode('#', answertext, 3);
      const ans = parseTextWithFormat(phpTrim(bits[0]), qformat);
      const empty = { text: '', format: qformat };
      const wrong = bits.length > 1 ? parseTextWithFormat(phpTrim(bits[1]), qformat) : empty;
      const right = bits.length > 2 ? parseTextWithFormat(phpTrim(bits[2]), qformat) : empty;
      const correct = ans.text === 'T' || ans.text === 'TRUE';
      return {
        kind: 'question',
        question: {
          ...base,
          qtype,
          penalty: 1,
          correctanswer: correct,
          feedbacktrue: correct ? right : wrong,
          feedbackfalse: correct ? wrong : right,
        },
      };
    }

    case 'shortanswer': {
      const parts = answertext.split('=');
      parts[0] = phpTrim(parts[0]);
      if (phpEmpty(parts[0])) parts.shift();
      if (parts.length < 1) return fail('importminerror', errText);
      const answers: MoodleAnswer[] = [];
      for (let a of parts) {
        a = phpTrim(a);
        let weight = 1;
        if (WEIGHT_RE.test(a)) [weight, a] = answerweight(a);
        const [ans, fb] = commentparser(a, qformat);
        if (phpTrim(ans.text) === '') continue;
        answers.push({ text: ans.text, format: 'plain', fraction: weight, feedback: fb.text, feedbackformat: fb.format });
      }
      return { kind: 'question', question: { ...base, qtype, usecase: false, answers } };
    }

    case 'numerical': {
      let at = answertext.slice(1);
      let wrongfeedback = '';
      const tilde = at.indexOf('~');
      if (tilde >= 0) {
        wrongfeedback = at.slice(tilde);
        at = at.slice(0, tilde);
      }
      const parts = at.split('=');
      parts[0] = phpTrim(parts[0]);
      if (phpEmpty(parts[0])) parts.shift();
      if (parts.length === 0) return fail('giftnonumericalanswers', errText);
      const answers: MoodleAnswer[] = [];
      for (let a of parts) {
        a = phpTrim(a);
        let weight = 1;
        if (WEIGHT_RE.test(a)) [weight, a] = answerweight(a);
        const [ansT, fb] = commentparser(a, qformat);
        const answer = ansT.text;
        let ans: string;
        let tol: string;
        const range = answer.indexOf('..');
        const colon = answer.indexOf(':');
        if (range > 0) {
          const max = phpTrim(answer.slice(range + 2));
          const min = phpTrim(answer.slice(0, range));
          if (!isNumeric(max) || !isNumeric(min)) return fail('errornotnumbers', errText);
          const mid = (Number(max) + Number(min)) / 2;
          ans = phpFloatToString(mid);
          tol = phpFloatToString(Number(max) - mid);
        } else if (colon > 0) {
          tol = phpTrim(answer.slice(colon + 1));
          ans = phpTrim(answer.slice(0, colon));
        } else {
          tol = '0';
          ans = phpTrim(answer);
        }
        // Moodle's check reads `is_numeric($ans) || $ans = '*'` — an assignment — so any non-number
        // silently becomes '*' (every response right). We report it instead; '*' itself stays allowed.
        if (!(isNumeric(ans) || ans === '*') || !isNumeric(tol)) return fail('errornotnumbers', errText);
        answers.push({ text: ans, format: 'plain', fraction: weight, feedback: fb.text, feedbackformat: fb.format, tolerance: phpRound14(Number(tol)) });
      }
      if (!phpEmpty(wrongfeedback)) {
        const [, fb] = commentparser(wrongfeedback, qformat);
        answers.push({ text: '*', format: 'plain', fraction: 0, feedback: fb.text, feedbackformat: fb.format, tolerance: 0 });
      }
      return { kind: 'question', question: { ...base, qtype, answers, units: [] } };
    }
  }
  return { kind: 'none' };
}

/** Read a GIFT file. Questions Moodle would reject are left out and reported in `errors`. */
export function parseGift(input: string, opts: ParseOptions = {}): ParseResult {
  const result: ParseResult = { questions: [], categories: [], errors: [], warnings: [] };
  let category: string | undefined;
  const handle = (block: Line[]) => {
    const r = readQuestion(block, result.errors);
    if (r.kind === 'category') {
      category = r.category.category;
      result.categories.push(r.category);
    } else if (r.kind === 'question') {
      const q = r.question;
      if (category !== undefined) q.category = category;
      if (applyGradeOptions(q, opts, result.errors, q.line ?? 0)) result.questions.push(q);
    }
  };
  let current: Line[] = [];
  for (const l of splitLines(input)) {
    const t = phpTrim(l.text);
    if (phpEmpty(t)) {
      if (current.length > 0) handle(current);
      current = [];
    } else {
      current.push({ text: t, no: l.no });
    }
  }
  if (current.length > 0) handle(current);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Writing: qformat_gift::writequestion().

/** repchar(): escape GIFT's control characters, newlines as \n. */
function repchar(text: string): string {
  let out = '';
  for (const c of text) {
    if (c === '\\') out += '\\\\';
    else if ('#=~{}:'.includes(c)) out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') continue;
    else out += c;
  }
  return out;
}

function giftFormatName(f: TextFormat): string {
  return f === 'html' || f === 'plain' || f === 'markdown' ? f : 'moodle';
}

function writeText(text: string, format: TextFormat, defaultformat: TextFormat = 'moodle'): string {
  let out = '';
  if (text !== '' && giftFormatName(format) !== giftFormatName(defaultformat)) out += `[${giftFormatName(format)}]`;
  return out + repchar(text);
}

function writeGeneralFeedback(q: MoodleQuestion, indent = '\t'): string {
  let gf = writeText(q.generalfeedback, q.generalfeedbackformat, q.questiontextformat);
  if (gf) {
    gf = '####' + gf;
    if (indent) gf = indent + gf + '\n';
  }
  return gf;
}

function weightOf(fraction: number): string {
  return phpFloatToString(phpRound14(fraction * 100));
}

/** One question in GIFT, as Moodle exports it. Returns null for a type GIFT cannot carry (multianswer). */
export function writeGiftQuestion(q: MoodleQuestion, index = 0): string | null {
  let out = `// question: ${index}  name: ${q.name.replace(/[\r\n]+/g, ' ')}\n`;
  const marks: string[] = [];
  if (q.idnumber) marks.push(`[id:${q.idnumber.split(']').join('\\]')}]`);
  for (const t of q.tags) marks.push(`[tag:${t.split(']').join('\\]')}]`);
  if (marks.length) out += `// ${marks.join(' ')}\n`;
  const head = `::${repchar(q.name)}::` + writeText(q.questiontext, q.questiontextformat);
  const qf = q.questiontextformat;
  switch (q.qtype) {
    case 'description':
      out += head + '\n';
      break;
    case 'essay':
      out += head + '{' + writeGeneralFeedback(q, '') + '}\n';
      break;
    case 'truefalse': {
      const right = q.correctanswer ? q.feedbacktrue : q.feedbackfalse;
      const wrong = q.correctanswer ? q.feedbackfalse : q.feedbacktrue;
      const rightT = writeText(right.text, right.format, qf);
      const wrongT = writeText(wrong.text, wrong.format, qf);
      out += head + '{' + (q.correctanswer ? 'TRUE' : 'FALSE');
      if (wrongT) out += '#' + wrongT;
      else if (rightT) out += '#';
      if (rightT) out += '#' + rightT;
      out += writeGeneralFeedback(q, '') + '}\n';
      break;
    }
    case 'multichoice':
      out += head + '{\n';
      for (const a of q.answers) {
        let prefix: string;
        if (a.fraction === 1 && q.single) prefix = '=';
        else if (a.fraction === 0) prefix = '~';
        else prefix = `~%${weightOf(a.fraction)}%`;
        out += '\t' + prefix + writeText(a.text, a.format, qf);
        if (a.feedback !== '') out += '#' + writeText(a.feedback, a.feedbackformat, qf);
        out += '\n';
      }
      out += writeGeneralFeedback(q) + '}\n';
      break;
    case 'shortanswer':
      out += head + '{\n';
      for (const a of q.answers) {
        out += `\t=%${weightOf(a.fraction)}%${repchar(a.text)}#${writeText(a.feedback, a.feedbackformat, qf)}\n`;
      }
      out += writeGeneralFeedback(q) + '}\n';
      break;
    case 'numerical':
      out += head + '{#\n';
      for (const a of q.answers) {
        if (a.text !== '' && a.text !== '*') {
          out += `\t=%${weightOf(a.fraction)}%${a.text}:${phpFloatToString(a.tolerance ?? 0)}#${writeText(a.feedback, a.feedbackformat, qf)}\n`;
        } else {
          out += `\t~#${writeText(a.feedback, a.feedbackformat, qf)}\n`;
        }
      }
      out += writeGeneralFeedback(q) + '}\n';
      break;
    case 'match':
      out += head + '{\n';
      for (const s of q.subquestions) {
        out += '\t=' + writeText(s.questiontext, s.questiontextformat, qf) + ' -> ' + repchar(s.answertext) + '\n';
      }
      out += writeGeneralFeedback(q) + '}\n';
      break;
    default:
      return null;
  }
  return out;
}

/**
 * A whole GIFT file. A `$CATEGORY:` line is written whenever a question's category differs from the
 * previous one. Questions GIFT cannot carry are skipped and listed in `skipped`.
 */
export function writeGift(questions: MoodleQuestion[]): { text: string; skipped: MoodleQuestion[] } {
  let text = '';
  let category: string | undefined;
  const skipped: MoodleQuestion[] = [];
  questions.forEach((q, i) => {
    if (q.category !== undefined && q.category !== category) {
      category = q.category;
      text += `// question: 0  name: Switch category to ${category}\n$CATEGORY: ${category}\n\n\n`;
    }
    const out = writeGiftQuestion(q, i + 1);
    if (out === null) skipped.push(q);
    else text += out + '\n';
  });
  return { text, skipped };
}
