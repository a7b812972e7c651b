/** Median and 95th percentile of `rounds` timed calls after 3 warm-up calls (milliseconds). */
export async function timeIt(fn: () => Promise<unknown> | unknown, rounds: number): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], p95: ms[Math.floor(ms.length * 0.95)] };
}
