// Bundles the Node-side entry points (CLI and engine workers) with esbuild.
// Runs on `npm install` so `npx carbon-audit` works straight away; takes well under a second.
import { build } from 'esbuild';
import { WORKER_ENTRY_POINTS } from './worker-entries.mjs';

export const NODE_ENTRY_POINTS = {
  cli: 'electron/cli/index.ts',
  ...WORKER_ENTRY_POINTS,
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

// The browser-mode bridge (renderer/web/bridge.ts), served by electron/web/server.ts before the app's own script.
await build({ entryPoints: { bridge: 'renderer/web/bridge.ts' }, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, logLevel: 'warning', outdir: 'out/web' });
