import { PrinterOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ROSTER_SOURCE_ZH, type RosterSource } from '../../../../common/exam-admin';
import { CANDIDATE_OUTCOMES, CANDIDATE_OUTCOME_ZH, type CandidateOutcome, type CandidateRow } from '../../../../common/exam-results';
import { can } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { fmtScore } from './format';
import { Dash, dateOnly, dateTime, OutcomeTag } from './labels';
import { MakeupModal } from './MakeupModal';
import { useCandidates } from './useResults';

const OUTCOME_TONE: Record<CandidateOutcome, string | undefined> = { passed: '#389e0d', failed: '#cf1322', absent: 'rgba(0,0,0,0.65)', grading: '#d48806', in_progress: '#1677ff', pending: 'rgba(0,0,0,0.45)' };

/**
 * 任前结果 (凡提必考): each candidate's 通过 / 未通过 / 缺考 with how long a pass stays valid,
 * the printable 考试结果通知 for the 组织部, and 安排补考 for those who did not pass.
 */
export function CandidatesTab({ examId }: { examId: number }) {
  const { me } = useMe();
  const canManage = can(me, 'exam.manage');
  const view = useCandidates(examId);
  const [outcome, setOutcome] = useState<CandidateOutcome | 'all'>('all');
  const [makeupOpen, setMakeupOpen] = useState(false);
  const v = view.data;
  const rows = (v?.rows ?? []).filter((r) => outcome === 'all' || r.outcome === outcome);
  const today = dayjs();
  const ended = !!v && (v.exam.status === 'closed' || (v.exam.status === 'published' && dayjs(v.exam.closesAt).isBefore(today)));

  const columns: ColumnsType<CandidateRow> = [
    { title: '序号', key: 'no', width: 60, render: (_, _r, i) => i + 1 },
    { title: '姓名', dataIndex: 'name', width: 100, render: (n: string) => <span style={{ fontWeight: 500 }}>{n}</span> },
    { title: '单位', dataIndex: 'unitName', ellipsis: true },
    { title: '职务', dataIndex: 'title', width: 140, ellipsis: true, render: (t: string | null) => t || <Dash /> },
    { title: '职级', dataIndex: 'rank', width: 90, render: (t: string | null) => t || <Dash /> },
    { title: '结论', dataIndex: 'outcome', width: 90, render: (o: CandidateOutcome) => <OutcomeTag outcome={o} /> },
    {
      title: '成绩',
      dataIndex: 'score',
      width: 80,
      align: 'right',
      render: (s: number | null, r) => (s === null ? <Dash /> : <span style={{ fontWeight: 600, color: r.outcome === 'failed' ? '#cf1322' : undefined }}>{fmtScore(s)}</span>),
    },
    { title: '交卷时间', dataIndex: 'submittedAt', width: 150, render: (t: string | null) => dateTime(t) ?? <Dash /> },
    {
      title: '合格有效期至',
      dataIndex: 'validUntil',
      width: 130,
      render: (t: string | null, r) => {
        if (r.outcome !== 'passed') return <Dash />;
        if (!t) return <Typography.Text type="secondary">长期有效</Typography.Text>;
        const expired = dayjs(t).isBefore(today);
        return expired ? (
          <Tooltip title="已过有效期，需重新参加任前考试">
            <Typography.Text type="danger">{dateOnly(t)}（已过期）</Typography.Text>
          </Tooltip>
        ) : (
          dateOnly(t)
        );
      },
    },
    { title: '来源', dataIndex: 'source', width: 90, render: (s: string) => ROSTER_SOURCE_ZH[s as RosterSource] ?? s },
  ];

  if (view.isError && !v) {
    return (
      <Card>
        <Empty description={view.error.message || '候选人名单加载失败'}>
          <Button onClick={() => void view.refetch()}>重新加载</Button>
        </Empty>
      </Card>
    );
  }

  return (
    <div>
      <div className="exam-results__bar">
        <Typography.Text type="secondary">
          {v
            ? `拟提拔人选参加任前法律知识考试的结果。及格线 ${fmtScore(v.exam.passMark)} 分；${v.exam.passValidMonths ? `通过结果自交卷起 ${v.exam.passValidMonths} 个月内有效` : '通过结果未设有效期'}。`
            : '拟提拔人选参加任前法律知识考试的结果。'}
        </Typography.Text>
        <Space wrap>
          <Button icon={<PrinterOutlined aria-hidden />} href={`/api/exams/${examId}/notice`} target="_blank">
            打印考试结果通知
          </Button>
          {canManage && (
            <Tooltip title={v && !ended ? '考试结束后才能安排补考' : v && v.counts.failed + v.counts.absent === 0 ? '没有未通过或缺考的候选人' : undefined}>
              <Button type="primary" icon={<ScheduleOutlined aria-hidden />} disabled={!v || !ended || v.counts.failed + v.counts.absent === 0} onClick={() => setMakeupOpen(true)}>
                安排补考
              </Button>
            </Tooltip>
          )}
        </Space>
      </div>

      {v && !ended && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`考试尚未结束（${dateTime(v.exam.closesAt)} 截止）：尚未参加考试的候选人为“待考”，其考试时间结束后才计为“缺考”。考试结束后才能安排补考。`}
        />
      )}
      {v && (v.counts.grading > 0 || v.counts.in_progress > 0) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`结果尚未全部确定：${v.counts.grading ? `${v.counts.grading} 人待阅卷` : ''}${v.counts.grading && v.counts.in_progress ? '，' : ''}${v.counts.in_progress ? `${v.counts.in_progress} 人仍在考试中` : ''}。打印通知前请先完成阅卷。`}
        />
      )}

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(['passed', 'failed', 'absent'] as const).map((o) => (
          <Col key={o} xs={8} lg={6}>
            <Card size="small" data-testid={`candidates-${o}`}>
              <Statistic title={CANDIDATE_OUTCOME_ZH[o]} value={v?.counts[o] ?? 0} suffix="人" styles={{ content: { color: OUTCOME_TONE[o] } }} loading={view.isPending} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={6}>
          <Card size="small">
            <Statistic title="候选人合计" value={v?.rows.length ?? 0} suffix="人" loading={view.isPending} />
          </Card>
        </Col>
      </Row>

      <Card size="small" title="候选人名单">
        <Segmented
          style={{ marginBottom: 12 }}
          value={outcome}
          onChange={(x) => setOutcome(x as CandidateOutcome | 'all')}
          options={[
            { value: 'all', label: `全部（${v?.rows.length ?? 0}）` },
            ...CANDIDATE_OUTCOMES.filter((o) => (v?.counts[o] ?? 0) > 0 || o === 'passed' || o === 'failed' || o === 'absent').map((o) => ({ value: o, label: `${CANDIDATE_OUTCOME_ZH[o]}（${v?.counts[o] ?? 0}）` })),
          ]}
        />
        <div data-testid="candidates-table">
          <Table<CandidateRow>
            rowKey="personId"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={view.isFetching}
            scroll={{ x: 1000 }}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={view.isError ? '候选人名单加载失败' : '没有符合条件的候选人'} /> }}
          />
        </div>
      </Card>

      {v && makeupOpen && <MakeupModal open={makeupOpen} onClose={() => setMakeupOpen(false)} view={v} />}
    </div>
  );
}
