import path from 'node:path';

/** Every environment variable the server reads, in one place. See docs/OPERATIONS.md. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… when running on a PostgreSQL server; undefined → embedded PGlite under dataDir */
  databaseUrl?: string;
  adminPassword?: string;
  /** 32-byte key for encrypting 身份证号 at rest (hex or base64); else read/created at dataDir/secret.key */
  secretKey?: string;
  sessionIdleMinutes: number;
  singleSession: boolean;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean;
  loginRateLimitPerMinute: number;
  webDir: string;
  logLevel: string;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, def: number): number {
  const v = env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}

function boolEnv(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const v = env[name];
  if (v === undefined || v === '') return def;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new Error(`${name} must be true or false, got "${v}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intEnv(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.XJKP_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.XJKP_ADMIN_PASSWORD || undefined,
    secretKey: env.XJKP_SECRET_KEY || undefined,
    sessionIdleMinutes: intEnv(env, 'XJKP_SESSION_IDLE_MINUTES', 30),
    singleSession: boolEnv(env, 'XJKP_SINGLE_SESSION', true),
    secureCookies: boolEnv(env, 'XJKP_SECURE_COOKIES', false),
    trustProxy: boolEnv(env, 'XJKP_TRUST_PROXY', false),
    loginRateLimitPerMinute: intEnv(env, 'XJKP_LOGIN_RATE_LIMIT', 20),
    webDir: path.resolve(env.XJKP_WEB_DIR || './dist/web'),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
