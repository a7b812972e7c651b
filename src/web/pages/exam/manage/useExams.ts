/** Queries and mutations of the organiser's exam pages (/api/exams…, src/common/exam-admin.ts). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ExamInputRaw, RosterOverride } from '../../../../common/exam';
import { EXAM_KINDS, EXAM_STATUSES, type ExamKind, type ExamStatus } from '../../../../common/exam';
import type { BlueprintCheckResult, ExamDetail, ExamListItem, Paged, RosterImportPreview, RosterRow } from '../../../../common/exam-admin';
import { api, toQuery } from '../../../api';

export const EXAMS_KEY = ['exams'] as const;
export const PAGE_SIZE = 20;

export interface ExamListFilter {
  page: number;
  year?: number;
  kind?: ExamKind;
  status?: ExamStatus;
  q?: string;
}

/** Filters live in the URL so a reload or "back" keeps them. */
export function useExamFilters() {
  const [params, setParams] = useSearchParams();
  const query = useMemo<ExamListFilter>(() => {
    const kind = params.get('kind');
    const status = params.get('status');
    const year = Number(params.get('year'));
    return {
      page: Math.max(1, Number(params.get('page')) || 1),
      year: year >= 2000 && year <= 2100 ? year : undefined,
      kind: (EXAM_KINDS as readonly string[]).includes(kind ?? '') ? (kind as ExamKind) : undefined,
      status: (EXAM_STATUSES as readonly string[]).includes(status ?? '') ? (status as ExamStatus) : undefined,
      q: params.get('q') || undefined,
    };
  }, [params]);
  const update = (patch: Partial<ExamListFilter>) => {
    const next: Record<string, unknown> = { ...query, page: 1, ...patch };
    if (next.page === 1) delete next.page;
    setParams(new URLSearchParams(toQuery(next).slice(1)), { replace: true });
  };
  return { query, update };
}

export function useExamList(query: ExamListFilter & { pageSize?: number }) {
  return useQuery({
    queryKey: [...EXAMS_KEY, 'list', query],
    queryFn: () => api.get<Paged<ExamListItem>>('/api/exams', { pageSize: PAGE_SIZE, ...query }),
    placeholderData: keepPreviousData,
  });
}

export function useExam(id: number | undefined) {
  return useQuery({
    queryKey: [...EXAMS_KEY, 'detail', id],
    queryFn: () => api.get<ExamDetail>(`/api/exams/${id}`),
    enabled: !!id,
  });
}

export function useExamsInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: EXAMS_KEY });
}

/** Create (no id) or update an exam; errors are the caller's (field issues go onto the form). */
export function useSaveExam(id: number | undefined) {
  const invalidate = useExamsInvalidate();
  return useMutation({
    mutationFn: (body: ExamInputRaw | Partial<ExamInputRaw>) => (id ? api.put<ExamDetail>(`/api/exams/${id}`, body) : api.post<ExamDetail>('/api/exams', body)),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useCheckExam(id: number | undefined) {
  return useMutation({
    mutationFn: () => api.post<BlueprintCheckResult>(`/api/exams/${id}/check`),
    meta: { handlesErrors: true },
  });
}

/** publish / close / publish-results / delete: one POST each, then everything about exams is stale. */
export function useExamAction(id: number) {
  const invalidate = useExamsInvalidate();
  return useMutation({
    mutationFn: (action: 'publish' | 'close' | 'publish-results' | 'delete') =>
      action === 'delete' ? api.del<{ ok: true }>(`/api/exams/${id}`) : api.post<unknown>(`/api/exams/${id}/${action}`),
    meta: { handlesErrors: true },
    // After publish and delete the caller usually leaves the page first and then invalidates, so
    // a deleted exam is not refetched into a 404 and the edit form does not flash its published state.
    onSuccess: (_r, action) => action !== 'delete' && action !== 'publish' && invalidate(),
  });
}

export function useRoster(examId: number, query: { q?: string; page: number; pageSize?: number }, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...EXAMS_KEY, examId, 'roster', query],
    queryFn: () => api.get<Paged<RosterRow>>(`/api/exams/${examId}/roster`, { pageSize: PAGE_SIZE, ...query }),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
  });
}

export function useRosterAdd(examId: number) {
  const invalidate = useExamsInvalidate();
  return useMutation({
    mutationFn: (personIds: number[]) => api.post<{ added: number }>(`/api/exams/${examId}/roster`, { personIds }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useRosterRemove(examId: number) {
  const invalidate = useExamsInvalidate();
  return useMutation({
    mutationFn: (personId: number) => api.del<{ ok: true }>(`/api/exams/${examId}/roster/${personId}`),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useRosterOverride(examId: number) {
  const invalidate = useExamsInvalidate();
  return useMutation({
    mutationFn: ({ personId, body }: { personId: number; body: RosterOverride }) => api.put<RosterRow>(`/api/exams/${examId}/roster/${personId}`, body),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useRosterImport(examId: number) {
  const invalidate = useExamsInvalidate();
  return useMutation({
    mutationFn: ({ file, dryRun, onProgress }: { file: File; dryRun: boolean; onProgress?: (f: number | null) => void }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<RosterImportPreview>(`/api/exams/${examId}/roster/import${dryRun ? '?dryRun=1' : ''}`, form, onProgress);
    },
    meta: { handlesErrors: true },
    onSuccess: (_r, vars) => {
      if (!vars.dryRun) invalidate();
    },
  });
}
