import fs from 'node:fs';
import path from 'node:path';

interface NativeManifest {
  readonly electronVersion: string;
  readonly arch: string;
  readonly platform: string;
  readonly file: string;
}

/**
 * Where better-sqlite3's Electron build is. Packaged apps use the copy electron-builder
 * rebuilt for Electron (undefined = the module's default); during development it is the
 * separate build that scripts/native-electron.mjs made under native/electron/.
 */
export function electronNativeBinding(appRoot: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const dir = path.join(appRoot, 'native', 'electron');
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    throw new Error('better-sqlite3 has no Electron build yet: run `npm start` (or `node scripts/native-electron.mjs`).');
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as NativeManifest;
  if (manifest.electronVersion !== process.versions.electron || manifest.arch !== process.arch || manifest.platform !== process.platform) {
    throw new Error(
      `The Electron build of better-sqlite3 is for Electron ${manifest.electronVersion} ${manifest.platform}-${manifest.arch}; this is ${process.versions.electron} ${process.platform}-${process.arch}. Run \`node scripts/native-electron.mjs --force\`.`,
    );
  }
  return path.join(dir, manifest.file);
}
