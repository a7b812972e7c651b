import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tooltip, Typography } from 'antd';
import type { ExamKind } from '../../../../common/exam';
import { Link, useNavigate } from 'react-router-dom';
import type { ExamListItem } from '../../../../common/exam-admin';
import { PageContainer } from '../../../components/PageContainer';
import { ExamListFilters } from './ExamListFilters';
import { fmtPoints, fmtWindow, KindTag, PhaseTag } from './labels';
import { useExamFilters, useExamList } from './useExams';
import './manage.css';

/** 考试管理: every exam, filtered by year, kind and status, newest first. */
export default function ExamsPage() {
  const navigate = useNavigate();
  const { query, update } = useExamFilters();
  const list = useExamList(query);
  const data = list.data;

  return (
    <PageContainer
      title="考试管理"
      subtitle="年度学法考试、任前法律知识考试、补考和模拟练习。考试发布后试卷和考生名单即冻结。"
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/exams/new')}>
          新建考试
        </Button>
      }
    >
      <Card>
        <ExamListFilters query={query} update={update} withStatus />
        <Table<ExamListItem>
          rowKey="id"
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          pagination={{
            current: data?.page ?? 1,
            pageSize: data?.pageSize ?? 20,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 场考试`,
            onChange: (page) => update({ page }),
          }}
          scroll={{ x: 1150 }}
          locale={{ emptyText: query.q || query.kind || query.status || query.year ? '没有符合条件的考试' : '还没有考试，点击右上角“新建考试”开始' }}
          columns={[
            {
              title: '考试名称',
              dataIndex: 'title',
              render: (t: string, r) => (
                <Space orientation="vertical" size={2}>
                  <Link to={`/exams/${r.id}`}>{t}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.year}年度 · {r.paperMode === 'blueprint' ? '按组卷规则随机抽题' : '固定试卷'}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '类型', dataIndex: 'kind', width: 100, render: (k: ExamKind) => <KindTag kind={k} short /> },
            { title: '状态', dataIndex: 'phase', width: 90, render: (p: ExamListItem['phase']) => <PhaseTag phase={p} /> },
            { title: '考试时间', key: 'window', width: 250, render: (_: unknown, r) => fmtWindow(r.opensAt, r.closesAt) },
            { title: '时长', dataIndex: 'durationMinutes', width: 80, render: (m: number) => `${m} 分钟` },
            { title: '总分/及格', key: 'points', width: 100, render: (_: unknown, r) => `${fmtPoints(r.totalPoints)} / ${fmtPoints(r.passMark)}` },
            {
              title: (
                <Tooltip title="考生人数 / 已开始作答 / 已交卷（草稿只计已添加到名单的人员，按规则的考生在发布时生成）">
                  <span>考生 / 开考 / 交卷</span>
                </Tooltip>
              ),
              key: 'counts',
              width: 150,
              render: (_: unknown, r) => (
                <span className="exam-counts">
                  {r.rosterSize} / {r.startedCount} / {r.submittedCount}
                </span>
              ),
            },
            {
              title: '操作',
              key: 'op',
              width: 110,
              fixed: 'right',
              render: (_: unknown, r) => (
                <Space size="small">
                  <Link to={`/exams/${r.id}`}>查看</Link>
                  {r.status !== 'closed' && <Link to={`/exams/${r.id}/edit`}>编辑</Link>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
