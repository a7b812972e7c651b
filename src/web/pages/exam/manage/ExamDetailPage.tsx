import { Result, Skeleton, Space, Tabs } from 'antd';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../../auth/session';
import { PageContainer } from '../../../components/PageContainer';
import { RESULT_TABS, type ExamTab, type ExamTabContext } from './examTabs';
import { fmtWindow, KindTag, PhaseTag } from './labels';
import { OverviewTab } from './OverviewTab';
import { ProctorTab } from './ProctorTab';
import { RosterTab } from './RosterTab';
import { useExam } from './useExams';
import './manage.css';

/** The setup tabs; the results engineer's come after them (examTabs.ts). */
export const SETUP_TABS: ExamTab[] = [
  { key: 'overview', label: '概况', render: ({ exam }) => <OverviewTab exam={exam} /> },
  { key: 'roster', label: '考生名单', render: ({ exam }) => <RosterTab exam={exam} /> },
  { key: 'proctor', label: '监考', when: (e) => e.status !== 'draft', render: ({ exam }) => <ProctorTab exam={exam} /> },
];

/** /exams/:id: one exam with its tabs; ?tab= keeps the open tab in the URL. */
export default function ExamDetailPage() {
  const id = Number(useParams().id);
  const exam = useExam(id);
  const { me } = useMe();
  const [params, setParams] = useSearchParams();
  // Arriving from the long edit form (publish) must not leave the page scrolled down.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [id]);

  if (!exam.data) {
    return (
      <PageContainer title="考试详情">
        {exam.isError ? <Result status="warning" title="考试不存在或无权查看" extra={<Link to="/exams">返回考试列表</Link>} /> : <Skeleton active paragraph={{ rows: 10 }} />}
      </PageContainer>
    );
  }
  const e = exam.data;
  const tabs = [...SETUP_TABS, ...RESULT_TABS].filter((t) => !t.when || t.when(e));
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'overview';
  const goTab = (key: string) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true });
  const ctx: ExamTabContext = { exam: e, me: me ?? null, goTab };

  return (
    <PageContainer
      title={e.title}
      subtitle={
        <Space size={4} wrap>
          <KindTag kind={e.kind} />
          <PhaseTag phase={e.phase} />
          <span>{fmtWindow(e.opensAt, e.closesAt)}</span>
        </Space>
      }
      extra={<Link to="/exams">返回考试列表</Link>}
    >
      <Tabs
        className="exam-detail-tabs"
        activeKey={active}
        onChange={goTab}
        destroyOnHidden
        items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.render(ctx) }))}
      />
    </PageContainer>
  );
}
