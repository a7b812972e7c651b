/**
 * The exam detail page's 成绩 / 阅卷 / 任前结果 tabs, for the detail page (src/web/pages/exam/manage)
 * to append to its own: `items={[...ownTabs, ...resultTabs(exam, me, setTab)]}`.
 */
import type { TabsProps } from 'antd';
import type { ExamKind, ExamStatus } from '../../../../common/exam';
import { can } from '../../../auth/permissions';
import type { Me } from '../../../types';
import { CandidatesTab } from './CandidatesTab';
import { GradingTab } from './GradingTab';
import { ResultsTab } from './ResultsTab';

export const RESULT_TAB_KEYS = ['results', 'grading', 'candidates'] as const;
export type ResultTabKey = (typeof RESULT_TAB_KEYS)[number];

/** 任前结果 belongs to 任前 exams and to their 补考 (a makeup of a 任前 exam is itself a pass gate). */
export const hasCandidatesTab = (kind: ExamKind) => kind === 'pre_appointment' || kind === 'makeup';

/**
 * The tabs this user may see for this exam. Drafts have no results yet, so none are offered.
 * `goTo` switches the detail page's tab (used by 成绩's 去阅卷 link).
 */
export function resultTabs(exam: { id: number; kind: ExamKind; status: ExamStatus }, me: Me | null | undefined, goTo?: (key: ResultTabKey) => void): NonNullable<TabsProps['items']> {
  if (exam.status === 'draft' || !can(me, 'exam.results')) return [];
  const tabs: NonNullable<TabsProps['items']> = [{ key: 'results', label: '成绩', children: <ResultsTab examId={exam.id} onGoGrading={goTo ? () => goTo('grading') : undefined} /> }];
  if (can(me, 'exam.manage')) {
    tabs.push({ key: 'grading', label: '阅卷', children: <GradingTab examId={exam.id} /> });
    if (hasCandidatesTab(exam.kind)) tabs.push({ key: 'candidates', label: '任前结果', children: <CandidatesTab examId={exam.id} /> });
  }
  return tabs;
}
