// Aiken, read and written the way Moodle's qformat_aiken does (question/format/aiken/format.php):
// single-answer multiple choice only — a question line, choices "A) …" / "A. …", then "ANSWER: X".
// Same errors, same line numbers, same HTML escaping. Deliberate differences: README.md.

import type { MoodleAnswer, MoodleQuestion, MultichoiceQuestion, ParseOptions, ParseResult } from './moodle-ir.js';
import { applyGradeOptions, byteLength, createDefaultQuestionName, decodeEntities, htmlspecialcharsNoQuotes, phpTrim, stripTags } from './php-compat.js';

export interface AikenOptions extends ParseOptions {
  /**
   * Also accept what Chinese authors type and Moodle does not: full-width "Ａ）" "A）" "A．" "A、" choice labels,
   * "ANSWER：" (full-width colon) and "答案：B" / "答案: B". Off by default, so a file reads exactly as in Moodle.
   */
  lenient?: boolean;
}

const CHOICE_RE = /^[A-Z][).][ \t]?/;
const CHOICE_LENIENT_RE = /^([A-Z]|[Ａ-Ｚ])([).）．、])[ \t\u3000]?/;
const ANSWER_RE = /^ANSWER:/;
const ANSWER_LENIENT_RE = /^(ANSWER[:：]|答案[:：])/;

function toHalfWidthLetter(c: string): string {
  const code = c.charCodeAt(0);
  return code >= 0xff21 && code <= 0xff3a ? String.fromCharCode(code - 0xff21 + 65) : c;
}

export function parseAiken(input: string, opts: AikenOptions = {}): ParseResult {
  const result: ParseResult = { questions: [], categories: [], errors: [], warnings: [] };
  const errors = result.errors;
  // Moodle splits each line of file() again on "\r"; for "\r\n" files that counts every line twice.
  // We count real lines (see README).
  const text = (input.startsWith('\ufeff') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  let q: (MultichoiceQuestion & { line: number }) | null = null;
  const choiceRe = opts.lenient ? CHOICE_LENIENT_RE : CHOICE_RE;
  const answerRe = opts.lenient ? ANSWER_LENIENT_RE : ANSWER_RE;

  lines.forEach((raw, i) => {
    const linenumber = i + 1;
    const nowline = phpTrim(raw);
    if (byteLength(nowline) < 2) return;
    const choice = nowline.match(choiceRe);
    if (choice) {
      if (q === null) {
        errors.push({
          line: linenumber,
          questionText: nowline,
          code: 'questionnotstarted',
          message: `第 ${linenumber} 行：选项前面没有题干（题目还没有开始）`,
          moodleMessage: `Question not started on line ${linenumber}`,
        });
        return;
      }
      // Moodle cuts two bytes ("A)"); the lenient labels may be longer, so cut the matched label.
      const rest = opts.lenient ? nowline.slice(choice[1].length + choice[2].length) : nowline.slice(2);
      q.answers.push({ text: htmlspecialcharsNoQuotes(phpTrim(rest)), format: 'html', fraction: 0, feedback: '', feedbackformat: 'html' });
      return;
    }
    const answerLine = nowline.match(answerRe);
    if (answerLine) {
      if (q === null) {
        errors.push({
          line: linenumber,
          questionText: nowline,
          code: 'questionnotstarted',
          message: `第 ${linenumber} 行：答案行前面没有题目（题目还没有开始）`,
          moodleMessage: `Question not started on line ${linenumber}`,
        });
        return;
      }
      let ans = phpTrim(nowline.slice(answerLine[0].length));
      ans = opts.lenient ? toHalfWidthLetter(Array.from(ans)[0] ?? '') : ans.slice(0, 1);
      const rightans = ans === '' ? -65 : ans.charCodeAt(0) - 65;
      if (q.answers.length < 2) {
        errors.push({
          line: q.line,
          questionText: q.name,
          code: 'questionmissinganswers',
          message: `第 ${linenumber} 行：题目“${q.name}”至少要有 2 个选项`,
          moodleMessage: `Question must have at least 2 answers on line ${linenumber}`,
        });
        q = null;
        return;
      }
      if (rightans < 0 || rightans >= q.answers.length) {
        // Moodle would store a fraction for a choice that does not exist, leaving no right answer.
        errors.push({
          line: q.line,
          questionText: q.name,
          code: 'aikenanswerletter',
          message: `第 ${linenumber} 行：题目“${q.name}”的答案“${ans}”不是已有选项的字母（A–${String.fromCharCode(64 + q.answers.length)}）`,
        });
        q = null;
        return;
      }
      q.answers[rightans].fraction = 1;
      const done: MoodleQuestion = q;
      q = null;
      if (applyGradeOptions(done, opts, errors, done.line ?? linenumber)) result.questions.push(done);
      return;
    }
    if (q !== null) {
      errors.push({
        line: q.line,
        questionText: q.name,
        code: 'questionnotcomplete',
        message: `第 ${linenumber} 行：题目“${q.name}”没有“ANSWER:”答案行，下一题就开始了，该题未导入`,
        moodleMessage: `Question not completed before next question start on line ${linenumber}`,
      });
    }
    q = {
      qtype: 'multichoice',
      name: createDefaultQuestionName(nowline, 'Question name'),
      questiontext: htmlspecialcharsNoQuotes(phpTrim(nowline)),
      questiontextformat: 'html',
      generalfeedback: '',
      generalfeedbackformat: 'html',
      defaultmark: 1,
      penalty: 0.3333333,
      tags: [],
      single: true,
      shuffleanswers: true,
      answernumbering: 'abc',
      showstandardinstruction: false,
      correctfeedback: { text: '', format: 'html' },
      partiallycorrectfeedback: { text: '', format: 'html' },
      incorrectfeedback: { text: '', format: 'html' },
      shownumcorrect: false,
      answers: [] as MoodleAnswer[],
      line: linenumber,
    };
  });
  // A question still open at the end of the file is dropped without a word by Moodle; we say so.
  const last = q as (MultichoiceQuestion & { line: number }) | null;
  if (last !== null) {
    errors.push({
      line: last.line,
      questionText: last.name,
      code: 'questionnotcomplete',
      message: `题目“${last.name}”到文件末尾也没有“ANSWER:”答案行，该题未导入`,
    });
  }
  return result;
}

/** question_utils::to_plain_text(): what Aiken can hold of a formatted text, on one line. */
function toPlainText(text: string, format: MoodleAnswer['format']): string {
  const plain = format === 'plain' ? text : decodeEntities(stripTags(text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n')));
  return plain.replace(/\n/g, '');
}

/**
 * Aiken can only carry single-answer multiple choice with at most 26 choices; everything else is
 * skipped (as Moodle does) and listed in `skipped`.
 */
export function writeAiken(questions: MoodleQuestion[]): { text: string; skipped: MoodleQuestion[] } {
  const out: string[] = [];
  const skipped: MoodleQuestion[] = [];
  for (const q of questions) {
    if (q.qtype !== 'multichoice' || !q.single || q.answers.length > 26 || !q.answers.some((a) => a.fraction > 0.99)) {
      skipped.push(q);
      continue;
    }
    let s = toPlainText(q.questiontext, q.questiontextformat) + '\n';
    let correct = '';
    q.answers.forEach((a, i) => {
      const letter = String.fromCharCode(65 + i);
      s += `${letter}) ${toPlainText(a.text, a.format)}\n`;
      if (a.fraction > 0.99) correct = letter;
    });
    s += `ANSWER: ${correct}\n`;
    out.push(s);
  }
  return { text: out.join('\n'), skipped };
}
