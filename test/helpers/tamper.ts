import Database from 'better-sqlite3';

/**
 * Edits an engagement's audit log behind the app's back, the way a careful tamperer with a SQLite
 * tool would: drop the append-only triggers, run the SQL, and put them back (a file left without
 * them is refused on open).
 */
export function tamperWithAuditLog(file: string, sql: string): void {
  const db = new Database(file);
  const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  db.exec(sql);
  for (const trigger of triggers) db.exec(trigger.sql);
  db.close();
}
