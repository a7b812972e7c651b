/**
 * The pure accounting behind the reading tracker (no DOM, unit-tested): which articles count as
 * read, when to send a beat and what it may claim.
 *
 * - Time accrues only while the page is visible and the reader was active recently; each second
 *   is split between the articles on screen, so the claims of a beat never add up to more time
 *   than passed (reading is sequential, and the server refuses claims beyond its own clock).
 * - An article is claimed once its share reaches `readThresholdSeconds(length)`; claims queue
 *   until a beat has measured enough time to carry them.
 * - A beat is due every 30 s; it waits (up to 60 s) while queued claims need more time than has
 *   passed, so a long article (threshold up to 60 s) still fits one beat.
 */
import { BEAT_CREDIT_MAX_SECONDS, BEAT_INTERVAL_SECONDS, MAX_READS_PER_BEAT, readThresholdSeconds } from '../../common/reading';

export interface Claim {
  articleId: number;
  seconds: number;
  /** beats that carried it without the server accepting it */
  tries: number;
}

export interface TrackerState {
  /** seconds of on-screen share per article not yet claimed */
  acc: Map<number, number>;
  thresholds: Map<number, number>;
  /** read (known from the server) or claimed */
  done: Set<number>;
  queue: Claim[];
  /** client-measured seconds since the last beat was sent */
  sinceBeat: number;
  /** the reader was active (page visible, recent input) at some point since the last beat */
  activeSinceBeat: boolean;
}

/** Claims not accepted after this many beats are dropped (the server has its reasons). */
export const MAX_CLAIM_TRIES = 3;

export function createTracker(): TrackerState {
  return { acc: new Map(), thresholds: new Map(), done: new Set(), queue: [], sinceBeat: 0, activeSinceBeat: false };
}

/** Declares an article on the page (its text length sets the threshold). */
export function setArticle(s: TrackerState, articleId: number, textLength: number): void {
  s.thresholds.set(articleId, readThresholdSeconds(textLength));
}

/** Articles the server already counts as read are not tracked again. */
export function markRead(s: TrackerState, articleIds: Iterable<number>): void {
  for (const id of articleIds) {
    s.done.add(id);
    s.acc.delete(id);
  }
}

/**
 * `dt` seconds passed. `visible` are the articles on screen; `engaged` = page visible AND the
 * reader touched, scrolled or typed in the last minute.
 */
export function tick(s: TrackerState, dt: number, visible: readonly number[], engaged: boolean): void {
  if (!(dt > 0)) return;
  s.sinceBeat += dt;
  if (!engaged) return;
  s.activeSinceBeat = true;
  const open = visible.filter((id) => !s.done.has(id) && s.thresholds.has(id));
  if (!open.length) return;
  const share = dt / open.length;
  for (const id of open) {
    const total = (s.acc.get(id) ?? 0) + share;
    const threshold = s.thresholds.get(id)!;
    if (total >= threshold) {
      s.acc.delete(id);
      s.done.add(id);
      s.queue.push({ articleId: id, seconds: threshold, tries: 0 });
    } else s.acc.set(id, total);
  }
}

const queuedSeconds = (s: TrackerState) => s.queue.reduce((n, c) => n + c.seconds, 0);

/** Whether a beat should go now. */
export function beatDue(s: TrackerState): boolean {
  if (s.sinceBeat < BEAT_INTERVAL_SECONDS) return false;
  return s.sinceBeat >= BEAT_CREDIT_MAX_SECONDS || queuedSeconds(s) <= s.sinceBeat;
}

export interface BeatPayload {
  reads: { articleId: number; seconds: number }[];
  active: boolean;
}

/**
 * What the beat sent now carries: claims in order while they fit the time measured since the
 * last beat. Resets the interval.
 */
export function takeBeat(s: TrackerState): BeatPayload {
  let budget = s.sinceBeat;
  const reads: BeatPayload['reads'] = [];
  for (const c of s.queue) {
    if (reads.length >= MAX_READS_PER_BEAT) break;
    if (c.seconds <= budget) {
      budget -= c.seconds;
      reads.push({ articleId: c.articleId, seconds: c.seconds });
    }
  }
  const payload = { reads, active: s.activeSinceBeat };
  s.sinceBeat = 0;
  s.activeSinceBeat = false;
  return payload;
}

/** The server's answer to a beat: accepted claims leave the queue; others are retried a few times. */
export function beatAnswered(s: TrackerState, sent: BeatPayload, acceptedIds: readonly number[]): void {
  const accepted = new Set(acceptedIds);
  const sentIds = new Set(sent.reads.map((r) => r.articleId));
  s.queue = s.queue.filter((c) => {
    if (accepted.has(c.articleId)) return false;
    if (sentIds.has(c.articleId)) c.tries += 1;
    return c.tries < MAX_CLAIM_TRIES;
  });
}

/** A beat that failed (network): its claims stay queued, untouched. */
export function beatFailed(s: TrackerState, sent: BeatPayload, elapsed: number): void {
  s.sinceBeat += elapsed;
  if (sent.active) s.activeSinceBeat = true;
}
