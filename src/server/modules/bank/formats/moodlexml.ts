// Moodle XML, read and written the way Moodle's qformat_xml does (question/format/xml/format.php):
// same defaults for missing elements, same text-format names, same CDATA rule on export.

import type {
  CombinedFeedback,
  FormatError,
  FormattedText,
  MoodleAnswer,
  MoodleCategory,
  MoodleFile,
  MoodleQuestion,
  ParseOptions,
  ParseResult,
  TextFormat,
} from './moodle-ir.js';
import { applyGradeOptions, cleanQuestionName, createDefaultQuestionName, htmlspecialcharsCompat, phpEmpty, phpFloatToString, phpRound14, phpTrim } from './php-compat.js';
import { child, childrenNamed, parseXml, XmlError, type XmlElement } from './xml-lite.js';

const FORMAT_TO_XML: Record<TextFormat, string> = {
  moodle: 'moodle_auto_format',
  html: 'html',
  plain: 'plain_text',
  wiki: 'wiki_like',
  markdown: 'markdown',
};

/** trans_format(): unknown names become html (Moodle only emits a debugging notice). */
function transFormat(name: string | undefined): TextFormat {
  const n = phpTrim(name ?? '');
  if (n === 'moodle_auto_format') return 'moodle';
  if (n === 'html') return 'html';
  if (n === 'plain_text') return 'plain';
  if (n === 'wiki_like') return 'wiki';
  if (n === 'markdown') return 'markdown';
  return 'html';
}

/** trans_single(): "false", "" and "0" are false, anything else true. */
function transSingle(v: string): boolean {
  const n = phpTrim(v);
  return !(n === 'false' || phpEmpty(n));
}

class InvalidXml extends Error {}

/** The string content of an element as getpath(..., istext) sees it: an element with child elements is not text. */
function textOf(el: XmlElement | undefined, fallback = ''): string {
  if (!el) return fallback;
  if (el.children.length > 0) throw new InvalidXml(el.name);
  return phpTrim(el.text);
}

/** getpath() without istext: the raw value of a simple element, or the default. */
function valueOf(el: XmlElement | undefined, fallback: string): string;
function valueOf(el: XmlElement | undefined, fallback: null): string | null;
function valueOf(el: XmlElement | undefined, fallback: string | null): string | null {
  if (!el) return fallback;
  return el.text;
}

/** import_text_with_files(): <text> plus the format attribute, defaulting as Moodle does. */
function textWithFormat(el: XmlElement | undefined, defaultformat: TextFormat): FormattedText {
  if (!el) return { text: '', format: defaultformat };
  return { text: textOf(child(el, 'text')), format: el.attrs.format !== undefined ? transFormat(el.attrs.format) : defaultformat };
}

function filesOf(el: XmlElement | undefined, area: MoodleFile['area']): MoodleFile[] {
  return childrenNamed(el, 'file').map((f) => ({ area, name: f.attrs.name ?? '', path: f.attrs.path ?? '/', content: phpTrim(f.text) }));
}

function num(s: string | null | undefined, fallback: number): number {
  if (s === null || s === undefined || phpTrim(s) === '') return fallback;
  const n = Number(phpTrim(s));
  return Number.isFinite(n) ? n : fallback;
}

function optNum(s: string | null): number | undefined {
  if (s === null || phpTrim(s) === '') return undefined;
  const n = Number(phpTrim(s));
  return Number.isFinite(n) ? n : undefined;
}

function combinedFeedback(q: XmlElement, qformat: TextFormat): CombinedFeedback {
  let shownumcorrect = child(q, 'shownumcorrect') !== undefined;
  const old = child(q, 'correctresponsesfeedback');
  if (old) shownumcorrect = transSingle(valueOf(old, '1'));
  return {
    correctfeedback: textWithFormat(child(q, 'correctfeedback'), qformat),
    partiallycorrectfeedback: textWithFormat(child(q, 'partiallycorrectfeedback'), qformat),
    incorrectfeedback: textWithFormat(child(q, 'incorrectfeedback'), qformat),
    shownumcorrect,
  };
}

function fractionOf(a: XmlElement): number {
  return phpRound14(num(a.attrs.fraction, 0) / 100);
}

type Fail = (code: string, zh: string, en?: string) => null;

function importQuestion(q: XmlElement, fail: Fail, warnings: FormatError[]): MoodleQuestion | MoodleCategory | null {
  const type = q.attrs.type ?? '';
  if (type === 'category') {
    const info = child(q, 'info');
    const idnumber = phpTrim(valueOf(child(q, 'idnumber'), ''));
    return {
      category: textOf(child(child(q, 'category'), 'text')),
      info: info ? textOf(child(info, 'text')) : '',
      infoformat: info ? transFormat(info.attrs.format) : 'moodle',
      ...(idnumber !== '' ? { idnumber } : {}),
      line: q.line,
    };
  }
  const known = ['multichoice', 'truefalse', 'shortanswer', 'numerical', 'description', 'matching', 'match', 'cloze', 'multianswer', 'essay'];
  if (!known.includes(type)) {
    return fail('xmltypeunsupported', `暂不支持的题型“${type}”（如计算题 calculated、拖放题等），该题未导入`);
  }

  const qtEl = child(q, 'questiontext');
  const qt = textWithFormat(qtEl, 'html');
  const nameEl = child(child(q, 'name'), 'text');
  let name: string;
  if (nameEl) {
    name = cleanQuestionName(textOf(nameEl));
  } else if (type === 'cloze' || type === 'multianswer') {
    name = createDefaultQuestionName(qt.text, 'Question name');
  } else {
    return fail('xmlimportnoname', '缺少题目名称 <name>', 'Missing question name in XML file');
  }
  const gf = textWithFormat(child(q, 'generalfeedback'), qt.format);
  let penalty = num(valueOf(child(q, 'penalty'), '0.3333333'), 0.3333333);
  // "Fix problematic rounding from old files."
  if (Math.abs(penalty - 0.3333333) < 0.005) penalty = 0.3333333;
  const idnumber = phpTrim(valueOf(child(q, 'idnumber'), ''));
  const tags = childrenNamed(child(q, 'tags'), 'tag').map((t) => textOf(child(t, 'text')));
  const files = [...filesOf(qtEl, 'questiontext'), ...filesOf(child(q, 'generalfeedback'), 'generalfeedback')];
  const base = {
    name,
    questiontext: qt.text,
    questiontextformat: qt.format,
    generalfeedback: gf.text,
    generalfeedbackformat: gf.format,
    defaultmark: num(valueOf(child(q, 'defaultgrade'), '1'), 1),
    penalty,
    ...(idnumber !== '' ? { idnumber } : {}),
    tags,
    ...(files.length ? { files } : {}),
    line: q.line,
  };
  const qf = qt.format;
  const answerEls = childrenNamed(q, 'answer');

  switch (type) {
    case 'multichoice': {
      const answernumbering = valueOf(child(q, 'answernumbering'), 'abc');
      const answers: MoodleAnswer[] = [];
      for (const a of answerEls) {
        const t = textWithFormat(a, qf);
        const fb = textWithFormat(child(a, 'feedback'), qf);
        if (phpTrim(t.text) === '') continue;
        answers.push({ text: t.text, format: t.format, fraction: fractionOf(a), feedback: fb.text, feedbackformat: fb.format });
      }
      return {
        ...base,
        qtype: 'multichoice',
        single: transSingle(valueOf(child(q, 'single'), 'true')),
        shuffleanswers: transSingle(valueOf(child(q, 'shuffleanswers'), 'false')),
        answernumbering: phpEmpty(answernumbering) ? 'abc' : answernumbering,
        showstandardinstruction: transSingle(valueOf(child(q, 'showstandardinstruction'), '1')),
        ...combinedFeedback(q, qf),
        answers,
      };
    }
    case 'truefalse': {
      let first = true;
      let warning = false;
      let correctanswer = false;
      let feedbacktrue: FormattedText = { text: '', format: qf };
      let feedbackfalse: FormattedText = { text: '', format: qf };
      for (const a of answerEls) {
        let at = textOf(child(a, 'text'));
        const fb = textWithFormat(child(a, 'feedback'), qf);
        if (at !== 'true' && at !== 'false') {
          warning = true;
          at = first ? 'true' : 'false';
        }
        if (at === 'true') {
          correctanswer = num(a.attrs.fraction, 0) === 100;
          feedbacktrue = fb;
        } else {
          correctanswer = num(a.attrs.fraction, 0) !== 100;
          feedbackfalse = fb;
        }
        first = false;
      }
      if (warning) {
        const ans = correctanswer ? 'True' : 'False';
        warnings.push({
          line: q.line,
          questionText: qt.text,
          code: 'truefalseimporterror',
          message: `判断题“${qt.text.slice(0, 60)}”的答案不是 true/false，已按旧格式（先“对”后“错”）理解为“${correctanswer ? '正确' : '错误'}”，请核对`,
          moodleMessage: `Warning: The true/false question "${qt.text}" could not be imported properly. It was not clear whether the correct answer is true or false. The question has been imported assuming that the answer is "${ans}". If this is not correct, you will need to edit the question.`,
        });
      }
      return { ...base, qtype: 'truefalse', correctanswer, feedbacktrue, feedbackfalse };
    }
    case 'shortanswer': {
      const answers: MoodleAnswer[] = [];
      for (const a of answerEls) {
        const t = textOf(child(a, 'text'));
        const fb = textWithFormat(child(a, 'feedback'), qf);
        if (phpTrim(t) === '') continue;
        answers.push({ text: t, format: 'plain', fraction: fractionOf(a), feedback: fb.text, feedbackformat: fb.format });
      }
      return { ...base, qtype: 'shortanswer', usecase: transSingle(valueOf(child(q, 'usecase'), '0')), answers };
    }
    case 'numerical': {
      const answers: MoodleAnswer[] = [];
      for (const a of answerEls) {
        const t = textOf(child(a, 'text'));
        const fb = textWithFormat(child(a, 'feedback'), qf);
        const fracTag = child(a, 'fraction');
        const fraction = fracTag ? num(fracTag.text, 0) : fractionOf(a);
        if (phpTrim(t) === '') continue;
        answers.push({ text: t, format: 'plain', fraction, feedback: fb.text, feedbackformat: fb.format, tolerance: num(valueOf(child(a, 'tolerance'), '0'), 0) });
      }
      const units = childrenNamed(child(q, 'units'), 'unit').map((u) => ({
        unit: textOf(child(u, 'unit_name')),
        multiplier: num(valueOf(child(u, 'multiplier'), '1'), 1),
      }));
      const showunits = optNum(valueOf(child(q, 'showunits'), null));
      return {
        ...base,
        qtype: 'numerical',
        answers,
        units,
        unitgradingtype: num(valueOf(child(q, 'unitgradingtype'), '0'), 0),
        unitpenalty: num(valueOf(child(q, 'unitpenalty'), '0.1'), 0.1),
        showunits: showunits ?? (units.length ? 0 : 3),
        unitsleft: num(valueOf(child(q, 'unitsleft'), '0'), 0),
      };
    }
    case 'matching':
    case 'match': {
      const subquestions = [];
      for (const s of childrenNamed(q, 'subquestion')) {
        const t = textWithFormat(s, qf);
        const answertext = textOf(child(child(s, 'answer'), 'text'));
        if (t.text === '' && answertext === '') continue;
        subquestions.push({ questiontext: t.text, questiontextformat: t.format, answertext });
      }
      return {
        ...base,
        qtype: 'match',
        shuffleanswers: transSingle(valueOf(child(q, 'shuffleanswers'), '1')),
        ...combinedFeedback(q, qf),
        subquestions,
      };
    }
    case 'essay': {
      const rt = child(q, 'responsetemplate');
      const minw = optNum(valueOf(child(q, 'minwordlimit'), null));
      const maxw = optNum(valueOf(child(q, 'maxwordlimit'), null));
      const maxbytes = optNum(valueOf(child(q, 'maxbytes'), null));
      const ftl = valueOf(child(q, 'filetypeslist'), null);
      return {
        ...base,
        qtype: 'essay',
        responseformat: phpTrim(valueOf(child(q, 'responseformat'), 'editor')),
        responserequired: transSingle(valueOf(child(q, 'responserequired'), '1')),
        responsefieldlines: num(valueOf(child(q, 'responsefieldlines'), '15'), 15),
        ...(minw !== undefined ? { minwordlimit: minw } : {}),
        ...(maxw !== undefined ? { maxwordlimit: maxw } : {}),
        attachments: num(valueOf(child(q, 'attachments'), '0'), 0),
        attachmentsrequired: num(valueOf(child(q, 'attachmentsrequired'), '0'), 0),
        ...(maxbytes !== undefined ? { maxbytes } : {}),
        ...(ftl !== null && phpTrim(ftl) !== '' ? { filetypeslist: phpTrim(ftl) } : {}),
        graderinfo: textWithFormat(child(q, 'graderinfo'), qf),
        responsetemplate: { text: textOf(child(rt, 'text')), format: rt?.attrs.format !== undefined ? transFormat(rt.attrs.format) : qf },
      };
    }
    case 'description':
      return { ...base, qtype: 'description', defaultmark: 0 };
    case 'cloze':
    case 'multianswer': {
      // Moodle's default mark for a cloze question is the sum of its parts' weights ({2:SA:…} weighs 2).
      let mark = 0;
      for (const m of qt.text.matchAll(/\{(\d*):[A-Z_]+:/g)) mark += m[1] === '' ? 1 : Number(m[1]);
      return { ...base, qtype: 'multianswer', defaultmark: mark || 1 };
    }
  }
  return null;
}

/** Read a Moodle XML file (`<quiz><question type="…">…`). */
export function parseMoodleXml(input: string, opts: ParseOptions = {}): ParseResult {
  const result: ParseResult = { questions: [], categories: [], errors: [], warnings: [] };
  let root: XmlElement;
  try {
    root = parseXml(input);
  } catch (e) {
    if (e instanceof XmlError) {
      result.errors.push({ line: e.line, code: 'xmlparseerror', message: `XML 格式错误（第 ${e.line} 行）：${e.message}`, moodleMessage: e.message });
      return result;
    }
    throw e;
  }
  if (root.name !== 'quiz') {
    result.errors.push({ line: root.line, code: 'invalidxml', message: '这不是 Moodle XML 题库文件：根元素应为 <quiz>' });
    return result;
  }
  let category: string | undefined;
  for (const qel of childrenNamed(root, 'question')) {
    const qtText = child(child(qel, 'questiontext'), 'text');
    const questionText = qtText ? phpTrim(qtText.text).slice(0, 200) || undefined : undefined;
    const fail: Fail = (code, zh, en) => {
      result.errors.push({ line: qel.line, questionText, code, message: zh, ...(en ? { moodleMessage: en } : {}) });
      return null;
    };
    let r: MoodleQuestion | MoodleCategory | null;
    try {
      r = importQuestion(qel, fail, result.warnings);
    } catch (e) {
      if (!(e instanceof InvalidXml)) throw e;
      r = fail('invalidxml', `<${e.message}> 里的文字含有 XML 元素；HTML 内容须放在 <![CDATA[ … ]]> 中`, 'Invalid XML file - string expected (use CDATA?)');
    }
    if (r === null) continue;
    if ('qtype' in r) {
      if (category !== undefined) r.category = category;
      if (applyGradeOptions(r, opts, result.errors, qel.line)) result.questions.push(r);
    } else {
      category = r.category;
      result.categories.push(r);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Writing: qformat_xml::writequestion().

/** xml_escape(): CDATA when the text has & < > ", splitting any "]]>". */
function xmlEscape(s: string): string {
  if (s !== '' && s !== '0' && htmlspecialcharsCompat(s) !== s) return `<![CDATA[${s.split(']]>').join(']]]]><![CDATA[>')}]]>`;
  return s;
}

function writetext(raw: string, indent = 0): string {
  return `${'  '.repeat(indent)}<text>${xmlEscape(raw)}</text>\n`;
}

function fmt(f: TextFormat): string {
  return `format="${FORMAT_TO_XML[f]}"`;
}

function attr(s: string): string {
  return htmlspecialcharsCompat(s);
}

function writeFiles(files: MoodleFile[] | undefined, area: MoodleFile['area']): string {
  return (files ?? [])
    .filter((f) => f.area === area)
    .map((f) => `<file name="${attr(f.name)}" path="${attr(f.path)}" encoding="base64">${f.content}</file>\n`)
    .join('');
}

function writeAnswer(fraction: number, text: string, format: TextFormat, feedback: FormattedText, extra = ''): string {
  let out = `    <answer fraction="${phpFloatToString(phpRound14(fraction * 100))}" ${fmt(format)}>\n`;
  out += writetext(text, 3);
  out += `      <feedback ${fmt(feedback.format)}>\n`;
  out += writetext(feedback.text, 4);
  out += '      </feedback>\n';
  out += extra;
  out += '    </answer>\n';
  return out;
}

function writeCombined(q: CombinedFeedback): string {
  let out = '';
  for (const field of ['correctfeedback', 'partiallycorrectfeedback', 'incorrectfeedback'] as const) {
    out += `    <${field} ${fmt(q[field].format)}>\n      ${writetext(q[field].text)}    </${field}>\n`;
  }
  if (q.shownumcorrect) out += '    <shownumcorrect/>\n';
  return out;
}

function bool(b: boolean): string {
  return b ? 'true' : 'false';
}

function dec7(n: number): string {
  return n.toFixed(7);
}

export function writeXmlCategory(c: MoodleCategory, index = 0): string {
  let out = `<!-- question: ${index}  -->\n`;
  out += '  <question type="category">\n';
  out += `    <category>\n      ${writetext(c.category)}    </category>\n`;
  out += `    <info ${fmt(c.infoformat)}>\n      ${writetext(c.info)}    </info>\n`;
  out += `    <idnumber>${htmlspecialcharsCompat(c.idnumber ?? '')}</idnumber>\n`;
  out += '  </question>\n';
  return out;
}

export function writeXmlQuestion(q: MoodleQuestion, index = 0): string {
  const xmltype = q.qtype === 'match' ? 'matching' : q.qtype === 'multianswer' ? 'cloze' : q.qtype;
  let out = `<!-- question: ${index}  -->\n`;
  out += `  <question type="${xmltype}">\n`;
  out += `    <name>\n${writetext(q.name, 3)}    </name>\n`;
  out += `    <questiontext ${fmt(q.questiontextformat)}>\n${writetext(q.questiontext, 3)}${writeFiles(q.files, 'questiontext')}    </questiontext>\n`;
  out += `    <generalfeedback ${fmt(q.generalfeedbackformat)}>\n${writetext(q.generalfeedback, 3)}${writeFiles(q.files, 'generalfeedback')}    </generalfeedback>\n`;
  if (q.qtype !== 'multianswer') out += `    <defaultgrade>${dec7(q.defaultmark)}</defaultgrade>\n`;
  out += `    <penalty>${dec7(q.penalty)}</penalty>\n`;
  out += '    <hidden>0</hidden>\n';
  out += `    <idnumber>${htmlspecialcharsCompat(q.idnumber ?? '')}</idnumber>\n`;
  switch (q.qtype) {
    case 'truefalse':
      out += writeAnswer(q.correctanswer ? 1 : 0, 'true', 'moodle', q.feedbacktrue);
      out += writeAnswer(q.correctanswer ? 0 : 1, 'false', 'moodle', q.feedbackfalse);
      break;
    case 'multichoice':
      out += `    <single>${bool(q.single)}</single>\n`;
      out += `    <shuffleanswers>${bool(q.shuffleanswers)}</shuffleanswers>\n`;
      out += `    <answernumbering>${q.answernumbering}</answernumbering>\n`;
      out += `    <showstandardinstruction>${q.showstandardinstruction ? 1 : 0}</showstandardinstruction>\n`;
      out += writeCombined(q);
      for (const a of q.answers) out += writeAnswer(a.fraction, a.text, a.format, { text: a.feedback, format: a.feedbackformat });
      break;
    case 'shortanswer':
      out += `    <usecase>${q.usecase ? 1 : 0}</usecase>\n`;
      for (const a of q.answers) out += writeAnswer(a.fraction, a.text, 'moodle', { text: a.feedback, format: a.feedbackformat });
      break;
    case 'numerical':
      for (const a of q.answers) {
        out += writeAnswer(a.fraction, a.text, 'moodle', { text: a.feedback, format: a.feedbackformat }, `      <tolerance>${phpFloatToString(a.tolerance ?? 0)}</tolerance>\n`);
      }
      if (q.units.length) {
        out += '<units>\n';
        for (const u of q.units) {
          out += `  <unit>\n    <multiplier>${phpFloatToString(u.multiplier)}</multiplier>\n    <unit_name>${htmlspecialcharsCompat(u.unit)}</unit_name>\n  </unit>\n`;
        }
        out += '</units>\n';
      }
      if (q.unitgradingtype !== undefined) out += `    <unitgradingtype>${q.unitgradingtype}</unitgradingtype>\n`;
      if (q.unitpenalty !== undefined) out += `    <unitpenalty>${phpFloatToString(q.unitpenalty)}</unitpenalty>\n`;
      if (q.showunits !== undefined) out += `    <showunits>${q.showunits}</showunits>\n`;
      if (q.unitsleft !== undefined) out += `    <unitsleft>${q.unitsleft}</unitsleft>\n`;
      break;
    case 'match':
      out += `    <shuffleanswers>${bool(q.shuffleanswers)}</shuffleanswers>\n`;
      out += writeCombined(q);
      for (const s of q.subquestions) {
        out += `    <subquestion ${fmt(s.questiontextformat)}>\n${writetext(s.questiontext, 3)}      <answer>\n${writetext(s.answertext, 4)}      </answer>\n    </subquestion>\n`;
      }
      break;
    case 'essay':
      out += `    <responseformat>${q.responseformat}</responseformat>\n`;
      out += `    <responserequired>${q.responserequired ? 1 : 0}</responserequired>\n`;
      out += `    <responsefieldlines>${q.responsefieldlines}</responsefieldlines>\n`;
      out += `    <minwordlimit>${q.minwordlimit ?? ''}</minwordlimit>\n`;
      out += `    <maxwordlimit>${q.maxwordlimit ?? ''}</maxwordlimit>\n`;
      out += `    <attachments>${q.attachments}</attachments>\n`;
      out += `    <attachmentsrequired>${q.attachmentsrequired}</attachmentsrequired>\n`;
      out += `    <maxbytes>${q.maxbytes ?? ''}</maxbytes>\n`;
      out += `    <filetypeslist>${htmlspecialcharsCompat(q.filetypeslist ?? '')}</filetypeslist>\n`;
      out += `    <graderinfo ${fmt(q.graderinfo.format)}>\n${writetext(q.graderinfo.text, 3)}    </graderinfo>\n`;
      out += `    <responsetemplate ${fmt(q.responsetemplate.format)}>\n${writetext(q.responsetemplate.text, 3)}    </responsetemplate>\n`;
      break;
    case 'description':
    case 'multianswer':
      break;
  }
  if (q.tags.length) {
    out += '    <tags>\n';
    for (const t of q.tags) out += `      <tag>${writetext(t)}</tag>\n`;
    out += '    </tags>\n';
  }
  out += '  </question>\n';
  return out;
}

/**
 * A whole Moodle XML file. A category entry is written whenever a question's category differs from the
 * previous one; its info/idnumber come from `categories` when given (e.g. those a parse returned).
 */
export function writeMoodleXml(questions: MoodleQuestion[], options: { categories?: MoodleCategory[] } = {}): string {
  const info = new Map((options.categories ?? []).map((c) => [c.category, c]));
  let body = '';
  let category: string | undefined;
  questions.forEach((q, i) => {
    if (q.category !== undefined && q.category !== category) {
      category = q.category;
      const c = info.get(category) ?? { category, info: '', infoformat: 'moodle' as const };
      body += writeXmlCategory({ ...c, line: undefined }, 0) + '\n';
    }
    body += writeXmlQuestion(q, i + 1) + '\n';
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${body}</quiz>\n`;
}
