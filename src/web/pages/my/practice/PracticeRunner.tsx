import { Button, Progress, Result } from 'antd';
import { useState } from 'react';
import type { PracticeFeedback, PracticeMode, PracticeQuestion } from '../../../../common/practice';
import { firstOpen } from './logic';
import { PracticeCard } from './PracticeCard';

interface Props {
  mode: PracticeMode;
  questions: PracticeQuestion[];
  /** feedback already known (today's answered questions) */
  initial?: (PracticeFeedback | null)[];
  /** shown on the summary: e.g. 再练一组 */
  onRestart?: () => void;
  restartText?: string;
}

/** A set of questions one card at a time: progress, 上一题/下一题, and a summary when all are answered. */
export function PracticeRunner({ mode, questions, initial, onRestart, restartText }: Props) {
  const [feedback, setFeedback] = useState<(PracticeFeedback | null)[]>(() => questions.map((_, i) => initial?.[i] ?? null));
  const [index, setIndex] = useState(() => firstOpen(feedback));
  const [summary, setSummary] = useState(() => feedback.length > 0 && feedback.every((f) => f !== null));
  const answered = feedback.filter((f) => f !== null).length;
  const correct = feedback.filter((f) => f?.correct).length;
  const total = questions.length;

  if (summary) {
    return (
      <Result
        status={correct === total ? 'success' : 'info'}
        title={`本组已完成：答对 ${correct} / ${total} 题`}
        subTitle={correct < total ? '答错的题已记入错题本，可在“错题本”中重做' : '全部答对'}
        extra={[
          <Button key="review" onClick={() => (setSummary(false), setIndex(0))}>
            回看题目
          </Button>,
          onRestart && (
            <Button key="again" type="primary" onClick={onRestart}>
              {restartText ?? '再练一组'}
            </Button>
          ),
        ]}
      />
    );
  }

  const q = questions[index];
  const last = index === total - 1;
  return (
    <div className="practice-runner">
      <Progress percent={Math.round((answered / total) * 100)} showInfo={false} size="small" aria-label={`已答 ${answered} / ${total} 题`} />
      <PracticeCard
        key={q.versionId}
        question={q}
        mode={mode}
        position={`第 ${index + 1} / ${total} 题`}
        feedback={feedback[index]}
        onAnswered={(f) => setFeedback((all) => all.map((x, i) => (i === index ? f : x)))}
      />
      <div className="practice-runner__nav">
        <Button size="large" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          上一题
        </Button>
        {last ? (
          <Button size="large" type="primary" disabled={answered < total} onClick={() => setSummary(true)}>
            完成
          </Button>
        ) : (
          <Button size="large" type={feedback[index] ? 'primary' : 'default'} onClick={() => setIndex(index + 1)}>
            下一题
          </Button>
        )}
      </div>
    </div>
  );
}
