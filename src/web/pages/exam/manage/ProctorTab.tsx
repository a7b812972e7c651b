import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ROSTER_STATUSES, ROSTER_STATUS_ZH, SUBMIT_REASON_ZH, type AttemptStatus, type RosterStatus } from '../../../../common/exam';
import type { AttemptSummary, ExamDetail, Paged } from '../../../../common/exam-admin';
import type { ResultsView } from '../../../../common/exam-results';
import { api } from '../../../api';
import { AttemptDrawer, PROCTOR_REFRESH_MS, Remaining, SwitchCount } from './AttemptDrawer';
import { fmtPoints } from './labels';

const PAGE_SIZE = 20;
const hms = (iso: string) => dayjs(iso).format('HH:mm:ss');
/** "14:05:09", or "11-24 14:05" when not today. */
const when = (iso: string) => (dayjs(iso).isSame(dayjs(), 'day') ? hms(iso) : dayjs(iso).format('MM-DD HH:mm'));

/** 监考: attempts running now or submitted (refreshed every 15 s), each opening its detail and event timeline. */
export function ProctorTab({ exam }: { exam: ExamDetail }) {
  const [status, setStatus] = useState<AttemptStatus>('in_progress');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const live = exam.status === 'published';
  const enabled = exam.status !== 'draft';
  const counts = useQuery({
    queryKey: ['exams', exam.id, 'proctor', 'counts'],
    queryFn: () => api.get<ResultsView>(`/api/exams/${exam.id}/results`, { pageSize: 1 }),
    refetchInterval: live ? PROCTOR_REFRESH_MS : false,
    enabled,
    meta: { quiet: true },
  });
  const list = useQuery({
    queryKey: ['exams', exam.id, 'attempts', { status, q, page }],
    queryFn: () => api.get<Paged<AttemptSummary>>(`/api/exams/${exam.id}/attempts`, { status, q: q || undefined, page, pageSize: PAGE_SIZE }),
    refetchInterval: live ? PROCTOR_REFRESH_MS : false,
    enabled,
    placeholderData: (prev) => prev,
  });
  const summary = counts.data?.summary.counts;
  const limit = exam.settings.switchLimit;

  if (!enabled) return <Alert type="info" showIcon title="考试发布并开考后，这里实时显示正在作答的考生。" />;

  const running = status === 'in_progress';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={16}>
          {ROSTER_STATUSES.map((s: RosterStatus) => (
            <Col key={s} xs={8} md={4}>
              <Statistic title={ROSTER_STATUS_ZH[s]} value={summary?.[s] ?? 0} suffix="人" loading={counts.isLoading} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small">
        <div className="exam-proctor-toolbar">
          <Space size={12} wrap>
            <Segmented<AttemptStatus>
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={[
                { value: 'in_progress', label: '进行中' },
                { value: 'submitted', label: '已交卷' },
              ]}
            />
            <Input.Search
              allowClear
              placeholder="姓名或工号"
              aria-label="按姓名或工号搜索"
              style={{ width: 200 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
          </Space>
          <Space size={8} wrap>
            {list.dataUpdatedAt > 0 && (
              <Typography.Text type="secondary">
                更新于 {dayjs(list.dataUpdatedAt).format('HH:mm:ss')}
                {live ? '，每15秒自动刷新' : ''}
              </Typography.Text>
            )}
            <Button
              size="small"
              icon={<ReloadOutlined aria-hidden />}
              onClick={() => {
                void list.refetch();
                void counts.refetch();
              }}
              loading={list.isFetching}
            >
              刷新
            </Button>
          </Space>
        </div>
        <Table<AttemptSummary>
          rowKey="attemptId"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          onRow={(r) => ({ onClick: () => setOpenId(r.attemptId), style: { cursor: 'pointer' } })}
          scroll={{ x: 980 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (t) => (running ? `共 ${t} 人正在作答` : `共 ${t} 份已交卷`),
          }}
          locale={{ emptyText: q ? '没有符合条件的作答' : running ? (live ? '目前没有正在作答的考生' : '考试已结束') : '还没有人交卷' }}
          columns={[
            {
              title: '姓名',
              key: 'name',
              width: 130,
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={0}>
                  <span style={{ fontWeight: 500 }}>{r.name}</span>
                  {r.employeeNo && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.employeeNo}</Typography.Text>}
                </Space>
              ),
            },
            { title: '单位', dataIndex: 'unitName', ellipsis: true, render: (v: string, r) => <span title={r.unitPath.join(' / ')}>{v}</span> },
            { title: '次数', dataIndex: 'attemptNo', width: 70, render: (n: number) => `第 ${n} 次` },
            { title: '开始', dataIndex: 'startedAt', width: 90, render: (v: string) => when(v) },
            running
              ? {
                  title: '截止 / 剩余',
                  key: 'deadline',
                  width: 150,
                  render: (_: unknown, r: AttemptSummary) => (
                    <Space orientation="vertical" size={0}>
                      <span>{when(r.deadlineAt)}</span>
                      <Remaining deadline={r.deadlineAt} />
                    </Space>
                  ),
                }
              : {
                  title: '交卷',
                  key: 'submitted',
                  width: 170,
                  render: (_: unknown, r: AttemptSummary) => (
                    <Space orientation="vertical" size={0}>
                      <span>{r.submittedAt ? when(r.submittedAt) : '—'}</span>
                      {r.submitReason && (
                        <Typography.Text type={r.submitReason === 'manual' ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
                          {SUBMIT_REASON_ZH[r.submitReason]}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
            {
              title: '已答',
              key: 'answered',
              width: 80,
              align: 'right' as const,
              render: (_: unknown, r: AttemptSummary) => (
                <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {r.answeredCount}/{r.questionCount}
                </span>
              ),
            },
            ...(running
              ? []
              : [
                  {
                    title: '成绩',
                    key: 'score',
                    width: 80,
                    align: 'right' as const,
                    render: (_: unknown, r: AttemptSummary) =>
                      r.pendingGrading ? <Tag color="gold">待阅卷</Tag> : r.score === null ? '—' : <span style={{ fontWeight: 600, color: r.passed === false ? '#cf1322' : undefined }}>{fmtPoints(r.score)}</span>,
                  },
                ]),
            { title: '保存', dataIndex: 'saveCount', width: 70, align: 'right' as const, render: (n: number) => `${n} 次` },
            { title: '切屏', key: 'switch', width: 120, render: (_: unknown, r: AttemptSummary) => <SwitchCount count={r.switchCount} limit={r.switchLimit} /> },
            {
              title: '事件',
              key: 'events',
              width: 110,
              render: (_: unknown, r: AttemptSummary) => (
                <Space size={4}>
                  <span>{r.eventCount} 条</span>
                  {r.deviceChanged && <Tag color="red">换设备</Tag>}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 70,
              fixed: 'right' as const,
              render: (_: unknown, r: AttemptSummary) => (
                <Button
                  type="link"
                  size="small"
                  aria-label={`${r.name}的作答详情`}
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpenId(r.attemptId);
                  }}
                >
                  详情
                </Button>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          切屏指考生的考试页面失去焦点或被切换到后台（浏览器能感知的情况）；{limit !== null ? `达到 ${limit} 次将自动交卷。` : '本场考试只记录，不自动交卷。'}
          点击一行查看该次作答的事件记录。延长个别考生的时间请在“考生名单”中使用“个人设置”。
        </Typography.Paragraph>
      </Card>
      <AttemptDrawer examId={exam.id} attemptId={openId} onClose={() => setOpenId(null)} />
    </Space>
  );
}
