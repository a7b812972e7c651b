import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ROSTER_STATUSES, ROSTER_STATUS_ZH, type RosterStatus } from '../../../../common/exam';
import type { ExamDetail, Paged, RosterRow } from '../../../../common/exam-admin';
import type { ResultRow, ResultsView } from '../../../../common/exam-results';
import { api } from '../../../api';
import { fmtTime } from './labels';

const REFRESH_MS = 15_000;

/** Time left until a deadline, "23:41" style, counting down with the page (display only). */
function Remaining({ deadline }: { deadline: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = Math.max(0, dayjs(deadline).valueOf() - now);
  const m = Math.floor(left / 60_000);
  const s = Math.floor((left % 60_000) / 1000);
  return (
    <Typography.Text type={left < 5 * 60_000 ? 'danger' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {left === 0 ? '已到时，等待自动交卷' : `剩余 ${m}:${String(s).padStart(2, '0')}`}
    </Typography.Text>
  );
}

/** The running attempt's deadline of one examinee, from the roster (which carries runningDeadlineAt). */
function DeadlineCell({ examId, row }: { examId: number; row: ResultRow }) {
  const q = useQuery({
    queryKey: ['exams', examId, 'roster', 'person', row.personId],
    queryFn: () => api.get<Paged<RosterRow>>(`/api/exams/${examId}/roster`, { q: row.name, pageSize: 50 }),
    refetchInterval: REFRESH_MS,
    meta: { quiet: true },
  });
  const deadline = q.data?.items.find((r) => r.personId === row.personId)?.runningDeadlineAt ?? null;
  if (!deadline) return <Typography.Text type="secondary">{q.isLoading ? '…' : '—'}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{fmtTime(deadline)}</span>
      <Remaining deadline={deadline} />
    </Space>
  );
}

/** 监考: who is writing now (refreshed every 15 s), their deadline and tab switches, and the status counts. */
export function ProctorTab({ exam }: { exam: ExamDetail }) {
  const [page, setPage] = useState(1);
  const live = exam.status === 'published';
  const q = useQuery({
    queryKey: ['exams', exam.id, 'proctor', page],
    queryFn: () => api.get<ResultsView>(`/api/exams/${exam.id}/results`, { status: 'in_progress', page, pageSize: 20 }),
    refetchInterval: live ? REFRESH_MS : false,
    enabled: exam.status !== 'draft',
  });
  const limit = exam.settings.switchLimit;
  const counts = q.data?.summary.counts;

  if (exam.status === 'draft') return <Alert type="info" showIcon title="考试发布并开考后，这里实时显示正在作答的考生。" />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={16}>
          {ROSTER_STATUSES.map((s: RosterStatus) => (
            <Col key={s} xs={8} md={4}>
              <Statistic title={ROSTER_STATUS_ZH[s]} value={counts?.[s] ?? 0} suffix="人" loading={q.isLoading} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card
        size="small"
        title="正在作答"
        extra={
          <Space>
            {q.dataUpdatedAt > 0 && <Typography.Text type="secondary">更新于 {dayjs(q.dataUpdatedAt).format('HH:mm:ss')}{live ? '，每15秒自动刷新' : ''}</Typography.Text>}
            <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={() => void q.refetch()} loading={q.isFetching}>
              刷新
            </Button>
          </Space>
        }
      >
        <Table<ResultRow>
          rowKey="personId"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data?.rows.items ?? []}
          pagination={{ current: page, pageSize: 20, total: q.data?.rows.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 人正在作答` }}
          locale={{ emptyText: live ? '目前没有正在作答的考生' : '考试已结束' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '单位', dataIndex: 'unitName' },
            { title: '第几次作答', dataIndex: 'attempts', width: 100, render: (n: number) => `第 ${n} 次` },
            { title: '截止时间', key: 'deadline', width: 190, render: (_: unknown, r) => <DeadlineCell examId={exam.id} row={r} /> },
            {
              title: '切屏',
              dataIndex: 'switchCount',
              width: 140,
              render: (n: number) => (
                <span className={limit !== null && n >= Math.max(1, limit - 1) ? 'exam-proctor-switch--warn' : undefined}>
                  {n} 次{limit !== null ? ` / 上限 ${limit}` : ''}
                </span>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          切屏指考生的考试页面失去焦点或被切换到后台（浏览器能感知的情况）；{limit !== null ? `达到 ${limit} 次将自动交卷。` : '本场考试只记录，不自动交卷。'}
          延长个别考生的时间请在“考生名单”中使用“个人设置”。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
