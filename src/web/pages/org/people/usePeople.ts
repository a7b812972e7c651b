import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, toQuery } from '../../../api';
import type { Page, PeopleFilter, Person } from '../../../types';

export const PAGE_SIZE = 20;

const TEXT_KEYS = ['q', 'rank', 'postCategory', 'status', 'gender'] as const;
const BOOL_KEYS = ['isPrincipalLeader', 'isLawEnforcement'] as const;

export interface PeopleQuery extends PeopleFilter {
  page: number;
  pageSize: number;
}

const parseBool = (v: string | null) => (v === 'true' ? true : v === 'false' ? false : undefined);

/** Filters live in the URL so a reload, a shared link or "back" keeps them. */
export function usePeopleFilters() {
  const [params, setParams] = useSearchParams();
  const query = useMemo<PeopleQuery>(() => {
    const q: PeopleQuery = { page: Math.max(1, Number(params.get('page')) || 1), pageSize: PAGE_SIZE };
    for (const k of TEXT_KEYS) {
      const v = params.get(k);
      if (v) q[k] = v;
    }
    for (const k of BOOL_KEYS) q[k] = parseBool(params.get(k));
    const unitId = Number(params.get('unitId'));
    if (unitId > 0) {
      q.unitId = unitId;
      q.subtree = params.get('subtree') !== 'false';
    }
    return q;
  }, [params]);

  /** Merges a change; any filter change goes back to page 1. */
  const update = (patch: Partial<PeopleQuery>) => {
    const next: Record<string, unknown> = { ...query, page: 1, ...patch };
    delete next.pageSize;
    if (!next.unitId) delete next.subtree;
    if (next.subtree === true) delete next.subtree; // the default
    if (next.page === 1) delete next.page;
    setParams(new URLSearchParams(toQuery(next).slice(1)), { replace: true });
  };

  return { query, update };
}

/** One page of people from the server; the previous page stays on screen while the next loads. */
export function usePeoplePage(query: PeopleQuery) {
  return useQuery({
    queryKey: ['people', 'list', query],
    queryFn: () => api.get<Page<Person>>('/api/people', { ...query, subtree: query.unitId ? (query.subtree ?? true) : undefined }),
    placeholderData: keepPreviousData,
  });
}

/** The export link carries the current filters but not the page. */
export function exportHref(query: PeopleQuery): string {
  const { page: _page, pageSize: _size, ...filters } = query;
  return '/api/people/export.xlsx' + toQuery({ ...filters, subtree: filters.unitId ? (filters.subtree ?? true) : undefined });
}
