import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { QUESTION_STATUSES, QUESTION_TYPES, type QuestionStatus, type QuestionType } from '../../../common/bank';
import { api, toQuery } from '../../api';
import type { Page } from '../../types';
import type { BulkOp, Category, QuestionDetail, QuestionFilter, QuestionSummary, VersionDetail } from './types';

export const PAGE_SIZE = 20;
export const CATEGORIES_KEY = ['bank', 'categories'] as const;

export interface QuestionQuery extends QuestionFilter {
  page: number;
  pageSize: number;
}

const num = (v: string | null) => (v && Number(v) > 0 ? Number(v) : undefined);

/** Filters live in the URL so a reload, a shared link or "back" keeps them. */
export function useQuestionFilters() {
  const [params, setParams] = useSearchParams();
  const query = useMemo<QuestionQuery>(() => {
    const type = params.get('type');
    const status = params.get('status');
    return {
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: PAGE_SIZE,
      q: params.get('q') || undefined,
      type: (QUESTION_TYPES as readonly string[]).includes(type ?? '') ? (type as QuestionType) : undefined,
      status: (QUESTION_STATUSES as readonly string[]).includes(status ?? '') ? (status as QuestionStatus) : undefined,
      categoryId: num(params.get('categoryId')),
      difficulty: num(params.get('difficulty')),
      knowledgePoint: params.get('knowledgePoint') || undefined,
      year: num(params.get('year')),
    };
  }, [params]);

  const update = (patch: Partial<QuestionQuery>) => {
    const next: Record<string, unknown> = { ...query, page: 1, ...patch };
    delete next.pageSize;
    if (next.page === 1) delete next.page;
    setParams(new URLSearchParams(toQuery(next).slice(1)), { replace: true });
  };
  return { query, update };
}

export function useQuestionPage(query: QuestionQuery) {
  return useQuery({
    queryKey: ['bank', 'questions', query],
    queryFn: () => api.get<Page<QuestionSummary>>('/api/bank/questions', query),
    placeholderData: keepPreviousData,
  });
}

export function useCategories() {
  const q = useQuery({
    queryKey: CATEGORIES_KEY,
    queryFn: () => api.get<{ categories: Category[] }>('/api/bank/categories'),
  });
  const categories = useMemo(() => q.data?.categories ?? [], [q.data]);
  return { ...q, categories };
}

export function useQuestion(id: number | undefined) {
  return useQuery({
    queryKey: ['bank', 'question', id],
    queryFn: () => api.get<QuestionDetail>(`/api/bank/questions/${id}`),
    enabled: !!id,
  });
}

export function useVersion(questionId: number, versionId: number | undefined) {
  return useQuery({
    queryKey: ['bank', 'version', questionId, versionId],
    queryFn: () => api.get<VersionDetail>(`/api/bank/questions/${questionId}/versions/${versionId}`),
    enabled: !!versionId,
    staleTime: Infinity, // versions never change
  });
}

export function useBankInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['bank'] });
  };
}

export function useStatusChange(id: number) {
  const invalidate = useBankInvalidate();
  return useMutation({
    mutationFn: (body: { to: QuestionStatus; comment?: string }) => api.post<QuestionDetail>(`/api/bank/questions/${id}/status`, body),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useBulk() {
  const invalidate = useBankInvalidate();
  return useMutation({
    mutationFn: (body: { ids: number[]; op: BulkOp }) => api.post<{ updated: number }>('/api/bank/questions/bulk', body),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useCreateCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; parentId: number | null }) => api.post<Category>('/api/bank/categories', body),
    meta: { handlesErrors: true },
    onSuccess: () => void qc.invalidateQueries({ queryKey: CATEGORIES_KEY }),
  });
}
