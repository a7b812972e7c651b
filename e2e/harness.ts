import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach, beforeEach } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHOTS = path.join(ROOT, 'screenshots');
export const INITIAL_ADMIN_PASSWORD = 'Init#Admin2026';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface E2EServer {
  url: string;
  dataDir: string;
  output: () => string;
  /** Kills the server (SIGKILL by default: a crash, nothing flushed on purpose) and starts it again on the same port and data. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

async function spawnServer(port: number, dataDir: string, log: (s: string) => void): Promise<ChildProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', XJKP_DATA_DIR: dataDir, XJKP_ADMIN_PASSWORD: INITIAL_ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => log(String(d)));
  child.stderr?.on('data', (d) => log(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return child;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Builds if stale and starts the real server (as `npm start` does) on a free port and an empty data dir. */
export async function startServer(): Promise<E2EServer> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-e2e-'));
  let out = '';
  const log = (s: string) => (out += s);
  let child: ChildProcess;
  try {
    child = await spawnServer(port, dataDir, log);
  } catch (e) {
    throw new Error(`${String(e)}: ${out}`);
  }
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    output: () => out,
    restart: async (signal = 'SIGKILL') => {
      await kill(signal);
      log(`\n[e2e] server restarted after ${signal}\n`);
      child = await spawnServer(port, dataDir, log);
    },
    stop: async () => {
      await kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Saves a screenshot under screenshots/ so a person can look at what the test saw. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Let queries settle and antd's transitions finish, so the picture shows what a person sees.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Collects console errors and failed requests, so a page that "works" while erroring still fails. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export interface Journey {
  server: E2EServer;
  browser: Browser;
}

/**
 * Registers the hooks every journey needs: a fresh server (empty database) and browser for each
 * attempt, so a retry starts from the first login again; on failure, a screenshot of every open
 * page (screenshots/failure-<name>-*.png) and the tail of the server's output.
 */
export function journey(name: string): Journey {
  const env = {} as Journey;
  beforeEach(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && env.browser) {
      for (const [i, ctx] of env.browser.contexts().entries()) {
        for (const [j, page] of ctx.pages().entries()) {
          const file = `failure-${name}-${i}-${j}.png`;
          await page.screenshot({ path: path.join(SHOTS, file), fullPage: true }).catch(() => undefined);
          console.error(`[e2e] failed on ${page.url()}; screenshot screenshots/${file}`);
        }
      }
      console.error(`[e2e] server output:\n${env.server?.output().slice(-4000)}`);
    }
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
