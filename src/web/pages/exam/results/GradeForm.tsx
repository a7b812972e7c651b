import { ArrowLeftOutlined, ArrowRightOutlined, CheckOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Form, Input, InputNumber, Space, Typography, type GetRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { GradingItem, RubricItem } from '../../../../common/exam-results';
import { ApiError } from '../../../api';
import { showError } from '../../../components/feedback';
import { fmtScore, quickScores, rubricScore, scoreProblem } from './format';

interface Props {
  item: GradingItem;
  points: number;
  rubric: RubricItem[];
  saving: boolean;
  hasPrev: boolean;
  hasNext: boolean;
  onSave: (score: number, comment: string) => Promise<void>;
  onPrev: () => void;
  onNext: () => void;
}

/**
 * The score of one answer: rubric points as a checklist (their sum fills the score), quick
 * scores (0 / half / full), the score itself (0..points, step 0.5) and a comment.
 * Keyboard: Enter in the score field or Ctrl+Enter anywhere saves and moves on; PageUp/PageDown
 * go to the previous/next answer. Mounted with key = the answer's token, so each answer starts
 * from its own saved grade.
 */
export function GradeForm({ item, points, rubric, saving, hasPrev, hasNext, onSave, onPrev, onNext }: Props) {
  const [score, setScore] = useState<number | null>(item.myGrade?.score ?? null);
  const [comment, setComment] = useState(item.myGrade?.comment ?? '');
  const [checked, setChecked] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const scoreInput = useRef<GetRef<typeof InputNumber>>(null);

  useEffect(() => {
    scoreInput.current?.focus();
    scoreInput.current?.select();
  }, []);

  const save = async () => {
    const problem = scoreProblem(score, points);
    if (problem) {
      setError(problem);
      scoreInput.current?.focus();
      return;
    }
    setError(null);
    try {
      await onSave(score!, comment.trim());
    } catch (e) {
      const issue = e instanceof ApiError ? e.issues.find((i) => i.path === 'score') : undefined;
      if (issue) setError(issue.message);
      else showError(e);
    }
  };

  // Latest handlers for the window listener without re-subscribing on every keystroke.
  const keys = useRef({ save, onPrev, onNext, hasPrev, hasNext });
  useEffect(() => {
    keys.current = { save, onPrev, onNext, hasPrev, hasNext };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keys.current;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void k.save();
      } else if (e.key === 'PageDown' && k.hasNext) {
        e.preventDefault();
        k.onNext();
      } else if (e.key === 'PageUp' && k.hasPrev) {
        e.preventDefault();
        k.onPrev();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const toggle = (i: number, on: boolean) => {
    const next = on ? [...checked, i].sort((a, b) => a - b) : checked.filter((x) => x !== i);
    setChecked(next);
    setScore(rubricScore(rubric, next, points));
    setError(null);
  };

  return (
    <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()} aria-label="评分">
      <Form.Item label={`评分要点（勾选已答到的要点，自动计分）`} style={{ marginBottom: 12 }}>
        {rubric.length > 0 ? (
          <div className="grading__rubric">
            {rubric.map((r, i) => (
              <Checkbox key={i} checked={checked.includes(i)} onChange={(e) => toggle(i, e.target.checked)}>
                <span>{r.point}</span>
                <span className="grading__rubric-score">{fmtScore(r.score)} 分</span>
              </Checkbox>
            ))}
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本题未设评分要点，请对照参考答案评分" style={{ margin: 0 }} />
        )}
      </Form.Item>
      <Form.Item label={`得分（0–${fmtScore(points)} 分，可填0.5分）`} htmlFor="grade-score" validateStatus={error ? 'error' : undefined} help={error ?? undefined} required>
        <Space wrap>
          <InputNumber<number>
            id="grade-score"
            ref={scoreInput}
            min={0}
            max={points}
            step={0.5}
            value={score}
            onChange={(v) => {
              setScore(v);
              setError(null);
            }}
            onPressEnter={(e) => {
              e.preventDefault();
              void save();
            }}
            style={{ width: 120 }}
            suffix="分"
            aria-describedby="grade-keys"
          />
          {quickScores(points).map((s) => (
            <Button
              key={s}
              onClick={() => {
                setScore(s);
                setChecked([]);
                setError(null);
              }}
            >
              {s === points ? '满分' : s === 0 ? '0分' : `${fmtScore(s)}分`}
            </Button>
          ))}
        </Space>
      </Form.Item>
      <Form.Item label="评语（可选）" htmlFor="grade-comment">
        <Input.TextArea id="grade-comment" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="如：要点二表述不完整" />
      </Form.Item>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Space>
          <Button icon={<ArrowLeftOutlined aria-hidden />} disabled={!hasPrev} onClick={onPrev}>
            上一份
          </Button>
          <Button icon={<ArrowRightOutlined aria-hidden />} disabled={!hasNext} onClick={onNext}>
            跳过
          </Button>
        </Space>
        <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={saving} onClick={() => void save()}>
          保存并下一份
        </Button>
      </div>
      <Typography.Paragraph id="grade-keys" className="grading__keys" style={{ marginTop: 12, marginBottom: 0 }}>
        快捷键：得分框内 <kbd>Enter</kbd> 或任意处 <kbd>Ctrl</kbd>+<kbd>Enter</kbd> 保存并下一份；<kbd>PageUp</kbd> / <kbd>PageDown</kbd> 上一份 / 下一份
      </Typography.Paragraph>
    </Form>
  );
}
