// Builds better-sqlite3 for Electron's ABI into native/electron/, beside (never over) the
// Node build in node_modules that tests and the CLI use. The main process loads it through
// better-sqlite3's `nativeBinding` option, guided by native/electron/manifest.json.
// It works in a scratch copy of the package with the same tools better-sqlite3's own install
// uses: prebuild-install fetches a prebuilt Electron binary, else node-gyp compiles against
// Electron's headers.
//
//   node scripts/native-electron.mjs                      build if missing or stale (npm start runs this)
//   node scripts/native-electron.mjs --if-electron-present   same, but skip quietly when Electron's binary
//                                                          was not downloaded (postinstall; CI)
//   node scripts/native-electron.mjs --force              rebuild even if up to date
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NATIVE_DIR = path.join('native', 'electron');
export const MANIFEST_NAME = 'manifest.json';
export const BINARY_NAME = 'better_sqlite3.node';
/** What a build needs from the better-sqlite3 package to compile or fetch its binary. */
export const PACKAGE_FILES = ['package.json', 'binding.gyp', 'src', 'deps', 'lib'];

/**
 * The build that is wanted for this checkout. `nodeAbi` is Electron's NODE_MODULE_VERSION (the
 * `abi_version` file its npm package ships), recorded so the manifest says which ABI the binary is for.
 */
export function wantedBuild({ electronVersion, nodeAbi, betterSqlite3Version, platform, arch }) {
  return { electronVersion, nodeAbi, betterSqlite3Version, platform, arch, file: BINARY_NAME };
}

const BUILD_KEYS = ['electronVersion', 'nodeAbi', 'betterSqlite3Version', 'platform', 'arch'];

/** Why a build is needed, or null when the existing manifest already matches and its binary exists. */
export function staleReason(existingManifest, wanted, binaryExists) {
  if (!existingManifest) return 'no Electron build of better-sqlite3 yet';
  for (const key of BUILD_KEYS) {
    if (existingManifest[key] !== wanted[key]) {
      return `${key} changed (${existingManifest[key]} → ${wanted[key]})`;
    }
  }
  if (!binaryExists) return 'the binary is missing';
  return null;
}

/** Where Electron publishes its Node headers; the same URL electron-builder's rebuild uses when packaging. */
export const ELECTRON_HEADERS_URL = 'https://www.electronjs.org/headers';

/** The commands to try in order, run inside the scratch copy of better-sqlite3. */
export function buildAttempts(wanted, { prebuildInstall, nodeGyp }) {
  const target = ['--runtime', 'electron', '--target', wanted.electronVersion, '--arch', wanted.arch, '--platform', wanted.platform];
  return [
    { name: 'prebuilt binary (prebuild-install)', command: process.execPath, args: [prebuildInstall, ...target, '--verbose'] },
    {
      name: 'compile against Electron headers (node-gyp)',
      command: process.execPath,
      args: [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${wanted.electronVersion}`, `--arch=${wanted.arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`],
    },
  ];
}

/** Finds the tools: npm sets npm_config_node_gyp inside scripts; otherwise the copies in node_modules. */
export function locateTools(projectRoot, env = process.env) {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  return {
    prebuildInstall: require.resolve('prebuild-install/bin.js'),
    nodeGyp: env.npm_config_node_gyp || require.resolve('node-gyp/bin/node-gyp.js'),
  };
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Electron's version and Node ABI, and whether its binary was downloaded (it is skipped in CI). */
export function electronInstall(projectRoot) {
  const electronDir = path.join(projectRoot, 'node_modules', 'electron');
  const { version } = readJson(path.join(electronDir, 'package.json'));
  const nodeAbi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
  const pathFile = path.join(electronDir, 'path.txt');
  const binaryPresent = fs.existsSync(pathFile)
    && fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()));
  return { version, nodeAbi, binaryPresent };
}

export function ensureElectronBuild(projectRoot, { force = false, ifElectronPresent = false, log = console.log } = {}) {
  const electron = electronInstall(projectRoot);
  if (ifElectronPresent && !electron.binaryPresent) {
    log('Electron binary not downloaded: skipping the Electron build of better-sqlite3 (npm start builds it).');
    return null;
  }
  const betterSqlite3Dir = path.join(projectRoot, 'node_modules', 'better-sqlite3');
  const wanted = wantedBuild({
    electronVersion: electron.version,
    nodeAbi: electron.nodeAbi,
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
    const failures = [];
    for (const attempt of buildAttempts(wanted, locateTools(projectRoot))) {
      try {
        log(`  trying ${attempt.name}…`);
        execFileSync(attempt.command, attempt.args, { cwd: scratchModule, stdio: 'inherit' });
        if (fs.existsSync(path.join(scratchModule, 'build', 'Release', BINARY_NAME))) break;
        failures.push(`${attempt.name}: produced no ${BINARY_NAME}`);
      } catch (error) {
        failures.push(`${attempt.name}: ${error.message}`);
      }
    }
    if (!fs.existsSync(path.join(scratchModule, 'build', 'Release', BINARY_NAME))) {
      throw new Error(`every build attempt failed:\n  ${failures.join('\n  ')}`);
    }
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
  try {
    ensureElectronBuild(projectRoot, { force: args.has('--force'), ifElectronPresent: args.has('--if-electron-present') });
  } catch (error) {
    console.error(`Could not build better-sqlite3 for Electron: ${error.message}`);
    console.error('The engine, CLI and tests still work under Node. See README, "Native module on two runtimes".');
    process.exitCode = args.has('--if-electron-present') ? 0 : 1;
  }
}
