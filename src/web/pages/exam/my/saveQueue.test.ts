import { describe, expect, it } from 'vitest';
import type { SaveAnswersResponse } from '../../../../common/exam';
import { backoffMs, classifyFailure, loadSnapshot, overlayPending, SaveQueue, storageKey, type KeyValueStore, type PendingSave, type Timers } from './saveQueue';

class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

/** Manual clock: timers fire only when the test advances time. */
class FakeTimers implements Timers {
  t = 1_000_000;
  private q: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  setTimeout(fn: () => void, ms: number) {
    const id = ++this.seq;
    this.q.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(h: unknown) {
    this.q = this.q.filter((x) => x.id !== h);
  }
  now() {
    return this.t;
  }
  async advance(ms: number) {
    const end = this.t + ms;
    await settle();
    for (;;) {
      this.q.sort((a, b) => a.at - b.at);
      const next = this.q[0];
      if (!next || next.at > end) break;
      this.q.shift();
      this.t = next.at;
      next.fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A server that stores the highest seq per position, like the real one, and can be switched off. */
class FakeServer {
  stored = new Map<number, PendingSave>();
  lastSeq = 0;
  requests: PendingSave[][] = [];
  failWith: unknown = null;
  /** hold responses until released, to interleave edits with a request in flight */
  hold: (() => void)[] | null = null;

  send = async (saves: PendingSave[]): Promise<SaveAnswersResponse> => {
    this.requests.push(saves);
    if (this.hold) await new Promise<void>((r) => this.hold!.push(r));
    if (this.failWith) throw this.failWith;
    for (const s of saves) {
      const cur = this.stored.get(s.position);
      if (!cur || cur.seq < s.seq) this.stored.set(s.position, s);
      this.lastSeq = Math.max(this.lastSeq, s.seq);
    }
    return { acknowledged: saves.map((s) => s.seq), lastSeq: this.lastSeq, serverNow: new Date(0).toISOString(), deadlineAt: new Date(0).toISOString() };
  };
}

const single = (key: 'A' | 'B' | 'C' | 'D') => ({ type: 'single' as const, key });
const essay = (text: string) => ({ type: 'essay' as const, text });

function setup(serverLastSeq = 0, store = new MemoryStore()) {
  const timers = new FakeTimers();
  const server = new FakeServer();
  const q = new SaveQueue({ attemptId: 7, serverLastSeq, store, send: server.send, timers });
  return { q, timers, server, store };
}

describe('SaveQueue', () => {
  it('numbers changes strictly increasing, continuing above what the server and this device already used', async () => {
    const store = new MemoryStore();
    store.setItem(storageKey(7), JSON.stringify({ lastSeq: 12, pending: [] }));
    const { q } = setup(30, store);
    expect(q.record(0, single('A'), false)).toBe(31);
    expect(q.record(1, single('B'), false)).toBe(32);
    expect(q.record(0, single('C'), false)).toBe(33);

    const { q: q2 } = setup(5, store); // same store: the device already used up to 33
    expect(q2.record(2, single('D'), false)).toBe(34);
  });

  it('sends a choice at once and a text only after a pause in typing, one request per pause', async () => {
    const { q, timers, server } = setup();
    q.record(0, single('A'), false);
    await timers.advance(0);
    expect(server.requests).toHaveLength(1);

    q.record(1, essay('依'), false, { debounce: true });
    await timers.advance(300);
    q.record(1, essay('依法'), false, { debounce: true });
    await timers.advance(300);
    q.record(1, essay('依法行政'), false, { debounce: true });
    await timers.advance(599);
    expect(server.requests).toHaveLength(1);
    await timers.advance(1);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).toEqual([{ position: 1, seq: 4, response: essay('依法行政'), flagged: false }]);
    expect(q.currentStatus.state).toBe('idle');
    expect(q.currentStatus.pending).toBe(0);
  });

  it('keeps only the newest unsent change per position, and sends them oldest first', async () => {
    const { q, timers, server } = setup();
    server.failWith = { status: 0, code: 'NETWORK', message: '无法连接服务器' };
    q.record(3, single('A'), false);
    q.record(1, single('B'), false);
    q.record(3, single('C'), true);
    await timers.advance(0);
    expect(server.requests[0].map((s) => [s.position, s.seq])).toEqual([
      [1, 2],
      [3, 3],
    ]);
    expect(server.requests[0][1]).toMatchObject({ response: single('C'), flagged: true });
  });

  it('retries a failed save with growing delays and shows how many changes wait', async () => {
    const { q, timers, server } = setup();
    server.failWith = { status: 0, code: 'NETWORK', message: '无法连接服务器' };
    q.record(0, single('A'), false);
    await timers.advance(0);
    expect(q.currentStatus).toMatchObject({ state: 'retrying', failures: 1, pending: 1 });
    await timers.advance(999);
    expect(server.requests).toHaveLength(1);
    await timers.advance(1); // 1 s
    expect(server.requests).toHaveLength(2);
    await timers.advance(2000); // 2 s
    expect(server.requests).toHaveLength(3);
    expect(q.currentStatus).toMatchObject({ state: 'retrying', failures: 3 });

    // A change made while waiting joins the queue without a request of its own.
    q.record(1, single('B'), false);
    expect(server.requests).toHaveLength(3);
    expect(q.currentStatus.pending).toBe(2);

    server.failWith = null;
    await timers.advance(4000);
    expect(server.requests).toHaveLength(4);
    expect(server.requests[3].map((s) => s.position)).toEqual([0, 1]);
    expect(q.currentStatus).toMatchObject({ state: 'idle', pending: 0, lastSavedAt: timers.now() });
    expect(server.stored.get(0)?.response).toEqual(single('A'));
  });

  it('flushNow skips the backoff wait (the browser came back online)', async () => {
    const { q, timers, server } = setup();
    server.failWith = { status: 503, code: 'UNAVAILABLE', message: '服务器暂时无法访问' };
    q.record(0, single('A'), false);
    await timers.advance(0);
    await timers.advance(1000);
    await timers.advance(2000);
    expect(q.currentStatus).toMatchObject({ state: 'retrying', failures: 3 });
    server.failWith = null;
    await q.flushNow();
    expect(q.currentStatus.state).toBe('idle');
    expect(server.requests).toHaveLength(4);
  });

  it('removes a change only when its own seq is acknowledged: an edit made during the request stays queued and goes next', async () => {
    const { q, timers, server, store } = setup();
    server.hold = [];
    q.record(0, single('A'), false); // seq 1
    await timers.advance(0);
    expect(server.requests).toHaveLength(1);
    q.record(0, single('B'), false); // seq 2, while seq 1 is on the wire
    await timers.advance(0);
    expect(server.requests).toHaveLength(1); // one request at a time

    const release = server.hold;
    server.hold = null;
    release.forEach((r) => r());
    await timers.advance(0);
    // seq 1 acknowledged, seq 2 still stored locally until its own ack
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).toEqual([{ position: 0, seq: 2, response: single('B'), flagged: false }]);
    await timers.advance(0);
    expect(q.unsent).toEqual([]);
    expect(loadSnapshot(store, 7).pending).toEqual([]);
    expect(server.stored.get(0)?.response).toEqual(single('B'));
  });

  it('keeps unsent changes in storage across a reload and re-sends them after restart', async () => {
    const store = new MemoryStore();
    const first = setup(0, store);
    first.server.failWith = { status: 0, code: 'NETWORK', message: 'offline' };
    first.q.record(0, single('A'), false);
    first.q.record(4, essay('行政复议'), true, { debounce: true });
    await first.timers.advance(0);
    first.q.dispose(); // the tab is closed

    const snap = loadSnapshot(store, 7);
    expect(snap.lastSeq).toBe(2);
    expect(snap.pending).toEqual([
      { position: 0, seq: 1, response: single('A'), flagged: false },
      { position: 4, seq: 2, response: essay('行政复议'), flagged: true },
    ]);

    const second = setup(0, store);
    expect(second.q.unsent).toHaveLength(2);
    expect(second.q.record(5, single('D'), false)).toBe(3);
    await second.timers.advance(0);
    expect(second.server.requests[0].map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(second.q.unsent).toEqual([]);
  });

  it('ignores a broken or foreign snapshot instead of failing the page', () => {
    const store = new MemoryStore();
    store.setItem(storageKey(7), '{not json');
    expect(loadSnapshot(store, 7)).toEqual({ lastSeq: 0, pending: [] });
    store.setItem(storageKey(7), JSON.stringify({ lastSeq: 'x', pending: [{ position: -1, seq: 3 }, { position: 2, seq: 9, response: null, flagged: false }] }));
    expect(loadSnapshot(store, 7)).toEqual({ lastSeq: 9, pending: [{ position: 2, seq: 9, response: null, flagged: false }] });
  });

  it('stops for good when the attempt is closed or another device took over, keeping the unsent changes', async () => {
    const { q, timers, server, store } = setup();
    server.failWith = { status: 409, code: 'DEVICE_REPLACED', message: '本场考试已在另一台设备上继续作答' };
    q.record(0, single('A'), false);
    await timers.advance(0);
    expect(q.currentStatus).toMatchObject({ state: 'stopped', code: 'DEVICE_REPLACED', message: '本场考试已在另一台设备上继续作答' });
    await timers.advance(60_000);
    expect(server.requests).toHaveLength(1); // no retries
    expect(q.record(1, single('B'), false)).toBeNull();
    expect(loadSnapshot(store, 7).pending).toHaveLength(1);
  });

  it('drops refused (invalid) saves so they cannot block later ones, and reports them', async () => {
    const store = new MemoryStore();
    const timers = new FakeTimers();
    const server = new FakeServer();
    const rejected: string[] = [];
    const q = new SaveQueue({ attemptId: 7, serverLastSeq: 0, store, send: server.send, timers, onReject: (m) => rejected.push(m) });
    server.failWith = { status: 400, code: 'VALIDATION', message: '输入有误' };
    q.record(0, single('A'), false);
    await timers.advance(0);
    expect(rejected).toEqual(['输入有误']);
    expect(q.unsent).toEqual([]);
    server.failWith = null;
    q.record(1, single('B'), false);
    await timers.advance(0);
    expect(server.stored.get(1)?.response).toEqual(single('B'));
  });

  it('hands every unsent change to submit and sends nothing more until resumed', async () => {
    const { q, timers, server } = setup();
    q.record(2, essay('答'), false, { debounce: true });
    q.record(0, single('A'), true, { debounce: true });
    const saves = q.drainForSubmit();
    expect(saves.map((s) => s.seq)).toEqual([1, 2]);
    await timers.advance(5000);
    expect(server.requests).toHaveLength(0);
    q.resume(); // the submit failed: back to autosaving
    await timers.advance(0);
    expect(server.requests).toHaveLength(1);
  });

  it('clear() after submit forgets the stored queue', async () => {
    const { q, store } = setup();
    q.record(0, single('A'), false);
    expect(store.getItem(storageKey(7))).not.toBeNull();
    q.clear();
    expect(store.getItem(storageKey(7))).toBeNull();
  });
});

describe('overlayPending', () => {
  it('lays unsent local answers over the server’s only where their seq is higher', () => {
    const items = [
      { position: 0, response: single('A'), flagged: false, seq: 5 },
      { position: 1, response: single('B'), flagged: true, seq: 9 },
      { position: 2, response: null, flagged: false, seq: 0 },
    ];
    const pending: PendingSave[] = [
      { position: 0, seq: 7, response: single('C'), flagged: true },
      { position: 1, seq: 8, response: single('D'), flagged: false }, // older than the server's
    ];
    expect(overlayPending(items, pending)).toEqual([
      { position: 0, response: single('C'), flagged: true, seq: 7 },
      { position: 1, response: single('B'), flagged: true, seq: 9 },
      { position: 2, response: null, flagged: false, seq: 0 },
    ]);
  });
});

describe('failure handling', () => {
  it('backs off 1, 2, 4 … seconds up to 30', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
  it('retries network, server and session failures; stops on closed/replaced; rejects bad input', () => {
    expect(classifyFailure({ status: 0, code: 'NETWORK', message: 'x' }).kind).toBe('retry');
    expect(classifyFailure({ status: 502, code: 'UNAVAILABLE', message: 'x' }).kind).toBe('retry');
    expect(classifyFailure({ status: 401, code: 'SESSION_EXPIRED', message: 'x' }).kind).toBe('retry');
    expect(classifyFailure({ status: 409, code: 'ATTEMPT_CLOSED', message: '考试已结束' })).toEqual({ kind: 'fatal', code: 'ATTEMPT_CLOSED', message: '考试已结束' });
    expect(classifyFailure({ status: 409, code: 'DEVICE_REPLACED', message: 'x' }).kind).toBe('fatal');
    expect(classifyFailure({ status: 400, code: 'VALIDATION', message: 'x' }).kind).toBe('reject');
    expect(classifyFailure(new Error('boom')).kind).toBe('retry');
  });
});
