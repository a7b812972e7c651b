import { Alert, Button, Empty, Result, Skeleton, Typography } from 'antd';
import { errorText } from '../../../components/feedback';
import { PracticeRunner } from './PracticeRunner';
import { useDailyPractice } from './usePractice';

/** 每日一练: today's fixed set; a reload continues where it stopped. */
export function DailyTab() {
  const q = useDailyPractice();
  if (q.isPending) return <Skeleton active />;
  if (q.error) {
    return <Result status="warning" title={errorText(q.error)} extra={<Button onClick={() => void q.refetch()}>重试</Button>} />;
  }
  const v = q.data;
  if (v.total === 0) return <Empty description="题库中暂无可练习的题目" />;
  return (
    <div>
      <Typography.Paragraph type="secondary" className="practice-intro">
        {v.day} 的 {v.total} 道题，今天内题目不变；已答 {v.answeredCount} 题。
      </Typography.Paragraph>
      {v.answeredCount === v.total && <Alert type="success" showIcon message="今日一练已完成，明天再来" className="practice-intro" />}
      <PracticeRunner
        key={v.day}
        mode="daily"
        questions={v.items}
        initial={v.items.map((i) => i.answered)}
      />
    </div>
  );
}
