// Bundles the Electron main process (with the engine and its workers) and the preload.
import { build } from 'esbuild';
import { WORKER_ENTRY_POINTS } from './worker-entries.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main/main.ts', ...WORKER_ENTRY_POINTS },
    outdir: 'out/main',
    packages: 'external',
  }),
  // A sandboxed preload can only require('electron'): everything else is bundled in.
  build({
    ...common,
    entryPoints: { preload: 'electron/preload/preload.ts' },
    outdir: 'out/main',
    external: ['electron'],
  }),
]);
