/**
 * The exam page's autosave queue: lossless, ordered, offline-tolerant.
 *
 *  - Every change gets the next per-attempt sequence number (strictly increasing, continuing above
 *    max(what this device used, what the server stored)), so the server can keep the newest answer
 *    per question whatever order requests arrive in.
 *  - Only the newest unsent change per position is kept (coalescing): the server needs no history.
 *  - The counter and the unsent changes are written to storage (localStorage, keyed by attempt) on
 *    every change, so a reload, a crash or a lost session keeps them; they are removed only when
 *    the server acknowledges that exact seq (a newer edit made while a request was in flight stays).
 *  - One request at a time; a failed request is retried with exponential backoff; a refusal that
 *    cannot heal (attempt closed, another device took over) stops the queue and says why.
 *
 * No DOM or network here: storage, transport and timers are injected, so it is unit-tested in Node.
 */
import type { DisplayedResponse, SaveAnswersResponse } from '../../../../common/exam';

export interface PendingSave {
  position: number;
  seq: number;
  response: DisplayedResponse | null;
  flagged: boolean;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What is kept in storage for one attempt. */
export interface QueueSnapshot {
  lastSeq: number;
  pending: PendingSave[];
}

export const storageKey = (attemptId: number) => `xjkp.exam.attempt.${attemptId}.saves`;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Reads an attempt's snapshot; anything unreadable (another version, a broken write) counts as empty. */
export function loadSnapshot(store: KeyValueStore, attemptId: number): QueueSnapshot {
  let raw: string | null = null;
  try {
    raw = store.getItem(storageKey(attemptId));
  } catch {
    raw = null;
  }
  if (!raw) return { lastSeq: 0, pending: [] };
  try {
    const v = JSON.parse(raw) as { lastSeq?: unknown; pending?: unknown };
    const pending = Array.isArray(v.pending)
      ? (v.pending as Partial<PendingSave>[]).filter(
          (p): p is PendingSave => !!p && isInt(p.position) && p.position >= 0 && isInt(p.seq) && p.seq > 0 && typeof p.flagged === 'boolean' && (p.response === null || typeof p.response === 'object'),
        )
      : [];
    const lastSeq = Math.max(isInt(v.lastSeq) ? v.lastSeq : 0, ...pending.map((p) => p.seq));
    return { lastSeq, pending };
  } catch {
    return { lastSeq: 0, pending: [] };
  }
}

export function writeSnapshot(store: KeyValueStore, attemptId: number, snap: QueueSnapshot): boolean {
  try {
    store.setItem(storageKey(attemptId), JSON.stringify(snap));
    return true;
  } catch {
    return false; // storage full or disabled: the queue still works in memory
  }
}

export function clearSnapshot(store: KeyValueStore, attemptId: number): void {
  try {
    store.removeItem(storageKey(attemptId));
  } catch {
    /* nothing to do */
  }
}

/** An item as the server sent it: its saved response, flag and the seq that saved them. */
export interface ServerItemState {
  position: number;
  response: DisplayedResponse | null;
  flagged: boolean;
  seq: number;
}

/** The server's items with this device's unsent changes laid over them where those are newer. */
export function overlayPending<T extends ServerItemState>(items: readonly T[], pending: readonly PendingSave[]): T[] {
  const byPos = new Map(pending.map((p) => [p.position, p]));
  return items.map((it) => {
    const p = byPos.get(it.position);
    return p && p.seq > it.seq ? { ...it, response: p.response, flagged: p.flagged, seq: p.seq } : it;
  });
}

/** Retry delay after n consecutive failures: 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
}

export type FailureKind =
  /** network down, server busy or restarting: keep the changes and try again */
  | { kind: 'retry'; message: string }
  /** the attempt can take no more saves (closed, submitted, another device): stop */
  | { kind: 'fatal'; code: string; message: string }
  /** the server refused these saves as invalid; retrying the same would loop forever */
  | { kind: 'reject'; message: string };

export const FATAL_CODES = new Set(['ATTEMPT_CLOSED', 'ATTEMPT_SUBMITTED', 'DEVICE_REPLACED', 'NOT_FOUND', 'FORBIDDEN']);

/** Sorts a failed request's error (an ApiError-like {status, code, message}) into what the queue should do. */
export function classifyFailure(err: unknown): FailureKind {
  const e = (err ?? {}) as { status?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : 0;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' && e.message ? e.message : '保存失败';
  if (FATAL_CODES.has(code)) return { kind: 'fatal', code, message };
  // Session loss (401) heals after signing in again; the changes stay queued meanwhile.
  if (status === 0 || status === 401 || status === 408 || status === 429 || status >= 500) return { kind: 'retry', message };
  if (status === 409 || status === 403 || status === 404) return { kind: 'fatal', code: code || `HTTP_${status}`, message };
  return { kind: 'reject', message };
}

export type QueueStatus =
  | { state: 'idle' | 'saving'; pending: number; lastSavedAt: number | null }
  | { state: 'retrying'; pending: number; lastSavedAt: number | null; failures: number; message: string; retryAt: number }
  | { state: 'stopped'; pending: number; lastSavedAt: number | null; code: string; message: string };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

export interface SaveQueueOptions {
  attemptId: number;
  /** AttemptView.lastSeq: the highest seq the server has stored */
  serverLastSeq: number;
  store: KeyValueStore;
  send: (saves: PendingSave[]) => Promise<SaveAnswersResponse>;
  /** every successful response (the page refreshes its server clock offset and deadline) */
  onResponse?: (res: SaveAnswersResponse, receivedAt: number) => void;
  /** a reject: the saves were dropped */
  onReject?: (message: string, saves: PendingSave[]) => void;
  debounceMs?: number;
  timers?: Timers;
}

export class SaveQueue {
  private readonly opts: Required<Pick<SaveQueueOptions, 'debounceMs' | 'timers'>> & SaveQueueOptions;
  private lastSeq: number;
  private pending = new Map<number, PendingSave>();
  private inFlight = false;
  private again = false;
  private timer: unknown = null;
  private failures = 0;
  private status: QueueStatus;
  private listeners = new Set<(s: QueueStatus) => void>();
  private paused = false;

  constructor(options: SaveQueueOptions) {
    this.opts = { debounceMs: 600, timers: realTimers, ...options };
    const snap = loadSnapshot(options.store, options.attemptId);
    this.lastSeq = Math.max(snap.lastSeq, options.serverLastSeq);
    // Changes the server already has (seq ≤ its lastSeq at a position it answered) may still be
    // listed if the ack was lost; sending them again is harmless (the server acknowledges and ignores).
    for (const p of snap.pending) this.pending.set(p.position, p);
    this.status = { state: 'idle', pending: this.pending.size, lastSavedAt: null };
    this.persist();
  }

  /** Unsent changes, oldest first. */
  get unsent(): PendingSave[] {
    return [...this.pending.values()].sort((a, b) => a.seq - b.seq);
  }

  get currentStatus(): QueueStatus {
    return this.status;
  }

  get highestSeq(): number {
    return this.lastSeq;
  }

  subscribe(fn: (s: QueueStatus) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Records a change and schedules sending it: at once for a choice, after a pause in typing
   * (debounce) for text. Returns the change's seq. Ignored once the queue has stopped.
   */
  record(position: number, response: DisplayedResponse | null, flagged: boolean, opts: { debounce?: boolean } = {}): number | null {
    if (this.status.state === 'stopped') return null;
    const seq = ++this.lastSeq;
    this.pending.set(position, { position, seq, response, flagged });
    this.persist();
    if (this.status.state === 'retrying') {
      // Keep waiting for the retry timer; just count the new change.
      this.setStatus({ ...this.status, pending: this.pending.size });
    } else {
      this.setStatus({ state: this.inFlight ? 'saving' : 'idle', pending: this.pending.size, lastSavedAt: this.status.lastSavedAt });
      this.schedule(opts.debounce ? this.opts.debounceMs : 0);
    }
    return seq;
  }

  /** Sends now (e.g. the browser came back online): cancels a waiting retry or debounce. */
  flushNow(): Promise<void> {
    if (this.timer !== null) {
      this.opts.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    return this.flush();
  }

  /**
   * For submit: stops sending and hands over every unsent change, to go with the submit request.
   * If the submit fails, call resume() — the changes are still stored.
   */
  drainForSubmit(): PendingSave[] {
    this.paused = true;
    if (this.timer !== null) {
      this.opts.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    return this.unsent;
  }

  get stopped(): boolean {
    return this.status.state === 'stopped';
  }

  /** Whether a save request is on the wire (submit waits for it, so the two do not race). */
  get busy(): boolean {
    return this.inFlight;
  }

  resume(): void {
    this.paused = false;
    if (this.pending.size > 0) this.schedule(0);
  }

  /** Stops for good (the attempt is closed or another device took over); unsent changes stay stored. */
  stop(code: string, message: string): void {
    if (this.timer !== null) this.opts.timers.clearTimeout(this.timer);
    this.timer = null;
    this.setStatus({ state: 'stopped', pending: this.pending.size, lastSavedAt: this.status.lastSavedAt, code, message });
  }

  /** After a successful submit: forget everything stored for this attempt. */
  clear(): void {
    this.stop('SUBMITTED', '已交卷');
    this.pending.clear();
    clearSnapshot(this.opts.store, this.opts.attemptId);
  }

  dispose(): void {
    if (this.timer !== null) this.opts.timers.clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private schedule(ms: number): void {
    if (this.paused || this.status.state === 'stopped') return;
    if (this.timer !== null) this.opts.timers.clearTimeout(this.timer);
    this.timer = this.opts.timers.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private async flush(): Promise<void> {
    if (this.paused || this.status.state === 'stopped' || this.pending.size === 0) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const batch = this.unsent.slice(0, 300); // the API takes at most 300 saves per request
    this.inFlight = true;
    this.setStatus({ state: 'saving', pending: this.pending.size, lastSavedAt: this.status.lastSavedAt });
    let res: SaveAnswersResponse;
    try {
      res = await this.opts.send(batch);
    } catch (err) {
      this.inFlight = false;
      this.again = false;
      this.onFailure(err, batch);
      return;
    }
    this.inFlight = false;
    const now = this.opts.timers.now();
    this.acknowledge(res.acknowledged);
    this.lastSeq = Math.max(this.lastSeq, res.lastSeq);
    this.persist();
    this.failures = 0;
    this.opts.onResponse?.(res, now);
    if (this.stopped) return; // stopped while the request was on the wire
    this.setStatus({ state: this.pending.size ? 'saving' : 'idle', pending: this.pending.size, lastSavedAt: now });
    const more = this.again || this.pending.size > 0;
    this.again = false;
    // Anything recorded meanwhile (or beyond the 300 just sent) goes next; a debounced edit waits for its timer.
    if (more && this.timer === null) this.schedule(0);
  }

  /** Removes a change only when the server acknowledged that exact seq (not an older one at its position). */
  private acknowledge(seqs: readonly number[]): void {
    const acked = new Set(seqs);
    for (const [pos, p] of this.pending) if (acked.has(p.seq)) this.pending.delete(pos);
  }

  private onFailure(err: unknown, batch: PendingSave[]): void {
    const f = classifyFailure(err);
    if (f.kind === 'fatal') {
      this.stop(f.code, f.message);
      return;
    }
    if (f.kind === 'reject') {
      // Drop exactly the refused changes (newer edits at those positions stay) so one bad
      // answer cannot block every later save; the page tells the examinee.
      for (const b of batch) if (this.pending.get(b.position)?.seq === b.seq) this.pending.delete(b.position);
      this.persist();
      this.opts.onReject?.(f.message, batch);
      this.setStatus({ state: 'idle', pending: this.pending.size, lastSavedAt: this.status.lastSavedAt });
      if (this.pending.size) this.schedule(0);
      return;
    }
    this.failures += 1;
    const delay = backoffMs(this.failures);
    this.setStatus({ state: 'retrying', pending: this.pending.size, lastSavedAt: this.status.lastSavedAt, failures: this.failures, message: f.message, retryAt: this.opts.timers.now() + delay });
    this.schedule(delay);
  }

  private persist(): void {
    writeSnapshot(this.opts.store, this.opts.attemptId, { lastSeq: this.lastSeq, pending: this.unsent });
  }

  private setStatus(s: QueueStatus): void {
    this.status = s;
    for (const fn of this.listeners) fn(s);
  }
}
