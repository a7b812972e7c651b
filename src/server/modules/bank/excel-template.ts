/** The downloadable question-import template: sheet 题目 (headers + an example row per type) and 说明. */
import ExcelJS from 'exceljs';
import { OPTION_KEYS, QUESTION_TYPE_ZH, QUESTION_TYPES, type QuestionType } from '../../../common/bank';
import { RANKS } from '../../../common/org';
import { ANSWER_FORMAT_HELP } from './answers';
import { EXAMPLE_MARK, QUESTION_HEADER_SEARCH_ROWS, QUESTION_HEADER_SYNONYMS, QUESTION_IMPORT_MAX_ROWS } from './excel-sheet';

export const TEMPLATE_HEADERS = [
  '题型*',
  '题干*',
  ...OPTION_KEYS.map((k) => `选项${k}`),
  '答案*',
  '解析',
  '难度',
  '法律依据',
  '知识点',
  '分类',
  '适用职级',
  '年度',
  '来源',
] as const;

type Example = { type: QuestionType; stem: string; options?: string[]; answer: string; explanation: string; difficulty: number; basis: string; kp: string; category: string };

const EXAMPLES: Example[] = [
  {
    type: 'single',
    stem: '夫妻一方要求离婚的，可以由有关组织进行调解或者直接向（　）提起离婚诉讼。',
    options: ['人民法院', '人民检察院', '公安机关', '民政部门'],
    answer: 'A',
    explanation: '《民法典》第一千零七十九条第一款。',
    difficulty: 2,
    basis: '《民法典》第一千零七十九条',
    kp: '离婚诉讼',
    category: '民法典/婚姻家庭编',
  },
  {
    type: 'multiple',
    stem: '下列属于民事主体从事民事活动应当遵循的原则有（　）。',
    options: ['平等', '自愿', '公平', '垄断'],
    answer: 'A、B、C',
    explanation: '《民法典》第四条至第六条。',
    difficulty: 2,
    basis: '《民法典》第四条；《民法典》第五条；《民法典》第六条',
    kp: '基本原则',
    category: '民法典/总则编',
  },
  {
    type: 'truefalse',
    stem: '宪法是国家的根本法，具有最高的法律效力。',
    answer: '正确',
    explanation: '见宪法序言最后一段。',
    difficulty: 1,
    basis: '《宪法》',
    kp: '宪法地位',
    category: '宪法',
  },
  {
    type: 'fill',
    stem: '自婚姻登记机关收到离婚登记申请之日起（　）日内，任何一方不愿意离婚的，可以向（　）撤回离婚登记申请。',
    answer: '三十/30|婚姻登记机关',
    explanation: '离婚冷静期。',
    difficulty: 3,
    basis: '民法典第1077条',
    kp: '离婚冷静期',
    category: '民法典/婚姻家庭编',
  },
  {
    type: 'essay',
    stem: '简述全面依法治国的总目标。',
    answer: '建设中国特色社会主义法治体系，建设社会主义法治国家。',
    explanation: '评分要点：法治体系（5分）；法治国家（5分）。',
    difficulty: 4,
    basis: '',
    kp: '习近平法治思想',
    category: '习近平法治思想',
  },
];

const HELP_COLUMNS: { header: string; required: string; rule: string; synonyms: string }[] = [
  {
    header: '题型',
    required: '必填',
    rule: `${QUESTION_TYPES.map((t) => QUESTION_TYPE_ZH[t]).join('、')}（也可写 单选、单项选择题、多项选择题、不定项选择题、是非题、问答题、论述题 等）`,
    synonyms: QUESTION_HEADER_SYNONYMS.type.join('、'),
  },
  {
    header: '题干',
    required: '必填',
    rule: '题目内容，可换行。填空题的每个空写成“（　）”或“____”（3个及以上下划线），导入后按顺序编号为第1、2…空',
    synonyms: QUESTION_HEADER_SYNONYMS.stem.join('、'),
  },
  { header: '选项A–选项H', required: '选择题必填', rule: '单选、多选题2–8个选项，从A起连续填写；判断、填空、简答题不填', synonyms: 'A、B…（单独一个字母）、A选项' },
  ...QUESTION_TYPES.map((t) => ({ header: `答案（${QUESTION_TYPE_ZH[t]}）`, required: '必填', rule: ANSWER_FORMAT_HELP[t], synonyms: QUESTION_HEADER_SYNONYMS.answer.join('、') })),
  { header: '解析', required: '', rule: '答案解析，可换行', synonyms: QUESTION_HEADER_SYNONYMS.explanation.join('、') },
  {
    header: '难度',
    required: '',
    rule: '1–5的整数（1最易，5最难），或 容易/较易/中等/较难/困难；不填视为3。也可填0–1之间的难度系数（得分率，越大越容易）：≥0.8→1，≥0.6→2，≥0.4→3，≥0.2→4，其余→5',
    synonyms: QUESTION_HEADER_SYNONYMS.difficulty.join('、'),
  },
  {
    header: '法律依据',
    required: '',
    rule: '写成“《法律名称》第X条”，如《民法典》第一千零七十九条、民法典第1079条、《宪法》第五条第二款；多条用“；”分隔，同一法律的几条可写“民法典第1079条、第1080条”',
    synonyms: QUESTION_HEADER_SYNONYMS.legalBasis.join('、'),
  },
  { header: '知识点', required: '', rule: '多个用“、”或“，”分隔', synonyms: QUESTION_HEADER_SYNONYMS.knowledgePoints.join('、') },
  { header: '分类', required: '', rule: '题库分类路径，各级之间用“/”分隔，如 民法典/婚姻家庭编', synonyms: QUESTION_HEADER_SYNONYMS.category.join('、') },
  { header: '适用职级', required: '', rule: `只能填：${RANKS.join('、')}；多个用“、”分隔；不填表示适用所有职级`, synonyms: QUESTION_HEADER_SYNONYMS.ranks.join('、') },
  { header: '年度', required: '', rule: '入库年度，4位年份，如 2026', synonyms: QUESTION_HEADER_SYNONYMS.year.join('、') },
  { header: '来源', required: '', rule: '如 2025年度考试题、自编', synonyms: QUESTION_HEADER_SYNONYMS.source.join('、') },
];

const RULES = [
  '1. 整个文件先全部校验，有任何错误都不会导入；错误会列出工作表、行号和列。',
  `2. 表头可以不在第1行（系统在前${QUESTION_HEADER_SEARCH_ROWS}行中查找含“题干”的表头行），列的顺序不限，无法识别的列会被忽略。使用第一个有表头的工作表。`,
  `3. 题干以“${EXAMPLE_MARK}”开头的示例行导入时自动跳过，可以直接删除。空行会被跳过。`,
  `4. 一次最多导入${QUESTION_IMPORT_MAX_ROWS}道题，仅支持 .xlsx 格式（.xls 请先另存为 .xlsx）。`,
  '5. 导入的题目进入“草稿”，与题库中已有题目高度相似的会在预览中标出。',
];

export async function buildQuestionTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('题目', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_HEADERS.map((h) => ({ header: h, width: h.startsWith('题干') ? 50 : h.startsWith('选项') ? 16 : 14 }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    if (String(cell.value).endsWith('*')) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  for (const e of EXAMPLES) {
    const opts = OPTION_KEYS.map((_k, i) => e.options?.[i] ?? '');
    const r = ws.addRow([QUESTION_TYPE_ZH[e.type], EXAMPLE_MARK + e.stem, ...opts, e.answer, e.explanation, e.difficulty, e.basis, e.kp, e.category, '', '', '']);
    r.font = { italic: true, color: { argb: 'FF808080' } };
  }
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  // Answers like "1" or "A,C" must stay text.
  ws.getColumn(TEMPLATE_HEADERS.indexOf('答案*') + 1).numFmt = '@';
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  validations.add('A2:A20001', {
    type: 'list',
    allowBlank: true,
    formulae: [`"${QUESTION_TYPES.map((t) => QUESTION_TYPE_ZH[t]).join(',')}"`],
    showErrorMessage: false,
  });

  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 18 },
    { header: '必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'rule', width: 80 },
    { header: '也能识别的列名', key: 'synonyms', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  for (const h of HELP_COLUMNS) help.addRow(h);
  help.addRow([]);
  for (const text of RULES) {
    const r = help.addRow([text]);
    help.mergeCells(r.number, 1, r.number, 4);
  }
  help.eachRow((r) => r.eachCell((c) => (c.alignment = { wrapText: true, vertical: 'top' })));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
