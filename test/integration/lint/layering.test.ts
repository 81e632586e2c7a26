import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals')
    .map((message) => message.message);
}

/** Which of these imports lint refuses in a file at `filePath`: the others are allowed there. */
async function refusedImports(filePath: string, specifiers: readonly string[]): Promise<string[]> {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const code = `${specifiers.map((specifier, index) => `import * as m${index} from '${specifier}';`).join('\n')}\nexport const all = [${specifiers.map((_, index) => `m${index}`).join(', ')}];\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, filePath) });
  const lines = new Set((result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.line));
  return specifiers.filter((_, index) => lines.has(index + 1));
}

describe('layering rules (lint)', () => {
  it('keeps shared/ pure: no Node built-ins, Electron, process or other layers', async () => {
    const messages = await restrictedImports(
      'shared/probe.ts',
      "import fs from 'node:fs';\nimport { app } from 'electron';\nimport { Engagement } from '../electron/engine/engagement';\nexport const x = [fs, app, Engagement, process.env];\n",
    );
    expect(messages).toHaveLength(4);
  });

  it('keeps Electron out of the engine and the CLI', async () => {
    expect(await restrictedImports('electron/engine/probe.ts', "import { app } from 'electron';\nexport const y = app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/cli/probe.ts', "import { app } from 'electron';\nexport const y = app;\n")).toHaveLength(1);
  });

  it('lets the renderer reach the engine only through the contract', async () => {
    const messages = await restrictedImports(
      'renderer/src/probe.ts',
      "import Database from 'better-sqlite3';\nimport { Engagement } from '../../electron/engine/engagement';\nimport { API } from '../../shared/contract';\nexport const z = [Database, Engagement, API];\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('keeps test code, the harness included, out of everything that ships', async () => {
    const probe = "import { startHarness } from '../../test/harness/server';\nexport const h = startHarness;\n";
    for (const file of ['shared/probe.ts', 'electron/engine/probe.ts', 'electron/main/probe.ts', 'electron/preload/probe.ts', 'renderer/src/probe.ts']) {
      const depth = file.split('/').length - 1;
      const code = probe.replace('../../', '../'.repeat(depth));
      expect(await restrictedImports(file, code), file).toEqual([expect.stringContaining('the test harness never ships')]);
    }
  });

  it('lets shared/ import only zod and shared/ itself (an allow-list)', async () => {
    expect(await refusedImports('shared/calc/probe.ts', ['zod', './units', '../activities', '../../electron/engine/errors', 'exceljs', 'left-pad', 'node:perf_hooks'])).toEqual([
      '../../electron/engine/errors',
      'exceljs',
      'left-pad',
      'node:perf_hooks',
    ]);
  });

  it('lets the CLI use the engine only through feature services, the engagement handle and the engine errors', async () => {
    const engine = ['../../engine/import/service', '../../engine/engagement/handle', '../../engine/errors', '../../engine/import/pipeline', '../../engine/db/connection', '../../engine/workers/spawn'];
    expect(await refusedImports('electron/cli/commands/probe.ts', ['commander', 'node:fs', '../context', '../../../shared/figures', 'better-sqlite3', ...engine])).toEqual([
      'better-sqlite3',
      '../../engine/import/pipeline',
      '../../engine/db/connection',
      '../../engine/workers/spawn',
    ]);
  });

  it('lets the API handlers use the engine only through feature services, the engagement handle and the engine errors', async () => {
    expect(await refusedImports('electron/engine/api/handlers/probe.ts', ['./types', '../session', '../../inventory/service', '../../engagement/handle', '../../inventory/calculate', '../../factors/store'])).toEqual([
      '../../inventory/calculate',
      '../../factors/store',
    ]);
  });

  it('keeps the CLI out of the engine', async () => {
    expect(await refusedImports('electron/engine/host/probe.ts', ['../api/dispatch', '../../cli/main'])).toEqual(['../../cli/main']);
  });

  it('lets engine features reach each other only through their services', async () => {
    expect(await refusedImports('electron/engine/inventory/probe.ts', ['./store', '../factors/service', '../engagement/handle', '../factors/store', '../import/pipeline'])).toEqual([
      '../factors/store',
      '../import/pipeline',
    ]);
  });

  it('keeps main and the CLI out of the preload', async () => {
    expect(await refusedImports('electron/preload/probe.ts', ['electron', '../../shared/ipc-channels', '../main/trust', '../cli/main'])).toEqual(['../main/trust', '../cli/main']);
  });

  it('lets the main process reach the engine only through the engine host, so no SQLite runs on it', async () => {
    expect(await refusedImports('electron/main/probe.ts', ['electron', 'node:path', './trust', '../engine/host/client', '../engine/engagement/service', 'better-sqlite3'])).toEqual([
      '../engine/engagement/service',
      'better-sqlite3',
    ]);
  });

  it('lets browser mode reach the engine only through the engine host, like the main process, and never Electron', async () => {
    const specifiers = ['node:http', './access', '../engine/host/client', '../main/trust', '../main/drop-guard', '../main/relay', '../engine/engagement/service', 'electron', 'better-sqlite3'];
    expect(await refusedImports('electron/web/probe.ts', specifiers)).toEqual(['../main/relay', '../engine/engagement/service', 'electron', 'better-sqlite3']);
    // The CLI starts browser mode through its one entry, nothing else of it.
    expect(await refusedImports('electron/cli/commands/probe.ts', ['../../web/serve', '../../web/server'])).toEqual(['../../web/server']);
  });

  it('takes the Node built-ins from module.builtinModules, so the renderer is refused every one of them', async () => {
    expect(await refusedImports('renderer/src/probe.ts', ['node:perf_hooks', 'diagnostics_channel', 'node:fs/promises', 'node:sqlite', '../../shared/contract'])).toEqual([
      'node:perf_hooks',
      'diagnostics_channel',
      'node:fs/promises',
      'node:sqlite',
    ]);
  });
});
