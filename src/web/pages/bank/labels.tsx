import { Tag } from 'antd';
import { DIFFICULTY_ZH, QUESTION_STATUS_ZH, QUESTION_TYPE_ZH, type LegalBasis, type QuestionStatus, type QuestionType } from '../../../common/bank';

export const STATUS_COLOR: Record<QuestionStatus, string> = {
  draft: 'default',
  pending_review: 'gold',
  active: 'green',
  retired: 'red',
};

const TYPE_COLOR: Record<QuestionType, string> = { single: 'blue', multiple: 'geekblue', truefalse: 'cyan', fill: 'purple', essay: 'magenta' };

export function StatusTag({ status }: { status: QuestionStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{QUESTION_STATUS_ZH[status]}</Tag>;
}

export function TypeTag({ type }: { type: QuestionType }) {
  return <Tag color={TYPE_COLOR[type]}>{QUESTION_TYPE_ZH[type]}</Tag>;
}

export const difficultyText = (d: number) => `${d} · ${DIFFICULTY_ZH[d] ?? ''}`;

/** 《民法典》第十七条 */
export function legalBasisText(b: LegalBasis): string {
  const title = b.lawTitle.startsWith('《') ? b.lawTitle : `《${b.lawTitle}》`;
  return `${title}${b.articleLabel}`;
}
