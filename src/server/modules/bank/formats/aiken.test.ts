import { describe, expect, it } from 'vitest';
import { parseAiken, writeAiken } from './aiken.js';
import { readMoodleFixture, withoutLine } from './fixtures.js';

describe('Aiken: questions.aiken.txt', () => {
  const { questions, errors } = parseAiken(readMoodleFixture('aiken/questions.aiken.txt'));

  it('imports both questions as single-answer multichoice in HTML, as Moodle does', () => {
    expect(errors).toEqual([]);
    expect(questions).toHaveLength(2);
    expect(questions[0]).toMatchObject({
      qtype: 'multichoice',
      name: 'The Moodle project was started by:',
      questiontext: 'The Moodle project was started by:',
      questiontextformat: 'html',
      generalfeedback: '',
      generalfeedbackformat: 'html',
      single: true,
      defaultmark: 1,
      penalty: 0.3333333,
      correctfeedback: { text: '', format: 'html' },
      line: 1,
    });
    if (questions[0].qtype !== 'multichoice') throw new Error();
    expect(questions[0].answers.map((a) => [a.text, a.format, a.fraction, a.feedback, a.feedbackformat])).toEqual([
      ['Petr Skoda', 'html', 0, '', 'html'],
      ['Martin Dougiamas', 'html', 1, '', 'html'],
      ['Eloy Lafuente', 'html', 0, '', 'html'],
      ['Tim Hunt', 'html', 0, '', 'html'],
    ]);
  });

  it('escapes < > & in the text (htmlspecialchars ENT_NOQUOTES); the name is the tag-stripped line', () => {
    const q = questions[1];
    expect(q.questiontext).toBe('Moodle\'s abilities include handling user input that includes &lt;html class="cool"&gt; &amp; images:');
    expect(q.name).toBe("Moodle's abilities include handling user input that includes  & images:");
    if (q.qtype !== 'multichoice') throw new Error();
    expect(q.answers.map((a) => [a.text, a.fraction])).toEqual([
      ['True', 1],
      ['False', 0],
    ]);
  });
});

describe('Aiken: aiken_errors.txt gives the errors Moodle gives (aikenformat_test::test_readquestions)', () => {
  const { questions, errors } = parseAiken(readMoodleFixture('aiken/aiken_errors.txt'));

  it('the same per-question errors, in order, with Moodle\'s messages and line numbers', () => {
    expect(errors.map((e) => [e.code, e.moodleMessage, e.questionText])).toEqual([
      ['questionmissinganswers', 'Question must have at least 2 answers on line 3', 'A question with too few answers'],
      ['questionnotstarted', 'Question not started on line 5', 'A) Question not started'],
      ['questionnotstarted', 'Question not started on line 7', 'ANSWER: Question not started'],
      ['questionnotcomplete', 'Question not completed before next question start on line 18', 'A question started but not finished'],
    ]);
    // `line` is where the question starts; Moodle's own line number is in the message.
    expect(errors.map((e) => e.line)).toEqual([1, 5, 7, 14]);
    for (const e of errors) expect(e.message).toMatch(/第 \d+ 行/);
  });

  it('keeps the good questions, including "A)Correct" with no space', () => {
    expect(questions.map((q) => q.name)).toEqual(['A good question', 'A second good question']);
    const [q1, q2] = questions;
    if (q1.qtype !== 'multichoice' || q2.qtype !== 'multichoice') throw new Error();
    expect(q1.answers.map((a) => [a.text, a.fraction])).toEqual([
      ['Correct', 1],
      ['Incorrect', 0],
    ]);
    expect(q2.answers.map((a) => [a.text, a.fraction])).toEqual([
      ['Incorrect (No space)', 0],
      ['Correct (No space)', 1],
    ]);
  });
});

describe('Aiken: other cases', () => {
  it('accepts "A." labels and answers with special HTML characters escaped once', () => {
    const { questions } = parseAiken('A third good question with HTML chars such as > < &\nA. Correct (< > &)\nB. Incorrect (< > &)\nANSWER: A\n');
    expect(questions[0].name).toBe('A third good question with HTML chars such as > < &');
    if (questions[0].qtype !== 'multichoice') throw new Error();
    expect(questions[0].answers.map((a) => a.text)).toEqual(['Correct (&lt; &gt; &amp;)', 'Incorrect (&lt; &gt; &amp;)']);
  });

  it('Chinese: ANSWER： (full width), "A、" and "答案：" are Moodle errors, accepted only with lenient', () => {
    const text = '宪法是国家的（　）。\nA、根本法\nB、普通法\nANSWER：A\n';
    const strict = parseAiken(text);
    expect(strict.questions).toEqual([]);
    expect(strict.errors.map((e) => e.code)).toEqual(['questionnotcomplete', 'questionnotcomplete', 'questionnotcomplete', 'questionnotcomplete']);
    const lenient = parseAiken(text, { lenient: true });
    expect(lenient.errors).toEqual([]);
    if (lenient.questions[0].qtype !== 'multichoice') throw new Error();
    expect(lenient.questions[0].answers.map((a) => [a.text, a.fraction])).toEqual([
      ['根本法', 1],
      ['普通法', 0],
    ]);
    expect(parseAiken('题\nＡ）甲\nＢ）乙\n答案：Ｂ', { lenient: true }).questions[0]).toMatchObject({ answers: [{ fraction: 0 }, { fraction: 1 }] });
  });

  it('an answer letter with no such choice is an error (Moodle would keep a question with no right answer)', () => {
    const r = parseAiken('Question\nA) a\nB) b\nANSWER: E');
    expect(r.questions).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 1, code: 'aikenanswerletter' })]);
  });

  it('a one-character line is ignored, as Moodle does (strlen < 2)', () => {
    const r = parseAiken('Q\nA) a\nB) b\nANSWER: A');
    expect(r.errors.map((e) => e.moodleMessage)).toEqual(['Question not started on line 2', 'Question not started on line 3', 'Question not started on line 4']);
  });

  it('CRLF and BOM read like LF', () => {
    const text = 'Q\nA) a\nB) b\nANSWER: B\n';
    expect(parseAiken('\ufeff' + text.replace(/\n/g, '\r\n'))).toEqual(parseAiken(text));
  });

  it('writes single-answer multichoice only and reads back the same', () => {
    const src = readMoodleFixture('aiken/questions.aiken.txt');
    const { questions } = parseAiken(src);
    const { text, skipped } = writeAiken(questions);
    expect(skipped).toEqual([]);
    expect(text).toContain('Moodle\'s abilities include handling user input that includes <html class="cool"> & images:\nA) True\nB) False\nANSWER: A\n');
    expect(withoutLine(parseAiken(text).questions)).toEqual(withoutLine(questions));
  });
});
