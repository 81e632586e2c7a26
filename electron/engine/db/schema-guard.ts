import Database from 'better-sqlite3';
import { EngineError } from '../errors';
import { migrate } from './migrate';

/**
 * Engagement files come from other people. SQLite runs what a file's schema says: a trigger fires
 * on the app's own writes (it could quietly change rows after each import), a view or a CHECK,
 * DEFAULT or generated-column expression is evaluated on the auditor's connection. So before
 * anything is written, the file's schema must be exactly what the migrations create for its
 * version: any extra, missing or altered table, index, view or trigger refuses the file.
 */
export interface SchemaObject {
  readonly type: string;
  readonly name: string;
  readonly tableName: string;
  /** The CREATE statement with whitespace runs folded to one space; null for SQLite's automatic indexes. */
  readonly sql: string | null;
}

/** Every object in a database's schema, in a stable order: tables first, the indexes SQLite makes for them last. */
export function readSchema(db: Database.Database): SchemaObject[] {
  const rows = db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, sql IS NULL, name",
    )
    .all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  return rows.map((row) => ({ type: row.type, name: row.name, tableName: row.tbl_name, sql: row.sql === null ? null : normaliseSql(row.sql) }));
}

function normaliseSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

const expectedByVersion = new Map<number, readonly SchemaObject[]>();

/** The schema the migrations create up to `version`, built once per version in an in-memory database. */
export function expectedSchema(version: number, nativeBinding?: string): readonly SchemaObject[] {
  let expected = expectedByVersion.get(version);
  if (!expected) {
    const db = new Database(':memory:', { nativeBinding });
    try {
      migrate(db, 0, version);
      expected = readSchema(db);
    } finally {
      db.close();
    }
    expectedByVersion.set(version, expected);
  }
  return expected;
}

/** What differs between a file's schema and the expected one, one line per object, for the auditor. */
export function schemaDifferences(actual: readonly SchemaObject[], expected: readonly SchemaObject[]): string[] {
  const key = (object: SchemaObject) => `${object.type}\u0000${object.name}`;
  const expectedByKey = new Map(expected.map((object) => [key(object), object]));
  const actualKeys = new Set(actual.map(key));
  const differences: string[] = [];
  for (const object of actual) {
    const wanted = expectedByKey.get(key(object));
    if (!wanted) differences.push(`${objectLabel(object)} is not part of Carbon Audit's schema`);
    else if (wanted.tableName !== object.tableName || wanted.sql !== object.sql) differences.push(`${objectLabel(object)} differs from the one Carbon Audit creates`);
  }
  for (const object of expected) {
    if (!actualKeys.has(key(object))) differences.push(`${objectLabel(object)} is missing`);
  }
  return differences;
}

function objectLabel(object: SchemaObject): string {
  const on = object.type === 'table' || object.type === 'view' ? '' : ` on table '${object.tableName}'`;
  return `${object.type} '${object.name}'${on}`;
}

/** Refuses a file whose schema is not the one its version should have; run on the read-only handle. */
export function assertExpectedSchema(db: Database.Database, version: number, path: string, nativeBinding?: string): void {
  const differences = schemaDifferences(readSchema(db), expectedSchema(version, nativeBinding));
  if (differences.length === 0) return;
  const shown = differences.slice(0, 5).join('; ');
  const more = differences.length > 5 ? ` (and ${differences.length - 5} more)` : '';
  throw new EngineError(
    'unexpected-schema',
    `${path} was not opened: its database schema is not the one Carbon Audit creates (schema ${version}): ${shown}${more}. ` +
      'It was changed outside Carbon Audit, and such changes can alter figures as you work on it. The file was left unchanged; ask whoever sent it for the original.',
    differences,
  );
}
