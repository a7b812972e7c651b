/** 我的考试: my exams grouped by what I can do with them (进行中 / 可参加 / 未开始 / 已交卷 / 成绩 / 已结束). */
import { Button, Card, Empty, Result, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { EXAM_KIND_ZH, type MyExamItem } from '../../../../common/exam';
import { PageContainer } from '../../../components/PageContainer';
import { attemptsLeft, canStartAgain, fmtScore, formatMinutes, formatWindow, groupMyExams, resultsReleaseText } from './logic';
import { useMyExams } from './useMyExams';
import './exam-my.css';

const STATE_TAG: Record<MyExamItem['state'], { color: string; text: string }> = {
  in_progress: { color: 'processing', text: '进行中' },
  open: { color: 'green', text: '可参加' },
  upcoming: { color: 'default', text: '未开始' },
  submitted: { color: 'blue', text: '已交卷' },
  result: { color: 'purple', text: '已出成绩' },
  missed: { color: 'default', text: '已结束' },
};

export default function MyExamsPage() {
  const q = useMyExams();
  const groups = groupMyExams(q.data ?? []);
  return (
    <PageContainer title="我的考试" subtitle="考试时间以服务器时间为准；作答中的答案自动保存">
      {q.isPending && <Skeleton active />}
      {q.error && <Result status="warning" title="加载失败" extra={<Button onClick={() => void q.refetch()}>重试</Button>} />}
      {q.data && q.data.length === 0 && <Empty description="暂无需要参加的考试" />}
      {groups.map((g) => (
        <section key={g.key} className="my-exams__group" aria-label={g.label}>
          <Typography.Title level={5} className="my-exams__group-title">
            {g.label}
            <span className="my-exams__count">{g.items.length}</span>
          </Typography.Title>
          <div className="my-exams__grid">
            {g.items.map((e) => (
              <ExamCard key={e.examId} exam={e} />
            ))}
          </div>
        </section>
      ))}
    </PageContainer>
  );
}

function ExamCard({ exam: e }: { exam: MyExamItem }) {
  const tag = STATE_TAG[e.state];
  const left = attemptsLeft(e);
  return (
    <Card size="small" className={`my-exam my-exam--${e.state}`} data-testid={`my-exam-${e.examId}`}>
      <div className="my-exam__head">
        <Typography.Text strong className="my-exam__title">
          {e.title}
        </Typography.Text>
        <Tag color={tag.color} style={{ marginInlineEnd: 0 }}>
          {tag.text}
        </Tag>
      </div>
      <div className="my-exam__kind">{EXAM_KIND_ZH[e.kind]}</div>
      <dl className="my-exam__facts">
        <dt>考试时间</dt>
        <dd>{formatWindow(e.opensAt, e.closesAt)}</dd>
        <dt>时长</dt>
        <dd>
          {formatMinutes(e.durationMinutes)}
          {e.extraMinutes > 0 && `（另延长 ${e.extraMinutes} 分钟）`}
        </dd>
        <dt>满分/及格</dt>
        <dd>
          {fmtScore(e.totalPoints)} 分 / {fmtScore(e.passMark)} 分，共 {e.questionCount} 题
        </dd>
        <dt>作答次数</dt>
        <dd>
          已用 {e.attemptsUsed} / {e.maxAttempts} 次{left > 0 && e.attemptsUsed > 0 ? `，还可作答 ${left} 次` : ''}
        </dd>
        {e.state === 'submitted' && resultsReleaseText(e) && (
          <>
            <dt>成绩</dt>
            <dd data-testid={`my-exam-${e.examId}-release`}>{resultsReleaseText(e)}</dd>
          </>
        )}
        {e.state === 'result' && (
          <>
            <dt>成绩</dt>
            <dd>
              {e.score !== null ? <b className="my-exam__score">{fmtScore(e.score)} 分</b> : '待公布'}
              {e.passed !== null && (
                <Tag color={e.passed ? 'success' : 'error'} style={{ marginInlineStart: 8 }}>
                  {e.passed ? '通过' : '未通过'}
                </Tag>
              )}
            </dd>
          </>
        )}
      </dl>
      <div className="my-exam__actions">
        <CardActions exam={e} />
      </div>
    </Card>
  );
}

function CardActions({ exam: e }: { exam: MyExamItem }) {
  const navigate = useNavigate();
  const go = (to: string) => () => navigate(to);
  const [now] = useState(() => Date.now());
  const again = canStartAgain(e, now);
  switch (e.state) {
    case 'in_progress':
      return (
        <Button type="primary" onClick={go(e.activeAttemptId ? `/my/attempts/${e.activeAttemptId}` : `/my/exams/${e.examId}`)}>
          继续作答
        </Button>
      );
    case 'open':
      return (
        <Button type="primary" onClick={go(`/my/exams/${e.examId}`)}>
          {e.attemptsUsed > 0 ? '再次作答' : '进入考试'}
        </Button>
      );
    case 'upcoming':
      return <Button onClick={go(`/my/exams/${e.examId}`)}>查看考试须知</Button>;
    default:
      return (
        <>
          {e.lastAttemptId && (
            <Button type={e.state === 'result' ? 'primary' : 'default'} onClick={go(`/my/attempts/${e.lastAttemptId}/result`)}>
              {e.state === 'result' ? '查看成绩' : '查看交卷情况'}
            </Button>
          )}
          {again && <Button onClick={go(`/my/exams/${e.examId}`)}>再次作答</Button>}
          {!e.lastAttemptId && !again && e.state === 'missed' && <Typography.Text type="secondary">未参加</Typography.Text>}
        </>
      );
  }
}
