import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Progress, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { TimelineItemType } from 'antd/es/timeline/Timeline';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ATTEMPT_EVENT_ZH, SUBMIT_REASON_ZH, type AttemptEventKind } from '../../../../common/exam';
import type { AttemptDetail } from '../../../../common/exam-admin';
import { api } from '../../../api';
import { fmtPoints } from './labels';
import './manage.css';

export const PROCTOR_REFRESH_MS = 15_000;

/** Time left until a deadline, "剩余 23:41" style, counting down with the page (display only). */
export function Remaining({ deadline }: { deadline: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = Math.max(0, dayjs(deadline).valueOf() - now);
  const h = Math.floor(left / 3_600_000);
  const m = Math.floor((left % 3_600_000) / 60_000);
  const s = Math.floor((left % 60_000) / 1000);
  const mm = h > 0 ? `${h}:${String(m).padStart(2, '0')}` : String(m);
  return (
    <Typography.Text type={left < 5 * 60_000 ? 'danger' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {left === 0 ? '已到时，等待自动交卷' : `剩余 ${mm}:${String(s).padStart(2, '0')}`}
    </Typography.Text>
  );
}

/** "12 次 / 上限 15", red once the limit is reached. */
export function SwitchCount({ count, limit }: { count: number; limit: number | null }) {
  const over = limit !== null && count >= limit;
  return (
    <span className={over ? 'exam-proctor-switch--over' : undefined} title={over ? '已达到切屏上限' : undefined}>
      {count} 次{limit !== null ? ` / 上限 ${limit}` : ''}
    </span>
  );
}

const EVENT_COLOR: Record<AttemptEventKind, string> = {
  blur: 'orange',
  hidden: 'orange',
  copy: 'red',
  paste: 'red',
  fullscreen_exit: 'orange',
  device_takeover: 'red',
  resume: 'blue',
};

const clock = (iso: string) => dayjs(iso).format('HH:mm:ss');
/** The date too when the event is not on the day the attempt started. */
const stamp = (iso: string, startedAt: string) => (dayjs(iso).isSame(startedAt, 'day') ? clock(iso) : dayjs(iso).format('MM-DD HH:mm:ss'));

function timelineOf(a: AttemptDetail): TimelineItemType[] {
  const time = (iso: string) => <span className="exam-attempt-timeline__time">{stamp(iso, a.startedAt)}</span>;
  const items: TimelineItemType[] = [{ key: 'start', color: 'green', title: time(a.startedAt), content: `开始作答（第 ${a.attemptNo} 次）` }];
  for (const e of a.events) {
    items.push({
      key: e.id,
      color: EVENT_COLOR[e.kind],
      title: time(e.at),
      content: (
        <>
          {ATTEMPT_EVENT_ZH[e.kind]}
          {e.detail && <div className="exam-attempt-timeline__detail">{e.detail}</div>}
        </>
      ),
    });
  }
  if (a.submittedAt) {
    items.push({ key: 'submit', color: a.submitReason === 'switch_limit' ? 'red' : 'blue', title: time(a.submittedAt), content: a.submitReason ? SUBMIT_REASON_ZH[a.submitReason] : '交卷' });
  }
  return items;
}

function ScoreText({ a }: { a: AttemptDetail }) {
  if (a.status !== 'submitted') return <Typography.Text type="secondary">交卷后显示</Typography.Text>;
  if (a.pendingGrading) return <Tag color="gold">简答题待阅卷{a.score !== null ? `（客观题 ${fmtPoints(a.score)} 分）` : ''}</Tag>;
  if (a.score === null) return <>—</>;
  return (
    <Space size={8}>
      <span style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{fmtPoints(a.score)} 分</span>
      {a.passed !== null && <Tag color={a.passed ? 'green' : 'red'}>{a.passed ? '合格' : '不合格'}</Tag>}
    </Space>
  );
}

function AttemptBody({ a }: { a: AttemptDetail }) {
  const running = a.status === 'in_progress';
  const full = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
  const switches = a.events.filter((e) => e.kind === 'blur' || e.kind === 'hidden').length;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 112 } }}>
        <Descriptions.Item label="考生">
          <Space size={8} wrap>
            <span style={{ fontWeight: 600 }}>{a.name}</span>
            {a.employeeNo && <Typography.Text type="secondary">工号 {a.employeeNo}</Typography.Text>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="单位">{a.unitPath.join(' / ')}</Descriptions.Item>
        <Descriptions.Item label="作答">
          <Space size={8}>
            第 {a.attemptNo} 次
            {running ? <Tag color="processing">作答中</Tag> : <Tag color="blue">已交卷</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="开始时间">{full(a.startedAt)}</Descriptions.Item>
        <Descriptions.Item label="截止时间">
          <Space size={12} wrap>
            {full(a.deadlineAt)}
            {running && <Remaining deadline={a.deadlineAt} />}
          </Space>
        </Descriptions.Item>
        {!running && (
          <Descriptions.Item label="交卷">
            {a.submittedAt ? full(a.submittedAt) : '—'}
            {a.submitReason && (
              <Tag color={a.submitReason === 'manual' ? undefined : a.submitReason === 'switch_limit' ? 'red' : 'orange'} style={{ marginLeft: 8 }}>
                {SUBMIT_REASON_ZH[a.submitReason]}
              </Tag>
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="成绩">
          <ScoreText a={a} />
        </Descriptions.Item>
        <Descriptions.Item label="答题进度">
          <Space size={12} style={{ width: '100%' }}>
            <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              已答 {a.answeredCount} / {a.questionCount} 题
            </span>
            <Progress percent={a.questionCount ? Math.round((a.answeredCount / a.questionCount) * 100) : 0} size="small" showInfo={false} style={{ width: 120, margin: 0 }} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="自动保存">{a.saveCount} 次</Descriptions.Item>
        <Descriptions.Item label="切屏">
          <SwitchCount count={a.switchCount} limit={a.switchLimit} />
          {a.switchLimit === null && <Typography.Text type="secondary">（只记录，不自动交卷）</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="作答设备">{a.deviceChanged ? <Tag color="red">中途更换过设备</Tag> : '未更换'}</Descriptions.Item>
      </Descriptions>

      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          作答记录<Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400, marginLeft: 8 }}>
            {a.events.length === 0 ? '没有切屏、复制粘贴或更换设备的记录' : `共 ${a.events.length} 条事件${switches > 0 ? `，其中切屏 ${switches} 次` : ''}`}
          </Typography.Text>
        </Typography.Title>
        <Timeline className="exam-attempt-timeline" mode="start" titleSpan={6} items={timelineOf(a)} />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
          记录的是浏览器能感知的情况（窗口失去焦点、切换标签页、复制粘贴、更换设备），仅供判断参考。
        </Typography.Paragraph>
      </div>
    </Space>
  );
}

interface Props {
  examId: number;
  /** the attempt to show; null = closed */
  attemptId: number | null;
  onClose: () => void;
}

/** 作答详情: one attempt's facts and its event timeline, refreshed while it runs. Used by 监考 and 成绩. */
export function AttemptDrawer({ examId, attemptId, onClose }: Props) {
  const q = useQuery({
    queryKey: ['exams', examId, 'attempts', attemptId],
    queryFn: () => api.get<AttemptDetail>(`/api/exams/${examId}/attempts/${attemptId}`),
    enabled: attemptId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'in_progress' ? PROCTOR_REFRESH_MS : false),
  });
  const a = q.data;
  return (
    <Drawer title={a ? `作答详情 — ${a.name}` : '作答详情'} open={attemptId !== null} onClose={onClose} size={520} destroyOnHidden>
      {q.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {q.isError && <Alert type="error" showIcon title={q.error instanceof Error ? q.error.message : '加载失败'} />}
      {a && <AttemptBody a={a} />}
    </Drawer>
  );
}
