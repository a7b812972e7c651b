import { Tag } from 'antd';
import dayjs from 'dayjs';
import { EXAM_KIND_ZH, ROSTER_STATUS_ZH, type ExamKind, type RosterStatus } from '../../../../common/exam';
import { EXAM_PHASE_ZH, type ExamPhase } from '../../../../common/exam-admin';

const PHASE_COLOR: Record<ExamPhase, string> = { draft: 'default', upcoming: 'blue', open: 'green', ended: 'purple' };
const KIND_COLOR: Record<ExamKind, string> = { annual: 'geekblue', pre_appointment: 'volcano', makeup: 'orange', practice: 'cyan' };
const KIND_SHORT: Record<ExamKind, string> = { annual: '年度', pre_appointment: '任前', makeup: '补考', practice: '模拟' };
const ROSTER_COLOR: Record<RosterStatus, string> = { not_started: 'default', in_progress: 'processing', submitted: 'blue', grading: 'gold', passed: 'green', failed: 'red' };

export function PhaseTag({ phase }: { phase: ExamPhase }) {
  return <Tag color={PHASE_COLOR[phase]}>{EXAM_PHASE_ZH[phase]}</Tag>;
}

export function KindTag({ kind, short }: { kind: ExamKind; short?: boolean }) {
  return (
    <Tag color={KIND_COLOR[kind]} title={EXAM_KIND_ZH[kind]}>
      {short ? KIND_SHORT[kind] : EXAM_KIND_ZH[kind]}
    </Tag>
  );
}

export function RosterStatusTag({ status }: { status: RosterStatus }) {
  return <Tag color={ROSTER_COLOR[status]}>{ROSTER_STATUS_ZH[status]}</Tag>;
}

export const fmtTime = (t: string | null | undefined) => (t ? dayjs(t).format('YYYY-MM-DD HH:mm') : '—');

/** "2026-12-01 09:00 至 12-08 18:00" (the year once when both ends share it). */
export function fmtWindow(opensAt: string, closesAt: string): string {
  const a = dayjs(opensAt);
  const b = dayjs(closesAt);
  return `${a.format('YYYY-MM-DD HH:mm')} 至 ${b.format(a.year() === b.year() ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm')}`;
}

/** 2.5 → "2.5", 100 → "100" */
export const fmtPoints = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100));
