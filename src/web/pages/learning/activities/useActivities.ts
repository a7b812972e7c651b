import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type {
  ActivityDetail,
  ActivityInputRaw,
  ActivityListItem,
  AttendanceCandidate,
  AttendanceChange,
  AttendanceImportPreview,
  AttendanceRow,
  Paged,
  SignInState,
} from '../../../../common/activities';
import type { ActivityCategory, ActivityStatus } from '../../../../common/learning';
import { api, ApiError } from '../../../api';

/** One cache root: every activity query keys under ['activities']. */
export const ACTIVITIES_KEY = ['activities'] as const;

export interface ActivityFilters {
  category: ActivityCategory;
  kind?: string;
  year?: number;
  unitId?: number;
  status?: ActivityStatus;
  q?: string;
  page: number;
}

/** Filters live in the URL so a reload or a shared link shows the same list. */
export function useActivityFilters(category: ActivityCategory) {
  const [sp, setSp] = useSearchParams();
  const query: ActivityFilters = useMemo(
    () => ({
      category,
      kind: sp.get('kind') || undefined,
      year: sp.get('year') ? Number(sp.get('year')) : undefined,
      unitId: sp.get('unitId') ? Number(sp.get('unitId')) : undefined,
      status: (sp.get('status') as ActivityStatus) || undefined,
      q: sp.get('q') || undefined,
      page: Number(sp.get('page') || 1),
    }),
    [sp, category],
  );
  const update = (patch: Partial<Omit<ActivityFilters, 'category'>>) => {
    const next = { ...query, page: 1, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (k !== 'category' && v !== undefined && v !== '' && !(k === 'page' && v === 1)) out.set(k, String(v));
    setSp(out, { replace: true });
  };
  return { query, update };
}

export function useActivityList(query: ActivityFilters) {
  return useQuery({
    queryKey: [...ACTIVITIES_KEY, 'list', query],
    queryFn: () => api.get<Paged<ActivityListItem>>('/api/activities', { ...query, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: number) {
  return useQuery({ queryKey: [...ACTIVITIES_KEY, id], queryFn: () => api.get<ActivityDetail>(`/api/activities/${id}`) });
}

export function useAttendance(id: number, live = false) {
  return useQuery({
    queryKey: [...ACTIVITIES_KEY, id, 'attendance'],
    queryFn: () => api.get<{ items: AttendanceRow[] }>(`/api/activities/${id}/attendance`),
    refetchInterval: live ? 5000 : false,
  });
}

export function useCandidates(id: number, q: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: [...ACTIVITIES_KEY, id, 'candidates', { q, page }],
    queryFn: () => api.get<Paged<AttendanceCandidate>>(`/api/activities/${id}/candidates`, { q: q || undefined, page, pageSize: 10 }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useSaveActivity(id: number | null) {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (input: ActivityInputRaw) => (id ? api.put<ActivityDetail>(`/api/activities/${id}`, input) : api.post<ActivityDetail>('/api/activities', input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ACTIVITIES_KEY }),
  });
}

export function useDeleteActivity() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (id: number) => api.del<{ ok: true }>(`/api/activities/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ACTIVITIES_KEY }),
  });
}

export function useSetAttendance(id: number) {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: { personIds: number[]; asOf: string }) => api.put<AttendanceChange>(`/api/activities/${id}/attendance`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ACTIVITIES_KEY, id] }),
  });
}

export function useRemoveAttendance(id: number) {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (personId: number) => api.del<{ ok: true }>(`/api/activities/${id}/attendance/${personId}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ACTIVITIES_KEY, id] }),
  });
}

export function useAttendanceImport(id: number) {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: ({ file, dryRun, onProgress }: { file: File; dryRun: boolean; onProgress: (f: number | null) => void }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<AttendanceImportPreview>(`/api/activities/${id}/attendance/import${dryRun ? '?dryRun=1' : ''}`, form, onProgress);
    },
    onSuccess: (r) => {
      if (!r.dryRun) void qc.invalidateQueries({ queryKey: [...ACTIVITIES_KEY, id] });
    },
  });
}

export function useSignInCode(id: number) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: [...ACTIVITIES_KEY, id] });
  const start = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: { opensAt?: string; closesAt?: string }) => api.post<SignInState>(`/api/activities/${id}/sign-in-code`, body),
    onSuccess: done,
  });
  const stop = useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => api.del<SignInState>(`/api/activities/${id}/sign-in-code`),
    onSuccess: done,
  });
  return { start, stop };
}

export interface LecturerOption {
  id: number;
  name: string;
  level: string;
  organisation: string | null;
}

/** 师资库 (built by another feature): undefined when the endpoint is not there, so the select hides. */
export function useLecturerOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['lecturers', 'options'],
    queryFn: async () => {
      try {
        return (await api.get<{ items: LecturerOption[] }>('/api/lecturers', { active: true })).items;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
        throw e;
      }
    },
    enabled,
    staleTime: 60_000,
  });
}

export function useLawOptions() {
  return useQuery({
    queryKey: ['laws', 'options'],
    queryFn: async () => (await api.get<{ laws: { id: number; title: string }[] }>('/api/laws')).laws,
    staleTime: 300_000,
  });
}
