import type { Database } from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

/**
 * Applies every pending migration in one transaction, so a failure leaves the old schema.
 * Foreign keys are off while they run and checked before the commit, as SQLite's procedure for
 * rebuilding a table requires (dropping the old table must not cascade to the rows pointing at it).
 */
export function migrate(db: Database, fromVersion: number, toVersion = LATEST_SCHEMA_VERSION): void {
  if (fromVersion >= toVersion) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (let version = fromVersion + 1; version <= toVersion; version++) {
        const migration = MIGRATIONS[version - 1];
        if (!migration) throw new Error(`No migration for schema version ${version}`);
        migration.up(db);
      }
      const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (dangling.length > 0) throw new Error(`Migration left ${dangling.length} rows pointing at nothing (first: ${dangling[0]!.table} → ${dangling[0]!.parent})`);
      db.pragma(`user_version = ${toVersion}`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
}
