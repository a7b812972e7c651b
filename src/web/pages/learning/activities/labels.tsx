import { Tag } from 'antd';
import dayjs from 'dayjs';
import { ACTIVITY_STATUS_ZH, ATTENDANCE_SOURCE_ZH, type ActivityCategory, type ActivityStatus, type AttendanceSource } from '../../../../common/learning';

export const CATEGORY_PATH: Record<ActivityCategory, string> = { study: '/learning/study', lecture: '/learning/lectures' };
export const CATEGORY_TITLE: Record<ActivityCategory, string> = { study: '集体学法', lecture: '讲法活动' };
/** what the presenter is called in each category */
export const PRESENTER_LABEL: Record<ActivityCategory, string> = { study: '领学人/主讲人', lecture: '主讲人' };

const STATUS_COLOR: Record<ActivityStatus, string> = { scheduled: 'blue', held: 'green', cancelled: 'default' };

export function StatusTag({ status }: { status: ActivityStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{ACTIVITY_STATUS_ZH[status]}</Tag>;
}

export function SourceTag({ source }: { source: AttendanceSource }) {
  return <Tag color={source === 'signin' ? 'cyan' : source === 'excel' ? 'purple' : 'default'}>{ATTENDANCE_SOURCE_ZH[source]}</Tag>;
}

export const fmtTime = (t: string | null | undefined) => (t ? dayjs(t).format('YYYY-MM-DD HH:mm') : '—');
export const fmtClock = (t: string | null | undefined) => (t ? dayjs(t).format('HH:mm') : '—');

/** "2026-03-05 14:00–15:30" */
export function fmtSpan(startsAt: string, minutes: number): string {
  const a = dayjs(startsAt);
  const b = a.add(minutes, 'minute');
  return `${a.format('YYYY-MM-DD HH:mm')}–${b.isSame(a, 'day') ? b.format('HH:mm') : b.format('MM-DD HH:mm')}`;
}

export function fmtMinutes(m: number): string {
  if (m < 60) return `${m} 分钟`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} 小时 ${m % 60} 分钟` : `${h} 小时`;
}
