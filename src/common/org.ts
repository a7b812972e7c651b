/** Domain vocabularies shared by server and web. */

export const ROLES = ['admin', 'organiser', 'unit_admin', 'reviewer', 'member'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_ZH: Record<Role, string> = {
  admin: '系统管理员',
  organiser: '考评办',
  unit_admin: '单位管理员',
  reviewer: '评议人',
  member: '学员',
};

export const RANKS = ['省部级', '厅局级', '县处级', '乡科级', '一般干部', '其他'] as const;
export type Rank = (typeof RANKS)[number];

export const PERSON_STATUSES = ['在职', '调离', '退休'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

/** Suggested 岗位类别; the field is free text because every organisation has its own list. */
export const POST_CATEGORIES = ['综合管理', '行政执法', '司法', '专业技术', '其他'] as const;

export const MAX_UNIT_DEPTH = 8;
export const MAX_PAGE_SIZE = 200;

/** 等保 2.0 password rule: ≥ 8 characters and at least 3 of the 4 character classes. */
export function passwordProblems(pw: string): string[] {
  const problems: string[] = [];
  if (pw.length < 8) problems.push('密码至少8位');
  if (pw.length > 128) problems.push('密码不能超过128位');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、特殊符号中的至少3类');
  return problems;
}

export const CHINA_MOBILE_RE = /^1[3-9]\d{9}$/;

export type AssignableRole = Exclude<Role, 'member'>;

/** A unit as the API returns it (GET /api/units). */
export interface UnitView {
  id: number;
  parentId: number | null;
  name: string;
  /** materialised path of ids, e.g. "/1/4/9/" */
  path: string;
  depth: number;
  sortOrder: number;
  disabled: boolean;
  /** 在职 people directly in this unit */
  peopleCount: number;
  /** 在职 people in this unit and every unit below it */
  totalPeople: number;
}

export interface PersonRoleView {
  role: AssignableRole;
  unitId: number | null;
  unitName: string | null;
}

/** A person as the API returns it: 身份证号 only masked, never the ciphertext or hash. */
export interface PersonView {
  id: number;
  name: string;
  gender: string | null;
  idNumberMasked: string | null;
  employeeNo: string | null;
  phone: string | null;
  unitId: number;
  unitName: string;
  unitPathNames: string[];
  title: string | null;
  rank: string | null;
  postCategory: string | null;
  isPrincipalLeader: boolean;
  isLawEnforcement: boolean;
  status: string;
  roles: PersonRoleView[];
  hasPassword: boolean;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
}
