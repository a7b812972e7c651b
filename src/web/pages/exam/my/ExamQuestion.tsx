import { FlagFilled, FlagOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Radio, Tag } from 'antd';
import { memo, useCallback } from 'react';
import { QUESTION_TYPE_ZH, type OptionKey } from '../../../../common/bank';
import type { AttemptItemView, DisplayedResponse } from '../../../../common/exam';
import { ExamHtml, markersIn } from './ExamHtml';
import { fmtScore, setBlank, toggleKey, type LocalAnswer } from './logic';

export type AnswerChange = (position: number, response: DisplayedResponse | null, opts: { debounce: boolean }) => void;

interface Props {
  item: AttemptItemView;
  no: number;
  answer: LocalAnswer;
  onAnswer: AnswerChange;
  onFlag: (position: number) => void;
  disabled?: boolean;
}

/** One question of my paper: stem, the input for its type, and the 标记 (flag for review) toggle. */
export const ExamQuestion = memo(function ExamQuestion({ item, no, answer, onAnswer, onFlag, disabled }: Props) {
  const q = item.question;
  const r = answer.response;
  const pos = item.position;
  const blankCount = q.blankCount ?? 0;

  const fillInput = useCallback(
    (n: number) => {
      const i = n - 1;
      const value = r?.type === 'fill' ? (r.blanks[i] ?? '') : '';
      return (
        <Input
          size="small"
          className="exam-blank-input"
          aria-label={`第${no}题 第${n}空`}
          value={value}
          disabled={disabled}
          maxLength={500}
          onChange={(e) => onAnswer(pos, setBlank(r, blankCount, i, e.target.value), { debounce: true })}
        />
      );
    },
    [r, no, disabled, onAnswer, pos, blankCount],
  );

  // Blanks the stem does not mark (should not happen) still get an input below it.
  const missing = q.type === 'fill' ? Array.from({ length: blankCount }, (_, i) => i + 1).filter((n) => !markersIn(q.stem).includes(n)) : [];

  return (
    <section className="exam-q" id={`q-${pos}`} aria-label={`第${no}题`} data-testid={`question-${no}`}>
      <header className="exam-q__head">
        <span className="exam-q__no">{no}</span>
        <Tag color="blue">{QUESTION_TYPE_ZH[q.type]}</Tag>
        <span className="exam-q__points">{fmtScore(item.points)}分</span>
        <Button
          size="small"
          type={answer.flagged ? 'primary' : 'default'}
          ghost={answer.flagged}
          icon={answer.flagged ? <FlagFilled aria-hidden /> : <FlagOutlined aria-hidden />}
          onClick={() => onFlag(pos)}
          disabled={disabled}
          aria-pressed={answer.flagged}
          className={answer.flagged ? 'exam-q__flag exam-q__flag--on' : 'exam-q__flag'}
        >
          {answer.flagged ? '已标记' : '标记'}
        </Button>
      </header>

      <ExamHtml className="exam-q__stem" html={q.stem} blank={q.type === 'fill' ? fillInput : undefined} />
      {missing.map((n) => (
        <div key={n} className="exam-q__extra-blank">
          第{n}空：{fillInput(n)}
        </div>
      ))}

      {q.type === 'single' && (
        <Radio.Group name={`q${pos}`} className="exam-options" value={r?.type === 'single' ? r.key : null} disabled={disabled} onChange={(e) => onAnswer(pos, { type: 'single', key: e.target.value as OptionKey }, { debounce: false })}>
          {(q.options ?? []).map((o) => (
            <Radio key={o.label} value={o.label} className="exam-option">
              <span className="exam-option__key">{o.label}.</span>
              <ExamHtml className="exam-option__html" html={o.html} />
            </Radio>
          ))}
        </Radio.Group>
      )}

      {q.type === 'multiple' && (
        <div className="exam-options" role="group" aria-label={`第${no}题选项（可多选）`}>
          {(q.options ?? []).map((o) => {
            const keys = r?.type === 'multiple' ? r.keys : [];
            return (
              <Checkbox
                key={o.label}
                className="exam-option"
                checked={keys.includes(o.label)}
                disabled={disabled}
                onChange={() => onAnswer(pos, { type: 'multiple', keys: toggleKey(keys, o.label) }, { debounce: false })}
              >
                <span className="exam-option__key">{o.label}.</span>
                <ExamHtml className="exam-option__html" html={o.html} />
              </Checkbox>
            );
          })}
        </div>
      )}

      {q.type === 'truefalse' && (
        <Radio.Group
          name={`q${pos}`}
          className="exam-options exam-options--tf"
          value={r?.type === 'truefalse' ? r.value : null}
          disabled={disabled}
          onChange={(e) => onAnswer(pos, { type: 'truefalse', value: e.target.value as boolean }, { debounce: false })}
        >
          <Radio value={true} className="exam-option">正确</Radio>
          <Radio value={false} className="exam-option">错误</Radio>
        </Radio.Group>
      )}

      {q.type === 'essay' && (
        <Input.TextArea
          className="exam-essay"
          aria-label={`第${no}题作答`}
          placeholder="请在此作答"
          autoSize={{ minRows: 6, maxRows: 20 }}
          maxLength={20_000}
          showCount
          disabled={disabled}
          value={r?.type === 'essay' ? r.text : ''}
          onChange={(e) => onAnswer(pos, { type: 'essay', text: e.target.value }, { debounce: true })}
        />
      )}
    </section>
  );
});
