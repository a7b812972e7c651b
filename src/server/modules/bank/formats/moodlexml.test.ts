import { describe, expect, it } from 'vitest';
import { parseMoodleXml, writeMoodleXml } from './moodlexml.js';
import { readLocalFixture, withoutLine } from './fixtures.js';

describe('Moodle XML: reading', () => {
  const r = parseMoodleXml(readLocalFixture('sample.moodle.xml'));
  const [mc, multi, tf, sa, num, match, essay, desc] = r.questions;

  it('reads every question and both category switches', () => {
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.questions.map((q) => [q.qtype, q.name, q.category])).toEqual([
      ['multichoice', '国家根本制度', '$course$/top/Default for 宪法学习/第一章 总纲'],
      ['multichoice', '多选：国家机构', '$course$/top/Default for 宪法学习/第一章 总纲'],
      ['truefalse', '宪法宣誓', '$course$/top/Default for 宪法学习/第一章 总纲'],
      ['shortanswer', '任期', '$course$/top/Default for 宪法学习/第三章 国家机构'],
      ['numerical', '选举年龄', '$course$/top/Default for 宪法学习/第三章 国家机构'],
      ['match', '机关与职权', '$course$/top/Default for 宪法学习/第三章 国家机构'],
      ['essay', '论述：依宪治国', '$course$/top/Default for 宪法学习/第三章 国家机构'],
      ['description', '说明', '$course$/top/Default for 宪法学习/第三章 国家机构'],
    ]);
    expect(r.categories).toEqual([
      { category: '$course$/top/Default for 宪法学习/第一章 总纲', info: '<p>宪法第一章</p>', infoformat: 'html', idnumber: 'xf-1', line: 4 },
      // An <info> without format attribute would be html; no <info> at all is an empty moodle-format text.
      { category: '$course$/top/Default for 宪法学习/第三章 国家机构', info: '', infoformat: 'moodle', line: 144 },
    ]);
  });

  it('multichoice: CDATA text, formats, combined feedback, tags, idnumber', () => {
    expect(mc).toMatchObject({
      questiontext: '<p>根据《宪法》第一条，<b>社会主义制度</b>是中华人民共和国的（　）。</p>',
      questiontextformat: 'html',
      generalfeedback: '<p>《宪法》第一条第二款。</p>',
      idnumber: 'xf-0001',
      tags: ['宪法', '第一条'],
      single: true,
      shuffleanswers: true,
      answernumbering: 'ABCD',
      showstandardinstruction: false,
      correctfeedback: { text: '你答对了。', format: 'html' },
      shownumcorrect: true,
    });
    if (mc.qtype !== 'multichoice') throw new Error();
    expect(mc.answers).toEqual([
      { text: '根本制度', format: 'html', fraction: 1, feedback: '正确。', feedbackformat: 'html' },
      { text: '基本制度', format: 'html', fraction: 0, feedback: '', feedbackformat: 'html' },
      { text: '重要制度 & 其他', format: 'plain', fraction: 0, feedback: '', feedbackformat: 'html' },
    ]);
  });

  it('multiple response: fractions to Moodle\'s 7 decimals, defaultgrade, no tags', () => {
    expect(multi).toMatchObject({ single: false, shuffleanswers: false, defaultmark: 2, tags: [], shownumcorrect: false, questiontextformat: 'moodle' });
    expect(multi).not.toHaveProperty('idnumber');
    if (multi.qtype !== 'multichoice') throw new Error();
    expect(multi.answers.map((a) => a.fraction)).toEqual([0.3333333, 0.3333333, 0.3333333, -1]);
    expect(multi.answers[3].feedback).toBe('工会是群众组织。');
  });

  it('true/false, short answer, numerical', () => {
    expect(tf).toMatchObject({ correctanswer: true, penalty: 1, feedbacktrue: { text: '正确。', format: 'html' }, feedbackfalse: { text: '应当宣誓。', format: 'html' } });
    expect(sa).toMatchObject({ usecase: false, answers: [{ text: '五', fraction: 1, format: 'plain' }, { text: '5', fraction: 1 }] });
    expect(num).toMatchObject({
      answers: [
        { text: '18', fraction: 1, tolerance: 0, feedback: '《宪法》第三十四条。' },
        { text: '*', fraction: 0, tolerance: 0, feedback: '不对。' },
      ],
      units: [],
      unitpenalty: 0.1,
      showunits: 3,
    });
  });

  it('matching drops a pair blank on both sides only; essay options; description with a file', () => {
    if (match.qtype !== 'match') throw new Error();
    expect(match.subquestions).toEqual([
      { questiontext: '<p>全国人大</p>', questiontextformat: 'html', answertext: '修改宪法' },
      { questiontext: '全国人大常委会', questiontextformat: 'html', answertext: '解释宪法' },
      { questiontext: '', questiontextformat: 'html', answertext: '干扰项' },
    ]);
    expect(essay).toMatchObject({
      defaultmark: 10,
      penalty: 0,
      responseformat: 'editor',
      responserequired: true,
      responsefieldlines: 15,
      minwordlimit: 200,
      maxbytes: 0,
      graderinfo: { text: '<p>要点：宪法是国家的根本法……]]>（评分细则）</p>', format: 'html' },
    });
    expect(essay).not.toHaveProperty('maxwordlimit');
    expect(desc).toMatchObject({ defaultmark: 0, files: [{ area: 'questiontext', name: 'seal.png', path: '/', content: 'iVBORw0KGgo=' }] });
  });

  it('round trip: parse(write(parse(x))) equals parse(x), categories included', () => {
    const again = parseMoodleXml(writeMoodleXml(r.questions, { categories: r.categories }));
    expect(again.errors).toEqual([]);
    expect(withoutLine(again.questions)).toEqual(withoutLine(r.questions));
    expect(withoutLine(again.categories)).toEqual(withoutLine(r.categories));
  });
});

describe('Moodle XML: errors', () => {
  it('malformed XML is reported with its line', () => {
    const r = parseMoodleXml('<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n<name><text>x</text></name>\n</quiz>');
    expect(r.errors).toEqual([expect.objectContaining({ line: 5, code: 'xmlparseerror' })]);
  });

  it('missing name, unsupported type, HTML outside CDATA and bad grades skip only that question', () => {
    const xml = `<quiz>
<question type="truefalse"><questiontext><text>No name</text></questiontext><answer fraction="100"><text>true</text></answer></question>
<question type="calculated"><name><text>calc</text></name></question>
<question type="essay"><name><text>raw html</text></name><questiontext format="html"><text><p>x</p></text></questiontext></question>
<question type="shortanswer"><name><text>bad grade</text></name><questiontext><text>Q</text></questiontext><answer fraction="35"><text>a</text></answer></question>
<question type="truefalse"><name><text>ok</text></name><questiontext><text>Fine</text></questiontext><answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer></question>
</quiz>`;
    const r = parseMoodleXml(xml);
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'xmlimportnoname'],
      [3, 'xmltypeunsupported'],
      [4, 'invalidxml'],
      [5, 'invalidgrade'],
    ]);
    expect(r.questions).toEqual([expect.objectContaining({ name: 'ok', correctanswer: false, questiontextformat: 'html' })]);
  });

  it('old true/false files with localised answer texts: assumed true then false, with Moodle\'s warning', () => {
    const r = parseMoodleXml('<quiz><question type="truefalse"><name><text>t</text></name><questiontext><text>T?</text></questiontext><answer fraction="100"><text>对</text></answer><answer fraction="0"><text>错</text></answer></question></quiz>');
    expect(r.questions[0]).toMatchObject({ correctanswer: true });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'truefalseimporterror' })]);
  });
});
