import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM build script without type declarations
import { BINARY_NAME, buildAttempts, ELECTRON_HEADERS_URL, electronInstall, locateTools, PACKAGE_FILES, staleReason, wantedBuild } from '../../../scripts/native-electron.mjs';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

const WANTED = wantedBuild({ electronVersion: '45.5.0', nodeAbi: '150', betterSqlite3Version: '12.11.1', platform: 'linux', arch: 'x64' });

describe('native-electron build decision', () => {
  it('wants a build when none exists or the binary is gone', () => {
    expect(staleReason(null, WANTED, false)).toBe('no Electron build of better-sqlite3 yet');
    expect(staleReason(WANTED, WANTED, false)).toBe('the binary is missing');
  });

  it('keeps an up-to-date build', () => {
    expect(staleReason({ ...WANTED }, WANTED, true)).toBeNull();
  });

  it('rebuilds when Electron, its Node ABI, better-sqlite3, platform or arch changed', () => {
    expect(staleReason({ ...WANTED, electronVersion: '37.0.0' }, WANTED, true)).toBe('electronVersion changed (37.0.0 → 45.5.0)');
    expect(staleReason({ ...WANTED, nodeAbi: '136' }, WANTED, true)).toBe('nodeAbi changed (136 → 150)');
    expect(staleReason({ ...WANTED, betterSqlite3Version: '12.0.0' }, WANTED, true)).toMatch(/^betterSqlite3Version changed/);
    expect(staleReason({ ...WANTED, arch: 'arm64' }, WANTED, true)).toBe('arch changed (arm64 → x64)');
    expect(staleReason({ ...WANTED, platform: 'darwin' }, WANTED, true)).toMatch(/^platform changed/);
  });

  it('first tries a prebuilt Electron binary, then compiles against Electron headers', () => {
    const attempts = buildAttempts(WANTED, { prebuildInstall: '/t/prebuild-install/bin.js', nodeGyp: '/t/node-gyp.js' });
    expect(attempts.map((attempt: { args: string[] }) => attempt.args)).toEqual([
      ['/t/prebuild-install/bin.js', '--runtime', 'electron', '--target', '45.5.0', '--arch', 'x64', '--platform', 'linux', '--verbose'],
      ['/t/node-gyp.js', 'rebuild', '--release', '--runtime=electron', '--target=45.5.0', '--arch=x64', `--dist-url=${ELECTRON_HEADERS_URL}`],
    ]);
    expect(WANTED.file).toBe(BINARY_NAME);
    expect(PACKAGE_FILES).toEqual(expect.arrayContaining(['package.json', 'binding.gyp', 'src', 'deps']));
  });

  it('finds both tools in this checkout, preferring the node-gyp npm provides to scripts', () => {
    const tools = locateTools(PROJECT_ROOT, {});
    expect(fs.existsSync(tools.prebuildInstall)).toBe(true);
    expect(fs.existsSync(tools.nodeGyp)).toBe(true);
    expect(locateTools(PROJECT_ROOT, { npm_config_node_gyp: '/npm/node-gyp.js' }).nodeGyp).toBe('/npm/node-gyp.js');
  });

  it('reads the installed Electron’s Node ABI, and prebuild-install maps that Electron to the same ABI', () => {
    const electron = electronInstall(PROJECT_ROOT);
    expect(electron.nodeAbi).toMatch(/^\d+$/);
    // prebuild-install names prebuilt binaries by ABI through node-abi: it must know this Electron.
    const nodeAbi = createRequire(locateTools(PROJECT_ROOT, {}).prebuildInstall)('node-abi') as { getAbi(target: string, runtime: string): string };
    expect(nodeAbi.getAbi(electron.version, 'electron')).toBe(electron.nodeAbi);
  });
});
