/**
 * Recent engagements: every engagement opened or created through the API (the desktop app, the
 * browser mode) goes to the top of this machine's list, which the menu and the start screen show.
 * The UI names an entry by an id, a digest of its path, so it never sends a path to open.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RecentEngagement } from '../../../shared/contract';
import { EngineError } from '../errors';
import { MAX_RECENT, readRecentList, writeRecentList, type StoredRecent } from './store';

export { MAX_RECENT };

/** Puts `filePath` at the top of the list, once (the same file under another case is the same file where the file system ignores case). */
export function rememberRecentEngagement(appDataDir: string, filePath: string, at: Date = new Date(), platform: NodeJS.Platform = process.platform): void {
  const resolved = path.resolve(filePath);
  const others = readRecentList(appDataDir).filter((entry) => !samePath(entry.path, resolved, platform));
  writeRecentList(appDataDir, [{ path: resolved, openedAt: at.toISOString() }, ...others].slice(0, MAX_RECENT));
}

/** Newest first; a file no longer there is kept and marked missing (a drive may only be unplugged). */
export function listRecentEngagements(appDataDir: string): RecentEngagement[] {
  return readRecentList(appDataDir).map(toView);
}

/** The path of a recent engagement, to open it: refused when unknown or missing, with what to do. */
export function recentEngagementPath(appDataDir: string, id: string): string {
  const entry = findRecent(appDataDir, id);
  if (!isFile(entry.path)) {
    throw new EngineError('not-found', `${path.basename(entry.path)} is no longer in ${path.dirname(entry.path)}: it was moved or deleted, or its drive is not connected. Open it from where it is now, or remove it from the list.`);
  }
  return entry.path;
}

/** Takes an entry off the list; the file itself is left alone. */
export function forgetRecentEngagement(appDataDir: string, id: string): RecentEngagement[] {
  const entry = findRecent(appDataDir, id);
  writeRecentList(appDataDir, readRecentList(appDataDir).filter((other) => other.path !== entry.path));
  return listRecentEngagements(appDataDir);
}

function findRecent(appDataDir: string, id: string): StoredRecent {
  const entry = readRecentList(appDataDir).find((candidate) => recentId(candidate.path) === id);
  if (!entry) throw new EngineError('not-found', 'That engagement is no longer on the recent list');
  return entry;
}

function toView(entry: StoredRecent): RecentEngagement {
  return { id: recentId(entry.path), fileName: path.basename(entry.path), folder: path.dirname(entry.path), openedAt: entry.openedAt, missing: !isFile(entry.path) };
}

export function recentId(filePath: string): string {
  return createHash('sha256').update(filePath).digest('hex').slice(0, 16);
}

function isFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
