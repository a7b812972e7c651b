import { z } from 'zod';
import { ID_NUMBER_PROBLEM_ZH, idNumberProblem, normaliseIdNumber } from './idcard';
import { CHINA_MOBILE_RE, GENDERS, PERSON_STATUSES } from './org';

/** Empty strings from forms and sheets mean "not given". */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字符`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const idNumberField = z
  .string()
  .transform((s) => normaliseIdNumber(s))
  .superRefine((s, ctx) => {
    if (s === '') return;
    const problem = idNumberProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_PROBLEM_ZH[problem] });
  })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

export const phoneField = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .refine((s) => s === '' || CHINA_MOBILE_RE.test(s), '手机号应为11位中国大陆手机号码')
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

export const personFields = {
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不能超过50个字符'),
  gender: z.enum(GENDERS, { message: '性别应为“男”或“女”' }).nullable().optional(),
  idNumber: idNumberField,
  employeeNo: optionalText(32, '工号').refine((s) => s == null || /^[A-Za-z0-9_.@-]+$/.test(s), '工号/登录名只能包含字母、数字和 _ . @ -'),
  phone: phoneField,
  unitId: z.number({ message: '请选择单位' }).int().positive('请选择单位'),
  title: optionalText(50, '职务'),
  rank: optionalText(20, '职级'),
  postCategory: optionalText(30, '岗位类别'),
  isPrincipalLeader: z.boolean().optional(),
  isLawEnforcement: z.boolean().optional(),
  status: z.enum(PERSON_STATUSES, { message: '状态应为 在职/调离/退休' }).optional(),
};

export const personCreateSchema = z
  .object(personFields)
  .refine((p) => p.idNumber || p.employeeNo, { message: '身份证号和工号至少填写一项', path: ['idNumber'] });

export const personUpdateSchema = z.object(personFields).partial();

export type PersonCreateInput = z.output<typeof personCreateSchema>;
export type PersonUpdateInput = z.output<typeof personUpdateSchema>;
