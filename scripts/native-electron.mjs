// Builds better-sqlite3 for Electron's ABI into native/electron/, beside (never over) the
// Node build in node_modules that tests and the CLI use. The main process loads it through
// better-sqlite3's `nativeBinding` option, guided by native/electron/manifest.json.
//
//   node scripts/native-electron.mjs                      build if missing or stale (npm start runs this)
//   node scripts/native-electron.mjs --if-electron-present   same, but skip quietly when Electron's binary
//                                                          was not downloaded (postinstall; CI)
//   node scripts/native-electron.mjs --force              rebuild even if up to date
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NATIVE_DIR = path.join('native', 'electron');
export const MANIFEST_NAME = 'manifest.json';
export const BINARY_NAME = 'better_sqlite3.node';
/** What a build needs from the better-sqlite3 package to compile or fetch its binary. */
export const PACKAGE_FILES = ['package.json', 'binding.gyp', 'src', 'deps', 'lib'];

/** The build that is wanted for this checkout. */
export function wantedBuild({ electronVersion, betterSqlite3Version, platform, arch }) {
  return { electronVersion, betterSqlite3Version, platform, arch, file: BINARY_NAME };
}

/** Why a build is needed, or null when the existing manifest already matches and its binary exists. */
export function staleReason(existingManifest, wanted, binaryExists) {
  if (!existingManifest) return 'no Electron build of better-sqlite3 yet';
  for (const key of ['electronVersion', 'betterSqlite3Version', 'platform', 'arch']) {
    if (existingManifest[key] !== wanted[key]) {
      return `${key} changed (${existingManifest[key]} → ${wanted[key]})`;
    }
  }
  if (!binaryExists) return 'the binary is missing';
  return null;
}

/** The options for @electron/rebuild: rebuild only better-sqlite3, in a scratch project. */
export function rebuildOptions(scratchDir, wanted) {
  return {
    buildPath: scratchDir,
    electronVersion: wanted.electronVersion,
    arch: wanted.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    mode: 'sequential',
  };
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Electron's version, and whether its binary was downloaded (it is skipped in CI). */
export function electronInstall(projectRoot) {
  const electronDir = path.join(projectRoot, 'node_modules', 'electron');
  const { version } = readJson(path.join(electronDir, 'package.json'));
  const pathFile = path.join(electronDir, 'path.txt');
  const binaryPresent = fs.existsSync(pathFile)
    && fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()));
  return { version, binaryPresent };
}

export async function ensureElectronBuild(projectRoot, { force = false, ifElectronPresent = false, log = console.log } = {}) {
  const electron = electronInstall(projectRoot);
  if (ifElectronPresent && !electron.binaryPresent) {
    log('Electron binary not downloaded: skipping the Electron build of better-sqlite3 (npm start builds it).');
    return null;
  }
  const betterSqlite3Dir = path.join(projectRoot, 'node_modules', 'better-sqlite3');
  const wanted = wantedBuild({
    electronVersion: electron.version,
    betterSqlite3Version: readJson(path.join(betterSqlite3Dir, 'package.json')).version,
    platform: process.platform,
    arch: process.arch,
  });
  const outDir = path.join(projectRoot, NATIVE_DIR);
  const manifestPath = path.join(outDir, MANIFEST_NAME);
  const existing = fs.existsSync(manifestPath) ? readJson(manifestPath) : null;
  const reason = force ? 'rebuild forced' : staleReason(existing, wanted, fs.existsSync(path.join(outDir, BINARY_NAME)));
  if (!reason) return wanted;

  log(`Building better-sqlite3 ${wanted.betterSqlite3Version} for Electron ${wanted.electronVersion} (${reason})…`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-native-'));
  try {
    const scratchModule = path.join(scratch, 'node_modules', 'better-sqlite3');
    for (const entry of PACKAGE_FILES) {
      const from = path.join(betterSqlite3Dir, entry);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(scratchModule, entry), { recursive: true });
    }
    fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({
      name: 'carbon-audit-native-scratch',
      private: true,
      dependencies: { 'better-sqlite3': wanted.betterSqlite3Version },
    }));
    const require = createRequire(path.join(projectRoot, 'package.json'));
    const { rebuild } = require('@electron/rebuild');
    await rebuild(rebuildOptions(scratch, wanted));
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(path.join(scratchModule, 'build', 'Release', BINARY_NAME), path.join(outDir, BINARY_NAME));
    fs.writeFileSync(manifestPath, `${JSON.stringify(wanted, null, 2)}\n`);
    log(`Electron build ready: ${path.join(NATIVE_DIR, BINARY_NAME)}`);
    return wanted;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = new Set(process.argv.slice(2));
  ensureElectronBuild(projectRoot, { force: args.has('--force'), ifElectronPresent: args.has('--if-electron-present') })
    .catch((error) => {
      console.error(`Could not build better-sqlite3 for Electron: ${error.message}`);
      console.error('The engine, CLI and tests still work under Node. See README, "Native module".');
      process.exitCode = args.has('--if-electron-present') ? 0 : 1;
    });
}
