import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig, type Config } from '../../src/server/config';
import type { Database, Db } from '../../src/server/db/client';
import { BackupFileError, inspectBackup, RestoreRefusedError, restoreBackup, runBackupCommand, writeBackup } from '../../src/server/platform/backup';
import { adminClient, Client, createTestApp, freshDatabase, idNumber, NEW_ADMIN_PASSWORD, type TestApp } from '../helpers/app';

let source: TestApp;
let admin: Client;
let dir: string;
let backupFile: string;
let tables: string[];
const openedApps: FastifyInstance[] = [];
const openedDbs: Database[] = [];
const unitIds: Record<string, number> = {};
const ID_NUMBER = idNumber('11010519800101123');

async function count(db: Db, table: string): Promise<number> {
  const r = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)) as unknown as { rows: { n: number }[] };
  return r.rows[0].n;
}

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(db, t);
  return out;
}

async function rowsOf(db: Db, table: string, orderBy = 'id'): Promise<unknown[]> {
  const r = (await db.execute(sql`select * from ${sql.identifier(table)} order by ${sql.identifier(orderBy)}`)) as unknown as { rows: unknown[] };
  return r.rows;
}

async function fresh(): Promise<Database> {
  const db = await freshDatabase();
  openedDbs.push(db);
  return db;
}

/** The app over a restored database, with the source's field-encryption key. */
async function appOver(database: Database): Promise<FastifyInstance> {
  const app = await buildApp({ ...source.ctx, db: database.db });
  openedApps.push(app);
  return app;
}

/** Rewrites a backup file line by line (to make damaged or foreign variants). */
function rewrite(file: string, out: string, edit: (lines: string[]) => string[]): string {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  fs.writeFileSync(out, zlib.gzipSync(edit(lines).join('\n') + '\n'));
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-backup-'));
  source = await createTestApp();
  admin = await adminClient(source.app);
  const unit = async (name: string, parentId: number | null) => {
    const res = await admin.post('/api/units', { name, parentId });
    expect(res.statusCode, res.body).toBe(200);
    unitIds[name] = res.json().id;
  };
  // 法制科 is created first and then moved under 司法局, so a child's id is lower than its parent's:
  // the restore must not depend on rows arriving parents first.
  await unit('法制科', null);
  await unit('某区', null);
  await unit('司法局', unitIds['某区']);
  const moved = await admin.patch(`/api/units/${unitIds['法制科']}`, { parentId: unitIds['司法局'] });
  expect(moved.statusCode, moved.body).toBe(200);
  const p1 = await admin.post('/api/people', { name: '张三', idNumber: ID_NUMBER, unitId: unitIds['法制科'], phone: '13800138000' });
  expect(p1.statusCode, p1.body).toBe(200);
  const p2 = await admin.post('/api/people', { name: '李四', employeeNo: 'sf002', unitId: unitIds['司法局'], isPrincipalLeader: true });
  expect(p2.statusCode, p2.body).toBe(200);
  expect((await admin.post(`/api/people/${p2.json().id}/reset-password`)).statusCode).toBe(200);

  backupFile = path.join(dir, 'source.xjkp.gz');
  await writeBackup(source.database, backupFile);
  tables = (await inspectBackup(backupFile)).header.tables.map((t) => t.name);
});

afterAll(async () => {
  for (const app of openedApps) await app.close();
  for (const db of openedDbs) await db.close();
  await source?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup file', () => {
  it('holds every table but sessions, parents before children, readable only by its owner', async () => {
    const { header, rowCounts } = await inspectBackup(backupFile);
    expect(header.format).toBe('xjkp-backup');
    expect(header.migrations.length).toBeGreaterThan(0);
    expect(tables).not.toContain('sessions');
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'people', 'units', 'audit_log', 'role_grants', 'password_history']));
    expect(tables.indexOf('units')).toBeLessThan(tables.indexOf('people'));
    expect(tables.indexOf('people')).toBeLessThan(tables.indexOf('accounts'));
    expect(rowCounts.units).toBe(3);
    expect(rowCounts.people).toBe(2);
    expect(rowCounts.audit_log).toBe(await count(source.database.db, 'audit_log'));
    expect(fs.statSync(backupFile).mode & 0o077).toBe(0);
    // The raw 身份证号 is never in the file (it is encrypted at rest; the key is not in the backup).
    expect(zlib.gunzipSync(fs.readFileSync(backupFile)).toString()).not.toContain(ID_NUMBER);
  });
});

describe('restore', () => {
  let target: Database;

  it('restores into a fresh database: same rows, logins, decryptable 身份证号, sequences past the restored ids', async () => {
    target = await fresh();
    const result = await restoreBackup(target, backupFile);
    expect(result.rowCounts.units).toBe(3);
    const expected = await counts(source.database.db);
    expect(await counts(target.db)).toEqual(expected);
    expect(await count(target.db, 'sessions')).toBe(0);
    expect(await rowsOf(target.db, 'units')).toEqual(await rowsOf(source.database.db, 'units'));
    expect(await rowsOf(target.db, 'people')).toEqual(await rowsOf(source.database.db, 'people'));
    expect(await rowsOf(target.db, 'audit_log')).toEqual(await rowsOf(source.database.db, 'audit_log'));

    const app = await appOver(target);
    const c = new Client(app);
    expect((await c.login('admin', NEW_ADMIN_PASSWORD)).statusCode).toBe(200);
    const people = (await c.get('/api/people?pageSize=100')).json().items as { id: number; name: string }[];
    const zhang = people.find((p) => p.name === '张三')!;
    expect((await c.post(`/api/people/${zhang.id}/reveal-id`)).json().idNumber).toBe(ID_NUMBER);
    const created = await c.post('/api/units', { name: '新单位', parentId: null });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().id).toBeGreaterThan(Math.max(...Object.values(unitIds)));
  });

  it('restores into a blank database that was never migrated', async () => {
    const blank = await fresh();
    await blank.db.execute(sql`drop schema public cascade`);
    await blank.db.execute(sql`drop schema drizzle cascade`);
    await blank.db.execute(sql`create schema public`);
    await restoreBackup(blank, backupFile);
    expect(await counts(blank.db)).toEqual(await counts(source.database.db));
  });

  it('streams in chunks: a child unit in an earlier batch than its parent still restores', async () => {
    const chunked = path.join(dir, 'chunked.xjkp.gz');
    await writeBackup(source.database, chunked, { chunkRows: 1 });
    const lines = zlib.gunzipSync(fs.readFileSync(chunked)).toString().split('\n').filter(Boolean);
    expect(lines.filter((l) => l.startsWith('{"table":"units"')).length).toBe(3);
    const db = await fresh();
    await restoreBackup(db, chunked, { batchRows: 1 });
    expect(await rowsOf(db.db, 'units')).toEqual(await rowsOf(source.database.db, 'units'));
    expect(await counts(db.db)).toEqual(await counts(source.database.db));
  });

  it('refuses a database that holds data unless forced, and changes nothing', async () => {
    const before = await counts(target.db);
    expect(before.units).toBe(4); // the unit created after the restore above
    await expect(restoreBackup(target, backupFile)).rejects.toBeInstanceOf(RestoreRefusedError);
    expect(await counts(target.db)).toEqual(before);

    await restoreBackup(target, backupFile, { force: true });
    expect(await counts(target.db)).toEqual(await counts(source.database.db));
  });

  it('refuses damaged or foreign files before touching the database, even with --force', async () => {
    const before = await counts(target.db);
    const whole = fs.readFileSync(backupFile);
    const variants: Record<string, string> = {
      missing: path.join(dir, 'does-not-exist.gz'),
      text: path.join(dir, 'notes.txt'),
      otherGzip: path.join(dir, 'other.gz'),
      truncated: path.join(dir, 'truncated.gz'),
      flipped: path.join(dir, 'flipped.gz'),
    };
    fs.writeFileSync(variants.text, 'select 1;\n');
    fs.writeFileSync(variants.otherGzip, zlib.gzipSync('{"hello":"world"}\n'));
    fs.writeFileSync(variants.truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const flipped = Buffer.from(whole);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    fs.writeFileSync(variants.flipped, flipped);
    variants.noEnd = rewrite(backupFile, path.join(dir, 'no-end.gz'), (l) => l.slice(0, -1));
    variants.rowMissing = rewrite(backupFile, path.join(dir, 'row-missing.gz'), (l) => l.filter((_, i) => i !== 2));
    variants.badRow = rewrite(backupFile, path.join(dir, 'bad-row.gz'), (l) => l.map((x, i) => (i === 2 ? x.slice(0, 10) : x)));

    for (const [name, file] of Object.entries(variants)) {
      await expect(restoreBackup(target, file, { force: true }), name).rejects.toBeInstanceOf(BackupFileError);
    }
    expect(await counts(target.db)).toEqual(before);
  });

  it('rolls back completely when a row fails to insert, even with --force', async () => {
    const before = await counts(target.db);
    const bad = rewrite(backupFile, path.join(dir, 'dangling.gz'), (lines) =>
      lines.map((line) => (line.includes('"name":"李四"') ? line.replace(/"unit_id":\d+/, '"unit_id":999999') : line)),
    );
    await expect(restoreBackup(target, bad, { force: true })).rejects.toThrow(/foreign key|外键|violates/);
    expect(await counts(target.db)).toEqual(before);
    const c = new Client(await appOver(target));
    expect((await c.login('admin', NEW_ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a backup made by a newer version', async () => {
    const newer = rewrite(backupFile, path.join(dir, 'newer.gz'), (lines) => {
      const header = JSON.parse(lines[0]);
      header.migrations.push({ hash: 'f'.repeat(64), createdAt: Date.now() + 1e9 });
      return [JSON.stringify(header), ...lines.slice(1)];
    });
    await expect(restoreBackup(target, newer)).rejects.toThrow(/newer xjkp/);
  });
});

describe('CLI (npm run cli -- backup|restore)', () => {
  const secretKey = crypto.randomBytes(32).toString('hex');
  const config = (over: Partial<Config>): Config => ({ ...loadConfig({}), secretKey, ...over });
  const pgUrl = process.env.TEST_DATABASE_URL;
  const createdDbs: string[] = [];
  let log: ReturnType<typeof vi.spyOn>;
  let err: ReturnType<typeof vi.spyOn>;

  beforeAll(() => {
    log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    log.mockRestore();
    err.mockRestore();
    if (pgUrl && createdDbs.length) {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      for (const name of createdDbs) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  });

  async function newPostgresDatabase(): Promise<string> {
    const name = `xjkp_test_${crypto.randomBytes(6).toString('hex')}`;
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    createdDbs.push(name);
    const u = new URL(pgUrl!);
    u.pathname = `/${name}`;
    return u.toString();
  }

  it('exits 2 on bad usage or a bad file, 1 when the database is not empty, 0 on success', async () => {
    const embedded = config({ dataDir: path.join(dir, 'cli-a') });
    expect(await runBackupCommand('backup', [], embedded)).toBe(2);
    expect(await runBackupCommand('restore', [backupFile, '--bogus'], embedded)).toBe(2);
    expect(await runBackupCommand('restore', [path.join(dir, 'notes.txt')], embedded)).toBe(2);
    expect(fs.existsSync(path.join(dir, 'cli-a'))).toBe(false); // a bad file never reaches the database

    expect(await runBackupCommand('restore', [backupFile], embedded)).toBe(0);
    expect(await runBackupCommand('restore', [backupFile], embedded)).toBe(1);
    expect(await runBackupCommand('restore', [backupFile, '--force'], embedded)).toBe(0);
    const again = path.join(dir, 'cli-a.xjkp.gz');
    expect(await runBackupCommand('backup', [again], embedded)).toBe(0);
    expect((await inspectBackup(again)).rowCounts).toEqual((await inspectBackup(backupFile)).rowCounts);
    const printed = log.mock.calls.flat().join('\n');
    expect(printed).toContain('NOT in the backup');
    expect(printed).not.toContain(secretKey);
  });

  it('moves data between the embedded database and PostgreSQL in both directions', async () => {
    const fromEmbedded = path.join(dir, 'cli-a.xjkp.gz');
    const embeddedB = config({ dataDir: path.join(dir, 'cli-b') });
    if (pgUrl) {
      const server = config({ dataDir: path.join(dir, 'cli-pg'), databaseUrl: await newPostgresDatabase() });
      expect(await runBackupCommand('restore', [fromEmbedded], server)).toBe(0);
      const fromServer = path.join(dir, 'cli-pg.xjkp.gz');
      expect(await runBackupCommand('backup', [fromServer], server)).toBe(0);
      expect((await inspectBackup(fromServer)).header.source).toBe('postgres');
      expect(await runBackupCommand('restore', [fromServer], embeddedB)).toBe(0);
    } else {
      expect(await runBackupCommand('restore', [fromEmbedded], embeddedB)).toBe(0);
    }
    const roundTrip = path.join(dir, 'cli-b.xjkp.gz');
    expect(await runBackupCommand('backup', [roundTrip], embeddedB)).toBe(0);
    expect((await inspectBackup(roundTrip)).rowCounts).toEqual((await inspectBackup(backupFile)).rowCounts);
  });
});
