// Bundles the server into dist/server/main.js; packages stay in node_modules.
import { build } from 'esbuild';
import fs from 'node:fs';

await build({
  entryPoints: ['src/server/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  outfile: 'dist/server/main.js',
  logLevel: 'warning',
});
fs.writeFileSync('dist/.build-stamp', new Date().toISOString());
