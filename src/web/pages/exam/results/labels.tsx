import { Tag } from 'antd';
import dayjs from 'dayjs';
import { ROSTER_STATUS_ZH, SUBMIT_REASON_ZH, type RosterStatus, type SubmitReason } from '../../../../common/exam';
import { CANDIDATE_OUTCOME_ZH, type CandidateOutcome } from '../../../../common/exam-results';

export const ROSTER_STATUS_COLOR: Record<RosterStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  submitted: 'blue',
  grading: 'gold',
  passed: 'green',
  failed: 'red',
};

export function RosterStatusTag({ status }: { status: RosterStatus }) {
  return <Tag color={ROSTER_STATUS_COLOR[status]}>{ROSTER_STATUS_ZH[status]}</Tag>;
}

const OUTCOME_COLOR: Record<CandidateOutcome, string> = { passed: 'green', failed: 'red', absent: 'default', grading: 'gold', in_progress: 'processing', pending: 'cyan' };

export function OutcomeTag({ outcome }: { outcome: CandidateOutcome }) {
  return <Tag color={OUTCOME_COLOR[outcome]}>{CANDIDATE_OUTCOME_ZH[outcome]}</Tag>;
}

export const submitReasonText = (r: SubmitReason | null) => (r ? SUBMIT_REASON_ZH[r] : null);

/** "2026-11-24 14:05" in the browser's time zone; null → null. */
export const dateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : null);

export const dateOnly = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : null);

/** A grey dash for an empty cell. */
export const Dash = () => <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
