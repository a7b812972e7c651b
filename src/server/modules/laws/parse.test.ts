import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleBooks, LawParseError, numberingWarnings, parseLaw, shortTitleOf, type ParsedLaw } from './parse';

const DIR = path.resolve(import.meta.dirname, '../../../../resources/laws');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');
const read = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8');

function parseError(text: string): LawParseError {
  try {
    parseLaw(text);
  } catch (e) {
    if (e instanceof LawParseError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

/** Base numbers run 1…n without gaps; 之n articles sit right after their base. */
function expectContiguous(law: ParsedLaw) {
  let expected = 1;
  for (const a of law.articles) {
    if (a.suffix === 0) expect(a.no, `${law.title} ${a.label}`).toBe(expected++);
  }
  expect(numberingWarnings(law)).toEqual([]);
}

describe('parseLaw on the shipped texts', () => {
  it('宪法: 143 articles, the preamble, 4 chapters, amendment history', () => {
    const law = parseLaw(read('宪法_宪法.md'));
    expect(law.title).toBe('中华人民共和国宪法');
    expect(law.articles).toHaveLength(143);
    expect(law.preamble).toMatch(/^中国是世界上历史最悠久的国家之一/);
    expect(law.preamble).not.toContain('FORCE BREAK');
    expect(law.nodes.filter((n) => n.kind === '章').map((n) => n.label)).toEqual(['第一章', '第二章', '第三章', '第四章']);
    expect(law.history[0]).toMatchObject({ date: '1982-12-04', kind: 'adopted' });
    expect(law.versionDate).toBe('2018-03-11');
    const a62 = law.articles.find((a) => a.no === 62)!;
    expect(a62.path.map((i) => law.nodes[i].label)).toEqual(['第三章', '第一节']);
    expectContiguous(law);
  });

  it('民法典: 8 files make one law of 1,260 articles in 7 编 + 附则, 总则 1–204', () => {
    const parts = files.filter((f) => f.startsWith('民法典_')).map((f) => parseLaw(read(f)));
    expect(parts).toHaveLength(8);
    const code = assembleBooks(parts);
    expect(code.title).toBe('中华人民共和国民法典');
    expect(shortTitleOf(code.title)).toBe('民法典');
    expect(code.articles).toHaveLength(1260);
    const tops = code.nodes.filter((n) => n.parentIndex === null);
    expect(tops.map((n) => `${n.label}${n.title}`)).toEqual(['第一编总则', '第二编物权', '第三编合同', '第四编人格权', '第五编婚姻家庭', '第六编继承', '第七编侵权责任', '附则']);
    const inBook = (i: number) => code.articles.filter((a) => a.path[0] === tops[i].index).map((a) => a.no);
    expect(inBook(0)[0]).toBe(1);
    expect(inBook(0).at(-1)).toBe(204);
    expect(inBook(7)).toEqual([1259, 1260]);
    expect(code.articles.at(-1)!.label).toBe('第一千二百六十条');
    // 物权编 has 分编 → 章 → 节 under the book
    const a224 = code.articles.find((a) => a.no === 224)!;
    expect(a224.path.map((i) => code.nodes[i].kind)).toEqual(['编', '分编', '章', '节']);
    expect(code.nodes.find((n) => n.kind === '分编' && n.title === '准合同')).toBeTruthy();
    expectContiguous(code);
  });

  it('刑法 keeps its 之一 articles as suffixes after their base article', () => {
    const law = parseLaw(read('刑法_刑法.md'));
    const a = law.articles.find((x) => x.no === 133 && x.suffix === 1)!;
    expect(a.label).toBe('第一百三十三条之一');
    expect(a.text).toMatch(/^在道路上驾驶机动车/);
    expect(law.articles.filter((x) => x.suffix === 0)).toHaveLength(452);
    expect(law.articles.filter((x) => x.suffix > 0).length).toBeGreaterThan(40);
    expect(law.appendix).toMatch(/^附件一/);
    expectContiguous(law);
  });

  it.each(files.filter((f) => !f.startsWith('民法典_')))('%s parses with contiguous article numbers', (f) => {
    const law = parseLaw(read(f));
    expect(law.articles.length).toBeGreaterThan(30);
    expect(law.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expectContiguous(law);
  });

  it('刑事诉讼法: the source slip “第一百二十八 条侦查…” and a heading broken over two lines are repaired, with warnings', () => {
    const law = parseLaw(read('诉讼与非诉讼程序法_刑事诉讼法(2018-10-26).md'));
    expect(law.articles.find((a) => a.no === 128)!.text).toMatch(/^侦查人员/);
    expect(law.nodes.some((n) => n.title === '犯罪嫌疑人、被告人逃匿、死亡案件违法所得的没收程序')).toBe(true);
    expect(law.warnings.map((w) => w.line)).toEqual([639, 1455]);
  });
});

describe('parseLaw on uploads', () => {
  it('plain text: title line, history, headings without #, multi-paragraph articles, CRLF', () => {
    const text = [
      '某市文明行为促进条例',
      '（2022年3月1日某市人民代表大会常务委员会通过）',
      '第一章 总 则',
      '第一条 为了促进文明行为，制定本条例。',
      '第二条 本条例适用于本市。',
      '本条例所称文明行为，是指……',
      '第二章 附则',
      '第三条 本条例自2022年5月1日起施行。',
    ].join('\r\n');
    const law = parseLaw(text);
    expect(law.title).toBe('某市文明行为促进条例');
    expect(law.versionDate).toBe('2022-03-01');
    expect(law.nodes.map((n) => `${n.label}/${n.title}`)).toEqual(['第一章/总则', '第二章/附则']);
    expect(law.articles.map((a) => a.no)).toEqual([1, 2, 3]);
    expect(law.articles[1].text).toBe('本条例适用于本市。\n本条例所称文明行为，是指……');
    expect(law.articles[2].path).toEqual([1]);
  });

  it('plain text with only 第X条 lines takes the title from the options', () => {
    const law = parseLaw('第一条 甲。\n第二条 乙。\n', { title: '某办法' });
    expect(law.title).toBe('某办法');
    expect(law.nodes).toEqual([]);
    expect(law.articles.map((a) => a.nodeIndex)).toEqual([null, null]);
  });

  it('a gap in the numbering is a warning with the line', () => {
    const law = parseLaw('# 某法\n\n第一条 甲。\n\n第三条 丙。\n');
    expect(numberingWarnings(law)).toEqual([{ line: 5, message: '条号不连续：第一条之后是第三条' }]);
  });

  it('no articles → a Chinese error', () => {
    const e = parseError('# 某法\n\n这里没有条文。\n');
    expect(e.issues).toEqual([{ line: 0, message: '未找到任何条文：条文应为以“第一条”等开头的段落' }]);
  });

  it('duplicate and out-of-order article numbers → errors with line numbers', () => {
    const e = parseError('# 某法\n第一条 甲。\n第二条 乙。\n第二条 又一个乙。\n第一条之二 错位。\n');
    expect(e.issues).toEqual([
      { line: 4, message: '条号重复：第二条（第3行已出现）' },
      { line: 5, message: '第一条之二的位置不对：应紧跟在第一条之一之后（前一条是第二条）' },
    ]);
    expect(e.message).toContain('第4行：条号重复');
  });

  it('an empty article and a malformed numeral are errors', () => {
    const e = parseError('# 某法\n第一条\n第十十条 乙。\n');
    expect(e.issues.map((i) => i.line)).toEqual([2, 3]);
    expect(e.issues[1].message).toMatch(/无法识别/);
  });

  it('binary garbage is refused as a whole', () => {
    const e = parseError('PK\u0003\u0004\u0000\u0000garbage');
    expect(e.issues[0].message).toMatch(/不是可识别的文本/);
  });

  it('a file without a title and without a title option is refused', () => {
    const e = parseError('第一条 甲。');
    expect(e.issues[0]).toEqual({ line: 1, message: '缺少法规标题（首行应为“# 法规名称”）' });
  });
});
