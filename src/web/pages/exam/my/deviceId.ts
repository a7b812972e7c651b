/**
 * This browser's device id for exams: random, made once and kept in localStorage. The server
 * lets one device at a time save answers to an attempt (the other is told DEVICE_REPLACED).
 */
const KEY = 'xjkp.exam.deviceId';

function randomId(): string {
  // getRandomValues works on plain-http intranet addresses too, where randomUUID is unavailable.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let memo: string | null = null;

export function deviceId(): string {
  if (memo) return memo;
  try {
    const stored = localStorage.getItem(KEY);
    if (stored && /^[0-9a-f]{32}$/.test(stored)) return (memo = stored);
    memo = randomId();
    localStorage.setItem(KEY, memo);
  } catch {
    memo ??= randomId(); // storage disabled: this tab keeps one id
  }
  return memo;
}
