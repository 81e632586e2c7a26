// The engine's worker threads, as esbuild entry points: name → source file (electron/engine/workers/entries.json).
import fs from 'node:fs';

export const WORKER_ENTRY_POINTS = JSON.parse(fs.readFileSync(new URL('../electron/engine/workers/entries.json', import.meta.url), 'utf8'));
