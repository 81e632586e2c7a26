import { afterEach, describe, expect, it } from 'vitest';
import { setSlowStatementLog, type SlowStatement } from '../../../electron/engine/db/handles';
import { newEngagement } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

describe('database handles', () => {
  const tempDir = useTempDir();
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('reads through a read-only connection that SQLite itself keeps from writing', () => {
    const engagement = newEngagement(tempDir());
    expect(engagement.reader.readonly).toBe(true);
    expect(() => engagement.reader.prepare("INSERT INTO site (name, ownership_percent) VALUES ('X', 50)").run()).toThrow(/readonly/);
    expect(engagement.reader.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    engagement.close();
  });

  it('logs every statement at or over the threshold with its SQL, and none under it', () => {
    const logged: SlowStatement[] = [];
    const previous = setSlowStatementLog({ thresholdMs: 0, write: (statement) => logged.push(statement) });
    restore = () => setSlowStatementLog(previous);
    const engagement = newEngagement(tempDir());
    engagement.settings();
    expect(logged.map((statement) => statement.sql)).toContain('SELECT settings_json FROM engagement WHERE id = 1');
    expect(logged.some((statement) => statement.sql === 'PRAGMA journal_mode = WAL')).toBe(true);

    logged.length = 0;
    setSlowStatementLog({ thresholdMs: 60_000, write: (statement) => logged.push(statement) });
    engagement.summary();
    expect(logged).toEqual([]);
    engagement.close();
  });
});
