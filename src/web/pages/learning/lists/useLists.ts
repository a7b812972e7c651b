import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssignmentRule, LearningYearSettings } from '../../../../common/learning';
import type { ListInput, ListSummary, ListView, MaterialInput, MaterialView } from '../../../../common/learning-lists';
import type { FileMeta } from '../../../../common/files';
import { api } from '../../../api';

export const LISTS_KEY = ['learning', 'lists'] as const;
export const MATERIALS_KEY = ['learning', 'materials'] as const;

export interface CourseOption {
  id: number;
  title: string;
  category: string;
  kind: string;
  startsAt: string;
  status: string;
}

export const useListSummaries = (year: number) =>
  useQuery({ queryKey: [...LISTS_KEY, 'year', year], queryFn: () => api.get<{ items: ListSummary[] }>('/api/learning/lists', { year }).then((r) => r.items) });

export const useList = (id: number) => useQuery({ queryKey: [...LISTS_KEY, id], queryFn: () => api.get<ListView>(`/api/learning/lists/${id}`) });

export const useMaterials = (f: { q?: string; kind?: string } = {}) =>
  useQuery({ queryKey: [...MATERIALS_KEY, f], queryFn: () => api.get<{ items: MaterialView[] }>('/api/learning/materials', f).then((r) => r.items) });

export const useCourses = (f: { year?: number; q?: string; ids?: string }) =>
  useQuery({ queryKey: ['learning', 'courses', f], queryFn: () => api.get<{ items: CourseOption[] }>('/api/learning/courses', f).then((r) => r.items) });

export const useRuleCount = (rule: AssignmentRule | null) =>
  useQuery({
    queryKey: ['learning', 'rule-count', rule],
    queryFn: () => api.post<{ count: number }>('/api/learning/rule-count', { rule }).then((r) => r.count),
    staleTime: 10_000,
  });

export const useYearSettings = (year: number) =>
  useQuery({ queryKey: ['learning', 'settings', year], queryFn: () => api.get<{ year: number; settings: LearningYearSettings }>(`/api/learning/settings/${year}`).then((r) => r.settings) });

/** Mutations that refresh every list query when they succeed. */
export function useListMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: LISTS_KEY });
  return {
    create: useMutation({ mutationFn: (body: ListInput) => api.post<ListView>('/api/learning/lists', body), onSuccess: refresh }),
    update: useMutation({ mutationFn: ({ id, body }: { id: number; body: ListInput }) => api.put<ListView>(`/api/learning/lists/${id}`, body), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: number) => api.del<{ ok: true }>(`/api/learning/lists/${id}`), onSuccess: refresh }),
    publish: useMutation({ mutationFn: (id: number) => api.post<ListView>(`/api/learning/lists/${id}/publish`), onSuccess: refresh }),
    unpublish: useMutation({ mutationFn: (id: number) => api.post<ListView>(`/api/learning/lists/${id}/unpublish`), onSuccess: refresh }),
    copy: useMutation({ mutationFn: (id: number) => api.post<ListView>(`/api/learning/lists/${id}/copy`), onSuccess: refresh }),
  };
}

export function useMaterialMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: MATERIALS_KEY });
  return {
    save: useMutation({
      mutationFn: ({ id, body }: { id: number | null; body: MaterialInput }) => (id ? api.put<MaterialView>(`/api/learning/materials/${id}`, body) : api.post<MaterialView>('/api/learning/materials', body)),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.del<{ ok: true }>(`/api/learning/materials/${id}`), onSuccess: refresh }),
  };
}

export function uploadFile(file: File, purpose: 'material' | 'activity' | 'question', onProgress?: (f: number | null) => void): Promise<FileMeta> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file);
  return api.upload<FileMeta>('/api/files', form, onProgress);
}

export const hoursLabel = (minutes: number) => (minutes <= 0 ? '—' : minutes % 60 === 0 ? `${minutes / 60} 小时` : `${(minutes / 60).toFixed(1)} 小时`);
