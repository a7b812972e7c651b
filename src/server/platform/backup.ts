import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { Config } from '../config';
import { migrationsFolder, openDatabase, type Database, type Db } from '../db/client';
import { parseKey } from './crypto';

/**
 * Logical, portable backup: a gzip'd JSON-lines file that restores into PGlite or PostgreSQL
 * alike (how an organisation moves from the embedded database to a server).
 *
 *   line 1   header  {format, version, createdAt, source, migrations:[{hash, createdAt}], tables:[{name, columns}], keyCheck}
 *   then     chunk   {table, rows: n} followed by exactly n lines, each one row as row_to_json text
 *   last     trailer {end: true, rowCounts: {table: n}}
 *
 * Tables come in foreign-key-safe order, derived from the database so new modules' tables are
 * included without a hand-kept list. Row lines are copied byte for byte from PostgreSQL's JSON
 * to PostgreSQL's json_populate_recordset, never through JS numbers, so bigint and numeric
 * values survive exactly. The field-encryption key is deliberately NOT in the file.
 */

export const BACKUP_FORMAT = 'xjkp-backup';
export const BACKUP_VERSION = 1;

/** Sessions don't survive a restore: everyone logs in again. */
const SKIPPED_TABLES = new Set(['sessions']);
/** A restore target holding rows in any of these is "in use" and needs --force. */
const DATA_TABLES = ['accounts', 'people', 'units', 'audit_log'];
/** Same key as db/client.ts: a restore and an app process starting its migrations must not interleave. */
const MIGRATION_LOCK_KEY = 74_736_010;
const FETCH_ROWS = 1000;
const INSERT_BATCH_ROWS = 1000;
const INSERT_BATCH_CHARS = 8 * 1024 * 1024;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export interface MigrationRef {
  hash: string;
  createdAt: number;
}

export interface BackupTable {
  name: string;
  /** Insertable columns (generated columns excluded), in table order. */
  columns: string[];
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: Database['kind'];
  migrations: MigrationRef[];
  tables: BackupTable[];
  /** One-way fingerprint of the field-encryption key the data was written with (not the key). */
  keyCheck: string | null;
}

export interface BackupStats {
  tables: number;
  rows: number;
  rowCounts: Record<string, number>;
  bytes: number;
}

/** The file is missing, not a backup, damaged, or from an incompatible version: exit 2. */
export class BackupFileError extends Error {}
/** The target database holds data and --force was not given: exit 1. */
export class RestoreRefusedError extends Error {}

// ---------------------------------------------------------------------------------------------
// Schema introspection

interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Other public tables this one references. */
  parents: Set<string>;
  /** References itself (e.g. units.parent_id): rows must go in with one INSERT statement. */
  selfReferencing: boolean;
}

/**
 * The database's own words: drizzle wraps driver errors in "Failed query: <sql> params: <rows>",
 * which would print a whole batch of personal data; the cause says what went wrong.
 */
function databaseMessage(err: unknown): string {
  let e = err as { message?: string; detail?: string; cause?: unknown };
  while (e?.cause && typeof e.cause === 'object') e = e.cause as typeof e;
  return `${e?.message ?? String(err)}${e?.detail ? ` (${e.detail})` : ''}`;
}

function clearError(err: unknown): Error {
  if (err instanceof BackupFileError || err instanceof RestoreRefusedError) return err;
  return new Error(databaseMessage(err), { cause: err });
}

async function query<T>(db: Db, q: SQL): Promise<T[]> {
  // node-postgres and PGlite both answer with { rows }.
  const result = (await db.execute(q)) as unknown as { rows: T[] };
  return result.rows;
}

const table = (name: string) => sql`${sql.identifier('public')}.${sql.identifier(name)}`;
const columnList = (cols: string[]) => sql.join(
  cols.map((c) => sql.identifier(c)),
  sql`, `,
);

async function describeTables(db: Db): Promise<Map<string, TableInfo>> {
  const tables = await query<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  );
  const columns = await query<{ table: string; name: string }>(
    db,
    sql`select c.relname as table, a.attname as name
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const primaryKeys = await query<{ table: string; name: string }>(
    db,
    sql`select c.relname as table, a.attname as name
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where n.nspname = 'public' and i.indisprimary order by c.relname, k.ord`,
  );
  const foreignKeys = await query<{ child: string; parent: string }>(
    db,
    sql`select distinct child.relname as child, parent.relname as parent
        from pg_constraint con
        join pg_class child on child.oid = con.conrelid join pg_namespace cn on cn.oid = child.relnamespace
        join pg_class parent on parent.oid = con.confrelid join pg_namespace pn on pn.oid = parent.relnamespace
        where con.contype = 'f' and cn.nspname = 'public' and pn.nspname = 'public'`,
  );
  const info = new Map<string, TableInfo>();
  for (const t of tables) info.set(t.name, { name: t.name, columns: [], primaryKey: [], parents: new Set(), selfReferencing: false });
  for (const c of columns) info.get(c.table)?.columns.push(c.name);
  for (const c of primaryKeys) info.get(c.table)?.primaryKey.push(c.name);
  for (const fk of foreignKeys) {
    const t = info.get(fk.child);
    if (!t) continue;
    if (fk.child === fk.parent) t.selfReferencing = true;
    else t.parents.add(fk.parent);
  }
  return info;
}

/** Parents before children; ties broken by name so the file is deterministic. */
function dependencyOrder(tables: Map<string, TableInfo>): TableInfo[] {
  const done = new Set<string>();
  const order: TableInfo[] = [];
  const remaining = new Map(tables);
  while (remaining.size) {
    const ready = [...remaining.values()].filter((t) => [...t.parents].every((p) => done.has(p) || !tables.has(p))).sort((a, b) => a.name.localeCompare(b.name));
    if (!ready.length) {
      throw new Error(`外键存在环，无法确定恢复顺序 / foreign keys form a cycle between tables: ${[...remaining.keys()].join(', ')}`);
    }
    for (const t of ready) {
      order.push(t);
      done.add(t.name);
      remaining.delete(t.name);
    }
  }
  return order;
}

async function appliedMigrations(db: Db): Promise<MigrationRef[]> {
  const [exists] = await query<{ ok: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists?.ok) return [];
  const rows = await query<{ hash: string; created_at: string | number | bigint }>(
    db,
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at, id`,
  );
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

// ---------------------------------------------------------------------------------------------
// Field-encryption key: never stored, only a fingerprint to warn when the wrong key is in place

/** The key this installation would use, without creating one (unlike loadOrCreateKey). */
export function configuredKey(config: Pick<Config, 'secretKey' | 'dataDir'>): { key: Buffer | null; source: string } {
  if (config.secretKey) return { key: parseKey(config.secretKey), source: 'XJKP_SECRET_KEY' };
  const file = path.join(config.dataDir, 'secret.key');
  return { key: fs.existsSync(file) ? parseKey(fs.readFileSync(file, 'utf8')) : null, source: file };
}

export function keyFingerprint(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('xjkp:backup-key-check').digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Backup

/**
 * Writes a backup of `database` to `file` from one consistent snapshot (repeatable read), so
 * it can run while the app is serving on PostgreSQL. The file appears only when complete.
 */
export async function writeBackup(database: Database, file: string, opts: { keyCheck?: string | null; chunkRows?: number } = {}): Promise<BackupStats> {
  const chunkRows = opts.chunkRows ?? FETCH_ROWS;
  const target = path.resolve(file);
  const partial = `${target}.partial-${process.pid}`;
  const gzip = zlib.createGzip({ level: 6 });
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  const written = pipeline(gzip, out);
  written.catch(() => undefined); // awaited below; this only prevents an unhandled rejection on early failure
  const write = async (line: string) => {
    if (!gzip.write(line + '\n')) await once(gzip, 'drain');
  };
  const rowCounts: Record<string, number> = {};
  try {
    await database.db.transaction(
      async (tx) => {
        const migrations = await appliedMigrations(tx);
        if (!migrations.length) throw new Error('数据库尚未初始化，没有可备份的数据 / the database has not been initialised: nothing to back up');
        const tables = dependencyOrder(await describeTables(tx));
        for (const t of tables) {
          if (SKIPPED_TABLES.has(t.name)) continue;
          const skippedParent = [...t.parents].find((p) => SKIPPED_TABLES.has(p));
          if (skippedParent) {
            throw new Error(`表 ${t.name} 引用了不备份的表 ${skippedParent} / table ${t.name} references ${skippedParent}, which backups skip: decide how it is backed up (src/server/platform/backup.ts)`);
          }
        }
        const included = tables.filter((t) => !SKIPPED_TABLES.has(t.name));
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          source: database.kind,
          migrations,
          tables: included.map((t) => ({ name: t.name, columns: t.columns })),
          keyCheck: opts.keyCheck ?? null,
        };
        await write(JSON.stringify(header));
        for (const t of included) {
          rowCounts[t.name] = 0;
          // A cursor streams the table in chunks inside the snapshot; PK order keeps files comparable.
          const orderBy = t.primaryKey.length ? sql` order by ${columnList(t.primaryKey)}` : sql``;
          await tx.execute(sql`declare xjkp_backup no scroll cursor for select row_to_json(t)::text as j from ${table(t.name)} t${orderBy}`);
          for (;;) {
            const rows = await query<{ j: string }>(tx, sql`fetch forward ${sql.raw(String(chunkRows))} from xjkp_backup`);
            if (!rows.length) break;
            await write(JSON.stringify({ table: t.name, rows: rows.length }));
            for (const r of rows) await write(r.j);
            rowCounts[t.name] += rows.length;
            if (rows.length < chunkRows) break;
          }
          await tx.execute(sql`close xjkp_backup`);
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await write(JSON.stringify({ end: true, rowCounts }));
    gzip.end();
    await written;
    fs.renameSync(partial, target);
  } catch (err) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw clearError(err);
  }
  const rows = Object.values(rowCounts).reduce((a, b) => a + b, 0);
  return { tables: Object.keys(rowCounts).length, rows, rowCounts, bytes: fs.statSync(target).size };
}

// ---------------------------------------------------------------------------------------------
// Reading a backup file

async function* readLines(file: string): AsyncGenerator<string> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new BackupFileError(`无法读取备份文件 / cannot read the backup file ${file}: ${(err as Error).message}`);
  }
  const magic = Buffer.alloc(2);
  const n = fs.readSync(fd, magic, 0, 2, 0);
  fs.closeSync(fd);
  if (n < 2 || !magic.equals(GZIP_MAGIC)) throw new BackupFileError(`不是 xjkp 备份文件（不是 gzip 格式）/ not an xjkp backup file (not gzip): ${file}`);

  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        yield text.slice(start, nl);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  } catch (err) {
    if (err instanceof BackupFileError) throw err;
    throw new BackupFileError(`备份文件已损坏或不完整 / the backup file is damaged or incomplete (${(err as Error).message}): ${file}`);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (rest) yield rest;
}

function parseJsonLine(line: string, lineNo: number, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupFileError(`备份文件第 ${lineNo} 行已损坏 / line ${lineNo} of the backup file is damaged: ${file}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkHeader(value: unknown, file: string): BackupHeader {
  if (!isObject(value) || value.format !== BACKUP_FORMAT) throw new BackupFileError(`不是 xjkp 备份文件 / not an xjkp backup file: ${file}`);
  if (typeof value.version !== 'number' || value.version > BACKUP_VERSION) {
    throw new BackupFileError(`备份文件格式版本 ${String(value.version)} 比本程序新，请先升级 xjkp / backup format version ${String(value.version)} is newer than this xjkp understands: upgrade first`);
  }
  const migrationsOk = Array.isArray(value.migrations) && value.migrations.every((m) => isObject(m) && typeof m.hash === 'string' && typeof m.createdAt === 'number');
  const tablesOk =
    Array.isArray(value.tables) &&
    value.tables.every((t) => isObject(t) && typeof t.name === 'string' && Array.isArray(t.columns) && t.columns.every((c) => typeof c === 'string'));
  if (!migrationsOk || !tablesOk) throw new BackupFileError(`备份文件头已损坏 / the backup header is damaged: ${file}`);
  return value as unknown as BackupHeader;
}

type BackupEvent = { kind: 'header'; header: BackupHeader } | { kind: 'rows'; table: string; rows: string[] } | { kind: 'end'; rowCounts: Record<string, number> };

/**
 * Reads and checks the file's structure: header first, chunks in header order with exactly the
 * announced number of JSON-object rows, and a trailer whose counts match. Anything else is a
 * BackupFileError — raised before the database is touched when used for the checking pass.
 */
async function* readBackup(file: string, opts: { parseRows: boolean }): AsyncGenerator<BackupEvent> {
  let header: BackupHeader | undefined;
  let tableIndex = -1;
  let pending: { table: string; left: number; rows: string[] } | undefined;
  let trailer: Record<string, unknown> | undefined;
  const counts: Record<string, number> = {};
  let lineNo = 0;
  for await (const line of readLines(file)) {
    lineNo++;
    if (trailer) throw new BackupFileError(`备份文件结尾之后还有内容 / unexpected data after the end of the backup (line ${lineNo}): ${file}`);
    if (!header) {
      header = checkHeader(parseJsonLine(line, lineNo, file), file);
      yield { kind: 'header', header };
      continue;
    }
    if (pending) {
      if (opts.parseRows && !isObject(parseJsonLine(line, lineNo, file))) throw new BackupFileError(`备份文件第 ${lineNo} 行不是一行数据 / line ${lineNo} is not a row: ${file}`);
      pending.rows.push(line);
      if (--pending.left === 0) {
        counts[pending.table] = (counts[pending.table] ?? 0) + pending.rows.length;
        yield { kind: 'rows', table: pending.table, rows: pending.rows };
        pending = undefined;
      }
      continue;
    }
    const v = parseJsonLine(line, lineNo, file);
    if (isObject(v) && v.end === true && isObject(v.rowCounts)) {
      trailer = v.rowCounts;
      continue;
    }
    if (!isObject(v) || typeof v.table !== 'string' || !Number.isInteger(v.rows) || (v.rows as number) < 1) {
      throw new BackupFileError(`备份文件第 ${lineNo} 行结构错误 / unexpected content at line ${lineNo}: ${file}`);
    }
    const idx = header.tables.findIndex((t) => t.name === v.table);
    if (idx < tableIndex || idx < 0) throw new BackupFileError(`备份文件第 ${lineNo} 行的表 ${v.table} 不在预期位置 / table ${v.table} out of place at line ${lineNo}: ${file}`);
    tableIndex = idx;
    pending = { table: v.table, left: v.rows as number, rows: [] };
  }
  if (!header) throw new BackupFileError(`备份文件为空 / the backup file is empty: ${file}`);
  if (!trailer || pending) throw new BackupFileError(`备份文件不完整（缺少结尾）/ the backup file is incomplete (no end marker): ${file}`);
  for (const t of header.tables) {
    if ((trailer[t.name] ?? 0) !== (counts[t.name] ?? 0)) {
      throw new BackupFileError(`备份文件中表 ${t.name} 的行数不符 / row count of ${t.name} does not match the end marker: ${file}`);
    }
  }
  yield { kind: 'end', rowCounts: counts };
}

export interface BackupSummary {
  header: BackupHeader;
  rowCounts: Record<string, number>;
}

/** Reads the whole file and checks it without touching any database. */
export async function inspectBackup(file: string): Promise<BackupSummary> {
  let header: BackupHeader | undefined;
  let rowCounts: Record<string, number> = {};
  for await (const ev of readBackup(file, { parseRows: true })) {
    if (ev.kind === 'header') header = ev.header;
    else if (ev.kind === 'end') rowCounts = ev.rowCounts;
  }
  return { header: header!, rowCounts };
}

// ---------------------------------------------------------------------------------------------
// Restore

/** Our migrations that bring an empty database to the schema the backup was written with. */
function splitMigrations(backup: MigrationRef[]): { before: MigrationMeta[]; after: MigrationMeta[] } {
  const ours = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  if (backup.length > ours.length) {
    throw new BackupFileError(
      `备份来自更新版本的 xjkp（${backup.length} 个数据库迁移，本程序只有 ${ours.length} 个），请先升级 xjkp 再恢复 / the backup is from a newer xjkp (${backup.length} migrations, this version has ${ours.length}): upgrade xjkp first`,
    );
  }
  backup.forEach((m, i) => {
    if (m.hash !== ours[i].hash) {
      throw new BackupFileError(
        `备份的数据库迁移记录与本程序不一致（第 ${i + 1} 个）/ the backup's migration history differs from this xjkp's at migration #${i + 1}: it was made by a different build`,
      );
    }
  });
  return { before: ours.slice(0, backup.length), after: ours.slice(backup.length) };
}

/** drizzle's migrator, but inside our transaction so the schema and the data commit together. */
async function applyMigrations(tx: Db, migrations: MigrationMeta[]): Promise<void> {
  await tx.execute(sql`create schema if not exists drizzle`);
  await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
  for (const m of migrations) {
    for (const statement of m.sql) await tx.execute(sql.raw(statement));
    await tx.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.folderMillis})`);
  }
}

async function rowsInDataTables(tx: Db): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const name of DATA_TABLES) {
    const [reg] = await query<{ ok: boolean }>(tx, sql`select to_regclass(${`public.${name}`}) is not null as ok`);
    if (!reg?.ok) continue;
    const [row] = await query<{ n: number }>(tx, sql`select count(*)::int as n from ${table(name)}`);
    if (row && row.n > 0) found[name] = row.n;
  }
  return found;
}

async function resetSequences(tx: Db): Promise<void> {
  const serials = await query<{ table: string; column: string; seq: string }>(
    tx,
    sql`select c.relname as table, a.attname as column, pg_get_serial_sequence(format('public.%I', c.relname), a.attname) as seq
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          and pg_get_serial_sequence(format('public.%I', c.relname), a.attname) is not null`,
  );
  for (const s of serials) {
    await tx.execute(sql`select setval(${s.seq}::regclass, m) from (select max(${sql.identifier(s.column)}) as m from ${table(s.table)}) x where m is not null`);
  }
}

export interface RestoreResult {
  header: BackupHeader;
  rows: number;
  rowCounts: Record<string, number>;
  migrationsAfter: number;
}

/**
 * Restores `file` into `database` in ONE transaction: a failure at any point (bad row, constraint,
 * damaged tail of the file) leaves the database exactly as it was, --force or not.
 *
 * The schema is rebuilt at the backup's migration level, the rows loaded, then the newer
 * migrations run over them — so a backup from an older version is upgraded like a live database.
 */
export async function restoreBackup(
  database: Database,
  file: string,
  opts: { force?: boolean; checked?: BackupSummary; batchRows?: number } = {},
): Promise<RestoreResult> {
  // Checking pass: a damaged or foreign file is refused before the database is touched.
  const summary = opts.checked ?? (await inspectBackup(file));
  const { header } = summary;
  const migrations = splitMigrations(header.migrations);
  let loaded: Record<string, number>;
  try {
    loaded = await database.db.transaction((tx) => restoreInto(tx, file, summary, migrations, { force: opts.force ?? false, batchRows: opts.batchRows ?? INSERT_BATCH_ROWS }));
  } catch (err) {
    throw clearError(err);
  }
  return { header, rows: Object.values(loaded).reduce((a, b) => a + b, 0), rowCounts: loaded, migrationsAfter: migrations.after.length };
}

async function restoreInto(
  tx: Db,
  file: string,
  summary: BackupSummary,
  migrations: { before: MigrationMeta[]; after: MigrationMeta[] },
  opts: { force: boolean; batchRows: number },
): Promise<Record<string, number>> {
  const { header } = summary;
  await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
  const inUse = await rowsInDataTables(tx);
  if (Object.keys(inUse).length && !opts.force) {
    const what = Object.entries(inUse)
      .map(([t, n]) => `${t}: ${n}`)
      .join(', ');
    throw new RestoreRefusedError(
      `目标数据库已有数据（${what}），未做任何修改。确认要用备份覆盖现有全部数据，请加 --force / the target database already holds data (${what}); nothing was changed. To replace ALL of it with the backup, add --force`,
    );
  }
  // Rebuild from nothing: leftovers (a partly migrated or newer schema) must not mix with the backup.
  await tx.execute(sql`drop schema if exists drizzle cascade`);
  await tx.execute(sql`drop schema if exists public cascade`);
  await tx.execute(sql`create schema public`);
  await tx.execute(sql`grant usage on schema public to public`);
  await applyMigrations(tx, migrations.before);

  const tables = await describeTables(tx);
  for (const t of header.tables) {
    const info = tables.get(t.name);
    const missing = info ? t.columns.filter((c) => !info.columns.includes(c)) : t.columns;
    if (!info || missing.length) {
      throw new Error(`备份中的表 ${t.name} 与数据库结构不符 / table ${t.name} in the backup does not match the schema (${info ? `columns ${missing.join(', ')}` : 'no such table'})`);
    }
  }
  // Rows a migration may have seeded are replaced by the backup's own.
  const seeded: string[] = [];
  for (const t of header.tables) {
    const [row] = await query<{ any: boolean }>(tx, sql`select exists (select 1 from ${table(t.name)}) as any`);
    if (row?.any) seeded.push(t.name);
  }
  if (seeded.length) await tx.execute(sql`truncate ${sql.join(seeded.map(table), sql`, `)} cascade`);

  const columnsOf = new Map(header.tables.map((t) => [t.name, t.columns]));
  const loaded: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t.name, 0]));
  let batch: { table: string; rows: string[]; chars: number } | undefined;
  let staging: string | undefined;

  const insertFrom = async (name: string, source: SQL) => {
    const cols = columnList(columnsOf.get(name)!);
    const [row] = await query<{ n: number }>(
      tx,
      sql`with ins as (insert into ${table(name)} (${cols}) overriding system value select ${cols} from ${source} returning 1) select count(*)::int as n from ins`,
    );
    loaded[name] += row?.n ?? 0;
  };
  const flush = async () => {
    if (!batch) return;
    const source = sql`json_populate_recordset(null::${table(batch.table)}, ${`[${batch.rows.join(',')}]`}::json)`;
    if (tables.get(batch.table)!.selfReferencing) {
      // Parent and child rows may sit in different batches (units moved under a newer unit); one
      // INSERT from a staging table is checked against the foreign key only when the statement ends.
      if (staging !== batch.table) {
        await tx.execute(sql`create temp table xjkp_restore_stage on commit drop as select * from ${table(batch.table)} with no data`);
        staging = batch.table;
      }
      await tx.execute(sql`insert into xjkp_restore_stage select * from ${source}`);
    } else {
      await insertFrom(batch.table, source);
    }
    batch = undefined;
  };
  const finishStaging = async () => {
    if (!staging) return;
    await insertFrom(staging, sql`xjkp_restore_stage`);
    await tx.execute(sql`drop table xjkp_restore_stage`);
    staging = undefined;
  };

  for await (const ev of readBackup(file, { parseRows: false })) {
    if (ev.kind !== 'rows') continue;
    if (batch && (batch.table !== ev.table || batch.rows.length >= opts.batchRows || batch.chars >= INSERT_BATCH_CHARS)) await flush();
    if (staging && staging !== ev.table) await finishStaging();
    batch ??= { table: ev.table, rows: [], chars: 0 };
    for (const r of ev.rows) {
      batch.rows.push(r);
      batch.chars += r.length;
    }
  }
  await flush();
  await finishStaging();

  for (const t of header.tables) {
    if (loaded[t.name] !== (summary.rowCounts[t.name] ?? 0)) {
      throw new Error(`表 ${t.name} 恢复的行数不符 / restored ${loaded[t.name]} rows of ${t.name}, expected ${summary.rowCounts[t.name] ?? 0}`);
    }
  }
  // Before the newer migrations, which may insert rows of their own.
  await resetSequences(tx);
  await applyMigrations(tx, migrations.after);
  return loaded;
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `用法 / usage:
  xjkp backup <file>             写备份文件（gzip 压缩的 JSON Lines）/ write a backup file
  xjkp restore <file> [--force]  从备份恢复；目标库须为空，--force 清空后恢复 / restore into an empty database; --force replaces existing data`;

function describeTarget(config: Config): string {
  if (!config.databaseUrl) return `PGlite ${path.join(config.dataDir, 'pglite')}`;
  try {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** PGlite is single-process: a second process opening the same files would corrupt them. */
function pgliteInUse(config: Config): string | undefined {
  if (config.databaseUrl) return undefined;
  const pid = path.join(config.dataDir, 'pglite', 'postmaster.pid');
  if (!fs.existsSync(pid)) return undefined;
  return [
    `数据目录 ${path.join(config.dataDir, 'pglite')} 正在被使用：请先停止 xjkp 服务（内置数据库只能由一个进程打开）。`,
    `  若服务确已停止（例如异常退出后），删除 ${pid} 后重试。`,
    `The database in ${path.join(config.dataDir, 'pglite')} is in use: stop the xjkp server first (the embedded database is single-process).`,
    `  If no server is running (e.g. after a crash), delete ${pid} and retry.`,
  ].join('\n');
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function keyReminder(config: Config): string {
  const where = config.secretKey ? 'XJKP_SECRET_KEY' : path.join(config.dataDir, 'secret.key');
  return [
    `注意：字段加密密钥（${where}）不在备份文件中。请把它与备份分开、妥善保存；没有它，身份证号无法解密。`,
    `Note: the field-encryption key (${where}) is NOT in the backup. Keep it safely, apart from the backup: without it 身份证号 (ID numbers) cannot be decrypted.`,
  ].join('\n');
}

export async function runBackupCommand(command: string, args: string[], config: Config): Promise<number> {
  const flags = args.filter((a) => a.startsWith('--'));
  const files = args.filter((a) => !a.startsWith('--'));
  const allowed = command === 'restore' ? ['--force'] : [];
  const badFlag = flags.find((f) => !allowed.includes(f));
  if (files.length !== 1 || badFlag) {
    if (badFlag) console.error(`未知选项 / unknown option: ${badFlag}`);
    console.error(USAGE);
    return 2;
  }
  const file = path.resolve(files[0]);
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  if (command === 'backup') {
    if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pglite'))) {
      console.error(`[xjkp] 找不到数据库 / no database found at ${path.join(config.dataDir, 'pglite')} (XJKP_DATA_DIR=${config.dataDir})`);
      return 1;
    }
    const busy = pgliteInUse(config);
    if (busy) {
      console.error(`[xjkp] ${busy}`);
      return 1;
    }
    const { key } = configuredKey(config);
    const database = await openDatabase(config);
    try {
      console.log(`[xjkp] 正在备份 / backing up ${describeTarget(config)} → ${file}`);
      const stats = await writeBackup(database, file, { keyCheck: key ? keyFingerprint(key) : null });
      console.log(`[xjkp] 备份完成 / backup complete: ${stats.tables} 张表 tables, ${stats.rows} 行 rows, ${formatBytes(stats.bytes)}, ${seconds()}`);
      console.log(keyReminder(config));
      if (!key) console.log('  （本机未找到密钥，备份中未记录密钥指纹 / no key found here, so the backup records no key fingerprint）');
      return 0;
    } catch (err) {
      console.error(`[xjkp] 备份失败，未生成文件 / backup failed, no file written: ${(err as Error).message}`);
      return 1;
    } finally {
      await database.close();
    }
  }

  if (command === 'restore') {
    const force = flags.includes('--force');
    let summary: BackupSummary;
    try {
      summary = await inspectBackup(file);
      splitMigrations(summary.header.migrations);
    } catch (err) {
      if (err instanceof BackupFileError) {
        console.error(`[xjkp] ${err.message}\n[xjkp] 未做任何修改 / nothing was changed`);
        return 2;
      }
      throw err;
    }
    const busy = pgliteInUse(config);
    if (busy) {
      console.error(`[xjkp] ${busy}`);
      return 1;
    }
    const { header } = summary;
    const total = Object.values(summary.rowCounts).reduce((a, b) => a + b, 0);
    console.log(`[xjkp] 正在恢复 / restoring ${file} (${header.createdAt}, ${header.source}, ${header.tables.length} tables, ${total} rows) → ${describeTarget(config)}${force ? ' (--force)' : ''}`);
    const database = await openDatabase(config);
    try {
      const result = await restoreBackup(database, file, { force, checked: summary });
      console.log(`[xjkp] 恢复完成 / restore complete: ${result.rows} 行 rows${result.migrationsAfter ? `, 已升级 ${result.migrationsAfter} 个数据库迁移 / ${result.migrationsAfter} newer migrations applied` : ''}, ${seconds()}`);
      console.log('  所有用户需重新登录 / sessions are not restored: everyone logs in again.');
    } catch (err) {
      const msg = (err as Error).message;
      if (err instanceof BackupFileError) {
        console.error(`[xjkp] ${msg}\n[xjkp] 未做任何修改 / nothing was changed`);
        return 2;
      }
      if (err instanceof RestoreRefusedError) {
        console.error(`[xjkp] ${msg}`);
        return 1;
      }
      console.error(`[xjkp] 恢复失败，数据库未做任何修改 / restore failed, the database was left unchanged: ${msg}`);
      return 1;
    } finally {
      await database.close();
    }
    const { key, source } = configuredKey(config);
    if (!key) {
      console.log(
        [
          `注意：本机尚未配置字段加密密钥。启动服务前，请设置 XJKP_SECRET_KEY 或把原来的 secret.key 复制到 ${source}，否则身份证号无法解密。`,
          `Note: no field-encryption key is configured here yet. Before starting the server set XJKP_SECRET_KEY or copy the original secret.key to ${source}; otherwise ID numbers cannot be decrypted.`,
        ].join('\n'),
      );
    } else if (header.keyCheck && keyFingerprint(key) !== header.keyCheck) {
      console.log(
        [
          `警告：当前的字段加密密钥（${source}）与备份时使用的不同！身份证号将无法解密、也无法按身份证号查找。请换回原密钥。`,
          `WARNING: the field-encryption key in use (${source}) is not the one this backup was made with. ID numbers will not decrypt or match: put the original key in place.`,
        ].join('\n'),
      );
    } else if (header.keyCheck) {
      console.log(`字段加密密钥与备份一致 / the field-encryption key matches the backup (${source}).`);
    } else {
      console.log(keyReminder(config));
    }
    return 0;
  }

  console.error(USAGE);
  return 2;
}
