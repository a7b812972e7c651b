/** Stems and types of given question ids, for showing a blueprint's enemy groups and a fixed paper. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { BLANK_MARKER_RE } from '../../../../common/bank';
import { api } from '../../../api';
import type { Page } from '../../../types';
import type { QuestionSummary } from '../../bank/types';

/** The bank list accepts at most 200 per page; papers hold at most 300 questions. */
const CHUNK = 200;

export const stemOf = (q: Pick<QuestionSummary, 'stemText'>) => q.stemText.replace(BLANK_MARKER_RE, '（　）');

export function useQuestionLookup(ids: number[]) {
  const key = useMemo(() => [...new Set(ids)].sort((a, b) => a - b), [ids]);
  const q = useQuery({
    queryKey: ['bank', 'questions', 'lookup', key],
    queryFn: async () => {
      const out: QuestionSummary[] = [];
      for (let i = 0; i < key.length; i += CHUNK) {
        const chunk = key.slice(i, i + CHUNK);
        const page = await api.get<Page<QuestionSummary>>('/api/bank/questions', { ids: chunk.join(','), pageSize: CHUNK });
        out.push(...page.items);
      }
      return out;
    },
    enabled: key.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const byId = useMemo(() => new Map((q.data ?? []).map((x) => [x.id, x])), [q.data]);
  return { byId, isLoading: q.isLoading };
}

/** Active questions matching a search, for pickers. */
export function useQuestionSearch(params: { q?: string; type?: string; categoryId?: number; difficulty?: number; page?: number; pageSize?: number; status?: string }, enabled = true) {
  return useQuery({
    queryKey: ['bank', 'questions', 'pick', params],
    queryFn: () => api.get<Page<QuestionSummary>>('/api/bank/questions', { status: 'active', pageSize: 10, ...params }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
