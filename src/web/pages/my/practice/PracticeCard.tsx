import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Radio, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { QUESTION_TYPE_ZH, type OptionKey } from '../../../../common/bank';
import type { PracticeFeedback, PracticeMode, PracticeQuestion } from '../../../../common/practice';
import { errorText } from '../../../components/feedback';
import { ExamHtml, markersIn } from '../../exam/my/ExamHtml';
import { canSubmit, optionMark, setBlank, toggleKey, truefalseMark, type Draft, type OptionMark } from './logic';
import { useAnswerPractice } from './usePractice';

const markClass = (m: OptionMark) => (m ? ` practice-option--${m}` : '');
const MARK_TEXT: Record<Exclude<OptionMark, null>, string> = { right: '（你的选择，正确）', wrong: '（你的选择，错误）', missed: '（正确答案）' };

interface Props {
  question: PracticeQuestion;
  mode: PracticeMode;
  /** "第 2 / 10 题" */
  position?: string;
  feedback: PracticeFeedback | null;
  onAnswered: (f: PracticeFeedback) => void;
}

/** One practice question: options as big tap targets, 提交, then right/wrong, the key, 解析 and the cited articles. */
export function PracticeCard({ question: q, mode, position, feedback, onAnswered }: Props) {
  const [draft, setDraft] = useState<Draft>(null);
  const answer = useAnswerPractice();
  const done = feedback !== null;
  const shown = feedback?.response ?? draft;
  const blankCount = q.blankCount ?? 0;

  const fillInput = useCallback(
    (n: number) => {
      const i = n - 1;
      const value = shown?.type === 'fill' ? (shown.blanks[i] ?? '') : '';
      const right = feedback?.blanks?.[i];
      return (
        <Input
          className={`practice-blank${right === true ? ' practice-blank--right' : right === false ? ' practice-blank--wrong' : ''}`}
          aria-label={`第${n}空`}
          value={value}
          disabled={done}
          maxLength={500}
          onChange={(e) => setDraft((d) => setBlank(d, blankCount, i, e.target.value))}
        />
      );
    },
    [shown, feedback, done, blankCount],
  );
  const missing = q.type === 'fill' ? Array.from({ length: blankCount }, (_, i) => i + 1).filter((n) => !markersIn(q.stem).includes(n)) : [];

  const submit = () => {
    if (!draft) return;
    answer.mutate({ versionId: q.versionId, mode, response: draft }, { onSuccess: onAnswered });
  };

  return (
    <section className="practice-card" aria-label="练习题" data-testid={`practice-q-${q.questionId}`}>
      <header className="practice-card__head">
        <Tag color="blue">{QUESTION_TYPE_ZH[q.type]}</Tag>
        {position && <span className="practice-card__pos">{position}</span>}
      </header>
      <ExamHtml className="practice-card__stem" html={q.stem} blank={q.type === 'fill' ? fillInput : undefined} />
      {missing.map((n) => (
        <div key={n} className="practice-card__extra-blank">
          第{n}空：{fillInput(n)}
        </div>
      ))}

      {q.type === 'single' && (
        <Radio.Group
          className="practice-options"
          value={shown?.type === 'single' ? shown.key : null}
          disabled={done}
          onChange={(e) => setDraft({ type: 'single', key: e.target.value as OptionKey })}
        >
          {(q.options ?? []).map((o) => {
            const m = optionMark(o.label, feedback);
            return (
              <Radio key={o.label} value={o.label} className={`practice-option${markClass(m)}`}>
                <span className="practice-option__key">{o.label}.</span>
                <ExamHtml className="practice-option__html" html={o.html} />
                {m && <span className="practice-sr">{MARK_TEXT[m]}</span>}
              </Radio>
            );
          })}
        </Radio.Group>
      )}

      {q.type === 'multiple' && (
        <div className="practice-options" role="group" aria-label="选项（可多选）">
          {(q.options ?? []).map((o) => {
            const keys = shown?.type === 'multiple' ? shown.keys : [];
            const m = optionMark(o.label, feedback);
            return (
              <Checkbox
                key={o.label}
                className={`practice-option${markClass(m)}`}
                checked={keys.includes(o.label)}
                disabled={done}
                onChange={() => setDraft({ type: 'multiple', keys: toggleKey(keys, o.label) })}
              >
                <span className="practice-option__key">{o.label}.</span>
                <ExamHtml className="practice-option__html" html={o.html} />
                {m && <span className="practice-sr">{MARK_TEXT[m]}</span>}
              </Checkbox>
            );
          })}
        </div>
      )}

      {q.type === 'truefalse' && (
        <Radio.Group
          className="practice-options practice-options--tf"
          value={shown?.type === 'truefalse' ? shown.value : null}
          disabled={done}
          onChange={(e) => setDraft({ type: 'truefalse', value: e.target.value as boolean })}
        >
          {[true, false].map((v) => (
            <Radio key={String(v)} value={v} className={`practice-option${markClass(truefalseMark(v, feedback))}`}>
              {v ? '正确' : '错误'}
            </Radio>
          ))}
        </Radio.Group>
      )}

      {answer.error && <Alert type="error" showIcon className="practice-card__error" message={errorText(answer.error)} />}

      {!done && (
        <Button type="primary" size="large" block className="practice-card__submit" disabled={!canSubmit(q, draft)} loading={answer.isPending} onClick={submit}>
          提交答案
        </Button>
      )}

      {feedback && <FeedbackPanel feedback={feedback} />}
    </section>
  );
}

function FeedbackPanel({ feedback: f }: { feedback: PracticeFeedback }) {
  return (
    <div className={`practice-feedback practice-feedback--${f.correct ? 'right' : 'wrong'}`} role="status">
      <div className="practice-feedback__verdict">
        {f.correct ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}
        {f.correct ? '回答正确' : '回答错误'}
        {f.wrongBook && !f.correct && <span className="practice-feedback__note">已记入错题本（错{f.wrongBook.wrongCount}次）</span>}
        {f.wrongBook?.mastered && f.correct && <span className="practice-feedback__note">已掌握，移出错题本</span>}
        {f.wrongBook && !f.wrongBook.mastered && f.correct && <span className="practice-feedback__note">错题本：已连续答对{f.wrongBook.correctStreak}次</span>}
      </div>
      <div className="practice-feedback__key">
        正确答案：<strong>{f.key.text}</strong>
      </div>
      {f.explanationHtml && (
        <div className="practice-feedback__explain">
          <div className="practice-feedback__label">解析</div>
          <ExamHtml html={f.explanationHtml} />
        </div>
      )}
      {f.legalBasis.length > 0 && (
        <div className="practice-feedback__basis">
          <div className="practice-feedback__label">法律依据</div>
          {f.legalBasis.map((b, i) => {
            const text = `《${b.lawTitle}》${b.articleLabel}`;
            return <div key={i}>{b.articleId ? <Link to={`/laws/articles/${b.articleId}`}>{text}</Link> : text}</div>;
          })}
        </div>
      )}
    </div>
  );
}
