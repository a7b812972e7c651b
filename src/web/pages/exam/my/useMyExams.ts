import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttemptResultView, AttemptView, MyExamItem } from '../../../../common/exam';
import { api } from '../../../api';
import { deviceId } from './deviceId';

export const MY_EXAMS_KEY = ['my', 'exams'] as const;

export function useMyExams() {
  return useQuery({
    queryKey: MY_EXAMS_KEY,
    queryFn: () => api.get<{ items: MyExamItem[] }>('/api/my/exams'),
    select: (d) => d.items,
    refetchOnWindowFocus: true,
  });
}

/** POST start: begins (or resumes) my attempt on this device; takeover moves a running attempt here. */
export function useStartExam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ examId, takeover }: { examId: number; takeover?: boolean }) =>
      api.post<AttemptView>(`/api/my/exams/${examId}/start`, { deviceId: deviceId(), takeover: !!takeover }),
    meta: { handlesErrors: true },
    onSuccess: (view) => {
      qc.setQueryData(attemptKey(view.id), { view, receivedAt: Date.now() } satisfies LoadedAttempt);
      void qc.invalidateQueries({ queryKey: MY_EXAMS_KEY });
    },
  });
}

export const attemptKey = (id: number) => ['my', 'attempt', id] as const;

/** An attempt view with the device time it arrived, for the server clock offset. */
export interface LoadedAttempt {
  view: AttemptView;
  receivedAt: number;
}

export async function fetchAttempt(id: number): Promise<LoadedAttempt> {
  const view = await api.get<AttemptView>(`/api/my/attempts/${id}`, { deviceId: deviceId() });
  return { view, receivedAt: Date.now() };
}

export function useResult(id: number, poll: boolean) {
  return useQuery({
    queryKey: ['my', 'result', id],
    queryFn: () => api.get<AttemptResultView>(`/api/my/attempts/${id}/result`),
    refetchInterval: poll ? 3000 : false,
  });
}
