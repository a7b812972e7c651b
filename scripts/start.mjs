// `npm start`: build when the sources are newer than the last build, then serve.
import path from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

const status = buildIfStale();
if (status !== 0) process.exit(status);

process.argv = [process.argv[0], path.join(root, 'dist/server/main.js'), ...(process.argv.length > 2 ? process.argv.slice(2) : ['serve'])];
await import(path.join(root, 'dist/server/main.js'));
