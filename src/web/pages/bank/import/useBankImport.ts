import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api';
import type { BankImportPreview, BankImportRequest, BankImportResult } from './types';

/** format and categoryId go before the file: the server reads the multipart stream in order. */
function toForm(r: BankImportRequest, commit: boolean): FormData {
  const form = new FormData();
  form.append('format', r.format);
  if (r.categoryId) form.append('categoryId', String(r.categoryId));
  if (commit) form.append('skipDuplicates', r.skipDuplicates ? 'true' : 'false');
  form.append('file', r.file, r.file.name);
  return form;
}

export function useBankImport() {
  const qc = useQueryClient();
  // upload progress of the request under way (0–1), null once the file is up
  const [progress, setProgress] = useState<number | null>(0);
  const preview = useMutation({
    mutationFn: (r: BankImportRequest) => {
      setProgress(0);
      return api.upload<BankImportPreview>('/api/bank/import/preview', toForm(r, false), setProgress);
    },
  });
  const commit = useMutation({
    mutationFn: (r: BankImportRequest) => {
      setProgress(0);
      return api.upload<BankImportResult>('/api/bank/import/commit', toForm(r, true), setProgress);
    },
    meta: { handlesErrors: true },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['bank'] }),
  });
  return { preview, commit, progress };
}
