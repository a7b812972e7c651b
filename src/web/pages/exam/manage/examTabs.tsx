/**
 * The tabs of the exam detail page (/exams/:id). The setup tabs (概况, 考生名单, 监考) are built
 * here; the results engineer's tabs (成绩, 阅卷, 任前结果) live in src/web/pages/exam/results/ and
 * are plugged in by adding entries to RESULT_TABS below — nothing else in this folder needs to
 * change. The active tab is in the URL (?tab=key), so a tab can be linked to and survives reload.
 */
import type { ReactNode } from 'react';
import type { ExamDetail } from '../../../../common/exam-admin';
import type { Me } from '../../../types';
import { RESULT_EXAM_TABS } from '../results/tabs';

export interface ExamTabContext {
  exam: ExamDetail;
  me: Me | null;
  /** switch to another tab by key (e.g. from 成绩 to 阅卷) */
  goTab: (key: string) => void;
}

export interface ExamTab {
  /** URL key (?tab=results) */
  key: string;
  label: ReactNode;
  /** shown only when this returns true (default: always) */
  when?: (exam: ExamDetail) => boolean;
  render: (ctx: ExamTabContext) => ReactNode;
}

/** Results, grading and 任前 tabs, shown after 概况 / 考生名单 / 监考 in this order. */
export const RESULT_TABS: ExamTab[] = RESULT_EXAM_TABS;
