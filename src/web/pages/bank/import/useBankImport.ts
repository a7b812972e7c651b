import { useMutation, useQueryClient } from '@tanstack/react-query';
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
  const preview = useMutation({
    mutationFn: (r: BankImportRequest) => api.upload<BankImportPreview>('/api/bank/import/preview', toForm(r, false)),
  });
  const commit = useMutation({
    mutationFn: (r: BankImportRequest) => api.upload<BankImportResult>('/api/bank/import/commit', toForm(r, true)),
    meta: { handlesErrors: true },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['bank'] }),
  });
  return { preview, commit };
}
