import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { ensureAdministrator } from '../../src/server/bootstrap';
import { loadConfig, type Config } from '../../src/server/config';
import type { AppContext } from '../../src/server/context';
import { openPglite, openPostgres, type Database } from '../../src/server/db/client';
import { createFieldCipher } from '../../src/server/platform/crypto';

export const ADMIN_PASSWORD = 'Admin#2026x';
export const NEW_ADMIN_PASSWORD = 'Changed#2026y';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by TEST_DATABASE_URL (how CI runs the same suite on PostgreSQL).
 */
export async function freshDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  if (url) {
    const name = `xjkp_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const opened = await openPostgres(u.toString(), 4);
    database = {
      ...opened,
      close: async () => {
        await opened.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  } else {
    database = await openPglite();
  }
  await database.migrate();
  return database;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config: Config = { ...loadConfig({}), webDir: '/nonexistent', loginRateLimitPerMinute: 10_000, ...overrides };
  const ctx: AppContext = { db: database.db, config, cipher: createFieldCipher(crypto.randomBytes(32)) };
  await ensureAdministrator(database.db, ADMIN_PASSWORD);
  const app = await buildApp(ctx);
  return {
    app,
    ctx,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in HTTP client against the in-process app: keeps the cookie and sends the CSRF header. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body instanceof Buffer ? { payload: body } : body !== undefined ? { payload: body as object } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'xjkp_sid');
    if (set) this.cookie = `xjkp_sid=${set.value}`;
    return res;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }
}

/** Logs in as the bootstrap admin and completes the forced password change. */
export async function adminClient(app: FastifyInstance): Promise<Client> {
  const c = new Client(app);
  const res = await c.login('admin', ADMIN_PASSWORD);
  if (res.statusCode !== 200) throw new Error(`admin login failed: ${res.body}`);
  const ch = await c.post('/api/auth/change-password', { oldPassword: ADMIN_PASSWORD, newPassword: NEW_ADMIN_PASSWORD });
  if (ch.statusCode !== 200) throw new Error(`admin password change failed: ${ch.body}`);
  return c;
}

/** Valid GB 11643 number from a 17-digit body. */
export function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}
