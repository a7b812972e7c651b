/**
 * The exam detail page's 成绩 / 阅卷 / 任前结果 tabs, plugged into its RESULT_TABS slot
 * (src/web/pages/exam/manage/examTabs.tsx). The detail page keeps the open tab in ?tab=key.
 */
import type { ExamDetail } from '../../../../common/exam-admin';
import type { ExamTab } from '../manage/examTabs';
import { CandidatesTab } from './CandidatesTab';
import { GradingTab } from './GradingTab';
import { ResultsTab } from './ResultsTab';

/** 任前结果 belongs to 任前 exams and to their 补考 (a makeup of a 任前 exam is itself a pass gate) — not to a 补考 of an annual exam. */
export const hasCandidatesTab = (e: Pick<ExamDetail, 'kind' | 'makeupOfKind'>) => e.kind === 'pre_appointment' || (e.kind === 'makeup' && e.makeupOfKind === 'pre_appointment');

/** Drafts have no results yet, so none of these tabs are offered for them. */
export const RESULT_EXAM_TABS: ExamTab[] = [
  { key: 'results', label: '成绩', when: (e) => e.status !== 'draft', render: ({ exam, goTab }) => <ResultsTab examId={exam.id} onGoGrading={() => goTab('grading')} /> },
  { key: 'grading', label: '阅卷', when: (e) => e.status !== 'draft', render: ({ exam }) => <GradingTab examId={exam.id} /> },
  { key: 'candidates', label: '任前结果', when: (e) => e.status !== 'draft' && hasCandidatesTab(e), render: ({ exam }) => <CandidatesTab examId={exam.id} /> },
];
