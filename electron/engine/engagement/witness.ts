/**
 * This machine's audit witness: for each engagement it has opened, the highest entry count and
 * head hash of its audit log seen here, kept outside the engagement file (in the app-data folder).
 *
 * A hash chain shows that every entry up to the head is intact, but not that the head is the
 * last one written: anyone with the file can cut entries off the end (the append-only triggers
 * can be dropped), and the shorter chain still verifies. The witness remembers what was seen, so
 * opening a copy whose log is shorter than, or forks from, what this machine saw is a warning and
 * a finding. A file new to this machine (copied from elsewhere) has no witness: nothing to
 * compare, no warning; the witness starts from what is seen then.
 *
 * One JSON file per engagement, `audit-witness/<engagement id>.json`, replaced atomically. The
 * witness only moves forward: a log that does not hold the head seen before never replaces it,
 * so the warning stays until the missing entries are back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditHeadSeen, AuditWitnessFinding, AuditWitnessStatus } from '../../../shared/contract';
import { auditHead, compareWithKnownHead, describeMissingEntries } from '../db/audit-log';
import type { ReadableDb } from '../db/handles';
import { EngineError } from '../errors';
import { writeJsonAtomically } from '../json-file';
import { countOf } from '../../../shared/count-text';

/** Overrides the app-data folder the host chose (tests; a managed install). */
export const APP_DATA_ENV = 'CARBON_AUDIT_APP_DATA';
const WITNESS_FOLDER = 'audit-witness';
const ENGAGEMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The app's folder name in the platform's app-data folder: Electron's userData uses the product name. */
const APP_FOLDER = 'Carbon Audit';

/** The folder the host chose for the app's own data, unless the environment overrides it. */
export function appDataDir(hostChoice: string): string {
  return process.env[APP_DATA_ENV] || hostChoice;
}

/** Where a command-line host keeps the app's data: the folder the desktop app uses on the same platform. */
export function platformAppDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_FOLDER);
}

function entriesText(count: number): string {
  return countOf(count, 'entry', 'entries');
}

interface WitnessRecord {
  readonly version: 1;
  readonly engagementId: string;
  readonly filePath: string;
  readonly seen: AuditHeadSeen;
  readonly findings: readonly AuditWitnessFinding[];
}

export class AuditWitness {
  constructor(private readonly dir: string) {}

  /**
   * The log against what this machine saw. A cut or fork is a finding, kept with the witness
   * (once per state of the file) and returned; the witness itself is left as it was.
   */
  check(engagementId: string, db: ReadableDb, filePath: string): AuditWitnessStatus {
    const record = this.read(engagementId);
    if (!record) return { status: 'first-seen' };
    const comparison = compareWithKnownHead(db, record.seen);
    if (comparison.kind === 'contains') return { status: 'consistent', seen: record.seen };
    const { headHash } = auditHead(db);
    const finding: AuditWitnessFinding = {
      kind: comparison.kind === 'cut' ? 'cut' : 'forked',
      detectedAt: new Date().toISOString(),
      filePath,
      seen: record.seen,
      found: { entries: comparison.entries, headHash },
      message: comparison.kind === 'cut'
        ? `The audit log of this engagement has ${entriesText(comparison.entries)}, but this machine saw ${record.seen.entries} on ${record.seen.seenAt} ` +
          `(head ${record.seen.headHash}): ${describeMissingEntries(comparison.missingFrom, comparison.missingTo)}. ` +
          'If this file is an older copy, open the latest one; if not, entries were cut from the end of its log.'
        : `The audit log of this engagement is not the one this machine saw: on ${record.seen.seenAt} its entry ${record.seen.entries} had the hash ` +
          `${record.seen.headHash}, which is no longer in it. Its history was rewritten at or before that entry, or this copy went its own way.`,
    };
    const known = record.findings.some((earlier) => earlier.kind === finding.kind && earlier.found.headHash === headHash && earlier.seen.headHash === record.seen.headHash);
    if (!known) this.write({ ...record, findings: [...record.findings, finding] });
    return { status: finding.kind, finding };
  }

  /** Remembers the log's head, when the log holds everything seen before (or nothing was). */
  remember(engagementId: string, db: ReadableDb, filePath: string): void {
    const record = this.read(engagementId);
    if (record && compareWithKnownHead(db, record.seen).kind !== 'contains') return;
    const { entries, headHash } = auditHead(db);
    if (record && record.seen.headHash === headHash) return;
    this.write({ version: 1, engagementId, filePath, seen: { entries, headHash, seenAt: new Date().toISOString() }, findings: record?.findings ?? [] });
  }

  /** Every cut or fork this machine found in the engagement's log, oldest first. */
  findings(engagementId: string): readonly AuditWitnessFinding[] {
    return this.read(engagementId)?.findings ?? [];
  }

  private fileOf(engagementId: string): string {
    // The id comes from a file someone sent: it must not name a path.
    if (!ENGAGEMENT_ID.test(engagementId)) throw new EngineError('corrupt', `The engagement id '${engagementId}' is not a valid id: the file was altered outside Carbon Audit`);
    return path.join(this.dir, WITNESS_FOLDER, `${engagementId}.json`);
  }

  private read(engagementId: string): WitnessRecord | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.fileOf(engagementId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as WitnessRecord;
    } catch (error) {
      throw new EngineError('refused', `This machine's record of the engagement's audit log (${this.fileOf(engagementId)}) cannot be read: ${(error as Error).message}. Move it away to open the engagement without it.`);
    }
  }

  private write(record: WitnessRecord): void {
    writeJsonAtomically(this.fileOf(record.engagementId), record);
  }
}
