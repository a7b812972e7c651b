import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api';
import type { ImportPreview, ImportResult } from '../../../types';
import { UNITS_KEY } from '../useUnits';

export interface ImportRequest {
  file: File;
  createUnits: boolean;
}

/** createUnits goes before the file: the server reads the multipart stream in order. */
function toForm({ file, createUnits }: ImportRequest): FormData {
  const form = new FormData();
  form.append('createUnits', createUnits ? 'true' : 'false');
  form.append('file', file, file.name);
  return form;
}

export function useImport() {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(0);
  const preview = useMutation({
    mutationFn: (req: ImportRequest) => {
      setProgress(0);
      return api.upload<ImportPreview>('/api/people/import/preview', toForm(req), setProgress);
    },
  });
  const commit = useMutation({
    mutationFn: (req: ImportRequest) => {
      setProgress(0);
      return api.upload<ImportResult>('/api/people/import/commit', toForm(req), setProgress);
    },
    meta: { handlesErrors: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['people'] });
      void qc.invalidateQueries({ queryKey: UNITS_KEY });
    },
  });
  return { preview, commit, progress };
}
