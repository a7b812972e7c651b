import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import type { Unit } from '../../../types';
import { UNITS_KEY } from '../useUnits';

export interface UnitPatch {
  name?: string;
  parentId?: number | null;
  disabled?: boolean;
  sortOrder?: number;
}

/** Create/patch/delete a unit; every success refreshes the unit list (and people, whose paths change). */
export function useUnitMutations() {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: UNITS_KEY });
    void qc.invalidateQueries({ queryKey: ['people'] });
  };
  const create = useMutation({
    mutationFn: (body: { name: string; parentId: number | null }) => api.post<Unit>('/api/units', body),
    meta: { handlesErrors: true },
    onSuccess: refresh,
  });
  const patch = useMutation({
    mutationFn: ({ id, ...body }: UnitPatch & { id: number }) => api.patch<Unit>(`/api/units/${id}`, body),
    meta: { handlesErrors: true },
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.del<unknown>(`/api/units/${id}`),
    meta: { handlesErrors: true },
    onSuccess: refresh,
  });
  return { create, patch, remove };
}
