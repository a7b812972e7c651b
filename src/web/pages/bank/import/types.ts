import type { ImportIssue } from '../../../../common/errors';
import type { LegalBasis, QuestionType } from '../../../../common/bank';

export const IMPORT_FORMATS = ['excel', 'gift', 'aiken', 'moodlexml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const FORMAT_ZH: Record<ImportFormat, string> = { excel: 'Excel', gift: 'GIFT', aiken: 'Aiken', moodlexml: 'Moodle XML' };
export const FORMAT_ACCEPT: Record<ImportFormat, string> = { excel: '.xlsx', gift: '.txt,.gift', aiken: '.txt', moodlexml: '.xml' };

export interface BankImportRow {
  /** Excel row or text line where the question starts */
  ref: number;
  type: QuestionType;
  stemText: string;
  categoryPath: string[];
  legalBasis: LegalBasis[];
  similar: { id: number; score: number; level: 'duplicate' | 'similar' | string; stemText: string }[];
  /** near-duplicates earlier in the same file (added to the contract by the import API) */
  similarInFile?: { ref: number; score: number; level: 'duplicate' | 'similar' | string; stemText: string }[];
  /** skipDuplicates leaves this row out */
  duplicate?: boolean;
}

export interface BankImportPreview {
  ok: boolean;
  format: ImportFormat;
  issueCount: number;
  issues: ImportIssue[];
  warnings: ImportIssue[];
  summary: { total: number; valid: number; create: number; duplicatesInBank: number; duplicatesInFile: number; categoriesToCreate: string[] };
  rows: BankImportRow[];
}

export interface BankImportResult {
  created: number;
  skippedDuplicates: number;
  categoriesCreated: number;
}

export interface BankImportRequest {
  format: ImportFormat;
  categoryId: number | null;
  file: File;
  skipDuplicates?: boolean;
}
