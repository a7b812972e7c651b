import { describe, expect, it } from 'vitest';
import { parseGift, writeGift, writeGiftQuestion } from './gift.js';
import { readMoodleFixture } from './fixtures.js';
import type { MoodleQuestion } from './moodle-ir.js';

const byName = (qs: MoodleQuestion[], name: string) => qs.filter((q) => q.name === name);
const fb = (text: string, format: string = 'moodle') => ({ text, format });

describe('GIFT: questions.gift.txt (Moodle giftformat_test expectations)', () => {
  const { questions, errors, warnings } = parseGift(readMoodleFixture('gift/questions.gift.txt'));

  it('reads all nine questions, no errors', () => {
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(questions.map((q) => [q.line, q.qtype, q.name])).toEqual([
      [2, 'essay', 'Q8'],
      [5, 'match', 'Moodle activities'],
      [14, 'multichoice', 'Q2'],
      [22, 'multichoice', 'colours'],
      [31, 'numerical', 'Q5'],
      [34, 'shortanswer', 'Shortanswer'],
      [41, 'truefalse', 'Q1'],
      [46, 'truefalse', '2-08 TSL'],
      [49, 'truefalse', '2-08 TSL'],
    ]);
  });

  it('essay (test_import_essay)', () => {
    expect(questions[0]).toEqual({
      qtype: 'essay',
      name: 'Q8',
      questiontext: 'How are you?',
      questiontextformat: 'moodle',
      generalfeedback: '',
      generalfeedbackformat: 'moodle',
      defaultmark: 1,
      penalty: 0.3333333,
      tags: [],
      line: 2,
      responseformat: 'editor',
      responserequired: true,
      responsefieldlines: 15,
      attachments: 0,
      attachmentsrequired: 0,
      graderinfo: fb('', 'html'),
      responsetemplate: fb('', 'html'),
    });
  });

  it('match with per-item formats (test_import_match)', () => {
    const q = questions[1];
    expect(q.qtype).toBe('match');
    if (q.qtype !== 'match') return;
    expect(q.questiontext).toBe('Match the <b>activity</b> to the description.');
    expect(q.questiontextformat).toBe('html');
    expect(q.generalfeedbackformat).toBe('html');
    expect(q.correctfeedback).toEqual(fb('', 'html'));
    expect(q.shuffleanswers).toBe(true);
    expect(q.subquestions).toEqual([
      { questiontext: 'An activity supporting asynchronous discussions.', questiontextformat: 'html', answertext: 'Forum' },
      { questiontext: 'A teacher asks a question and specifies a choice of multiple responses.', questiontextformat: 'moodle', answertext: 'Choice' },
      { questiontext: 'A bank of record entries which participants can add to.', questiontextformat: 'plain', answertext: 'Database' },
      { questiontext: 'A collection of web pages that anyone can add to or edit.', questiontextformat: 'markdown', answertext: 'Wiki' },
      { questiontext: '', questiontextformat: 'html', answertext: 'Chat' },
    ]);
  });

  it('multichoice with feedback formats (test_import_multichoice)', () => {
    const q = questions[2];
    if (q.qtype !== 'multichoice') throw new Error(q.qtype);
    expect(q.questiontext).toBe("What's between orange and green in the spectrum?");
    expect(q.single).toBe(true);
    expect(q.answernumbering).toBe('abc');
    expect(q.penalty).toBe(0.3333333);
    expect(q.answers).toEqual([
      { text: 'yellow', format: 'moodle', fraction: 1, feedback: 'right; good!', feedbackformat: 'moodle' },
      { text: 'red', format: 'moodle', fraction: 0, feedback: "wrong, it's yellow", feedbackformat: 'html' },
      { text: 'blue', format: 'plain', fraction: 0, feedback: "wrong, it's yellow", feedbackformat: 'moodle' },
    ]);
  });

  it('multiple response with negative weights (test_import_multichoice_multi)', () => {
    const q = questions[3];
    if (q.qtype !== 'multichoice') throw new Error(q.qtype);
    expect(q.single).toBe(false);
    expect(q.answers.map((a) => [a.text, a.format, a.fraction, a.feedback, a.feedbackformat])).toEqual([
      ['yellow', 'moodle', 0.5, 'right; good!', 'moodle'],
      ['red', 'moodle', -1, 'wrong', 'html'],
      ['off-beige', 'moodle', 0.5, 'right; good!', 'moodle'],
      ['blue', 'plain', -1, 'wrong', 'moodle'],
    ]);
  });

  it('numerical with a wrong-answer feedback (test_import_numerical; the file\'s trailing "; makes it missing-word)', () => {
    const q = questions[4];
    if (q.qtype !== 'numerical') throw new Error(q.qtype);
    // Unlike Moodle's unit test string, the fixture file ends the line with `";` after the braces,
    // so Moodle treats it as missing-word format and puts the blank where the answers were.
    expect(q.questiontext).toBe('What is a number from 1 to 5? _____";');
    expect(q.answers).toEqual([
      { text: '3', format: 'plain', fraction: 1, feedback: '', feedbackformat: 'moodle', tolerance: 2 },
      { text: '*', format: 'plain', fraction: 0, feedback: 'Completely wrong', feedbackformat: 'moodle', tolerance: 0 },
    ]);
  });

  it('short answer with weights and * (test_import_shortanswer)', () => {
    const q = questions[5];
    if (q.qtype !== 'shortanswer') throw new Error(q.qtype);
    expect(q.questiontext).toBe('Which is the best animal?');
    expect(q.usecase).toBe(false);
    expect(q.answers.map((a) => [a.text, a.fraction, a.feedback, a.feedbackformat])).toEqual([
      ['Frog', 1, 'Good!', 'moodle'],
      ['Cat', 0.5, 'What is it with Moodlers and cats?', 'moodle'],
      ['*', 0, 'Completely wrong', 'moodle'],
    ]);
  });

  it('true/false with both feedbacks and general feedback (test_import_truefalse)', () => {
    const q = questions[6];
    if (q.qtype !== 'truefalse') throw new Error(q.qtype);
    expect(q.questiontext).toBe('42 is the Absolute Answer to everything._____";');
    expect(q.correctanswer).toBe(false);
    expect(q.penalty).toBe(1);
    expect(q.feedbacktrue).toEqual(fb('42 is the Ultimate Answer.'));
    expect(q.feedbackfalse).toEqual(fb('You gave the right answer.'));
    expect(q.generalfeedback).toBe("This is, of course, a Hitchiker's Guide to the Galaxy reference.");
    expect(q.generalfeedbackformat).toBe('moodle');
  });

  it('{T} and {TRUE} (test_import_truefalse_true_answer1/2)', () => {
    for (const q of [questions[7], questions[8]]) {
      if (q.qtype !== 'truefalse') throw new Error(q.qtype);
      expect(q.questiontext).toBe('TSL is blablabla.');
      expect(q.correctanswer).toBe(true);
      expect(q.feedbacktrue).toEqual(fb(''));
      expect(q.feedbackfalse).toEqual(fb(''));
    }
  });
});

type Row = [line: number, qtype: string, name: string, questiontext: string, answers?: Array<[string, number, string?]>];

// Every question of Moodle's examples.txt, worked out from qformat_gift::readquestion(): the name is
// the question text shortened to 80 characters when no ::name:: is given; answers are [text, fraction, feedback].
const EXAMPLES: Row[] = [
  [8, 'multichoice', "Who's buried in Grant's tomb?", "Who's buried in Grant's tomb?", [['Grant', 0], ['Jefferson', 0], ['no one', 1]]],
  [10, 'multichoice', "Grant is _____ in Grant's tomb.", "Grant is _____ in Grant's tomb.", [['buried', 0], ['entombed', 1], ['living', 0]]],
  [12, 'truefalse', "Grant is buried in Grant's tomb.", "Grant is buried in Grant's tomb."],
  [14, 'shortanswer', "Who's buried in Grant's tomb?", "Who's buried in Grant's tomb?", [['no one', 1], ['nobody', 1]]],
  [16, 'numerical', 'When was Ulysses S. Grant born?', 'When was Ulysses S. Grant born?', [['1822', 1]]],
  [25, 'multichoice', "Who's buried in Grant's tomb?", "Who's buried in Grant's tomb?", [['Grant', 0], ['Jefferson', 0], ['no one', 1]]],
  [27, 'multichoice', "Grant is _____ in Grant's tomb.", "Grant is _____ in Grant's tomb.", [['buried', 0], ['entombed', 1], ['living', 0]]],
  [
    29,
    'multichoice',
    'The American holiday of Thanksgiving is celebrated on the _____ Thursday of ...',
    'The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.',
    [['second', 0], ['third', 0], ['fourth', 1]],
  ],
  [35, 'multichoice', 'Japanese characters originally came from what country?', 'Japanese characters originally came from what country?', [['India', 0], ['China', 1], ['Korea', 0], ['Egypt', 0]]],
  [43, 'shortanswer', "Who's buried in Grant's tomb?", "Who's buried in Grant's tomb?", [['no one', 1], ['nobody', 1]]],
  [45, 'shortanswer', 'Two plus two equals _____.', 'Two plus two equals _____.', [['four', 1], ['4', 1]]],
  [49, 'truefalse', "Grant is buried in Grant's tomb.", "Grant is buried in Grant's tomb."],
  [51, 'truefalse', 'The sun rises in the east.', 'The sun rises in the east.'],
  [55, 'match', 'Matching Question.', 'Matching Question.'],
  [61, 'match', 'Match the following countries with their corresponding capitals.', 'Match the following countries with their corresponding capitals.'],
  [70, 'numerical', 'When was Ulysses S. Grant born?', 'When was Ulysses S. Grant born?', [['1822', 1]]],
  [72, 'numerical', 'What is the value of pi (to 3 decimal places)? _____.', 'What is the value of pi (to 3 decimal places)? _____.', [['3.1415', 1]]],
  [74, 'numerical', 'What is the value of pi (to 3 decimal places)? _____.', 'What is the value of pi (to 3 decimal places)? _____.', [['3.1415', 1]]],
  [76, 'numerical', 'When was Ulysses S. Grant born?', 'When was Ulysses S. Grant born?', [['1822', 1], ['1822', 0.5]]],
  [85, 'numerical', "What's 2 plus 2?", "What's 2 plus 2?", [['4', 1]]],
  [90, 'shortanswer', 'Kanji Origins', 'Japanese characters originally\ncame from what country?', [['China', 1]]],
  [93, 'multichoice', 'Thanksgiving Date', 'The American holiday of Thanksgiving is\ncelebrated on the _____ Thursday of November.', [['second', 0], ['third', 0], ['fourth', 1]]],
  [
    98,
    'multichoice',
    "What's the answer to this multiple-choice question?",
    "What's the answer to this multiple-choice question?",
    [
      ['wrong answer', 0, 'feedback comment on the wrong answer'],
      ['another wrong answer', 0, 'feedback comment on this wrong answer'],
      ['right answer', 1, 'Very good!'],
    ],
  ],
  [103, 'shortanswer', "Who's buried in Grant's tomb?", "Who's buried in Grant's tomb?", [['no one', 1, 'excellent answer!'], ['nobody', 1, 'excellent answer!']]],
  [108, 'shortanswer', "Who's buried in **Grant's tomb**?", "Who's buried in **Grant's tomb**?", [['no one', 1, 'excellent answer!'], ['nobody', 1, 'excellent answer!']]],
  [113, 'truefalse', "Grant is buried in Grant's tomb.", "Grant is buried in Grant's tomb."],
  [115, 'multichoice', 'Difficult question.', 'Difficult question.', [['wrong answer', 0], ['half credit answer', 0.5], ['full credit answer', 1]]],
  [
    117,
    'multichoice',
    "Jesus' hometown",
    'Jesus Christ was from _____.',
    [
      ['Jerusalem', 0, 'This was an important city, but the wrong answer.'],
      ['Bethlehem', 0.25, 'He was born here, but not raised here.'],
      ['Galilee', 0.5, 'You need to be more specific.'],
      ['Nazareth', 1, "Yes! That's right!"],
    ],
  ],
  [
    123,
    'shortanswer',
    "Jesus' hometown",
    'Jesus Christ was from',
    [
      ['Nazareth', 1, "Yes! That's right!"],
      ['Nazereth', 0.75, 'Right, but misspelled.'],
      ['Bethlehem', 0.25, 'He was born here, but not raised here.'],
    ],
  ],
  [130, 'multichoice', "What two people are entombed in Grant's tomb?", "What two people are entombed in Grant's tomb?", [['No one', 0], ['Grant', 0.5], ["Grant's wife", 0.5], ["Grant's father", 0]]],
  [136, 'multichoice', "What two people are entombed in Grant's tomb?", "What two people are entombed in Grant's tomb?", [['No one', -0.5], ['Grant', 0.5], ["Grant's wife", 0.5], ["Grant's father", -0.5]]],
  [143, 'multichoice', 'Which answer equals 5?', 'Which answer equals 5?', [['= 2 + 2', 0], ['= 2 + 3', 1], ['= 2 + 4', 0]]],
  [
    148,
    'multichoice',
    'GIFT Control Characters',
    'Which of the following is NOT a control character for the GIFT import format?',
    [
      ['~', 0, '~ is a control character.'],
      ['=', 0, '= is a control character.'],
      ['#', 0, '# is a control character.'],
      ['{', 0, '{ is a control character.'],
      ['}', 0, '} is a control character.'],
      [
        '\\',
        1,
        'Correct! \\ (backslash) is not a control character. BUT,\nit is used to escape the control characters. So, to specify\na literal backslash, you must escape it with a backslash\n(as shown in this example).',
      ],
    ],
  ],
  [167, 'multichoice', "Who's buried in Grant's tomb?", "Who's buried in Grant's tomb?", [['Grant', 0], ['Jefferson', 0], ['no one', 1]]],
  [169, 'multichoice', "Grant is _____ in Grant's tomb.", "Grant is _____ in Grant's tomb.", [['buried', 0], ['entombed', 1], ['living', 0]]],
  [171, 'truefalse', "Grant is buried in Grant's tomb.", "Grant is buried in Grant's tomb."],
  [173, 'shortanswer', "Who's buried in Grant's tomb?", "Who's buried in Grant's tomb?", [['no one', 1], ['nobody', 1]]],
  [175, 'numerical', 'When was Ulysses S. Grant born?', 'When was Ulysses S. Grant born?', [['1822', 1]]],
  [177, 'match', 'Match the following countries with their corresponding\ncapitals.', 'Match the following countries with their corresponding\ncapitals.'],
  [184, 'multichoice', "Grant's Tomb", "Grant is _____ in Grant's tomb.", [['buried', 0, 'No one is buried there.'], ['entombed', 1, 'Right answer!'], ['living', 0, 'We hope not!']]],
  [
    190,
    'multichoice',
    'Difficult multiple choice question.',
    'Difficult multiple choice question.',
    [['wrong answer', 0, 'comment on wrong answer'], ['half credit answer', 0.5, 'comment on answer'], ['full credit answer', 1, 'well done!']],
  ],
  [
    195,
    'shortanswer',
    "Jesus' hometown (Short answer ex.)",
    'Jesus Christ was from _____.',
    [
      ['Nazareth', 1, "Yes! That's right!"],
      ['Nazereth', 0.75, 'Right, but misspelled.'],
      ['Bethlehem', 0.25, 'He was born here, but not raised here.'],
    ],
  ],
  [
    202,
    'numerical',
    'Numerical example',
    'When was Ulysses S. Grant born?',
    [['1822', 1, 'Correct! 100% credit'], ['1822', 0.5, 'He was born in 1822.\nYou get 50% credit for being close.']],
  ],
];

describe('GIFT: examples.txt', () => {
  const { questions, errors } = parseGift(readMoodleFixture('gift/examples.txt'));

  it('imports every example; comment-only blocks are skipped silently, as in Moodle', () => {
    expect(errors).toEqual([]);
    expect(questions).toHaveLength(EXAMPLES.length);
  });

  it.each(EXAMPLES.map((r, i) => [i, r] as const))('question %i: type, name, text, answers, fractions, feedback', (i, row) => {
    const [line, qtype, name, questiontext, answers] = row;
    const q = questions[i];
    expect([q.line, q.qtype, q.name, q.questiontext, q.questiontextformat]).toEqual([line, qtype, name, questiontext, line === 108 ? 'markdown' : 'moodle']);
    if (answers && 'answers' in q) {
      expect(q.answers.map((a) => [a.text, a.fraction, a.feedback])).toEqual(answers.map(([t, f, b]) => [t, f, b ?? '']));
    }
  });

  it('numerical tolerances: 1822:1, 3.1415:0.0005, 3.141..3.142, 1822:0 / 1822:2', () => {
    const tol = (line: number) => questions.find((q) => q.line === line)!;
    const t = (line: number) => {
      const q = tol(line);
      return q.qtype === 'numerical' ? q.answers.map((a) => a.tolerance) : null;
    };
    expect(t(16)).toEqual([1]);
    expect(t(72)).toEqual([0.0005]);
    // ($max + $min)/2 and $max - $ans in PHP floats, kept with PHP's 14 significant digits.
    expect(t(74)).toEqual([0.00050000000000017]);
    expect(t(76)).toEqual([0, 2]);
    expect(t(175)).toEqual([5]);
  });

  it('true/false answers and their feedback', () => {
    const tf = questions.filter((q) => q.qtype === 'truefalse');
    expect(tf.map((q) => q.qtype === 'truefalse' && [q.line, q.correctanswer, q.feedbacktrue.text, q.feedbackfalse.text])).toEqual([
      [12, false, '', ''],
      [49, false, '', ''],
      [51, true, '', ''],
      // {FALSE#No one is buried in Grant's tomb.}: the first feedback is for the wrong answer, i.e. "true".
      [113, false, "No one is buried in Grant's tomb.", ''],
      [171, false, '', ''],
    ]);
  });

  it('matching pairs', () => {
    const m = questions.filter((q) => q.qtype === 'match');
    expect(m.map((q) => q.qtype === 'match' && q.subquestions.map((s) => `${s.questiontext}->${s.answertext}`))).toEqual([
      ['subquestion1->subanswer1', 'subquestion2->subanswer2', 'subquestion3->subanswer3'],
      ['Canada->Ottawa', 'Italy->Rome', 'Japan->Tokyo', 'India->New Delhi'],
      ['Canada->Ottawa', 'Italy->Rome', 'Japan->Tokyo'],
    ]);
  });

  it('single vs multiple response', () => {
    const mc = questions.filter((q) => q.qtype === 'multichoice');
    expect(mc.filter((q) => q.qtype === 'multichoice' && !q.single).map((q) => q.line)).toEqual([130, 136]);
  });

  it('the multi-response names: two identical names are kept (Moodle does not deduplicate)', () => {
    expect(byName(questions, "What two people are entombed in Grant's tomb?")).toHaveLength(2);
  });
});

describe('GIFT: details beyond the fixtures', () => {
  it('escapes \\: \\# \\= \\{ \\} \\~ \\\\ \\n in names, text and answers', () => {
    const { questions, errors } = parseGift('::a\\:b\\{c\\}::Line one\\nline two \\= \\# \\~ \\\\ end{=x\\:y#fb \\# ok ~z}');
    expect(errors).toEqual([]);
    const q = questions[0];
    expect(q.name).toBe('a:b{c}');
    expect(q.questiontext).toBe('Line one\nline two = # ~ \\ end');
    if (q.qtype !== 'multichoice') throw new Error(q.qtype);
    expect(q.answers[0]).toMatchObject({ text: 'x:y', feedback: 'fb # ok', fraction: 1 });
  });

  it('general feedback ####, with its own format', () => {
    const { questions } = parseGift('Q?{=a ~b ####[html]<p>Because.</p>}');
    expect(questions[0]).toMatchObject({ generalfeedback: '<p>Because.</p>', generalfeedbackformat: 'html', questiontextformat: 'moodle' });
  });

  it('description (no braces) has mark 0; essay {} takes general feedback', () => {
    const { questions } = parseGift('::intro::Read the law first.\n\n::e::Explain.{####Model answer}');
    expect(questions.map((q) => [q.qtype, q.defaultmark, q.generalfeedback])).toEqual([
      ['description', 0, ''],
      ['essay', 1, 'Model answer'],
    ]);
  });

  it('$CATEGORY: applies to the questions after it', () => {
    const { questions, categories } = parseGift('Q0{T}\n\n$CATEGORY: $course$/top/宪法\n\nQ1{T}\n\n$CATEGORY: $course$/top/民法典/总则编\n\nQ2{F}');
    expect(categories.map((c) => c.category)).toEqual(['$course$/top/宪法', '$course$/top/民法典/总则编']);
    expect(questions.map((q) => q.category)).toEqual([undefined, '$course$/top/宪法', '$course$/top/民法典/总则编']);
  });

  it('tags and idnumber from comments (extract_idnumber_and_tags_from_comment)', () => {
    const { questions } = parseGift('// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion [tag:t\\]ag].\n::Question name:: How are you? {}');
    expect(questions[0]).toMatchObject({ idnumber: 'four', tags: ['basic', 'add', 't]ag'] });
    const split = parseGift("// Ceci n'est pas une [tag:\n// frog].\nQ{}");
    expect(split.questions[0].tags).toEqual([]);
  });

  it('Windows line endings, a UTF-8 BOM and old-Mac \\r files read the same', () => {
    const text = '// c\n::名称::题干{\n=对 # 好\n~错\n}\n\nQ2{T}\n';
    const base = parseGift(text).questions;
    expect(parseGift('\ufeff' + text.replace(/\n/g, '\r\n')).questions).toEqual(base);
    expect(parseGift(text.replace(/\n/g, '\r')).questions).toEqual(base);
    expect(base[0].name).toBe('名称');
  });

  it('Chinese text and full-width characters; PHP trim keeps the ideographic space U+3000', () => {
    const { questions } = parseGift('::宪法第一条::\u3000中华人民共和国是（　）领导的人民民主专政的社会主义国家。{\n=工人阶级＃全角井号不是反馈\n~农民阶级\n}');
    const q = questions[0];
    if (q.qtype !== 'multichoice') throw new Error(q.qtype);
    expect(q.questiontext).toBe('\u3000中华人民共和国是（　）领导的人民民主专政的社会主义国家。');
    expect(q.answers.map((a) => [a.text, a.feedback])).toEqual([
      ['工人阶级＃全角井号不是反馈', ''],
      ['农民阶级', ''],
    ]);
  });

  it('a long unnamed Chinese question is named by its first 77 characters and "..." (shorten_text)', () => {
    const text = '国'.repeat(100);
    const { questions } = parseGift(`${text}{T}`);
    expect(questions[0].name).toBe('国'.repeat(77) + '...');
  });

  it('weights become Moodle grade options: 33.333% → 0.3333333, 16.667% → 0.1666667', () => {
    const { questions, errors } = parseGift('Q{~%33.333%a ~%33.333%b ~%33.333%c ~%-16.667%d}');
    expect(errors).toEqual([]);
    const q = questions[0];
    if (q.qtype !== 'multichoice') throw new Error(q.qtype);
    expect(q.answers.map((a) => a.fraction)).toEqual([0.3333333, 0.3333333, 0.3333333, -0.1666667]);
  });

  it("a weight that is not a grade option skips the question with Moodle's invalidgrade message", () => {
    const r = parseGift('\n\nQ{~%35%a ~%65%b}');
    expect(r.questions).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 3, code: 'invalidgrade', moodleMessage: 'Grades (0.35, 0.65) do not match grade options - question skipped.' })]);
    expect(parseGift('Q{~%35%a ~%65%b}', { matchgrades: 'nearest' }).questions[0]).toMatchObject({ answers: [{ fraction: 0.3333333 }, { fraction: 0.6666667 }] });
  });

  it.each([
    ['Q {=a', 'braceerror', 'Could not find {...} around answers'],
    ['Q =a}', 'braceerror', 'Could not find {...} around answers'],
    ['Q {~only}', 'importminerror', 'There is an error in the question. There are not enough answers for this question type'],
    ['Q {=a->b}', 'importminerror', 'There is an error in the question. There are not enough answers for this question type'],
    ['Q {=a->b =c}', 'giftmatchingformat', 'Matching question answers are improperly formatted'],
    ['Q {#}', 'giftnonumericalanswers', 'No answers found for numerical question'],
    ['Q {#abc}', 'errornotnumbers', 'Error - answers must be numeric'],
    ['Q {#3:x}', 'errornotnumbers', 'Error - answers must be numeric'],
  ])('error: %s → %s', (text, code, moodleMessage) => {
    const r = parseGift(`// comment\n${text}\n\nGood{T}`);
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, code, moodleMessage })]);
    expect(r.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.questions.map((q) => q.questiontext)).toEqual(['Good']);
  });
});

describe('GIFT writer (qformat_gift::writequestion)', () => {
  it('writes what Moodle writes (test_export_multichoice, _truefalse, _numerical, _shortanswer, _match, _backslash)', () => {
    const mc = parseGift("::Q8::What's between orange and green in the spectrum?{=yellow#right; good! ~red#[html]wrong, it's yellow ~[plain]blue#wrong, it's yellow}").questions[0];
    expect(writeGiftQuestion(mc, 666)).toBe(
      "// question: 666  name: Q8\n::Q8::What's between orange and green in the spectrum?{\n\t=yellow#right; good!\n\t~red#[html]wrong, it's yellow\n\t~[plain]blue#wrong, it's yellow\n}\n",
    );
    const tf = parseGift('::Q1::42 is the Absolute Answer to everything.{TRUE#[html]42 is the Ultimate Answer.#You gave the right answer.}').questions[0];
    expect(writeGiftQuestion(tf, 666)).toBe('// question: 666  name: Q1\n::Q1::42 is the Absolute Answer to everything.{TRUE#[html]42 is the Ultimate Answer.#You gave the right answer.}\n');
    const num = parseGift('::Q5::What is a number from 1 to 5?{#3:2~#Completely wrong}').questions[0];
    expect(writeGiftQuestion(num, 666)).toBe('// question: 666  name: Q5\n::Q5::What is a number from 1 to 5?{#\n\t=%100%3:2#\n\t~#Completely wrong\n}\n');
    const sa = parseGift('::Shortanswer::Which is the best animal?{=Frog#Good! =%50%Cat#What is it with Moodlers and cats? =%0%*#Completely wrong ####[html]Here is some general feedback!}').questions[0];
    expect(writeGiftQuestion(sa, 666)).toBe(
      '// question: 666  name: Shortanswer\n::Shortanswer::Which is the best animal?{\n\t=%100%Frog#Good!\n\t=%50%Cat#What is it with Moodlers and cats?\n\t=%0%*#Completely wrong\n\t####[html]Here is some general feedback!\n}\n',
    );
    const essay = parseGift('::backslash::A \\\\ B \\\\\\\\ C{}').questions[0];
    expect(essay.questiontext).toBe('A \\ B \\\\ C');
    expect(writeGiftQuestion(essay, 666)).toBe('// question: 666  name: backslash\n::backslash::A \\\\ B \\\\\\\\ C{}\n');
  });

  it('writes tags and idnumber as a comment, and $CATEGORY when the category changes', () => {
    const { questions } = parseGift('$CATEGORY: $course$/top/A\n\n// [id:myid] [tag:tag1] [tag:tag2]\n::T::The answer is true.{TRUE}');
    const { text } = writeGift(questions);
    expect(text).toContain('$CATEGORY: $course$/top/A\n');
    expect(text).toContain('// [id:myid] [tag:tag1] [tag:tag2]\n::T::The answer is true.{TRUE}\n');
  });
});
