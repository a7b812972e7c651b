import { describe, expect, it } from 'vitest';
import { beatAnswered, beatDue, createTracker, markRead, setArticle, takeBeat, tick } from './tracker';

/** len 100 → threshold 3 + 4 = 7 s; len 1500 → 60 s */
function reader() {
  const s = createTracker();
  setArticle(s, 1, 100);
  setArticle(s, 2, 100);
  setArticle(s, 3, 1500);
  return s;
}
const run = (s: ReturnType<typeof createTracker>, seconds: number, visible: number[], engaged = true) => {
  for (let i = 0; i < seconds; i++) tick(s, 1, visible, engaged);
};

describe('reading tracker accounting', () => {
  it('claims an article once it was on screen for its threshold, with exactly that many seconds', () => {
    const s = reader();
    run(s, 6, [1]);
    expect(s.queue).toEqual([]);
    run(s, 1, [1]);
    expect(s.queue).toEqual([{ articleId: 1, seconds: 7, tries: 0 }]);
    run(s, 20, [1]);
    expect(s.queue).toHaveLength(1);
  });

  it('splits the time between articles on screen, so two take twice as long', () => {
    const s = reader();
    run(s, 13, [1, 2]);
    expect(s.queue).toEqual([]);
    run(s, 1, [1, 2]);
    expect(s.queue.map((c) => c.articleId)).toEqual([1, 2]);
    // claims never add up to more than the time that passed
    expect(s.queue.reduce((n, c) => n + c.seconds, 0)).toBeLessThanOrEqual(s.sinceBeat);
  });

  it('counts nothing while the page is hidden or the reader idle, and says so in the beat', () => {
    const s = reader();
    run(s, 40, [1], false);
    expect(s.queue).toEqual([]);
    expect(beatDue(s)).toBe(true);
    expect(takeBeat(s)).toEqual({ reads: [], active: false });
    run(s, 30, [1]);
    expect(takeBeat(s)).toEqual({ reads: [{ articleId: 1, seconds: 7 }], active: true });
  });

  it('does not track articles already read', () => {
    const s = reader();
    markRead(s, [1]);
    run(s, 30, [1]);
    expect(s.queue).toEqual([]);
  });

  it('a beat is due every 30 s, but waits up to 60 s for a long article to fit', () => {
    const s = reader();
    run(s, 29, [2]);
    expect(beatDue(s)).toBe(false);
    run(s, 1, [2]);
    expect(beatDue(s)).toBe(true);
    beatAnswered(s, takeBeat(s), [2]);
    // the long article needs 60 s: after 30 s nothing is claimed yet, the beat goes
    run(s, 30, [3]);
    expect(beatDue(s)).toBe(true);
    takeBeat(s);
    run(s, 30, [3]);
    // now a 60 s claim is queued but only 30 s passed: wait
    expect(s.queue).toEqual([{ articleId: 3, seconds: 60, tries: 0 }]);
    expect(beatDue(s)).toBe(false);
    run(s, 29, [3]);
    expect(beatDue(s)).toBe(false);
    run(s, 1, [3]);
    expect(beatDue(s)).toBe(true);
    expect(takeBeat(s).reads).toEqual([{ articleId: 3, seconds: 60 }]);
  });

  it('a beat carries only claims that fit the time since the last one; accepted ones leave the queue, refused ones are retried then dropped', () => {
    const s = reader();
    s.queue.push({ articleId: 1, seconds: 7, tries: 0 }, { articleId: 2, seconds: 7, tries: 0 });
    s.sinceBeat = 10;
    const sent = takeBeat(s);
    expect(sent.reads).toEqual([{ articleId: 1, seconds: 7 }]);
    beatAnswered(s, sent, [1]);
    expect(s.queue.map((c) => c.articleId)).toEqual([2]);
    for (let i = 0; i < 3; i++) {
      s.sinceBeat = 30;
      beatAnswered(s, takeBeat(s), []);
    }
    expect(s.queue).toEqual([]);
  });
});
