/** Queries of the 学法档案 pages (/api/archives…, /api/my/archive; shapes in src/common/archive.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ArchiveList, PersonArchive } from '../../../../common/archive';
import { beijingDay } from '../../../../common/learning';
import { api, toQuery } from '../../../api';

export const ARCHIVES_KEY = ['archives'] as const;
export const PAGE_SIZE = 20;

/** The Beijing calendar year now. */
export const currentYear = () => Number(beijingDay(new Date()).slice(0, 4));

/** This year and the five before it, newest first. */
export const yearOptions = () => Array.from({ length: 6 }, (_, i) => currentYear() - i).map((y) => ({ value: y, label: `${y}年度` }));

export interface ArchiveFilter {
  year: number;
  unitId?: number;
  q?: string;
  page: number;
}

/** Filters live in the URL so a reload or "back" keeps them. */
export function useArchiveFilters() {
  const [params, setParams] = useSearchParams();
  const query = useMemo<ArchiveFilter>(() => {
    const year = Number(params.get('year'));
    const unitId = Number(params.get('unitId'));
    return {
      year: year >= 2000 && year <= 2100 ? year : currentYear(),
      unitId: Number.isInteger(unitId) && unitId > 0 ? unitId : undefined,
      q: params.get('q') || undefined,
      page: Math.max(1, Number(params.get('page')) || 1),
    };
  }, [params]);
  const update = (patch: Partial<ArchiveFilter>) => {
    const next: Record<string, unknown> = { ...query, page: 1, ...patch };
    if (next.page === 1) delete next.page;
    setParams(new URLSearchParams(toQuery(next).slice(1)), { replace: true });
  };
  return { query, update };
}

export function useArchiveList(query: ArchiveFilter) {
  return useQuery({
    queryKey: [...ARCHIVES_KEY, 'list', query],
    queryFn: () => api.get<ArchiveList>('/api/archives', { pageSize: PAGE_SIZE, ...query }),
    placeholderData: keepPreviousData,
  });
}

export function usePersonArchive(personId: number | null, year: number) {
  return useQuery({
    queryKey: [...ARCHIVES_KEY, 'person', personId, year],
    queryFn: () => api.get<PersonArchive>(`/api/archives/people/${personId}`, { year }),
    enabled: personId !== null,
  });
}

export function useMyArchive(year: number) {
  return useQuery({
    queryKey: [...ARCHIVES_KEY, 'mine', year],
    queryFn: () => api.get<PersonArchive>('/api/my/archive', { year }),
  });
}

/** Where the printable pages are served (opened in a new tab, like the exam 成绩单). */
export const printUrl = {
  person: (personId: number, year: number) => `/api/archives/people/${personId}/print${toQuery({ year })}`,
  mine: (year: number) => `/api/my/archive/print${toQuery({ year })}`,
  batch: (f: Pick<ArchiveFilter, 'year' | 'unitId' | 'q'>) => `/api/archives/print${toQuery({ year: f.year, unitId: f.unitId, q: f.q })}`,
  excel: (f: Pick<ArchiveFilter, 'year' | 'unitId' | 'q'>) => `/api/archives/export.xlsx${toQuery({ year: f.year, unitId: f.unitId, q: f.q })}`,
};
