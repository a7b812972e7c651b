/**
 * 集体学法 and 讲法 records: request/response shapes shared by server and web.
 *
 *   GET    /api/activities?category&kind&year&unitId&status&q&page&pageSize → Paged<ActivityListItem>
 *   GET    /api/activities/export.xlsx?(same filters)                        → .xlsx
 *   POST   /api/activities                activityInputSchema                → ActivityDetail
 *   GET    /api/activities/:id                                               → ActivityDetail
 *   PUT    /api/activities/:id            activityInputSchema                → ActivityDetail
 *   DELETE /api/activities/:id                                               → { ok: true }
 *   GET    /api/activities/:id/attendance                                    → { items: AttendanceRow[] }
 *   GET    /api/activities/:id/attendance.xlsx                               → 签到表 .xlsx
 *   PUT    /api/activities/:id/attendance {personIds}                        → AttendanceChange
 *   POST   /api/activities/:id/attendance/import?dryRun=1  multipart file    → AttendanceImportPreview
 *   DELETE /api/activities/:id/attendance/:personId                          → { ok: true }
 *   GET    /api/activities/:id/candidates?q&page&pageSize                    → Paged<AttendanceCandidate>
 *   GET    /api/activities/attendance-template.xlsx                          → template
 *   POST   /api/activities/:id/sign-in-code {opensAt?, closesAt?}            → SignInState
 *   DELETE /api/activities/:id/sign-in-code                                  → SignInState
 *   GET    /api/sign/:code                                                   → SignInfo (members)
 *   POST   /api/sign/:code                                                   → SignInfo
 *   GET    /api/my/activities?year                                           → { attended: MyActivity[]; gave: MyActivity[] }
 */
import { z } from 'zod';
import type { ImportIssue } from './errors';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, LECTURE_KINDS, STUDY_KINDS, type ActivityCategory, type ActivityStatus, type AttendanceSource } from './learning';

export const ACTIVITY_CATEGORY_ZH: Record<ActivityCategory, string> = { study: '集体学法', lecture: '讲法活动' };

export function kindsOf(category: ActivityCategory): readonly string[] {
  return category === 'study' ? STUDY_KINDS : LECTURE_KINDS;
}

export const ACTIVITY_MIN_MINUTES = 10;
export const ACTIVITY_MAX_MINUTES = 1440;

const id = (label: string) => z.number({ message: `${label}应为编号` }).int(`${label}应为编号`).positive(`${label}应为编号`);
const dateTime = (label: string) => z.iso.datetime({ offset: true, message: `${label}应为日期时间` });
const optText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字符`)
    .nullish()
    .transform((v) => (v ? v : null));

export const activityLawSchema = z.object({
  lawId: id('法规').nullish().transform((v) => v ?? null),
  title: z.string({ message: '请填写法规名称' }).trim().min(1, '请填写法规名称').max(200, '法规名称不能超过200个字符'),
  articles: optText('条款', 500),
});

export const activityInputSchema = z
  .object({
    category: z.enum(ACTIVITY_CATEGORIES, { message: '类别应为集体学法或讲法' }),
    kind: z.string({ message: '请选择形式' }).trim().min(1, '请选择形式'),
    title: z.string({ message: '请填写主题' }).trim().min(1, '请填写主题').max(200, '主题不能超过200个字符'),
    startsAt: dateTime('开始时间'),
    durationMinutes: z
      .number({ message: '时长应为分钟数' })
      .int('时长应为整数分钟')
      .min(ACTIVITY_MIN_MINUTES, `时长至少${ACTIVITY_MIN_MINUTES}分钟`)
      .max(ACTIVITY_MAX_MINUTES, `时长不能超过${ACTIVITY_MAX_MINUTES}分钟`),
    hostUnitId: id('主办单位'),
    presenter: optText('主讲/领学人', 100),
    speakerPersonId: id('主讲人').nullish().transform((v) => v ?? null),
    lecturerId: id('师资库讲师').nullish().transform((v) => v ?? null),
    audienceUnitIds: z.array(id('参加单位'), { message: '参加单位应为列表' }).max(500, '参加单位最多500个').default([]),
    audienceSize: z.number({ message: '参加人数应为数字' }).int('参加人数应为整数').min(0, '参加人数不能为负').max(100000, '参加人数过大').nullish().transform((v) => v ?? null),
    laws: z.array(activityLawSchema, { message: '法规应为列表' }).max(50, '法规最多50项').default([]),
    location: optText('地点', 200),
    summary: optText('内容摘要', 5000),
    fileIds: z.array(id('附件'), { message: '附件应为列表' }).max(20, '附件最多20个').default([]),
    status: z.enum(ACTIVITY_STATUSES, { message: '状态应为已安排、已举行或已取消' }).optional(),
  })
  .superRefine((a, ctx) => {
    if (!kindsOf(a.category).includes(a.kind)) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `${ACTIVITY_CATEGORY_ZH[a.category]}的形式应为：${kindsOf(a.category).join('、')}` });
    }
    if (new Set(a.audienceUnitIds).size !== a.audienceUnitIds.length) ctx.addIssue({ code: 'custom', path: ['audienceUnitIds'], message: '参加单位有重复' });
    if (new Set(a.fileIds).size !== a.fileIds.length) ctx.addIssue({ code: 'custom', path: ['fileIds'], message: '附件有重复' });
    if (a.category === 'study' && a.lecturerId !== null) ctx.addIssue({ code: 'custom', path: ['lecturerId'], message: '集体学法不选择师资库讲师' });
  });
export type ActivityInput = z.output<typeof activityInputSchema>;
export type ActivityInputRaw = z.input<typeof activityInputSchema>;

export const MAX_PAGE_SIZE = 200;
const page = {
  page: z.coerce.number().int().min(1, '页码应为正整数').default(1),
  pageSize: z.coerce.number().int().min(1, '每页条数应为正整数').max(MAX_PAGE_SIZE, `每页最多${MAX_PAGE_SIZE}条`).default(20),
};

export const activityListQuery = z.object({
  category: z.enum(ACTIVITY_CATEGORIES, { message: '类别应为 study 或 lecture' }).optional(),
  kind: z.string().trim().max(20, '形式无效').optional(),
  year: z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度无效').max(2100, '年度无效').optional(),
  unitId: z.coerce.number({ message: '单位应为编号' }).int('单位应为编号').positive('单位应为编号').optional(),
  status: z.enum(ACTIVITY_STATUSES, { message: '状态无效' }).optional(),
  q: z.string().trim().max(100, '关键词不能超过100个字符').optional(),
  ...page,
});
export type ActivityListQuery = z.output<typeof activityListQuery>;

export const candidateQuery = z.object({
  q: z.string().trim().max(50, '关键词不能超过50个字符').optional(),
  ...page,
});

export const attendanceSetSchema = z.object({
  personIds: z.array(id('人员'), { message: 'personIds 应为人员编号列表' }).max(20000, '一次最多20000人'),
});

export const signInWindowSchema = z
  .object({
    opensAt: dateTime('签到开始时间').nullish(),
    closesAt: dateTime('签到截止时间').nullish(),
  })
  .default({});

/** Sign-in codes avoid characters people mistake for each other (0/O, 1/I). */
export const SIGN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const SIGN_CODE_LENGTH = 6;

/** What a person typed → the stored form (upper case, no spaces or dashes). */
export function normaliseSignCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

export function isWellFormedSignCode(code: string): boolean {
  return code.length === SIGN_CODE_LENGTH && [...code].every((c) => SIGN_CODE_ALPHABET.includes(c));
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ActivityLaw {
  lawId: number | null;
  title: string;
  articles: string | null;
}

export interface ActivityListItem {
  id: number;
  category: ActivityCategory;
  kind: string;
  title: string;
  year: number;
  startsAt: string;
  durationMinutes: number;
  hostUnitId: number;
  hostUnitName: string;
  presenter: string | null;
  speakerName: string | null;
  lecturerName: string | null;
  status: ActivityStatus;
  attendanceCount: number;
  audienceSize: number | null;
}

export interface FileMeta {
  id: number;
  name: string;
  mime: string;
  size: number;
}

export interface SignInState {
  code: string | null;
  opensAt: string | null;
  closesAt: string | null;
}

export interface ActivityDetail extends ActivityListItem {
  hostUnitPath: string;
  /** "某区/司法局/法制科" */
  hostUnitPathNames: string;
  speakerPersonId: number | null;
  lecturerId: number | null;
  audienceUnits: { id: number; name: string }[];
  laws: ActivityLaw[];
  location: string | null;
  summary: string | null;
  files: FileMeta[];
  signIn: SignInState;
  createdAt: string;
  updatedAt: string;
}

export interface AttendanceRow {
  personId: number;
  name: string;
  unitName: string;
  employeeNo: string | null;
  source: AttendanceSource;
  signedAt: string;
}

export interface AttendanceCandidate {
  personId: number;
  name: string;
  unitName: string;
  employeeNo: string | null;
  attending: boolean;
}

export interface AttendanceChange {
  added: number;
  removed: number;
  total: number;
}

export interface AttendanceImportRow {
  row: number;
  personId: number;
  name: string;
  unitName: string;
  alreadyAttending: boolean;
}

export interface AttendanceImportPreview {
  dryRun: boolean;
  rows: AttendanceImportRow[];
  added: number;
  issues: ImportIssue[];
}

/** A member's view of a sign-in session. */
export interface SignInfo {
  activityId: number;
  title: string;
  category: ActivityCategory;
  kind: string;
  startsAt: string;
  durationMinutes: number;
  hostUnitName: string;
  location: string | null;
  opensAt: string;
  closesAt: string;
  /** 'before' | 'open' | 'closed' at serverNow */
  window: 'before' | 'open' | 'closed';
  signedAt: string | null;
  serverNow: string;
}

export interface MyActivity {
  id: number;
  category: ActivityCategory;
  kind: string;
  title: string;
  startsAt: string;
  durationMinutes: number;
  hostUnitName: string;
  status: ActivityStatus;
  source: AttendanceSource | null;
  /** minutes credited to me for it (0 when cancelled or as speaker) */
  creditMinutes: number;
}
