/**
 * The exam countdown follows the SERVER's clock: every response carrying serverNow gives the
 * offset between the server's clock and this device's, and the remaining time is
 * deadline − (device now + offset). A device whose clock is hours off still shows the right time.
 */

/** serverNow − the device's clock when the response arrived (ms). */
export function clockOffset(serverNowIso: string, receivedAt: number): number {
  const server = Date.parse(serverNowIso);
  return Number.isFinite(server) ? server - receivedAt : 0;
}

/** Milliseconds left until the deadline by the server's clock, never negative. */
export function remainingMs(deadlineIso: string, offset: number, deviceNow: number): number {
  const deadline = Date.parse(deadlineIso);
  if (!Number.isFinite(deadline)) return 0;
  return Math.max(0, deadline - (deviceNow + offset));
}

/** 1:02:03 with hours, 05:09 without; rounds up so "00:00" means the time is really up. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A time of day by the server's clock, e.g. for "已保存 14:03:21". */
export function serverTimeOfDay(deviceTime: number, offset: number): string {
  const d = new Date(deviceTime + offset);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
