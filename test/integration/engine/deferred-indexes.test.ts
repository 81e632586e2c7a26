import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeferredIndexes } from '../../../electron/engine/db/deferred-indexes';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { previewImport } from '../../../electron/engine/import/preview';
import { runImport } from '../../../electron/engine/import/pipeline';
import { mappingSchema } from '../../../shared/import/mapping';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { insertGeneratedRecords } from '../../helpers/generated-records';
import { useTempDir } from '../../helpers/temp';

/** The indexes on a table as the schema holds them. */
function indexesOn(engagement: Engagement, table: string): { name: string; sql: string }[] {
  return engagement.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").all(table) as { name: string; sql: string }[];
}

describe('indexes deferred during a bulk insert', () => {
  const tempDir = useTempDir();

  it('come down once the insert has written as many rows as the table held (and the minimum), and are built again exactly', () => {
    const engagement = newEngagement(tempDir());
    insertGeneratedRecords(engagement, 5);
    const before = indexesOn(engagement, 'activity_record');
    expect(before.length).toBeGreaterThan(0);
    engagement.db.exec('BEGIN IMMEDIATE');
    const deferred = new DeferredIndexes(engagement.db, 'activity_record', 3);
    deferred.wrote(4);
    expect(indexesOn(engagement, 'activity_record')).toEqual(before);
    deferred.wrote(1);
    expect(indexesOn(engagement, 'activity_record')).toEqual([]);
    deferred.restore();
    expect(indexesOn(engagement, 'activity_record')).toEqual(before);
    engagement.db.exec('COMMIT');
    expect(engagement.db.pragma('integrity_check', { simple: true })).toBe('ok');
    engagement.close();
  });

  it('come down at once for an insert expected to write that many rows, and stay up for one expected to write fewer', () => {
    const engagement = newEngagement(tempDir());
    insertGeneratedRecords(engagement, 5);
    const before = indexesOn(engagement, 'activity_record');
    engagement.db.exec('BEGIN IMMEDIATE');
    const small = new DeferredIndexes(engagement.db, 'activity_record', 10);
    small.expect(9);
    expect(indexesOn(engagement, 'activity_record')).toEqual(before);
    const large = new DeferredIndexes(engagement.db, 'activity_record', 10);
    large.expect(10);
    expect(indexesOn(engagement, 'activity_record')).toEqual([]);
    large.restore();
    expect(indexesOn(engagement, 'activity_record')).toEqual(before);
    // Built again, they stay for the COMMIT: a late count or estimate is a fault, not a second drop.
    expect(() => large.expect(1_000)).toThrow(/already built again/);
    expect(() => large.wrote(1_000)).toThrow(/already built again/);
    expect(indexesOn(engagement, 'activity_record')).toEqual(before);
    engagement.db.exec('COMMIT');
    engagement.close();
  });

  it('stay up for an insert smaller than the minimum, and come back with a rollback', () => {
    const engagement = newEngagement(tempDir());
    const before = indexesOn(engagement, 'raw_row');
    engagement.db.exec('BEGIN IMMEDIATE');
    const small = new DeferredIndexes(engagement.db, 'raw_row', 10);
    small.wrote(9);
    expect(indexesOn(engagement, 'raw_row')).toEqual(before);
    small.wrote(1);
    expect(indexesOn(engagement, 'raw_row')).toEqual([]);
    engagement.db.exec('ROLLBACK');
    expect(indexesOn(engagement, 'raw_row')).toEqual(before);
    engagement.close();
  });

  it('keep a unique index up, so a duplicate is refused at its own row', () => {
    const engagement = newEngagement(tempDir());
    engagement.db.exec('CREATE TABLE readings (id INTEGER PRIMARY KEY, meter TEXT); CREATE UNIQUE INDEX readings_by_meter ON readings (meter); CREATE INDEX readings_by_id ON readings (id, meter)');
    engagement.db.exec('BEGIN IMMEDIATE');
    const deferred = new DeferredIndexes(engagement.db, 'readings', 1);
    deferred.wrote(1);
    expect(indexesOn(engagement, 'readings').map((index) => index.name)).toEqual(['readings_by_meter']);
    engagement.db.prepare("INSERT INTO readings (meter) VALUES ('M1')").run();
    expect(() => engagement.db.prepare("INSERT INTO readings (meter) VALUES ('M1')").run()).toThrow(/UNIQUE/);
    deferred.restore();
    engagement.db.exec('COMMIT');
    expect(indexesOn(engagement, 'readings').map((index) => index.name)).toEqual(['readings_by_id', 'readings_by_meter']);
    engagement.close();
  });

  it('keep an index on sequential columns alone up, and take down one that also holds another column', () => {
    const engagement = newEngagement(tempDir());
    engagement.db.exec(
      'CREATE TABLE readings (id INTEGER PRIMARY KEY, file INTEGER, meter TEXT); ' +
        'CREATE INDEX readings_by_file ON readings (file, id); CREATE INDEX readings_by_meter ON readings (file, meter); CREATE INDEX readings_by_length ON readings (length(meter))',
    );
    engagement.db.exec('BEGIN IMMEDIATE');
    const deferred = new DeferredIndexes(engagement.db, 'readings', 1, ['id', 'file']);
    deferred.wrote(1);
    expect(indexesOn(engagement, 'readings').map((index) => index.name)).toEqual(['readings_by_file']);
    deferred.restore();
    engagement.db.exec('COMMIT');
    expect(indexesOn(engagement, 'readings').map((index) => index.name)).toEqual(['readings_by_file', 'readings_by_length', 'readings_by_meter']);
    engagement.close();
  });

  it('leave a large import committed with every index whole', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'readings.csv');
    const rows = 60_000;
    const lines = ['Site,Month,Activity,Quantity,Unit'];
    for (let i = 0; i < rows; i++) lines.push(`Site ${i % 50},2022-${String((i % 12) + 1).padStart(2, '0')},Electricity,${1000 + (i % 997)},kWh`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const engagement = newEngagement(dir);
    const before = { records: indexesOn(engagement, 'activity_record'), raw: indexesOn(engagement, 'raw_row') };
    const mapping = mappingSchema.parse((await previewImport(engagement.db, file, 'activity')).mapping);
    const outcome = await runImport(engagement.db, { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(outcome).toMatchObject({ committed: true, recordsCreated: rows });
    expect({ records: indexesOn(engagement, 'activity_record'), raw: indexesOn(engagement, 'raw_row') }).toEqual(before);
    // integrity_check compares every index entry with its table row.
    expect(engagement.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const bySite = engagement.db.prepare("SELECT count(*) FROM activity_record INDEXED BY activity_record_by_site WHERE site = 'Site 7'").pluck().get();
    expect(bySite).toBe(rows / 50);
    engagement.close();
  });
});
