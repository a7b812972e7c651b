import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Progress, Row, Space, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { MyExamItem } from '../../../common/exam';
import type { MyLearning } from '../../../common/learning-lists';
import type { DailyPracticeView } from '../../../common/practice';
import { api } from '../../api';

const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toLocaleString('zh-CN');

/**
 * A member's 工作台: where they stand this year and what is waiting today — the learning list,
 * 学时, today's practice and any exam they can sit now. Each card opens the page that acts on it.
 */
export function MyToday() {
  const navigate = useNavigate();
  const learning = useQuery({ queryKey: ['my-learning', 'home'], queryFn: () => api.get<MyLearning>('/api/my/learning') });
  // practice is refused (409) while an exam is running: the card then just says so
  const daily = useQuery({ queryKey: ['practice', 'daily', 'home'], queryFn: () => api.get<DailyPracticeView>('/api/practice/daily'), retry: false });
  const exams = useQuery({ queryKey: ['exams', 'my', 'home'], queryFn: () => api.get<{ items: MyExamItem[] }>('/api/my/exams') });

  const p = learning.data?.progress;
  const waiting = (exams.data?.items ?? []).filter((e) => e.state === 'open' || e.state === 'in_progress');
  const upcoming = (exams.data?.items ?? []).filter((e) => e.state === 'upcoming');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12} xl={6}>
        <Card title="学法清单" loading={learning.isLoading} extra={<a onClick={() => navigate('/my/learning')}>去学习</a>}>
          {p && p.requiredTotal > 0 ? (
            <Space align="center" size="large">
              <Progress type="circle" size={72} percent={p.percent} />
              <Typography.Text>
                必学 {p.requiredDone}/{p.requiredTotal} 项已完成
              </Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">今年还没有分配给您的学法清单。</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card title="本年学时" loading={learning.isLoading} extra={<a onClick={() => navigate('/my/archive')}>学法档案</a>}>
          {learning.data && (
            <>
              <Statistic value={hours(learning.data.totalMinutes)} suffix="小时" />
              <Typography.Text type="secondary">
                今日自学已计 {learning.data.todaySelfStudyMinutes}/{learning.data.dailyCapMinutes} 分钟
              </Typography.Text>
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card title="每日一练" loading={daily.isLoading} extra={<a onClick={() => navigate('/my/practice')}>去练习</a>}>
          {daily.data ? (
            daily.data.total === 0 ? (
              <Typography.Text type="secondary">题库中暂无可练习的题目。</Typography.Text>
            ) : (
              <Space direction="vertical">
                <Progress percent={Math.round((daily.data.answeredCount / daily.data.total) * 100)} format={() => `${daily.data.answeredCount}/${daily.data.total}`} />
                <Typography.Text type="secondary">{daily.data.answeredCount >= daily.data.total ? '今天的题目已全部完成' : `今天还有 ${daily.data.total - daily.data.answeredCount} 道题`}</Typography.Text>
              </Space>
            )
          ) : (
            daily.isError && <Typography.Text type="secondary">{(daily.error as Error).message}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card title="考试" loading={exams.isLoading} extra={<a onClick={() => navigate('/my/exams')}>我的考试</a>}>
          {waiting.length > 0 ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              {waiting.slice(0, 2).map((e) => (
                <Button key={e.examId} type="primary" block onClick={() => navigate('/my/exams')}>
                  {e.state === 'in_progress' ? '继续作答：' : '可参加：'}
                  {e.title}
                </Button>
              ))}
            </Space>
          ) : upcoming.length > 0 ? (
            <Typography.Text>
              即将开始：{upcoming[0]!.title}（{new Date(upcoming[0]!.opensAt).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}）
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">目前没有待参加的考试。</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
