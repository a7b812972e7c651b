import { FlagFilled } from '@ant-design/icons';
import type { CardEntry } from './logic';

/** 答题卡: every question's number, coloured by answered / half-filled, with a flag mark; click to jump. */
export function AnswerCard({ entries, current, onJump }: { entries: CardEntry[]; current: number | null; onJump: (position: number) => void }) {
  const answered = entries.filter((e) => e.state === 'done').length;
  const flagged = entries.filter((e) => e.flagged).length;
  return (
    <div className="exam-card" data-testid="answer-card">
      <div className="exam-card__summary">
        已答 <b>{answered}</b> / {entries.length} 题{flagged > 0 && <>，标记 <b>{flagged}</b> 题</>}
      </div>
      <div className="exam-card__grid">
        {entries.map((e) => {
          const cls = ['exam-card__cell', `exam-card__cell--${e.state}`];
          if (e.position === current) cls.push('exam-card__cell--current');
          const state = e.state === 'done' ? '已答' : e.state === 'partial' ? '未答完' : '未答';
          return (
            <button
              key={e.position}
              type="button"
              className={cls.join(' ')}
              onClick={() => onJump(e.position)}
              aria-label={`第${e.no}题，${state}${e.flagged ? '，已标记' : ''}`}
              aria-current={e.position === current ? 'step' : undefined}
            >
              {e.no}
              {e.flagged && <FlagFilled className="exam-card__flag" aria-hidden />}
            </button>
          );
        })}
      </div>
      <div className="exam-card__legend" aria-hidden>
        <span><i className="exam-card__swatch exam-card__cell--done" />已答</span>
        <span><i className="exam-card__swatch exam-card__cell--partial" />未答完</span>
        <span><i className="exam-card__swatch exam-card__cell--empty" />未答</span>
        <span><FlagFilled style={{ color: '#fa8c16' }} /> 标记</span>
      </div>
    </div>
  );
}
