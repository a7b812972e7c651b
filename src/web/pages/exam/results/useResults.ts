/** Queries and mutations of the 成绩 / 阅卷 / 任前结果 tabs (API: src/common/exam-results.ts). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CandidatesView,
  EssayGradeRequest,
  GradingItem,
  GradingQueue,
  GradingView,
  PublishResultsResponse,
  RegradeRequest,
  RegradeResult,
  ResultsQuery,
  ResultsView,
  ScheduleMakeupResult,
} from '../../../../common/exam-results';
import { api } from '../../../api';
import { EXAMS_KEY } from '../manage/useExams';

/**
 * One cache root for everything about exams (manage/useExams.ts: lists, details, rosters):
 * everything of one exam lives under ['exams', id], so invalidating EXAMS_KEY after any change
 * (closing, publishing results, a 补考) refreshes every list and tab at once.
 */
export const examKey = (examId: number) => [...EXAMS_KEY, examId] as const;

export function useResults(examId: number, query: ResultsQuery) {
  return useQuery({
    queryKey: [...examKey(examId), 'results', query],
    queryFn: () => api.get<ResultsView>(`/api/exams/${examId}/results`, query),
    placeholderData: keepPreviousData,
  });
}

export function usePublishResults(examId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<PublishResultsResponse>(`/api/exams/${examId}/publish-results`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: EXAMS_KEY });
    },
  });
}

export function useGradingQueue(examId: number) {
  return useQuery({
    queryKey: [...examKey(examId), 'grading'],
    queryFn: () => api.get<GradingQueue>(`/api/exams/${examId}/grading`),
  });
}

export function useGradingView(examId: number, questionId: number) {
  return useQuery({
    queryKey: [...examKey(examId), 'grading', questionId],
    // Items are ordered by their opaque token, so a refetch (answers submitted meanwhile) adds
    // items without moving the one on screen (the page follows the token, not the index).
    queryFn: () => api.get<GradingView>(`/api/exams/${examId}/grading/${questionId}`),
  });
}

/** Saves my grade and writes it into the cached view, so the list moves on without a refetch. */
export function useSaveGrade(examId: number, questionId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ token, body }: { token: string; body: EssayGradeRequest }) =>
      api.put<GradingItem>(`/api/exams/${examId}/grading/${questionId}/${encodeURIComponent(token)}`, body),
    meta: { handlesErrors: true },
    onSuccess: (saved) => {
      qc.setQueryData<GradingView>([...examKey(examId), 'grading', questionId], (v) =>
        v ? { ...v, items: v.items.map((i) => (i.token === saved.token ? saved : i)) } : v,
      );
      // the queue's progress and the results (a graded essay may settle a score) are now stale
      void qc.invalidateQueries({ queryKey: [...examKey(examId), 'grading'], exact: true });
      void qc.invalidateQueries({ queryKey: [...examKey(examId), 'results'] });
      void qc.invalidateQueries({ queryKey: [...examKey(examId), 'candidates'] });
    },
  });
}

export function useRegrades(examId: number) {
  return useQuery({
    queryKey: [...examKey(examId), 'regrades'],
    queryFn: () => api.get<RegradeResult[]>(`/api/exams/${examId}/regrades`),
  });
}

export function useRegrade(examId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RegradeRequest) => api.post<RegradeResult>(`/api/exams/${examId}/regrade`, body),
    meta: { handlesErrors: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: EXAMS_KEY });
    },
  });
}

export function useCandidates(examId: number, enabled = true) {
  return useQuery({
    queryKey: [...examKey(examId), 'candidates'],
    queryFn: () => api.get<CandidatesView>(`/api/exams/${examId}/candidates`),
    enabled,
    // the tab shows the refusal itself (e.g. a 补考 of an annual exam has no candidate list)
    meta: { quiet: true },
  });
}

export function useScheduleMakeup(examId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (makeupExamId: number) => api.post<ScheduleMakeupResult>(`/api/exams/${examId}/schedule-makeup`, { makeupExamId }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: EXAMS_KEY });
    },
  });
}
