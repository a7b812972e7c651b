import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../org/import/sheet';
import { EXAMPLE_MARK, parseDifficulty, parseLegalBasis, parseQuestionType, parseQuestionWorkbook, questionHeaderField, toChineseNumber } from './excel-sheet';
import { buildQuestionTemplate } from './excel-template';

async function workbook(rows: unknown[][], sheetName = '题目'): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  // round-trip through a real .xlsx so the parser sees what an upload gives
  return readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}

const HEAD = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '难度', '法律依据', '知识点', '分类'];

describe('the template', () => {
  it('parses to nothing but skipped examples, and every example is a valid question once unmarked', async () => {
    const buf = await buildQuestionTemplate();
    const wb = await readWorkbook(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['题目', '说明']);
    const parsed = parseQuestionWorkbook(wb);
    expect(parsed.exampleRowsSkipped).toBe(5);
    expect(parsed.rows).toEqual([]);
    expect(parsed.issues.map((i) => i.message)).toEqual([expect.stringContaining('没有题目')]);

    const ws = wb.getWorksheet('题目')!;
    for (let r = 2; r <= 6; r++) {
      const c = ws.getCell(r, 2);
      c.value = String(c.value).replace(EXAMPLE_MARK, '');
    }
    const unmarked = parseQuestionWorkbook(wb);
    expect(unmarked.issues).toEqual([]);
    expect(unmarked.rows.map((r) => r.content.type)).toEqual(['single', 'multiple', 'truefalse', 'fill', 'essay']);
    const fill = unmarked.rows[3].content;
    expect(fill.stem).toContain('{{1}}日内');
    expect(fill.type === 'fill' && fill.answer.blanks).toEqual([{ accepted: ['三十', '30'] }, { accepted: ['婚姻登记机关'] }]);
    expect(unmarked.rows[1].content.legalBasis).toHaveLength(3);
    expect(unmarked.rows[0].content.categoryPath).toEqual(['民法典', '婚姻家庭编']);
    const help = wb.getWorksheet('说明')!;
    const helpText = help.getSheetValues().flat().join('\n');
    expect(helpText).toContain('三十/30|民政部门');
    expect(helpText).toContain('难度系数');
  });
});

describe('parseQuestionWorkbook', () => {
  it('reads a sheet with header synonyms, a title row above the header and answer variants', async () => {
    const wb = await workbook([
      ['2026年度学法题库'],
      ['序号', '试题类型', '试题内容', 'A', 'B', 'C', 'D', '正确答案', '答案解析', '难度系数', '法条', '标签', '章节', '适用职级', '年度', '来源'],
      [1, '单项选择题', '宪法是（　）。', '根本法', '普通法', '', '', 'ａ', '宪法第五条', 0.9, '《宪法》第五条', '宪法地位、法律效力', '宪法', '县处级、乡科级', 2026, '自编'],
      [2, '多选', '哪些正确？', '甲', '乙', '丙', '', 'A，C', '', 0.3, '', '', '', '', '', ''],
      [3, '判断', '说法对吗？', '', '', '', '', '√', '', '', '', '', '', '', '', ''],
      [4, '是非题', '说法对吗？', '', '', '', '', true, '', '', '', '', '', '', '', ''],
      [5, '填空', '____年____月施行', '', '', '', '', '2021|1/一', '', '较难', '', '', '', '', '', ''],
    ]);
    const p = parseQuestionWorkbook(wb);
    expect(p.issues).toEqual([]);
    expect(p.headerRow).toBe(2);
    const [single, multiple, tf1, tf2, fill] = p.rows.map((r) => r.content);
    expect(single).toMatchObject({
      type: 'single',
      answer: { key: 'A' },
      difficulty: 1,
      legalBasis: [{ lawTitle: '宪法', articleLabel: '第五条' }],
      knowledgePoints: ['宪法地位', '法律效力'],
      suitableRanks: ['县处级', '乡科级'],
      yearAdded: 2026,
      source: '自编',
      explanationHtml: '宪法第五条',
    });
    expect(single.type === 'single' && single.options.map((o) => o.key)).toEqual(['A', 'B']);
    expect(multiple).toMatchObject({ answer: { keys: ['A', 'C'] }, difficulty: 4 });
    expect(tf1).toMatchObject({ answer: { value: true }, difficulty: 3 });
    expect(tf2).toMatchObject({ answer: { value: true } });
    expect(fill).toMatchObject({ stem: '{{1}}年{{2}}月施行', answer: { blanks: [{ accepted: ['2021'] }, { accepted: ['1', '一'] }] }, difficulty: 4 });
    expect(p.rows.map((r) => r.row)).toEqual([3, 4, 5, 6, 7]);
  });

  it('collects every issue in the file with row and column', async () => {
    const wb = await workbook([
      HEAD,
      ['连线题', '题1', '', '', '', '', 'A', '', '', '', '', ''],
      ['单选', '题2', '甲', '乙', '', '', 'E', '', '', '', '', ''],
      ['多选', '题3', '甲', '乙', '丙', '', 'B', '', '', '', '', ''],
      ['判断', '题4', '对', '错', '', '', '对', '', '', '', '', ''],
      ['填空', '（　）和（　）', '', '', '', '', '甲', '', '', '', '', ''],
      ['单选', '题6', '甲', '乙', '', '', 'A', '', 7, '', '', ''],
      ['单选', '', '甲', '乙', '', '', 'A', '', '', '', '', ''],
      ['单选', '题8', '甲', '', '丙', '', 'A', '', '', '', '', ''],
      ['判断', '题9', '', '', '', '', '也许', '', '', '', '', ''],
      ['单选', '题10', '甲', '乙', '', '', 'A', '', '', '这不是依据', '', ''],
      ['简答', '题11', '', '', '', '', '', '', '', '', '', ''],
      ['单选', '题12', '甲', '乙', '', '', 'A', '', '', '', '', ''],
    ]);
    const p = parseQuestionWorkbook(wb);
    const got = p.issues.map((i) => `${i.row} ${i.column.replace(/（.*/, '')} ${i.message}`);
    const expectOne = (row: number, col: string, text: string) =>
      expect(got.filter((g) => g.startsWith(`${row} ${col} `) && g.includes(text)), got.join('\n')).toHaveLength(1);
    expectOne(2, 'A', '题型“连线题”无法识别');
    expectOne(3, 'G', '答案E不在选项中');
    expectOne(4, 'G', '多选题至少要有两个正确选项');
    expectOne(5, 'C', '判断题不填选项');
    expectOne(6, 'G', '题干中有2个空');
    expectOne(7, 'I', '难度“7”无法识别');
    expectOne(8, 'B', '请填写题干');
    expectOne(9, 'D', '选项B是空的');
    expectOne(10, 'G', '判断题答案“也许”无法识别');
    expectOne(11, 'J', '法律依据“这不是依据”无法识别');
    expectOne(12, 'G', '请填写参考答案');
    expect(got).toHaveLength(11);
    expect(p.issues.every((i) => i.sheet === '题目')).toBe(true);
    expect(p.rows.map((r) => r.row)).toEqual([13]);
  });

  it('refuses a sheet without the required columns, or too many rows', async () => {
    const noHeader = parseQuestionWorkbook(await workbook([['姓名', '单位']]));
    expect(noHeader.issues[0].message).toContain('未找到表头');
    const noAnswer = parseQuestionWorkbook(await workbook([['题型', '题干'], ['单选', 'x']]));
    expect(noAnswer.issues[0].message).toContain('缺少“答案”列');
    const rows = Array.from({ length: 6 }, (_, i) => ['判断', `题${i}`, '', '', '', '', '对']);
    const tooMany = parseQuestionWorkbook(await workbook([HEAD, ...rows]), { maxRows: 5 });
    expect(tooMany.issues).toEqual([expect.objectContaining({ row: 1, message: expect.stringContaining('文件共有6道题，超过单次导入上限5道') })]);
    expect(tooMany.rows).toEqual([]);
  });

  it('parses 20,000 questions (time printed, not asserted)', async () => {
    const rows: unknown[][] = [HEAD];
    for (let i = 0; i < 20_000; i++) {
      const t = i % 4;
      if (t === 0) rows.push(['单选', `第${i}题：根据民法典，下列说法正确的是（\u3000）。`, `选项甲${i}`, `选项乙${i}`, '丙', '丁', 'B', `解析${i}`, 3, '民法典第1079条', '婚姻', '民法典/婚姻家庭编']);
      else if (t === 1) rows.push(['多选', `第${i}题：下列属于原则的有`, '平等', '自愿', '公平', '诚信', 'ABC', '', 2, '', '', '']);
      else if (t === 2) rows.push(['判断', `第${i}题：宪法是根本法。`, '', '', '', '', '正确', '', 1, '《宪法》', '', '']);
      else rows.push(['填空', `第${i}题：离婚冷静期为（\u3000）日。`, '', '', '', '', '三十/30', '', 3, '', '', '']);
    }
    const t0 = performance.now();
    const wb = await workbook(rows);
    const t1 = performance.now();
    const p = parseQuestionWorkbook(wb);
    const t2 = performance.now();
    console.log(`20,000-row question sheet: read .xlsx ${(t1 - t0).toFixed(0)} ms (incl. writing it), parse+validate ${(t2 - t1).toFixed(0)} ms`);
    expect(p.issues).toEqual([]);
    expect(p.rows).toHaveLength(20_000);
  }, 120_000);
});

describe('cell parsers', () => {
  it('question types and header synonyms', () => {
    expect(parseQuestionType('单项选择题')).toBe('single');
    expect(parseQuestionType(' 多选 ')).toBe('multiple');
    expect(parseQuestionType('不定项选择题')).toBe('multiple');
    expect(parseQuestionType('判断题')).toBe('truefalse');
    expect(parseQuestionType('论述题')).toBe('essay');
    expect(parseQuestionType('连线')).toBeNull();
    expect(questionHeaderField('题目')).toBe('stem');
    expect(questionHeaderField('参考答案*')).toBe('answer');
    expect(questionHeaderField('试题解析')).toBe('explanation');
    expect(questionHeaderField('难易程度')).toBe('difficulty');
    expect(questionHeaderField('依据')).toBe('legalBasis');
    expect(questionHeaderField('题库分类')).toBe('category');
    expect(questionHeaderField('选项ｃ')).toBe('optionC');
    expect(questionHeaderField('E')).toBe('optionE');
    expect(questionHeaderField('B选项')).toBe('optionB');
    expect(questionHeaderField('I')).toBeNull();
  });

  it('difficulty: levels, words and 难度系数 (facility, high = easy)', () => {
    const v = (x: string | number) => {
      const r = parseDifficulty(x);
      return r.ok ? r.value : null;
    };
    expect([1, 5, '3', '较难', '容易'].map(v)).toEqual([1, 5, 3, 4, 1]);
    expect([0.95, 0.8, 0.65, 0.5, 0.25, 0.1].map(v)).toEqual([1, 1, 2, 3, 4, 5]);
    expect([0, 6, 2.5, '很难', '-1'].map(v)).toEqual([null, null, null, null, null]);
  });

  it('parseLegalBasis', () => {
    expect(parseLegalBasis('《民法典》第一千零七十九条')).toEqual([{ lawTitle: '民法典', articleLabel: '第一千零七十九条' }]);
    expect(parseLegalBasis('民法典第1079条')).toEqual([{ lawTitle: '民法典', articleLabel: '第一千零七十九条' }]);
    expect(parseLegalBasis('根据《中华人民共和国宪法》第5条第2款的规定')).toEqual([{ lawTitle: '中华人民共和国宪法', articleLabel: '第五条第二款' }]);
    expect(parseLegalBasis('《宪法》第五条；《监察法》第三条')).toEqual([
      { lawTitle: '宪法', articleLabel: '第五条' },
      { lawTitle: '监察法', articleLabel: '第三条' },
    ]);
    expect(parseLegalBasis('民法典第1079条、第1080条')).toEqual([
      { lawTitle: '民法典', articleLabel: '第一千零七十九条' },
      { lawTitle: '民法典', articleLabel: '第一千零八十条' },
    ]);
    expect(parseLegalBasis('《行政处罚法》第三十三条之一')).toEqual([{ lawTitle: '行政处罚法', articleLabel: '第三十三条之一' }]);
    expect(parseLegalBasis('《宪法》')).toEqual([{ lawTitle: '宪法', articleLabel: '' }]);
    expect(parseLegalBasis('第五条')).toEqual([]);
  });

  it('toChineseNumber writes numbers as statutes do', () => {
    expect([1, 10, 11, 20, 100, 101, 110, 1079, 1260, 1000, 1005].map(toChineseNumber)).toEqual([
      '一', '十', '十一', '二十', '一百', '一百零一', '一百一十', '一千零七十九', '一千二百六十', '一千', '一千零五',
    ]);
  });
});
