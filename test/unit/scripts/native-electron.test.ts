import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM build script without type declarations
import { BINARY_NAME, PACKAGE_FILES, rebuildOptions, staleReason, wantedBuild } from '../../../scripts/native-electron.mjs';

const WANTED = wantedBuild({ electronVersion: '38.8.6', betterSqlite3Version: '12.11.1', platform: 'linux', arch: 'x64' });

describe('native-electron build decision', () => {
  it('wants a build when none exists or the binary is gone', () => {
    expect(staleReason(null, WANTED, false)).toBe('no Electron build of better-sqlite3 yet');
    expect(staleReason(WANTED, WANTED, false)).toBe('the binary is missing');
  });

  it('keeps an up-to-date build', () => {
    expect(staleReason({ ...WANTED }, WANTED, true)).toBeNull();
  });

  it('rebuilds when Electron, better-sqlite3, platform or arch changed', () => {
    expect(staleReason({ ...WANTED, electronVersion: '37.0.0' }, WANTED, true)).toBe('electronVersion changed (37.0.0 → 38.8.6)');
    expect(staleReason({ ...WANTED, betterSqlite3Version: '12.0.0' }, WANTED, true)).toMatch(/^betterSqlite3Version changed/);
    expect(staleReason({ ...WANTED, arch: 'arm64' }, WANTED, true)).toBe('arch changed (arm64 → x64)');
    expect(staleReason({ ...WANTED, platform: 'darwin' }, WANTED, true)).toMatch(/^platform changed/);
  });

  it('rebuilds only better-sqlite3 for the wanted Electron in a scratch project, never in node_modules', () => {
    const options = rebuildOptions('/scratch/dir', WANTED);
    expect(options).toEqual({
      buildPath: '/scratch/dir',
      electronVersion: '38.8.6',
      arch: 'x64',
      onlyModules: ['better-sqlite3'],
      force: true,
      mode: 'sequential',
    });
    expect(WANTED.file).toBe(BINARY_NAME);
    expect(PACKAGE_FILES).toEqual(expect.arrayContaining(['package.json', 'binding.gyp', 'src', 'deps']));
  });
});
