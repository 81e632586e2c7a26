/**
 * The packaging configuration is security configuration: fuses, asar, signing and what goes into the
 * package are checked here, against electron-builder's own schema and the fuses its @electron/fuses knows.
 */
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'electron-builder';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shippedResourceDir } from '../../../electron/main/app-paths';
import { engagementFileFromArgv } from '../../../electron/main/launch-file';
import { ENGAGEMENT_FILE_EXTENSION } from '../../../shared/contract';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const config = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as Configuration;
const packageJson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The fuse wire electron-builder flips: the copy of @electron/fuses it depends on. */
function fusesElectronBuilderKnows(): string[] {
  const requireFromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));
  const { FuseV1Options } = requireFromBuilder('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
  return Object.keys(FuseV1Options)
    .filter((name) => Number.isNaN(Number(name)))
    .map((name) => name[0]!.toLowerCase() + name.slice(1));
}

describe('electron-builder configuration', () => {
  // Loading electron-builder's schema validator takes seconds on a busy machine; this is not a speed test.
  it('matches electron-builder’s schema', { timeout: 60_000 }, async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined } as never)).resolves.toBeUndefined();
  });

  it('sets every fuse explicitly, to the locked-down value', () => {
    expect(Object.keys(config.electronFuses ?? {}).sort()).toEqual(fusesElectronBuilderKnows().sort());
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into asar, with only better-sqlite3’s native binary unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**']);
  });

  it('packs only the built bundles: no sources, tests or test harness', () => {
    const includes = (config.files as string[]).filter((pattern) => !pattern.startsWith('!'));
    expect(includes.sort()).toEqual(['out/main/**', 'out/node/**', 'out/renderer/**', 'package.json']);
    expect(config.files).toContain('!**/*.map');
    // Nor can the bundles pull the harness in: product code may not import from test/ (a lint rule,
    // tested in test/integration/lint/layering.test.ts).
  });

  it('ships the factor library and the sample engagement beside the app, where the main process looks for them', () => {
    expect(config.extraResources).toEqual([
      { from: 'resources/factor-library', to: 'factor-library' },
      { from: 'resources/sample', to: 'sample' },
    ]);
    for (const { from, to } of config.extraResources as { from: string; to: 'factor-library' | 'sample' }[]) {
      expect(shippedResourceDir(to, { isPackaged: true, resourcesPath: '/opt/Carbon Audit/resources', appRoot: '/unused' })).toBe(path.join('/opt/Carbon Audit/resources', to));
      expect(shippedResourceDir(to, { isPackaged: false, resourcesPath: '/unused', appRoot: PROJECT_ROOT })).toBe(path.join(PROJECT_ROOT, from));
    }
  });

  it('registers .carbonaudit engagement files with the OS, the extension the app opens when the OS hands it one', () => {
    expect(config.fileAssociations).toEqual([{ ext: ENGAGEMENT_FILE_EXTENSION, name: 'Carbon Audit engagement', role: 'Editor', mimeType: 'application/x-carbonaudit' }]);
    // What a double-click on an engagement passes to the installed app (Windows, Linux; macOS sends 'open-file').
    expect(engagementFileFromArgv(['/opt/Carbon Audit/carbon-audit', `/home/jane/group.${ENGAGEMENT_FILE_EXTENSION}`], '/')).toBe(`/home/jane/group.${ENGAGEMENT_FILE_EXTENSION}`);
  });

  it('is documented: the README says how to build each OS’s installers with npm run dist', () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const packaging = readme.slice(readme.indexOf('## Packaging and signing'));
    expect(packaging).toContain('`npm run dist`');
    for (const installer of ['AppImage', 'deb', 'NSIS', 'DMG', config.icon!, '.carbonaudit']) expect(packaging, installer).toContain(installer);
  });

  it('signs macOS and Windows builds with identities from the environment only', () => {
    const mac = config.mac!;
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac).not.toHaveProperty('identity');
    expect(mac.entitlements).toBe(mac.entitlementsInherit);
    const entitlements = fs.readFileSync(path.join(PROJECT_ROOT, mac.entitlements!), 'utf8');
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])).toEqual(['com.apple.security.cs.allow-jit']);

    const signtool = config.win!.signtoolOptions!;
    expect(signtool.signingHashAlgorithms).toEqual(['sha256']);
    for (const secret of ['certificateFile', 'certificatePassword', 'certificateSubjectName', 'certificateSha1']) expect(signtool).not.toHaveProperty(secret);

    // Unsigned local builds work; the release script refuses to produce an unsigned build.
    expect(config.forceCodeSigning).toBe(false);
    expect(packageJson.scripts['dist:signed']).toContain('electron-builder -c.forceCodeSigning=true');
  });

  it('builds an AppImage and a deb, an NSIS installer and a DMG', () => {
    expect(config.linux!.target).toEqual(['AppImage', 'deb']);
    expect(config.win!.target).toEqual(['nsis']);
    expect(config.mac!.target).toEqual(['dmg']);
    // A deb needs a maintainer; electron-builder would otherwise fail late, on the packaging machine.
    expect(config.linux!.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(packageJson.scripts.dist).toBe('npm run build && electron-builder');
  });

  it('takes its icon from resources/: a square PNG of at least 1024 px, which electron-builder converts to .icns and .ico', () => {
    const icon = fs.readFileSync(path.join(PROJECT_ROOT, config.icon!));
    expect(icon.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = icon.readUInt32BE(16);
    const height = icon.readUInt32BE(20);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(1024);
    expect(config.icon!.startsWith(`${config.directories!.buildResources}/`)).toBe(true);
  });
});
