import { Card, Space, Table, Tooltip, Typography } from 'antd';
import type { ExamKind } from '../../../../common/exam';
import { Link } from 'react-router-dom';
import type { ExamListItem } from '../../../../common/exam-admin';
import { hasRole } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { PageContainer } from '../../../components/PageContainer';
import { ExamListFilters } from '../manage/ExamListFilters';
import { fmtPoints, fmtWindow, KindTag, PhaseTag } from '../manage/labels';
import { useExamFilters } from '../manage/useExams';
import { useUnitExamList } from './useUnitExams';
import '../manage/manage.css';

/**
 * 考试成绩 (/exam-results): read-only. A 单位管理员 sees the published exams with examinees in
 * their units, the counts covering their people only; each opens that exam's 成绩.
 */
export default function UnitExamsPage() {
  const { me } = useMe();
  const { query, update } = useExamFilters();
  const list = useUnitExamList(query);
  const data = list.data;
  const whole = hasRole(me, 'admin', 'organiser');
  const scopeName = me?.adminUnits.map((u) => u.name).join('、');

  return (
    <PageContainer
      title="考试成绩"
      subtitle={whole ? '已发布的考试及其成绩（只读）。' : `有${scopeName ? `“${scopeName}”（含下级单位）` : '本单位'}人员参加的考试，人数和成绩只计本单位人员。`}
    >
      <Card>
        <ExamListFilters query={query} update={update} />
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
          scroll={{ x: 960 }}
          locale={{ emptyText: query.q || query.kind || query.year ? '没有符合条件的考试' : '还没有本单位人员参加的考试' }}
          columns={[
            {
              title: '考试名称',
              dataIndex: 'title',
              render: (t: string, r) => (
                <Space orientation="vertical" size={2}>
                  <Link to={`/exam-results/${r.id}`}>{t}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.year}年度
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '类型', dataIndex: 'kind', width: 100, render: (k: ExamKind) => <KindTag kind={k} short /> },
            { title: '状态', dataIndex: 'phase', width: 90, render: (p: ExamListItem['phase']) => <PhaseTag phase={p} /> },
            { title: '考试时间', key: 'window', width: 250, render: (_: unknown, r) => fmtWindow(r.opensAt, r.closesAt) },
            { title: '总分/及格', key: 'points', width: 100, render: (_: unknown, r) => `${fmtPoints(r.totalPoints)} / ${fmtPoints(r.passMark)}` },
            {
              title: (
                <Tooltip title={whole ? '考生人数 / 已开始作答 / 已交卷' : '本单位（含下级单位）考生人数 / 已开始作答 / 已交卷'}>
                  <span>{whole ? '考生' : '本单位考生'} / 开考 / 交卷</span>
                </Tooltip>
              ),
              key: 'counts',
              width: whole ? 150 : 210,
              render: (_: unknown, r) => (
                <span className="exam-counts">
                  {r.rosterSize} / {r.startedCount} / {r.submittedCount}
                </span>
              ),
            },
            { title: '操作', key: 'op', width: 90, fixed: 'right', render: (_: unknown, r) => <Link to={`/exam-results/${r.id}`}>查看成绩</Link> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
