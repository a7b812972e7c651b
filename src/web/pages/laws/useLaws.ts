import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LawArticleDeepLink, LawArticleView, LawSearchResult, LawSummary, LawVersionView } from '../../../common/laws';
import { api } from '../../api';

// A stored law version never changes, so its TOC and articles can stay cached.
const IMMUTABLE = { staleTime: Infinity, gcTime: 10 * 60_000 };

export const LAWS_KEY = ['laws'] as const;

export function useLawList() {
  return useQuery({ queryKey: LAWS_KEY, queryFn: () => api.get<{ laws: LawSummary[] }>('/api/laws').then((r) => r.laws) });
}

export function useLawVersion(lawId: number, versionId?: number) {
  return useQuery({
    queryKey: ['laws', lawId, 'version', versionId ?? 'current'],
    queryFn: () => api.get<LawVersionView>(versionId ? `/api/laws/${lawId}/versions/${versionId}` : `/api/laws/${lawId}`),
  });
}

export function useArticleRange(lawId: number, versionId: number | undefined, range: { from: number; to: number } | null) {
  return useQuery({
    queryKey: ['laws', lawId, 'articles', versionId, range?.from, range?.to],
    queryFn: () => api.get<{ articles: LawArticleView[]; total: number }>(`/api/laws/${lawId}/articles`, { versionId, from: range!.from, to: range!.to }),
    enabled: !!versionId && !!range,
    placeholderData: keepPreviousData,
    ...IMMUTABLE,
  });
}

export function useDeepLink(articleId: number) {
  return useQuery({ queryKey: ['law-articles', articleId], queryFn: () => api.get<LawArticleDeepLink>(`/api/law-articles/${articleId}`) });
}

export function useLawSearch(params: { q: string; page: number; lawId?: number }) {
  return useQuery({
    queryKey: ['laws', 'search', params],
    queryFn: () => api.get<LawSearchResult>('/api/laws/search', params),
    enabled: params.q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export const findArticleByNo = (lawId: number, no: number, suffix: number, versionId?: number) =>
  api.get<LawArticleDeepLink>(`/api/laws/${lawId}/articles/by-no/${no}`, { suffix: suffix || undefined, versionId });
