/** 练习: 每日一练 | 专项练习 | 错题本 | 统计, phone first (one question per card, big tap targets). */
import { RightOutlined, TrophyOutlined } from '@ant-design/icons';
import { Card, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { DailyTab } from './DailyTab';
import { LawPracticeTab } from './LawPracticeTab';
import { StatsTab } from './StatsTab';
import { WrongBookTab } from './WrongBookTab';
import './practice.css';

const TABS = ['daily', 'law', 'wrong', 'stats'] as const;
type Tab = (typeof TABS)[number];

export default function PracticePage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'daily';
  return (
    <PageContainer title="练习" subtitle="每日一练、按法规章节专项练习；答错的题自动记入错题本">
      <div className="practice-page">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'daily' ? {} : { tab: k }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'daily', label: '每日一练', children: <DailyTab /> },
            { key: 'law', label: '专项练习', children: <LawPracticeTab /> },
            { key: 'wrong', label: '错题本', children: <WrongBookTab /> },
            { key: 'stats', label: '统计', children: <StatsTab /> },
          ]}
        />
        <Link to="/my/exams" className="practice-mock" aria-label="模拟考试：参加考评办组织的模拟练习考试">
          <Card size="small" hoverable>
            <div className="practice-mock__body">
              <TrophyOutlined className="practice-mock__icon" aria-hidden />
              <div className="practice-mock__text">
                <div className="practice-mock__title">模拟考试</div>
                <div className="practice-mock__desc">按正式考试的方式限时作答，在“我的考试”中参加考评办组织的模拟练习</div>
              </div>
              <RightOutlined aria-hidden />
            </div>
          </Card>
        </Link>
      </div>
    </PageContainer>
  );
}
