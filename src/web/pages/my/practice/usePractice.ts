import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DailyPracticeView,
  PracticeAnswerRequest,
  PracticeFeedback,
  PracticeSetRequest,
  PracticeSetView,
  PracticeStats,
  WrongBookStatus,
  WrongBookView,
} from '../../../../common/practice';
import { api } from '../../../api';

export const PRACTICE_KEY = ['practice'] as const;

export function useDailyPractice() {
  return useQuery({ queryKey: [...PRACTICE_KEY, 'daily'], queryFn: () => api.get<DailyPracticeView>('/api/practice/daily'), retry: false });
}

export function usePracticeSet() {
  return useMutation({ mutationFn: (body: PracticeSetRequest) => api.post<PracticeSetView>('/api/practice/sets', body), meta: { handlesErrors: true } });
}

/** Answering refreshes the book and the statistics (not today's set: the card keeps its feedback). */
export function useAnswerPractice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PracticeAnswerRequest) => api.post<PracticeFeedback>('/api/practice/answer', body),
    meta: { handlesErrors: true },
    onSuccess: (_f, body) => {
      void qc.invalidateQueries({ queryKey: [...PRACTICE_KEY, 'wrong-book'] });
      void qc.invalidateQueries({ queryKey: [...PRACTICE_KEY, 'stats'] });
      // today's count in the header (the runner keeps its own cards and feedback)
      if (body.mode === 'daily') void qc.invalidateQueries({ queryKey: [...PRACTICE_KEY, 'daily'] });
    },
  });
}

export function useWrongBook(status: WrongBookStatus, page: number) {
  return useQuery({
    queryKey: [...PRACTICE_KEY, 'wrong-book', status, page],
    queryFn: () => api.get<WrongBookView>('/api/practice/wrong-book', { status, page, pageSize: 20 }),
  });
}

export function useRemoveWrong() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (questionId: number) => api.post<{ removed: true }>(`/api/practice/wrong-book/${questionId}/remove`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...PRACTICE_KEY, 'wrong-book'] });
      void qc.invalidateQueries({ queryKey: [...PRACTICE_KEY, 'stats'] });
    },
  });
}

export function usePracticeStats(year: number) {
  return useQuery({ queryKey: [...PRACTICE_KEY, 'stats', year], queryFn: () => api.get<PracticeStats>('/api/practice/stats', { year }) });
}
