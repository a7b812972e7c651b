/** The columns the people import understands: field names, their labels, and the header names recognised for each. */

export type ImportField =
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'employeeNo'
  | 'phone'
  | 'unit'
  | 'dept'
  | 'title'
  | 'rank'
  | 'postCategory'
  | 'isPrincipalLeader'
  | 'isLawEnforcement'
  | 'status';

export const FIELD_LABELS: Record<ImportField, string> = {
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号',
  employeeNo: '工号',
  phone: '手机',
  unit: '单位',
  dept: '部门',
  title: '职务',
  rank: '职级',
  postCategory: '岗位类别',
  isPrincipalLeader: '是否党政主要负责人',
  isLawEnforcement: '是否行政执法人员',
  status: '状态',
};

/** Header names we recognise (after normaliseHeader). 'seq' (序号) is recognised and ignored. */
export const HEADER_SYNONYMS: Record<ImportField | 'seq', readonly string[]> = {
  seq: ['序号', '编码序号'],
  name: ['姓名', '名字'],
  gender: ['性别'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证'],
  employeeNo: ['工号', '登录名', '人员编号', '编号'],
  phone: ['手机', '手机号', '手机号码', '联系电话', '电话'],
  unit: ['单位', '工作单位', '所在单位', '单位名称'],
  dept: ['部门', '所在部门'],
  title: ['职务', '现任职务'],
  rank: ['职级', '级别', '职级层次'],
  postCategory: ['岗位类别', '岗位类型'],
  isPrincipalLeader: ['是否党政主要负责人', '党政主要负责人', '主要负责人', '是否主要负责人'],
  isLawEnforcement: ['是否行政执法人员', '行政执法人员', '执法人员', '是否执法人员'],
  status: ['状态', '人员状态', '在职状态'],
};

const HEADER_LOOKUP = new Map<string, ImportField | 'seq'>(
  Object.entries(HEADER_SYNONYMS).flatMap(([field, names]) => names.map((n) => [n, field as ImportField | 'seq'] as const)),
);

/**
 * "身份证号码＊", " 姓 名 ", "是否党政主要\n负责人（是/否）" → the bare name. Full-width letters and
 * punctuation become half-width (NFKC); whitespace, stars and bracketed hints go.
 */
export function normaliseHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[([【<][^)\]】>]*[)\]】>]/g, '')
    .replace(/[*:]/g, '');
}

export function headerField(raw: string): ImportField | 'seq' | null {
  return HEADER_LOOKUP.get(normaliseHeader(raw)) ?? null;
}
