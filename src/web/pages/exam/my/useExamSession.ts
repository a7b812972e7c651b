/**
 * The state of a running attempt in the browser: my answers (server's, with this device's unsent
 * changes laid over them), the autosave queue, and the server clock (offset + deadline).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AttemptView, DisplayedResponse, SaveAnswersResponse } from '../../../../common/exam';
import { api } from '../../../api';
import { showError } from '../../../components/feedback';
import { clockOffset } from './clock';
import { deviceId } from './deviceId';
import type { LocalAnswer } from './logic';
import { loadSnapshot, overlayPending, SaveQueue, type KeyValueStore, type QueueStatus } from './saveQueue';

const memoryStore = new Map<string, string>();
/** localStorage, or memory when the browser refuses it (private mode quotas): the queue still works. */
export const browserStore: KeyValueStore = {
  getItem: (k) => {
    try {
      return localStorage.getItem(k);
    } catch {
      return memoryStore.get(k) ?? null;
    }
  },
  setItem: (k, v) => {
    try {
      localStorage.setItem(k, v);
    } catch {
      memoryStore.set(k, v);
    }
  },
  removeItem: (k) => {
    try {
      localStorage.removeItem(k);
    } catch {
      memoryStore.delete(k);
    }
  },
};

export interface ServerClock {
  offset: number;
  deadlineAt: string;
}

function answersFrom(view: AttemptView): Map<number, LocalAnswer> {
  const items = overlayPending(view.items.map((i) => ({ position: i.position, response: i.response, flagged: i.flagged, seq: i.seq })), loadSnapshot(browserStore, view.id).pending);
  return new Map(items.map((i) => [i.position, { response: i.response, flagged: i.flagged }]));
}

export function useExamSession(view: AttemptView, receivedAt: number) {
  const [answers, setAnswers] = useState(() => answersFrom(view));
  const [clock, setClock] = useState<ServerClock>(() => ({ offset: clockOffset(view.serverNow, receivedAt), deadlineAt: view.deadlineAt }));
  const [status, setStatus] = useState<QueueStatus>(() => ({ state: 'idle', pending: loadSnapshot(browserStore, view.id).pending.length, lastSavedAt: null }));
  const queueRef = useRef<SaveQueue | null>(null);
  // The latest answers for the change handlers (kept in step by those handlers, not by render).
  const answersRef = useRef(answers);

  const syncClock = useCallback((serverNow: string, deadlineAt: string, at: number) => {
    setClock((c) => {
      const offset = clockOffset(serverNow, at);
      return c.offset === offset && c.deadlineAt === deadlineAt ? c : { offset, deadlineAt };
    });
  }, []);

  useEffect(() => {
    if (view.status !== 'in_progress') return;
    const q = new SaveQueue({
      attemptId: view.id,
      serverLastSeq: view.lastSeq,
      store: browserStore,
      send: (saves) => api.put<SaveAnswersResponse>(`/api/my/attempts/${view.id}/answers`, { deviceId: deviceId(), saves }),
      onResponse: (res, at) => syncClock(res.serverNow, res.deadlineAt, at),
      onReject: (message) => showError(new Error(`有答案未能保存：${message}`)),
    });
    queueRef.current = q;
    const off = q.subscribe(setStatus);
    // Unsent changes from an earlier visit go out at once.
    if (q.unsent.length) void q.flushNow();
    return () => {
      off();
      q.dispose();
      if (queueRef.current === q) queueRef.current = null;
    };
    // One queue per attempt view (a takeover brings a new view and a new queue).
  }, [view.id, view.status, view.lastSeq, syncClock]);

  /** Back online: send at once instead of waiting for the retry timer. */
  const flushNow = useCallback(() => void queueRef.current?.flushNow(), []);

  const answer = useCallback((position: number, response: DisplayedResponse | null, opts: { debounce: boolean }) => {
    const prev = answersRef.current.get(position);
    const next = new Map(answersRef.current);
    next.set(position, { response, flagged: prev?.flagged ?? false });
    answersRef.current = next;
    setAnswers(next);
    queueRef.current?.record(position, response, prev?.flagged ?? false, opts);
  }, []);

  const toggleFlag = useCallback((position: number) => {
    const prev = answersRef.current.get(position);
    const flagged = !(prev?.flagged ?? false);
    const next = new Map(answersRef.current);
    next.set(position, { response: prev?.response ?? null, flagged });
    answersRef.current = next;
    setAnswers(next);
    queueRef.current?.record(position, prev?.response ?? null, flagged);
  }, []);

  const stopped = status.state === 'stopped';
  return useMemo(() => ({ answers, clock, status, stopped, queue: queueRef, answer, toggleFlag, syncClock, flushNow }), [answers, clock, status, stopped, answer, toggleFlag, syncClock, flushNow]);
}
