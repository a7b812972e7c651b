/**
 * 学法档案: one person's record of a year (what they were assigned and completed, hours by kind,
 * group study, lectures given and attended, exams, practice), and the per-person table of a unit.
 *
 *   GET /api/archives/people/:personId?year=    → PersonArchive   (organiser/admin; unit admin in scope, else 404)
 *   GET /api/archives/people/:personId/print?year= → printable A4 HTML
 *   GET /api/my/archive?year=                   → PersonArchive   (the signed-in member's own)
 *   GET /api/my/archive/print?year=             → printable A4 HTML
 *   GET /api/archives?year&unitId&q&page&pageSize → ArchiveList   (one row per person in scope)
 *   GET /api/archives/export.xlsx?year&unitId&q   → Excel, one row per person
 *   GET /api/archives/print?year&unitId&q          → printable HTML, one A4 page per person
 */
import { z } from 'zod';
import type { CandidateOutcome } from './exam-results';
import type { ExamKind } from './exam';
import { CREDIT_SOURCES, type CreditSource } from './learning';
import { MAX_PAGE_SIZE } from './org';

const yearField = z.coerce
  .number({ message: '年份应为数字' })
  .int('年份应为整数')
  .min(2000, '年份应在2000–2100之间')
  .max(2100, '年份应在2000–2100之间');

export const archiveYearQuery = z.object({ year: yearField });

export const archiveListQuery = z.object({
  year: yearField,
  unitId: z.coerce.number({ message: '无效的单位' }).int('无效的单位').positive('无效的单位').optional(),
  q: z.string().trim().max(50, '搜索词不能超过50个字符').optional(),
  page: z.coerce.number().int().min(1, '页码应为正整数').default(1),
  pageSize: z.coerce.number().int().min(1, '每页条数应为正整数').max(MAX_PAGE_SIZE, `每页最多${MAX_PAGE_SIZE}条`).default(20),
});
export type ArchiveListQuery = z.input<typeof archiveListQuery>;
export const archiveExportQuery = archiveListQuery.omit({ page: true, pageSize: true });

/** Batch printing is one page per person; more than this is split by unit. */
export const MAX_BATCH_PRINT = 500;

export interface ArchivePersonHeader {
  personId: number;
  name: string;
  gender: string | null;
  employeeNo: string | null;
  unitId: number;
  /** unit names from the root, joined with '/' */
  unitPath: string;
  title: string | null;
  rank: string | null;
  postCategory: string | null;
  isPrincipalLeader: boolean;
  status: string;
}

export interface ArchiveListItem {
  segment: string;
  kind: string;
  title: string;
  required: boolean;
  expectedMinutes: number;
  done: boolean;
  percent: number;
  detail: string;
}

export interface ArchiveLists {
  requiredTotal: number;
  requiredDone: number;
  optionalTotal: number;
  optionalDone: number;
  /** required items' mean percent, 0–100; null when nothing is assigned */
  percent: number | null;
  items: ArchiveListItem[];
}

export interface ArchiveHours {
  /** credited minutes by source for the Beijing year */
  minutes: Record<CreditSource, number>;
  totalMinutes: number;
  /** hours the person must earn (the largest matching 个人学时 quota of the year), null if none */
  targetHours: number | null;
}

export interface ArchiveActivity {
  activityId: number;
  startsAt: string;
  kind: string;
  title: string;
  hostUnitName: string;
  presenter: string | null;
  durationMinutes: number;
  status: 'scheduled' | 'held';
}

export interface ArchiveLectureDuty {
  /** only 党政主要负责人 carry the duty */
  applies: boolean;
  required: number;
  /** lectures given (held) in the year */
  given: number;
  scheduled: number;
  met: boolean | null;
}

export interface ArchiveExam {
  examId: number;
  title: string;
  kind: ExamKind;
  opensAt: string;
  closesAt: string;
  outcome: CandidateOutcome;
  score: number | null;
  passMark: number;
  totalPoints: number;
  /** the member's own view of an exam whose results are not released to them yet */
  withheld: boolean;
  /** 任前 only: a pass is valid until (null: no expiry, or not passed) */
  validUntil: string | null;
}

export interface ArchivePractice {
  answered: number;
  correct: number;
  /** 0–1, null when nothing answered */
  correctRate: number | null;
  days: number;
  /** 错题本 now: questions still to master, and mastered ones */
  wrongOpen: number;
  wrongMastered: number;
}

export interface PersonArchive {
  year: number;
  generatedAt: string;
  person: ArchivePersonHeader;
  lists: ArchiveLists;
  hours: ArchiveHours;
  groupStudy: ArchiveActivity[];
  lecturesGiven: ArchiveActivity[];
  lectureDuty: ArchiveLectureDuty;
  lecturesAttended: ArchiveActivity[];
  annualExams: ArchiveExam[];
  /** the year's 任前 exams; hasValidPass/validUntil: the person's standing today (exam module's 任前 history) */
  preAppointment: { exams: ArchiveExam[]; hasValidPass: boolean; validUntil: string | null };
  practice: ArchivePractice;
  /** 结论: one line summing it up */
  conclusion: string;
}

export interface ArchiveRow {
  personId: number;
  name: string;
  employeeNo: string | null;
  unitPath: string;
  title: string | null;
  rank: string | null;
  postCategory: string | null;
  isPrincipalLeader: boolean;
  listPercent: number | null;
  listRequiredDone: number;
  listRequiredTotal: number;
  minutes: Record<CreditSource, number>;
  totalMinutes: number;
  targetHours: number | null;
  groupStudyCount: number;
  lecturesAttended: number;
  lecturesGiven: number;
  /** duty for 党政主要负责人, else null */
  lecturesRequired: number | null;
  annualScore: number | null;
  annualOutcome: CandidateOutcome | null;
  preOutcome: CandidateOutcome | null;
  preValidUntil: string | null;
  practiceAnswered: number;
  practiceCorrectRate: number | null;
}

export interface ArchiveList {
  year: number;
  items: ArchiveRow[];
  total: number;
  page: number;
  pageSize: number;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers (server and web)

export const emptyMinutes = (): Record<CreditSource, number> => Object.fromEntries(CREDIT_SOURCES.map((s) => [s, 0])) as Record<CreditSource, number>;

/** minutes → hours with at most one decimal: 90 → '1.5', 120 → '2' */
export const hoursText = (minutes: number): string => String(Math.round((minutes / 60) * 10) / 10);

export const percentText = (p: number | null): string => (p === null ? '—' : `${Math.round(p)}%`);

/** How exam outcomes rank when one person sat several annual exams (an exam and its 补考). */
const OUTCOME_RANK: Record<CandidateOutcome, number> = { passed: 6, failed: 5, grading: 4, in_progress: 3, pending: 2, absent: 1 };

/**
 * The annual result that stands for the year: a pass (the best score) wins; else the most
 * telling outcome (未通过 before 待阅卷 before 缺考), latest exam first on ties. Withheld
 * results are not known to the reader and rank as 待阅卷 would.
 */
export function standingExam<T extends Pick<ArchiveExam, 'outcome' | 'score' | 'opensAt' | 'withheld'>>(exams: readonly T[]): T | null {
  let best: T | null = null;
  const rank = (e: T) => (e.withheld ? OUTCOME_RANK.grading : OUTCOME_RANK[e.outcome]);
  for (const e of exams) {
    if (!best) {
      best = e;
      continue;
    }
    const d = rank(e) - rank(best);
    if (d > 0) best = e;
    else if (d === 0) {
      const ds = (e.score ?? -1) - (best.score ?? -1);
      if (ds > 0 || (ds === 0 && e.opensAt > best.opensAt)) best = e;
    }
  }
  return best;
}

const OUTCOME_TEXT: Record<CandidateOutcome, string> = { passed: '合格', failed: '不合格', absent: '缺考', grading: '待阅卷', in_progress: '考试中', pending: '待考' };

export function examResultText(e: Pick<ArchiveExam, 'outcome' | 'score' | 'withheld'> | null): string {
  if (!e) return '未参加';
  if (e.withheld) return '成绩未公布';
  if (e.score !== null && (e.outcome === 'passed' || e.outcome === 'failed')) return `${e.score}分${OUTCOME_TEXT[e.outcome]}`;
  return OUTCOME_TEXT[e.outcome];
}

/** 结论: 学法清单必学完成 85%，学时 42.5/40 小时，年度考试 92 分合格，讲法 1/1 次 */
export function conclusionOf(a: Pick<PersonArchive, 'lists' | 'hours' | 'annualExams' | 'lectureDuty' | 'preAppointment'>): string {
  const parts: string[] = [];
  parts.push(a.lists.requiredTotal > 0 ? `学法清单必学完成 ${percentText(a.lists.percent)}` : '未分配学法清单');
  parts.push(`学时 ${hoursText(a.hours.totalMinutes)}${a.hours.targetHours !== null ? `/${a.hours.targetHours}` : ''} 小时`);
  const annual = standingExam(a.annualExams);
  parts.push(annual ? `年度考试${examResultText(annual)}` : '年度考试未参加');
  const pre = standingExam(a.preAppointment.exams);
  if (pre) parts.push(`任前考试${examResultText(pre)}`);
  if (a.lectureDuty.applies) parts.push(`讲法 ${a.lectureDuty.given}/${a.lectureDuty.required} 次${a.lectureDuty.met ? '' : '（未完成）'}`);
  else if (a.lectureDuty.given > 0) parts.push(`讲法 ${a.lectureDuty.given} 次`);
  return parts.join('，');
}
