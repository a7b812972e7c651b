import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api';
import type { UnitList } from '../../types';
import { buildUnitIndex, type UnitIndex } from './unitTree';

export const UNITS_KEY = ['units'] as const;

/** Every unit the user may see, once, shared by the unit tree, filters and pickers. */
export function useUnits(): { index: UnitIndex; isLoading: boolean; count: number } {
  const q = useQuery({ queryKey: UNITS_KEY, queryFn: () => api.get<UnitList>('/api/units'), staleTime: 60_000 });
  const units = q.data?.units;
  const index = useMemo(() => buildUnitIndex(units ?? []), [units]);
  return { index, isLoading: q.isPending, count: units?.length ?? 0 };
}
