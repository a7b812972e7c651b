// `npm start`: build when the sources are newer than the last build, then serve.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'dist/.build-stamp');

function newestMtime(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'].map((p) => path.join(root, p));
const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built < Math.max(...inputs.map(newestMtime))) {
  console.log('[xjkp] 正在构建 / building…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

process.argv = [process.argv[0], path.join(root, 'dist/server/main.js'), ...(process.argv.length > 2 ? process.argv.slice(2) : ['serve'])];
await import(path.join(root, 'dist/server/main.js'));
