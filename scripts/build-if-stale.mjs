// Runs `npm run build` when a source is newer than the last build (or the build is missing).
// Used by `npm start`, by `npm test` before the browser tier, and by e2e/harness.ts.
//   node scripts/build-if-stale.mjs      exits with the build's status (0 when nothing to do)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');

/** What the build reads: any change here makes dist/ stale. */
const INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json', 'scripts/build-server.mjs', 'public'];
/** What the build writes; a missing one means build regardless of times. */
const OUTPUTS = ['dist/.build-stamp', 'dist/server/main.js', 'dist/web/index.html'];

function newestMtime(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs; // a deleted file shows only as a newer directory
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

export function isStale() {
  if (OUTPUTS.some((p) => !fs.existsSync(path.join(root, p)))) return true;
  const built = fs.statSync(path.join(root, 'dist/.build-stamp')).mtimeMs;
  return built < Math.max(...INPUTS.map((p) => newestMtime(path.join(root, p))));
}

/** Builds when stale; returns the exit status (0 when the build is current). */
export function buildIfStale() {
  if (!isStale()) return 0;
  console.log('[xjkp] 正在构建 / building…');
  // Always a production build: run from vitest (e2e) NODE_ENV is 'test', and React/antd built in
  // test mode would then be what `npm start` serves, since the build is not stale afterwards.
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  return r.status ?? 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(buildIfStale());
}
