/** Form values ↔ API body for a person, and the client-side checks shared with the server. */
import { CHINA_MOBILE_RE } from '../../../../common/org';
import { ID_NUMBER_PROBLEM_ZH, idNumberProblem, normaliseIdNumber } from '../../../../common/idcard';
import type { Person, PersonInput } from '../../../types';

export interface PersonFormValues {
  name: string;
  gender?: string;
  idNumber?: string;
  employeeNo?: string;
  phone?: string;
  unitId?: number;
  title?: string;
  rank?: string;
  postCategory?: string;
  isPrincipalLeader: boolean;
  isLawEnforcement: boolean;
  status: string;
}

export const EMPLOYEE_NO_RE = /^[A-Za-z0-9_.@-]+$/;

export function normalisePhone(raw: string): string {
  return raw.trim().replace(/[\s-]/g, '').replace(/^\+?86/, '');
}

export function idNumberError(raw: string | undefined): string | null {
  if (!raw || !raw.trim()) return null;
  const p = idNumberProblem(normaliseIdNumber(raw));
  return p ? ID_NUMBER_PROBLEM_ZH[p] : null;
}

export function phoneError(raw: string | undefined): string | null {
  if (!raw || !raw.trim()) return null;
  return CHINA_MOBILE_RE.test(normalisePhone(raw)) ? null : '手机号应为11位中国大陆手机号码';
}

export function toFormValues(p: Person | null, defaultUnitId?: number): PersonFormValues {
  if (!p) return { name: '', unitId: defaultUnitId, isPrincipalLeader: false, isLawEnforcement: false, status: '在职' };
  return {
    name: p.name,
    gender: p.gender ?? undefined,
    idNumber: '',
    employeeNo: p.employeeNo ?? '',
    phone: p.phone ?? '',
    unitId: p.unitId,
    title: p.title ?? '',
    rank: p.rank ?? undefined,
    postCategory: p.postCategory ?? undefined,
    isPrincipalLeader: p.isPrincipalLeader,
    isLawEnforcement: p.isLawEnforcement,
    status: p.status,
  };
}

const text = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** On edit an empty 身份证号 means "keep the registered one", so it is left out. */
export function toInput(v: PersonFormValues, editing: boolean): PersonInput {
  const idNumber = v.idNumber && v.idNumber.trim() ? normaliseIdNumber(v.idNumber) : null;
  const body: PersonInput = {
    name: v.name.trim(),
    gender: v.gender ?? null,
    employeeNo: text(v.employeeNo),
    phone: v.phone && v.phone.trim() ? normalisePhone(v.phone) : null,
    unitId: v.unitId,
    title: text(v.title),
    rank: v.rank ?? null,
    postCategory: text(v.postCategory),
    isPrincipalLeader: v.isPrincipalLeader,
    isLawEnforcement: v.isLawEnforcement,
    status: v.status,
  };
  if (idNumber || !editing) body.idNumber = idNumber;
  return body;
}
