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
});
