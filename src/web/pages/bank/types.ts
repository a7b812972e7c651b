/** Shapes of the 题库 API (src/server/modules/bank/service.ts, routes.ts). */
import type { LegalBasis, QuestionContent, QuestionStatus, QuestionType } from '../../../common/bank';

export interface Category {
  id: number;
  parentId: number | null;
  name: string;
  path: string;
  depth: number;
  questionCount: number;
}

export interface QuestionSummary {
  id: number;
  type: QuestionType;
  status: QuestionStatus;
  versionId: number;
  versionNo: number;
  stemText: string;
  difficulty: number;
  knowledgePoints: string[];
  legalBasis: LegalBasis[];
  categoryId: number | null;
  categoryPath: string[];
  updatedAt: string;
}

export interface VersionRef {
  id: number;
  versionNo: number;
  createdAt: string;
  createdBy: number;
  createdByName: string | null;
}

export interface StatusLogEntry {
  id: number;
  versionId: number;
  fromStatus: QuestionStatus | null;
  toStatus: QuestionStatus;
  comment: string | null;
  actorName: string;
  createdAt: string;
}

export interface QuestionDetail {
  id: number;
  type: QuestionType;
  status: QuestionStatus;
  categoryId: number | null;
  categoryPath: string[];
  current: { id: number; versionNo: number; content: QuestionContent; createdAt: string };
  versions: VersionRef[];
  statusLog: StatusLogEntry[];
  allowedTransitions: QuestionStatus[];
  reviewRequired: boolean;
}

export interface VersionDetail {
  id: number;
  versionNo: number;
  content: QuestionContent;
  createdAt: string;
  createdBy: number;
}

export interface SimilarQuestion {
  id: number;
  score: number;
  level: string;
  stemText: string;
  status?: QuestionStatus;
}

export interface SaveResult {
  question: QuestionDetail;
  similar: SimilarQuestion[];
  changed?: boolean;
}

export type BulkOp =
  | { action: 'move'; categoryId: number | null }
  | { action: 'status'; to: QuestionStatus; comment?: string }
  | { action: 'tag'; add: string[]; remove: string[] };

export interface QuestionFilter {
  q?: string;
  type?: QuestionType;
  status?: QuestionStatus;
  categoryId?: number;
  difficulty?: number;
  knowledgePoint?: string;
  year?: number;
}
