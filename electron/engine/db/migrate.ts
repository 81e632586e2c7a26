import type { Database } from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

/** Applies every pending migration in one transaction, so a failure leaves the old schema. */
export function migrate(db: Database, fromVersion: number, toVersion = LATEST_SCHEMA_VERSION): void {
  if (fromVersion >= toVersion) return;
  db.transaction(() => {
    for (let version = fromVersion + 1; version <= toVersion; version++) {
      const migration = MIGRATIONS[version - 1];
      if (!migration) throw new Error(`No migration for schema version ${version}`);
      migration.up(db);
    }
    db.pragma(`user_version = ${toVersion}`);
  })();
}
