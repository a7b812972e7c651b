/**
 * A throwaway PostgreSQL cluster for benchmarks (the same recipe as .ci/run): initdb in a temp
 * dir, as the `postgres` user when running as root, on a free port. Durability stays ON
 * (fsync, synchronous_commit): the exam-day bench measures what a real deployment pays.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PG_BIN = process.env.XJKP_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  url: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startThrowawayPostgres(): Promise<Cluster> {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) throw new Error(`PostgreSQL binaries not found in ${PG_BIN} (set XJKP_PG_BIN, or DATABASE_URL to use a running server)`);
  const root = process.getuid?.() === 0;
  const asPg = (cmd: string, args: string[]) => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  if (root && spawnSync('id', ['postgres']).status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'postgres']);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-bench-pg-'));
  if (root) execFileSync('chown', ['postgres', dir]);
  const port = await freePort();
  execFileSync(...asPg(path.join(PG_BIN, 'initdb'), ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '-D', path.join(dir, 'data')]), { stdio: 'ignore' });
  execFileSync(
    ...asPg(path.join(PG_BIN, 'pg_ctl'), [
      '-D', path.join(dir, 'data'), '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60',
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start',
    ]),
    { stdio: 'ignore' },
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      spawnSync(...asPg(path.join(PG_BIN, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']), { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
