// Bundles the Node-side entry points (CLI and engine workers) with esbuild.
// Runs on `npm install` so `npx carbon-audit` works straight away; takes well under a second.
import { build } from 'esbuild';

export const NODE_ENTRY_POINTS = {
  cli: 'electron/cli/index.ts',
  'import-worker': 'electron/engine/workers/import-worker.ts',
  'calc-worker': 'electron/engine/workers/calc-worker.ts',
  'read-worker': 'electron/engine/workers/read-worker.ts',
  'export-worker': 'electron/engine/workers/export-worker.ts',
};

export const NODE_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

await build({ ...NODE_BUILD_OPTIONS, entryPoints: NODE_ENTRY_POINTS, outdir: 'out/node' });
