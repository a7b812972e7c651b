/**
 * Measures reading honestly in the browser: an article is on screen when ≥ 60% of it is visible
 * (or it fills the viewport), time counts only while the page is visible and the reader touched,
 * scrolled or typed in the last minute, and a heartbeat goes to the server about every 30 s (and
 * when the page is hidden). The accounting itself is in tracker.ts; the server's clock decides
 * the credit.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReadingBeatResult, ReadingTarget } from '../../common/reading';
import { api } from '../api';
import { useMe } from '../auth/session';
import { beatAnswered, beatDue, beatFailed, createTracker, markRead, setArticle, takeBeat, tick, type BeatPayload } from './tracker';

const IDLE_AFTER_MS = 60_000;
/** reading inside an embedded PDF: its scrolling and keys are invisible to the page */
const IDLE_IN_FRAME_MS = 5 * 60_000;
const TICK_MS = 1000;
const ACTIVITY_EVENTS = ['scroll', 'wheel', 'keydown', 'pointerdown', 'pointermove', 'touchstart'] as const;

export interface ReadingTrackerOptions {
  /** what is being read; null turns the tracker off (e.g. not a member) */
  target: ReadingTarget | null;
  /** article ids the server already counts as read */
  alreadyRead?: readonly number[];
  onBeat?: (result: ReadingBeatResult) => void;
}

const targetKey = (t: ReadingTarget | null) => (t ? (t.kind === 'law' ? `law:${t.lawId}` : `material:${t.materialId}`) : null);

/** ≥ 60% visible, or the article is taller than the viewport and covers most of it. */
function onScreen(e: IntersectionObserverEntry): boolean {
  if (!e.isIntersecting) return false;
  const viewport = e.rootBounds?.height ?? window.innerHeight;
  return e.intersectionRatio >= 0.6 || e.intersectionRect.height >= 0.9 * viewport;
}

export function useReadingTracker({ target, alreadyRead, onBeat }: ReadingTrackerOptions) {
  const { me } = useMe();
  const key = targetKey(target);
  const state = useRef(createTracker());
  const visible = useRef(new Set<number>());
  const elements = useRef(new Map<number, Element>());
  const ids = useRef(new WeakMap<Element, number>());
  const lengths = useRef(new Map<number, number>());
  const observer = useRef<IntersectionObserver | null>(null);
  const lastInput = useRef(0);
  const inFlight = useRef(false);
  const refs = useRef(new Map<number, (el: HTMLElement | null) => void>());
  const onBeatRef = useRef(onBeat);
  const csrf = useRef<string | null>(null);
  const [last, setLast] = useState<ReadingBeatResult | null>(null);

  useEffect(() => {
    onBeatRef.current = onBeat;
    csrf.current = me?.csrfToken ?? null;
  });

  // one observer for the page's lifetime
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return;
    const thresholds = Array.from({ length: 21 }, (_, i) => i / 20);
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const id = ids.current.get(e.target);
          if (id === undefined) continue;
          if (onScreen(e)) visible.current.add(id);
          else visible.current.delete(id);
        }
      },
      { threshold: thresholds },
    );
    observer.current = io;
    for (const el of elements.current.values()) io.observe(el);
    return () => {
      io.disconnect();
      observer.current = null;
    };
  }, []);

  // any input means the reader is there
  useEffect(() => {
    const mark = () => {
      lastInput.current = Date.now();
    };
    // clicking into an embedded document (the PDF of a material) moves focus out of our window
    const onBlur = () => {
      if (document.activeElement?.tagName === 'IFRAME') mark();
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, mark, { passive: true, capture: true });
    window.addEventListener('blur', onBlur);
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, mark, { capture: true });
      window.removeEventListener('blur', onBlur);
    };
  }, []);

  useEffect(() => {
    if (alreadyRead) markRead(state.current, alreadyRead);
  }, [alreadyRead]);

  // the clock: a tick a second, a beat when due, one on hide
  useEffect(() => {
    if (!key || !target) return;
    const s = createTracker();
    for (const [id, len] of lengths.current) setArticle(s, id, len);
    if (alreadyRead) markRead(s, alreadyRead);
    state.current = s;
    // opening the reader counts as activity
    lastInput.current = Date.now();
    let stopped = false;

    const answered = (sent: BeatPayload, r: ReadingBeatResult) => {
      beatAnswered(s, sent, r.acceptedArticleIds);
      if (stopped) return;
      setLast(r);
      onBeatRef.current?.(r);
    };
    const send = (sent: BeatPayload, interval: number) => {
      inFlight.current = true;
      api
        .post<ReadingBeatResult>('/api/reading/beat', { target, ...sent }, { quietAuth: true })
        .then((r) => answered(sent, r))
        .catch(() => beatFailed(s, sent, interval))
        .finally(() => {
          inFlight.current = false;
        });
    };
    // start the server's clock for this target
    send(takeBeat(s), 0);

    let prev = performance.now();
    const timer = window.setInterval(() => {
      const now = performance.now();
      // a sleeping laptop or a throttled tab must not count: at most 2 s per tick
      const dt = Math.min(2, Math.max(0, (now - prev) / 1000));
      prev = now;
      // input inside a PDF frame does not reach us: while it has focus, allow a longer quiet spell
      const idleAfter = document.activeElement?.tagName === 'IFRAME' ? IDLE_IN_FRAME_MS : IDLE_AFTER_MS;
      const engaged = document.visibilityState === 'visible' && Date.now() - lastInput.current < idleAfter;
      tick(s, dt, [...visible.current], engaged);
      if (!inFlight.current && beatDue(s)) {
        const interval = s.sinceBeat;
        send(takeBeat(s), interval);
      }
    }, TICK_MS);

    // leaving: a last beat that survives the unload (sendBeacon cannot carry the CSRF header)
    const flush = () => {
      if (!csrf.current) return;
      const interval = s.sinceBeat;
      const sent = takeBeat(s);
      fetch('/api/reading/beat', {
        method: 'POST',
        keepalive: true,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.current },
        body: JSON.stringify({ target, ...sent }),
      })
        .then((res) => (res.ok ? (res.json() as Promise<ReadingBeatResult>).then((r) => answered(sent, r)) : beatFailed(s, sent, interval)))
        .catch(() => beatFailed(s, sent, interval));
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onHide);
      // leaving the reader inside the app: report what was read since the last beat
      if (document.visibilityState === 'visible') flush();
    };
    // target is identified by its key; alreadyRead is applied by the effect above
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  /** A stable ref callback for an article element: `<div ref={register(a.id, a.text.length)}>`. */
  const register = useCallback((articleId: number, textLength: number) => {
    lengths.current.set(articleId, textLength);
    setArticle(state.current, articleId, textLength);
    let fn = refs.current.get(articleId);
    if (!fn) {
      fn = (el: HTMLElement | null) => {
        const old = elements.current.get(articleId);
        if (old && old !== el) {
          observer.current?.unobserve(old);
          elements.current.delete(articleId);
          visible.current.delete(articleId);
        }
        if (el) {
          elements.current.set(articleId, el);
          ids.current.set(el, articleId);
          observer.current?.observe(el);
        }
      };
      refs.current.set(articleId, fn);
    }
    return fn;
  }, []);

  return { register, last };
}
