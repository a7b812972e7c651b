/**
 * 学 and 讲: the shared vocabulary of learning lists, reading credit, practice, group study,
 * lectures, quotas and the 学法档案. Server and web both import this; each feature keeps its own
 * request/response shapes in its own common file (learning-lists.ts, reading.ts, practice.ts,
 * activities.ts, duty.ts, archive.ts).
 */
import { z } from 'zod';
import { rosterRuleSchema } from './exam';

/** "1+3+N": 1 = 习近平法治思想, 3 = 宪法/民法典/党内法规, N = the laws tied to a post. */
export const LIST_SEGMENTS = ['1', '3', 'N'] as const;
export type ListSegment = (typeof LIST_SEGMENTS)[number];
export const LIST_SEGMENT_ZH: Record<ListSegment, string> = { '1': '“1”', '3': '“3”', N: '“N”' };

/** What a learning-list item points at. */
export const LIST_ITEM_KINDS = ['law', 'material', 'course'] as const;
export type ListItemKind = (typeof LIST_ITEM_KINDS)[number];
export const LIST_ITEM_KIND_ZH: Record<ListItemKind, string> = { law: '法律法规', material: '学习材料', course: '课程/讲座' };

export const MATERIAL_KINDS = ['习近平法治思想', '党内法规', '政策文件', '案例', '其他'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/**
 * The rule that says who a list (or a personal quota) applies to. Same shape as an exam roster
 * rule; here an empty rule (no criterion) means EVERYONE, since "1" and "3" are common to all.
 */
export const assignmentRuleSchema = rosterRuleSchema;
export type AssignmentRule = z.output<typeof assignmentRuleSchema>;

// ---------------------------------------------------------------------------------------------
// Activities: 集体学法 (group study) and 讲法 (lectures) share one record and one attendance model.

export const ACTIVITY_CATEGORIES = ['study', 'lecture'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export const STUDY_KINDS = ['中心组专题学法', '会前学法', '集中学法', '专题法治培训', '旁听庭审', '其他'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];
/** long forms for printed pages */
export const STUDY_KIND_FULL: Record<StudyKind, string> = {
  中心组专题学法: '党委(党组)理论学习中心组专题学法',
  会前学法: '政府常务会议会前学法',
  集中学法: '集中学法',
  专题法治培训: '专题法治培训',
  旁听庭审: '旁听庭审',
  其他: '其他',
};

export const LECTURE_KINDS = ['会前讲法', '法治大讲堂', '以案释法', '专题讲座', '宣讲'] as const;
export type LectureKind = (typeof LECTURE_KINDS)[number];

export const ACTIVITY_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_ZH: Record<ActivityStatus, string> = { scheduled: '已安排', held: '已举行', cancelled: '已取消' };

export const ATTENDANCE_SOURCES = ['roster', 'excel', 'signin'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];
export const ATTENDANCE_SOURCE_ZH: Record<AttendanceSource, string> = { roster: '名单勾选', excel: 'Excel导入', signin: '扫码/签到码' };

/** 师资库 levels */
export const LECTURER_LEVELS = ['区级', '街乡级', '村社区级'] as const;
export type LecturerLevel = (typeof LECTURER_LEVELS)[number];

// ---------------------------------------------------------------------------------------------
// Learning credit (学时). Every credited minute is one row family in study_credits, so hours by
// kind, quotas, the 学法档案 and (issue 6) indicators all sum the same ledger.

export const CREDIT_SOURCES = ['reading', 'material', 'group_study', 'lecture'] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number];
export const CREDIT_SOURCE_ZH: Record<CreditSource, string> = {
  reading: '法规自学',
  material: '材料自学',
  group_study: '集体学法',
  lecture: '听讲座/讲法',
};
/** Self-study sources are subject to the organiser's daily cap; attendance is credited in full. */
export const SELF_STUDY_SOURCES: readonly CreditSource[] = ['reading', 'material'];

// ---------------------------------------------------------------------------------------------
// Per-year settings (learning_year_settings.settings), edited by the organiser.

export const learningYearSettingsSchema = z.object({
  /** self-study minutes credited per person per day, at most (reading + materials) */
  dailyCapMinutes: z.number().int().min(10).max(24 * 60).default(120),
  /** lectures each 党政主要负责人 must give in the year */
  lectureDutyCount: z.number().int().min(0).max(20).default(1),
  /** 每日一练: questions per day */
  dailyPracticeCount: z.number().int().min(1).max(50).default(5),
  /** a practised question is not drawn again for this many days (daily practice) */
  practiceAvoidDays: z.number().int().min(0).max(365).default(30),
  /** bank categories practice draws from; empty = every active question */
  practiceCategoryIds: z.array(z.number().int().positive()).max(200).default([]),
  /** 错题本: a question leaves the book after this many correct answers in a row */
  wrongBookMasterStreak: z.number().int().min(1).max(5).default(1),
});
export type LearningYearSettings = z.output<typeof learningYearSettingsSchema>;
export const DEFAULT_LEARNING_SETTINGS: LearningYearSettings = learningYearSettingsSchema.parse({});

// ---------------------------------------------------------------------------------------------
// Quotas (学法指标): counts of group study / lectures a unit must host, or personal hours.

export const QUOTA_METRICS = ['activity_count', 'personal_hours'] as const;
export type QuotaMetric = (typeof QUOTA_METRICS)[number];

export const quotaInputSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    name: z.string().trim().min(1, '请填写指标名称').max(60),
    metric: z.enum(QUOTA_METRICS),
    /** activity_count: which kind counts (a STUDY_KIND or LECTURE_KIND) */
    activityKind: z.string().trim().max(20).nullable().default(null),
    /** activity_count: each of these units must host ≥ target; personal_hours: ignored */
    unitIds: z.array(z.number().int().positive()).max(500).default([]),
    /** personal_hours: who it applies to (empty rule = everyone) */
    rule: assignmentRuleSchema.nullable().default(null),
    target: z.number().positive('目标值须大于0').max(10000),
  })
  .superRefine((q, ctx) => {
    if (q.metric === 'activity_count') {
      const kinds: readonly string[] = [...STUDY_KINDS, ...LECTURE_KINDS];
      if (!q.activityKind || !kinds.includes(q.activityKind)) ctx.addIssue({ code: 'custom', path: ['activityKind'], message: '请选择计数的学法/讲法形式' });
      if (q.unitIds.length === 0) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: '请选择适用的单位' });
      if (!Number.isInteger(q.target)) ctx.addIssue({ code: 'custom', path: ['target'], message: '次数须为整数' });
    }
  });
export type QuotaInput = z.output<typeof quotaInputSchema>;

/**
 * Pace: the share of the target that should be done by `now` in `year` (linear through the
 * year). Behind pace = done < target × elapsed fraction; the last month of the year flags
 * anything short of the target.
 */
export function yearElapsedFraction(year: number, now: Date): number {
  const start = Date.UTC(year, 0, 1) - 8 * 3600_000; // Beijing midnight
  const end = Date.UTC(year + 1, 0, 1) - 8 * 3600_000;
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}

/** The Beijing calendar day of an instant, 'YYYY-MM-DD' (credits and daily practice use it). */
export function beijingDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
