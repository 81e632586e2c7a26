import { createHash } from 'node:crypto';
import type { Migration } from './index';

/**
 * A stable id for the engagement, the same in every copy of its file: what this machine's record
 * of an engagement's audit log (the audit witness) is kept under. A new file gets a random UUID
 * when it is created (in its first audit entry too). A file from before this migration gets one
 * derived from its first audit entry's hash, so every copy of it, upgraded on any machine,
 * derives the same id; the migration writes no audit entry, so upgrading two copies apart does
 * not make their logs differ.
 */
export const m006EngagementId: Migration = {
  name: 'engagement id',
  up(db) {
    db.exec(`
      CREATE TABLE engagement_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1) REFERENCES engagement (id),
        engagement_id TEXT NOT NULL UNIQUE CHECK (length(engagement_id) = 36 AND engagement_id NOT GLOB '*[^0-9a-f-]*'),
        assigned TEXT NOT NULL CHECK (assigned IN ('at-creation', 'derived-at-upgrade'))
      ) STRICT;
    `);
    const engagement = db.prepare('SELECT created_at FROM engagement WHERE id = 1').get() as { created_at: string } | undefined;
    if (!engagement) return;
    const first = db.prepare('SELECT hash FROM audit_log ORDER BY seq LIMIT 1').get() as { hash: string } | undefined;
    db.prepare("INSERT INTO engagement_identity (id, engagement_id, assigned) VALUES (1, ?, 'derived-at-upgrade')").run(
      derivedEngagementId(first?.hash ?? engagement.created_at),
    );
  },
};

/** A UUID-shaped id (version 8: custom) from SHA-256 of what identifies an existing engagement. */
export function derivedEngagementId(source: string): string {
  const hex = createHash('sha256').update(`carbon-audit engagement\n${source}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
