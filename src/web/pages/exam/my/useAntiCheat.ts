/**
 * Reports what a browser can honestly notice — leaving the tab or app, the window losing focus,
 * copy, paste, leaving full screen — as attempt events the organiser sees. It cannot see a second
 * device, a person beside the examinee, or screen readers; the start page says so.
 */
import { useEffect, useRef } from 'react';
import type { AttemptEventKind } from '../../../../common/exam';
import { api, ApiError } from '../../../api';
import { deviceId } from './deviceId';

export interface EventResult {
  switchCount: number;
  submitted: boolean;
}

export function reportEvent(attemptId: number, kind: AttemptEventKind): Promise<EventResult> {
  return api.post<EventResult>(`/api/my/attempts/${attemptId}/events`, { deviceId: deviceId(), kind });
}

/** Sends one event, retrying a few times while the network is down; gives up on a refusal. */
async function send(attemptId: number, kind: AttemptEventKind, onResult: (r: EventResult) => void, onClosed: () => void): Promise<void> {
  for (let i = 0; i < 5; i++) {
    try {
      onResult(await reportEvent(attemptId, kind));
      return;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        onClosed();
        return;
      }
      if (err instanceof ApiError && err.status > 0 && err.status < 500) return;
      await new Promise((r) => setTimeout(r, 2000 * (i + 1)));
    }
  }
}

export function useAntiCheat(opts: { attemptId: number; active: boolean; onResult: (r: EventResult) => void; onClosed: () => void }) {
  const cb = useRef(opts);
  useEffect(() => {
    cb.current = opts;
  });
  const { attemptId, active } = opts;

  useEffect(() => {
    if (!active) return;
    const fire = (kind: AttemptEventKind) => void send(attemptId, kind, (r) => cb.current.onResult(r), () => cb.current.onClosed());

    let blurTimer: ReturnType<typeof setTimeout> | null = null;
    let lastHiddenAt = 0;
    // Reloading or closing the page also hides it; that is not a switch to another app.
    // (beforeunload comes first; if the examinee stays after all, counting resumes a second later.)
    let leaving = false;
    let leavingTimer: ReturnType<typeof setTimeout> | null = null;
    const onPageHide = () => {
      leaving = true;
      if (leavingTimer) clearTimeout(leavingTimer);
      leavingTimer = setTimeout(() => (leaving = false), 1000);
    };
    const onPageShow = () => {
      leaving = false;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden' && !leaving) {
        lastHiddenAt = Date.now();
        fire('hidden');
      }
    };
    // A tab switch fires blur and then visibilitychange; count it once, as 'hidden'. A blur with
    // the page still visible (another window on top, a system dialog) is reported as 'blur'.
    const onBlur = () => {
      if (blurTimer) clearTimeout(blurTimer);
      blurTimer = setTimeout(() => {
        blurTimer = null;
        if (!leaving && document.visibilityState === 'visible' && !document.hasFocus() && Date.now() - lastHiddenAt > 1500) fire('blur');
      }, 600);
    };
    const onCopy = () => fire('copy');
    const onPaste = () => fire('paste');
    let wasFull = !!document.fullscreenElement;
    const onFullscreen = () => {
      const full = !!document.fullscreenElement;
      if (wasFull && !full) fire('fullscreen_exit');
      wasFull = full;
    };
    const listeners: [Window | Document, string, () => void][] = [
      [window, 'beforeunload', onPageHide],
      [window, 'pagehide', onPageHide],
      [window, 'pageshow', onPageShow],
      [document, 'visibilitychange', onVisibility],
      [window, 'blur', onBlur],
      [document, 'copy', onCopy],
      [document, 'paste', onPaste],
      [document, 'fullscreenchange', onFullscreen],
    ];
    for (const [target, type, fn] of listeners) target.addEventListener(type, fn);
    return () => {
      if (blurTimer) clearTimeout(blurTimer);
      if (leavingTimer) clearTimeout(leavingTimer);
      for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
    };
  }, [attemptId, active]);
}
