/**
 * The tests a mutation run (`npm run mutate`, stryker.config.mjs) runs against each mutant: the
 * unit tests, and the integration tests that drive the mutated code in this process, each test
 * doing its own work. Left to `npm test`:
 * - tests that reach the code only through a child process (the CLI) or a worker thread, which
 *   cannot see a mutant (Stryker switches mutants in the test's own thread);
 * - tests that build their engagement once in `beforeAll` (the company workbook, the two-year
 *   engagement, the published factor files): code run outside a test makes each of its mutants
 *   "static", which costs a reload and every related test per mutant, hours per run;
 * - the readers' size and speed tests.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default defineConfig({
  test: {
    root,
    projects: [
      // Instrumented code runs slower, on a shared machine: generous limits, so only a mutant fails a test.
      { test: { name: 'unit', root, include: ['test/unit/shared/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          root,
          setupFiles: ['test/helpers/app-data.ts'],
          include: [
            'test/integration/engine/{audit-log,audit-witness,engagement-file,migrations,engagement-file-edges,schema-guard}.test.ts',
            'test/integration/import/{targets-and-claims,totals-rows}.test.ts',
            'test/integration/inventory/fiscal-labels.test.ts',
          ],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
