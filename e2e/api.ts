import { INITIAL_ADMIN_PASSWORD } from './harness';
/**
 * A minimal JSON client for the data a journey needs but is not about (seeding a bank, people,
 * exams): it keeps the session cookie and sends the CSRF header the way the web app does.
 */
export class Api {
  private cookie = '';
  private csrf = '';
  constructor(private readonly base: string) {}

  async call<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) this.cookie = c.split(';')[0];
    const json = (await res.json().catch(() => null)) as (T & { csrfToken?: string }) | null;
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
    if (json?.csrfToken) this.csrf = json.csrfToken;
    return json as T;
  }

  async login(username: string, password: string): Promise<void> {
    await this.call('POST', '/api/auth/login', { username, password });
  }
}

/** A person's own session: a one-time password from the administrator, then the first-login change to `password`. */
export async function memberApi(admin: Api, base: string, personId: number, login: string, password: string): Promise<Api> {
  const otp = (await admin.call<{ oneTimePassword: string }>('POST', `/api/people/${personId}/reset-password`)).oneTimePassword;
  const api = new Api(base);
  await api.login(login, otp);
  await api.call('POST', '/api/auth/change-password', { oldPassword: otp, newPassword: password });
  await api.call('GET', '/api/auth/me');
  return api;
}

/** A question created and enabled (启用) in one go (review must be off); returns its id. */
export async function activeQuestion(admin: Api, content: unknown): Promise<number> {
  const q = (await admin.call<{ question: { id: number } }>('POST', '/api/bank/questions', { content })).question;
  await admin.call('POST', `/api/bank/questions/${q.id}/status`, { to: 'active' });
  return q.id;
}

/** The bootstrap administrator of a fresh server: first login with the initial password, changed to `password`. */
export async function firstAdmin(base: string, password: string): Promise<Api> {
  const admin = new Api(base);
  await admin.login('admin', INITIAL_ADMIN_PASSWORD);
  await admin.call('POST', '/api/auth/change-password', { oldPassword: INITIAL_ADMIN_PASSWORD, newPassword: password });
  await admin.call('GET', '/api/auth/me');
  return admin;
}
