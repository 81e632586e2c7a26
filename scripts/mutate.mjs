// `npm run mutate [-- stryker options]`: Stryker over the core (stryker.config.mjs), then each
// area's score against its target. Options pass through, e.g. `-- --mutate 'shared/import/**/*.ts'`
// for one area, or `-- --concurrency 2` on a quiet machine.
//
// A run narrowed with --mutate updates the committed incremental file too: Stryker keeps the
// results of the files it did not mutate (unless their source changed since), so per-file runs
// accumulate into one file that covers every file run so far.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { INCREMENTAL_FILE, printReport, ROOT } from './mutation-report.mjs';

const args = process.argv.slice(2);
const incrementalFileArg = args.findIndex((arg) => arg === '--incrementalFile');
const incrementalFile = incrementalFileArg === -1 ? INCREMENTAL_FILE : path.resolve(ROOT, args[incrementalFileArg + 1]);

const require = createRequire(import.meta.url);
const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const run = spawnSync(process.execPath, [stryker, 'run', ...args], { stdio: 'inherit', cwd: ROOT });
if (fs.existsSync(incrementalFile)) {
  // Stryker records the absolute folder it ran in; the committed file must not carry a machine's path.
  const report = JSON.parse(fs.readFileSync(incrementalFile, 'utf8'));
  if (report.projectRoot !== '.') fs.writeFileSync(incrementalFile, `${JSON.stringify({ ...report, projectRoot: '.' }, null, 2)}\n`);
  await printReport(report);
}
process.exit(run.status ?? 1);
