import { Result, Skeleton, Space } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { hasRole } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { PageContainer } from '../../../components/PageContainer';
import { examPhaseOf } from '../../../../common/exam-admin';
import { fmtWindow, KindTag, PhaseTag } from '../manage/labels';
import { ResultsTab } from '../results/ResultsTab';
import { useResultsHeader } from './useUnitExams';
import '../manage/manage.css';

/** /exam-results/:id: one exam's 成绩, read-only (no 发布成绩, 阅卷, roster or 任前 actions). */
export default function UnitExamResultsPage() {
  const id = Number(useParams().id);
  const header = useResultsHeader(id);
  const { me } = useMe();
  const scoped = !hasRole(me, 'admin', 'organiser');
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [id]);

  if (!header.data) {
    return (
      <PageContainer title="考试成绩">
        {header.isError ? (
          <Result status="warning" title="考试不存在或无权查看" subTitle={scoped ? '只能查看有本单位人员参加的已发布考试。' : undefined} extra={<Link to="/exam-results">返回考试成绩</Link>} />
        ) : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )}
      </PageContainer>
    );
  }
  const e = header.data;
  return (
    <PageContainer
      title={e.title}
      subtitle={
        <Space size={4} wrap>
          <KindTag kind={e.kind} />
          <PhaseTag phase={examPhaseOf(e.status, e.opensAt, e.closesAt)} />
          <span>{fmtWindow(e.opensAt, e.closesAt)}</span>
          {scoped && <span>· 只含本单位（含下级单位）人员</span>}
        </Space>
      }
      extra={<Link to="/exam-results">返回考试成绩</Link>}
    >
      <ResultsTab examId={id} readOnly />
    </PageContainer>
  );
}
