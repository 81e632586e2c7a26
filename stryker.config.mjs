// Mutation testing (`npm run mutate`): how well the tests of the core notice a small bug put into
// it. How to run it and read its report: docs/mutation-testing.md. Not part of CI (too slow).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'shared/calc/**/*.ts',
    'shared/import/**/*.ts',
    // The audit log and the checks an engagement file passes before it is opened.
    'electron/engine/db/audit-log.ts',
    'electron/engine/db/connection.ts',
    'electron/engine/db/migrate.ts',
    'electron/engine/db/schema-guard.ts',
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.mts' },
  checkers: ['typescript'],
  // Only the mutated files and what they import: checking the whole project per mutant is what made a run slow.
  tsconfigFile: 'test/mutation/tsconfig.checker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // A mutant in code run once at import (a unit table, a list of spellings) can only be told by
  // reloading and running every test, tens of seconds each on this machine: hundreds of them
  // would take hours. They are reported as Ignored and left out of the score (the report counts
  // them): the score measures the code that runs per call, not the tables.
  ignoreStatic: true,
  // A run after a change re-tests only the mutants the change touched (the file is committed).
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  // The machine is shared: one test process unless told otherwise (--concurrency 2).
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 85, low: 75, break: null },
  ignorePatterns: ['out', 'dist', 'native', '.bench', 'reports', 'test-results', 'test/e2e', 'renderer'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
