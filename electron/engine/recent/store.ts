/**
 * The recent-engagements list: one small JSON file in this machine's app-data folder (not SQL:
 * it belongs to the machine, not to an engagement). Newest first, at most MAX_RECENT entries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomically } from '../json-file';

export const RECENT_FILE = 'recent-engagements.json';
export const MAX_RECENT = 10;

const recordSchema = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ path: z.string().min(1), openedAt: z.string().min(1) })),
});

export interface StoredRecent {
  readonly path: string;
  readonly openedAt: string;
}

/**
 * The stored list; empty when there is none yet or it cannot be read. It is a convenience of this
 * machine, not audit evidence: an unreadable list is replaced on the next open rather than refused.
 */
export function readRecentList(appDataDir: string): StoredRecent[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(appDataDir, RECENT_FILE), 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = recordSchema.safeParse(JSON.parse(text));
    // Only absolute paths: a hand-edited entry must not make the app open a file relative to wherever it runs.
    return parsed.success ? parsed.data.entries.filter((entry) => path.isAbsolute(entry.path)).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function writeRecentList(appDataDir: string, entries: readonly StoredRecent[]): void {
  writeJsonAtomically(path.join(appDataDir, RECENT_FILE), { version: 1, entries: entries.slice(0, MAX_RECENT) });
}
