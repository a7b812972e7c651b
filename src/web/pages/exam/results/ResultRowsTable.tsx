import { PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import type { ColumnsType } from 'antd/es/table';
import type { ResultRow, ResultsView } from '../../../../common/exam-results';
import { AttemptDrawer } from '../manage/AttemptDrawer';
import { fmtScore } from './format';
import { Dash, dateTime, RosterStatusTag, submitReasonText } from './labels';

interface Props {
  examId: number;
  rows: ResultsView['rows'] | undefined;
  passMark: number;
  loading: boolean;
  onPage: (page: number) => void;
}

/** 考生成绩: one row per roster member, the counted attempt's score, and the printable 成绩单. */
export function ResultRowsTable({ examId, rows, passMark, loading, onPage }: Props) {
  const [attemptId, setAttemptId] = useState<number | null>(null);
  const columns: ColumnsType<ResultRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      render: (n: string, r) =>
        r.attemptId !== null && r.status !== 'not_started' && r.status !== 'in_progress' ? (
          <Tooltip title="查看作答记录（切屏、复制粘贴、交卷）">
            <Button type="link" size="small" style={{ padding: 0, fontWeight: 500 }} onClick={() => setAttemptId(r.attemptId)} aria-label={`${n}的作答记录`}>
              {n}
            </Button>
          </Tooltip>
        ) : (
          <span style={{ fontWeight: 500 }}>{n}</span>
        ),
    },
    { title: '工号', dataIndex: 'employeeNo', width: 90, render: (v: string | null) => v || <Dash /> },
    { title: '单位', dataIndex: 'unitName', width: 140, ellipsis: true },
    { title: '职务', dataIndex: 'title', width: 110, ellipsis: true, render: (v: string | null) => v || <Dash /> },
    { title: '状态', dataIndex: 'status', width: 90, render: (_, r) => <RosterStatusTag status={r.status} /> },
    {
      title: '成绩',
      dataIndex: 'score',
      width: 80,
      align: 'right',
      render: (s: number | null) =>
        s === null ? <Dash /> : <span style={{ fontWeight: 600, color: s >= passMark ? undefined : '#cf1322', fontVariantNumeric: 'tabular-nums' }}>{fmtScore(s)}</span>,
    },
    { title: '次数', dataIndex: 'attempts', width: 60, align: 'right' },
    { title: '交卷时间', dataIndex: 'submittedAt', width: 140, render: (v: string | null) => dateTime(v) ?? <Dash /> },
    {
      title: '交卷方式',
      dataIndex: 'submitReason',
      width: 120,
      render: (_, r) => {
        const text = submitReasonText(r.submitReason);
        if (!text) return <Dash />;
        return r.submitReason === 'manual' ? text : <Tag color={r.submitReason === 'switch_limit' ? 'red' : 'orange'}>{text}</Tag>;
      },
    },
    {
      title: '切屏',
      dataIndex: 'switchCount',
      width: 70,
      align: 'right',
      render: (n: number) => (n > 0 ? <Tooltip title="窗口失去焦点或切换标签页的次数">{<span style={{ color: n >= 3 ? '#cf1322' : undefined }}>{n}</span>}</Tooltip> : 0),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 100,
      render: (_, r) =>
        r.status !== 'not_started' && r.status !== 'in_progress' ? (
          <Button type="link" size="small" icon={<PrinterOutlined aria-hidden />} href={`/api/exams/${examId}/report/${r.personId}`} target="_blank" aria-label={`${r.name}的成绩单`}>
            成绩单
          </Button>
        ) : (
          <Dash />
        ),
    },
  ];
  return (
    <div data-testid="results-rows">
      <Table<ResultRow>
        rowKey="personId"
        size="middle"
        columns={columns}
        dataSource={rows?.items ?? []}
        loading={loading}
        scroll={{ x: 1110 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的考生" /> }}
        pagination={{
          current: rows?.page ?? 1,
          pageSize: rows?.pageSize ?? 20,
          total: rows?.total ?? 0,
          showSizeChanger: false,
          showQuickJumper: true,
          showTotal: (t) => `共 ${t} 人`,
          onChange: onPage,
        }}
      />
      <AttemptDrawer examId={examId} attemptId={attemptId} onClose={() => setAttemptId(null)} />
    </div>
  );
}
