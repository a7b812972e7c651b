import { ClockCircleOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { WARN_BEFORE_SECONDS } from '../../../../common/exam';
import { formatRemaining, remainingMs } from './clock';
import type { ServerClock } from './useExamSession';

/**
 * Time left by the server's clock (deadline − device now − offset), ticking twice a second on its
 * own so the rest of the page does not re-render. Calls onWarn once at 5 minutes and onTimeUp at 0.
 */
export function Countdown({ clock, onWarn, onTimeUp }: { clock: ServerClock; onWarn: () => void; onTimeUp: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const ms = remainingMs(clock.deadlineAt, clock.offset, now);
  const warn = ms <= WARN_BEFORE_SECONDS * 1000;
  const warned = useRef(false);
  const fired = useRef(false);
  useEffect(() => {
    if (warn && ms > 0 && !warned.current) {
      warned.current = true;
      onWarn();
    }
    if (!warn) warned.current = false; // time was added: warn again later
    if (ms <= 0 && !fired.current) {
      fired.current = true;
      onTimeUp();
    }
  }, [ms, warn, onWarn, onTimeUp]);
  return (
    <div className={warn ? 'exam-countdown exam-countdown--warn' : 'exam-countdown'} role="timer" aria-live="off" aria-label={`剩余时间 ${formatRemaining(ms)}`} data-testid="countdown">
      <ClockCircleOutlined aria-hidden />
      <span className="exam-countdown__label">剩余</span>
      <span className="exam-countdown__time">{formatRemaining(ms)}</span>
    </div>
  );
}
