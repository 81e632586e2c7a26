import fs from 'node:fs';
import path from 'node:path';
import { droppedFileKind, ENGAGEMENT_FILE_EXTENSION, IMPORT_FILE_EXTENSIONS } from '../../shared/contract';

/**
 * The main process's own check of a path the preload says the user dropped. The preload only
 * proves the path came from a File; a compromised renderer must still not get the engine to read
 * a folder, a device, a non-spreadsheet or the app's own files (its code, resources, user data).
 * Free of Electron imports, so it is unit-tested without the Electron binary.
 */
export type DropDecision = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/** What a dropped file is to be: a spreadsheet to import (the default) or an engagement to open. */
export type DroppedKind = 'spreadsheet' | 'engagement';

const WANTED: Readonly<Record<DroppedKind, string>> = {
  spreadsheet: `is not a spreadsheet: drop a ${IMPORT_FILE_EXTENSIONS.map((ext) => `.${ext}`).join(', ')} file`,
  engagement: `is not an engagement: drop a .${ENGAGEMENT_FILE_EXTENSION} file`,
};

export function checkDroppedPath(filePath: unknown, appFolders: readonly string[], platform: NodeJS.Platform = process.platform, kind: DroppedKind = 'spreadsheet'): DropDecision {
  if (typeof filePath !== 'string' || filePath.includes('\0') || !path.isAbsolute(filePath)) {
    return { ok: false, reason: 'A dropped file must have an absolute path' };
  }
  const name = path.basename(filePath);
  let realPath: string;
  let stat: fs.Stats;
  try {
    realPath = fs.realpathSync.native(filePath);
    stat = fs.statSync(realPath);
  } catch {
    return { ok: false, reason: `${name} cannot be read` };
  }
  if (!stat.isFile()) return { ok: false, reason: `${name} is not a file: drop ${kind === 'engagement' ? 'an engagement' : 'a spreadsheet'}` };
  // Both the name the user saw and, for a link, the file it points to.
  if (droppedFileKind(path.basename(filePath)) !== kind || droppedFileKind(path.basename(realPath)) !== kind) {
    return { ok: false, reason: `${name} ${WANTED[kind]}` };
  }
  const ownFolders = appFolders.flatMap((folder) => [path.resolve(folder), realPathOrSelf(folder)]);
  if (ownFolders.some((folder) => isInside(filePath, folder, platform) || isInside(realPath, folder, platform))) {
    return { ok: false, reason: `${name} is one of Carbon Audit's own files: drop a file from your documents` };
  }
  return { ok: true, path: realPath };
}

function realPathOrSelf(folder: string): string {
  try {
    return fs.realpathSync.native(folder);
  } catch {
    return path.resolve(folder);
  }
}

/** True when `candidate` is `folder` or below it; case-blind where the file system usually is (Windows, macOS). */
export function isInside(candidate: string, folder: string, platform: NodeJS.Platform): boolean {
  const fold = (value: string) => (platform === 'win32' || platform === 'darwin' ? value.toLowerCase() : value);
  const relative = path.relative(fold(folder), fold(candidate));
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
