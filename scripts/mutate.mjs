// `npm run mutate [-- stryker options]`: Stryker over the core (stryker.config.mjs), then each
// area's score against its target. Options pass through, e.g. `-- --mutate 'shared/import/**/*.ts'`
// for one area, or `-- --concurrency 2` on a quiet machine.
//
// Stryker rewrites its incremental file with the mutants of this run only, and numbers tests
// afresh each run, so the results of one area cannot be merged back into the committed file. A
// run narrowed with --mutate therefore starts from a copy of the committed file (reusing what it
// can) and writes the copy, under reports/: only a run over the whole core updates the committed file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { INCREMENTAL_FILE, printReport, ROOT } from './mutation-report.mjs';

const NARROWED_INCREMENTAL_FILE = path.join(ROOT, 'reports', 'mutation', 'stryker-incremental.narrowed.json');

const args = process.argv.slice(2);
const narrowed = args.some((arg) => arg === '--mutate' || arg.startsWith('--mutate=') || arg === '-m');
let incrementalFile = INCREMENTAL_FILE;
if (narrowed && !args.some((arg) => arg.startsWith('--incrementalFile'))) {
  incrementalFile = NARROWED_INCREMENTAL_FILE;
  fs.mkdirSync(path.dirname(incrementalFile), { recursive: true });
  if (fs.existsSync(INCREMENTAL_FILE)) fs.copyFileSync(INCREMENTAL_FILE, incrementalFile);
  args.push('--incrementalFile', path.relative(ROOT, incrementalFile));
}

const require = createRequire(import.meta.url);
const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const run = spawnSync(process.execPath, [stryker, 'run', ...args], { stdio: 'inherit', cwd: ROOT });
if (fs.existsSync(incrementalFile)) await printReport(JSON.parse(fs.readFileSync(incrementalFile, 'utf8')));
process.exit(run.status ?? 1);
