/**
 * 讲法责任 (lecture duty of 党政主要负责人), 师资库, 学法指标 progress and in-app notifications:
 * request/response shapes shared by server and web.
 */
import { z } from 'zod';
import { LECTURER_LEVELS, type LecturerLevel, type QuotaInput } from './learning';

// ---------------------------------------------------------------------------------------------
// Calendar: reminders are idempotent per ISO week of the Beijing calendar.

/** ISO-8601 week of the Beijing calendar day of `now`, e.g. '2026-W47' (the week-year may differ from the calendar year). */
export function isoWeekKey(now: Date): string {
  const bj = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate()));
  const dow = d.getUTCDay() || 7; // Monday 1 … Sunday 7
  d.setUTCDate(d.getUTCDate() + 4 - dow); // the Thursday of this week decides the week-year
  const weekYear = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** Beijing calendar year and month (1–12) of an instant. */
export function beijingYearMonth(now: Date): { year: number; month: number } {
  const bj = new Date(now.getTime() + 8 * 3600_000);
  return { year: bj.getUTCFullYear(), month: bj.getUTCMonth() + 1 };
}

/** The automatic lecture-duty reminder runs from this Beijing month of the year on. */
export const DUTY_REMINDER_FROM_MONTH = 10;

// ---------------------------------------------------------------------------------------------
// 讲法责任

export const DUTY_STATUSES = ['done', 'scheduled', 'not_done'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];
export const DUTY_STATUS_ZH: Record<DutyStatus, string> = { done: '已完成', scheduled: '已安排', not_done: '未完成' };

/**
 * A leader's status: enough held lectures → 已完成; held + scheduled (still ahead) enough →
 * 已安排; otherwise 未完成. A duty of 0 lectures is always 已完成.
 */
export function dutyStatus(required: number, held: number, scheduled: number): DutyStatus {
  if (held >= required) return 'done';
  if (held + scheduled >= required) return 'scheduled';
  return 'not_done';
}

export interface DutyLecture {
  id: number;
  title: string;
  kind: string;
  startsAt: string;
  status: string;
  hostUnitName: string;
}

export interface DutyLeader {
  personId: number;
  name: string;
  title: string | null;
  unitId: number;
  unitName: string;
  /** names from the root down to the unit */
  unitPathNames: string[];
  held: number;
  scheduled: number;
  status: DutyStatus;
  lectures: DutyLecture[];
}

export interface DutyUnitSummary {
  unitId: number;
  unitName: string;
  unitPathNames: string[];
  leaders: number;
  done: number;
  scheduled: number;
  notDone: number;
}

export interface DutyBoard {
  year: number;
  required: number;
  summary: { leaders: number; done: number; scheduled: number; notDone: number; donePercent: number };
  units: DutyUnitSummary[];
  leaders: DutyLeader[];
}

export interface RemindResult {
  /** notifications written now */
  sent: number;
  /** people/admins the reminder is about (before de-duplication within the week) */
  recipients: number;
  /** recipients already reminded this week (nothing new written for them) */
  alreadyThisWeek: number;
  dryRun: boolean;
}

// ---------------------------------------------------------------------------------------------
// 师资库

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字符`)
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null));

export const lecturerInputSchema = z.object({
  name: z.string({ message: '请填写姓名' }).trim().min(1, '请填写姓名').max(30, '姓名不能超过30个字符'),
  level: z.enum(LECTURER_LEVELS, { message: '请选择师资级别' }),
  organisation: optionalText(100, '工作单位'),
  title: optionalText(50, '职务/职称'),
  specialities: z
    .array(z.string().trim().min(1, '专长不能为空').max(20, '每项专长不能超过20个字符'))
    .max(20, '专长最多20项')
    .default([])
    .transform((a) => [...new Set(a)]),
  phone: z
    .string()
    .trim()
    .max(20, '联系电话不能超过20个字符')
    .regex(/^$|^[0-9+\-() ]{5,20}$/, '联系电话格式不正确')
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null)),
  intro: optionalText(2000, '简介'),
  personId: z.number().int().positive().nullable().default(null),
  active: z.boolean().default(true),
});
export type LecturerInput = z.output<typeof lecturerInputSchema>;
export type LecturerInputRaw = z.input<typeof lecturerInputSchema>;

export interface LecturerLectureView {
  id: number;
  category: string;
  kind: string;
  title: string;
  startsAt: string;
  status: string;
  hostUnitName: string;
}

export interface LecturerView {
  id: number;
  name: string;
  level: LecturerLevel;
  organisation: string | null;
  title: string | null;
  specialities: string[];
  phone: string | null;
  intro: string | null;
  personId: number | null;
  personName: string | null;
  active: boolean;
  /** held lectures in the requested year */
  lecturesInYear: number;
  lastLecture: { id: number; title: string; startsAt: string } | null;
}

export interface LecturerDetail extends LecturerView {
  lectures: LecturerLectureView[];
}

// ---------------------------------------------------------------------------------------------
// 学法指标 progress

export const PACE_STATUSES = ['done', 'on_pace', 'behind'] as const;
export type PaceStatus = (typeof PACE_STATUSES)[number];
export const PACE_STATUS_ZH: Record<PaceStatus, string> = { done: '已完成', on_pace: '正常', behind: '落后' };

/** A unit is flagged when fewer than this share of its people are on pace (personal hours). */
export const UNIT_ON_PACE_THRESHOLD = 0.8;

/** activity_count pace: expected by now is rounded down, so a unit is behind only when a whole activity is missing. */
export function activityPace(target: number, done: number, fraction: number): { expected: number; status: PaceStatus; missing: number; behindBy: number } {
  const expected = Math.floor(target * fraction);
  const status: PaceStatus = done >= target ? 'done' : done < expected ? 'behind' : 'on_pace';
  return { expected, status, missing: Math.max(0, target - done), behindBy: Math.max(0, expected - done) };
}

export interface QuotaView extends QuotaInput {
  id: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActivityQuotaUnitRow {
  unitId: number;
  unitName: string;
  unitPathNames: string[];
  done: number;
  expected: number;
  status: PaceStatus;
  missing: number;
  behindBy: number;
}

export interface HoursQuotaUnitRow {
  unitId: number;
  unitName: string;
  unitPathNames: string[];
  people: number;
  meanHours: number;
  onTarget: number;
  behindPace: number;
  /** share of people not behind pace, 0–1 */
  onPaceShare: number;
  flagged: boolean;
}

export interface HoursQuotaPersonRow {
  personId: number;
  name: string;
  unitId: number;
  unitName: string;
  hours: number;
  status: PaceStatus;
}

export type QuotaProgress =
  | { quota: QuotaView; metric: 'activity_count'; fraction: number; units: ActivityQuotaUnitRow[]; behindUnits: number }
  | { quota: QuotaView; metric: 'personal_hours'; fraction: number; expectedHours: number; units: HoursQuotaUnitRow[]; behindUnits: number; people: number; behindPeople: number };

// ---------------------------------------------------------------------------------------------
// Notifications

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const NOTIFICATION_KIND_ZH: Record<string, string> = {
  'lecture-duty': '讲法责任',
  'lecture-duty-unit': '讲法责任',
  'quota-unit': '学法指标',
  'quota-person': '学法指标',
};
