/** Queries of the read-only 考试成绩 pages (GET /api/exams/for-unit, src/common/exam-results.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ExamListItem, Paged } from '../../../../common/exam-admin';
import type { ResultsView } from '../../../../common/exam-results';
import { api } from '../../../api';
import type { ExamListFilter } from '../manage/useExams';
import { examKey } from '../results/useResults';

export const UNIT_PAGE_SIZE = 20;

export function useUnitExamList(query: ExamListFilter) {
  return useQuery({
    queryKey: ['exams', 'for-unit', query],
    queryFn: () => api.get<Paged<ExamListItem>>('/api/exams/for-unit', { pageSize: UNIT_PAGE_SIZE, ...query }),
    placeholderData: keepPreviousData,
  });
}

/**
 * The exam's header for the page title: the same query (key and parameters) the 成绩 tab makes on
 * first render, so TanStack Query fetches it once for both.
 */
export function useResultsHeader(examId: number) {
  return useQuery({
    queryKey: [...examKey(examId), 'results', { page: 1, pageSize: 20 }],
    queryFn: () => api.get<ResultsView>(`/api/exams/${examId}/results`, { page: 1, pageSize: 20 }),
    select: (v) => v.exam,
    meta: { quiet: true },
  });
}
