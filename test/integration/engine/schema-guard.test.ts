// The schema guard at its edges: how it compares a file's CREATE statements with the schema its version should have, and how it names the differences.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { assertExpectedSchema, expectedSchema, readSchema, schemaDifferences } from '../../../electron/engine/db/schema-guard';
import { EngineError } from '../../../electron/engine/errors';

/** Runs `statements` in a fresh in-memory database and returns its schema as the guard reads it. */
function schemaOf(...statements: string[]): ReturnType<typeof readSchema> {
  const db = new Database(':memory:');
  try {
    for (const statement of statements) db.exec(statement);
    return readSchema(db);
  } finally {
    db.close();
  }
}

/** The refusal assertExpectedSchema raises for a database built from `statements`, checked against schema version 0 (nothing). */
function refusal(...statements: string[]): EngineError {
  const db = new Database(':memory:');
  try {
    for (const statement of statements) db.exec(statement);
    assertExpectedSchema(db, 0, 'hostile.carbonaudit');
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  } finally {
    db.close();
  }
  throw new Error('the schema was accepted');
}

describe('schema guard', () => {
  it('folds each whitespace run in a CREATE statement to one space, so layout alone never refuses a file', () => {
    const [table] = schemaOf('CREATE TABLE t (a INTEGER,\n    b TEXT)');
    expect(table!.sql).toBe('CREATE TABLE t (a INTEGER, b TEXT)');
    expect(schemaDifferences(schemaOf('CREATE TABLE t (a INTEGER,\n    b TEXT)'), schemaOf('CREATE TABLE t (a INTEGER, b TEXT)'))).toEqual([]);
  });

  it('trims whitespace a file stores around a CREATE statement', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (a INTEGER)');
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = sql || '  ' WHERE name = 't'").run();
      db.pragma('writable_schema = OFF');
      expect(readSchema(db)[0]!.sql).toBe('CREATE TABLE t (a INTEGER)');
    } finally {
      db.close();
    }
  });

  it('reports an object whose recorded table differs even when its CREATE statement matches', () => {
    // SQLite itself refuses to load a file whose sqlite_schema.tbl_name disagrees with the CREATE
    // statement ("malformed database schema"), so this pins the comparison on the function's own input.
    const expected = schemaOf('CREATE TABLE t (a INTEGER)', 'CREATE INDEX t_by_a ON t (a)');
    const moved = expected.map((object) => (object.type === 'index' ? { ...object, tableName: 'elsewhere' } : object));
    expect(schemaDifferences(moved, expected)).toEqual(["index 't_by_a' on table 'elsewhere' differs from the one Carbon Audit creates"]);
  });

  it('builds the expected schema with the native binding it is given', () => {
    // Runs before any other test here builds version 0, so the cache cannot answer first.
    expect(() => expectedSchema(0, '/no/such/better_sqlite3.node')).toThrow(/no\/such\/better_sqlite3\.node/);
  });

  it('names a table or view without an "on table" suffix and an index or trigger with one', () => {
    const error = refusal('CREATE TABLE t (a INTEGER)', 'CREATE VIEW v AS SELECT a FROM t');
    expect(error.details).toEqual(["table 't' is not part of Carbon Audit's schema", "view 'v' is not part of Carbon Audit's schema"]);
  });

  it('lists five differences in full, with no "more" suffix', () => {
    const tables = ['a', 'b', 'c', 'd', 'e'].map((name) => `CREATE TABLE ${name} (x INTEGER)`);
    const error = refusal(...tables);
    expect(error.message).toContain(
      "(schema 0): table 'a' is not part of Carbon Audit's schema; table 'b' is not part of Carbon Audit's schema; " +
        "table 'c' is not part of Carbon Audit's schema; table 'd' is not part of Carbon Audit's schema; " +
        "table 'e' is not part of Carbon Audit's schema. It was changed outside Carbon Audit",
    );
  });

  it('shows the first five of seven differences and counts the rest', () => {
    const tables = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => `CREATE TABLE ${name} (x INTEGER)`);
    const error = refusal(...tables);
    expect(error.details).toHaveLength(7);
    expect(error.message).toContain("table 'd' is not part of Carbon Audit's schema; table 'e' is not part of Carbon Audit's schema (and 2 more). It was changed");
    expect(error.message).not.toContain("table 'f'");
  });
});
