import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/engine/import/preview';
import { EVIDENCE_CHUNK_BYTES, evidenceBytes } from '../../../electron/engine/import/evidence';
import { runImport } from '../../../electron/engine/import/pipeline';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { mappingSchema, type Mapping } from '../../../shared/import/mapping';
import { companyWorkbookPlan, DATA_CENTRES_SHEET, HEADER_ROW, OFFICES_SHEET, writeCompanyWorkbook, type CompanyWorkbookPlan } from '../../helpers/company-workbook';
import { importFootprint, newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

interface RecordRow {
  site: string; period_start: string; period_end: string; activity: string; meaning: string; quantity: number; unit: string; unit_text: string; row_number: number; sheet: string; cells_json: string;
}

function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year!, m!, 0)).toISOString().slice(0, 10);
}

/** What the engine must make of the offices sheet, computed from the plan the workbook was written from. */
function expectedOfficeRecords(plan: CompanyWorkbookPlan) {
  const columns = [
    ['electricityKwh', 'electricity', 'consumption', 'kWh'],
    ['gasM3', 'natural_gas', 'consumption', 'm3'],
    ['dieselL', 'diesel', 'consumption', 'L'],
    ['renewableKwh', 'clean_electricity', 'instrument', 'kWh'],
  ] as const;
  return plan.offices
    .filter((reading) => !plan.rejectedOfficeRows.has(reading.rowNumber))
    .flatMap((reading) =>
      columns
        .filter(([field]) => reading[field] !== null)
        .map(([field, activity, meaning, unit]) => ({
          row_number: reading.rowNumber, site: reading.site, period_start: `${reading.month}-01`, period_end: lastDayOf(reading.month), activity, meaning, quantity: reading[field], unit,
        })),
    );
}

describe('importing a company workbook (titles, merged cells, wide layout, units in headers, totals, text numbers, blank months)', () => {
  const tempDir = useTempDir();
  let plan: CompanyWorkbookPlan;
  let workbook: string;
  let fixtureDir: string;

  beforeAll(async () => {
    fixtureDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-workbook-'));
    workbook = path.join(fixtureDir, 'company.xlsx');
    plan = await writeCompanyWorkbook(workbook, companyWorkbookPlan());
  });

  async function suggested(engagement: Engagement, sheet: string): Promise<Mapping> {
    const preview = await previewImport(engagement.db, workbook, 'activity', { sheet });
    return mappingSchema.parse(preview.mapping);
  }

  it('suggests the header row, the wide layout and each column’s activity, meaning and unit', async () => {
    const engagement = newEngagement(tempDir());
    const preview = await previewImport(engagement.db, workbook, 'activity', { sheet: OFFICES_SHEET });
    expect(preview.sheets).toEqual([OFFICES_SHEET, DATA_CENTRES_SHEET]);
    expect(preview.table).toMatchObject({ headerRowNumber: HEADER_ROW, firstDataRowNumber: HEADER_ROW + 1 });
    expect(preview.mapping?.layout).toBe('wide');
    expect(preview.mapping?.columns.map((c) => [c.role, c.activity, c.meaning, c.unitText])).toEqual([
      ['site', undefined, undefined, undefined],
      ['period', undefined, undefined, undefined],
      ['value', 'electricity', 'consumption', 'kWh'],
      ['value', 'natural_gas', 'consumption', 'm3'],
      ['value', 'diesel', 'consumption', 'L'],
      ['value', 'clean_electricity', 'instrument', 'kWh'],
      ['notes', undefined, undefined, undefined],
    ]);
    expect(preview.unitChecks.every((check) => check.ok)).toBe(true);
    expect(preview.sha256).toBe(createHash('sha256').update(fs.readFileSync(workbook)).digest('hex'));
    engagement.close();
  });

  it('imports exactly the expected records, rejects exactly the expected rows, and never imports the totals row', async () => {
    const engagement = newEngagement(tempDir());
    const outcome = await runImport(engagement.db, { filePath: workbook, mapping: await suggested(engagement, OFFICES_SHEET), actor: 'tester', settings: engagement.settings() });

    const records = engagement.db.prepare(
      `SELECT r.site, r.period_start, r.period_end, r.activity, r.meaning, r.quantity, r.unit, r.unit_text, w.row_number, w.sheet, w.cells_json
         FROM activity_record r JOIN raw_row w ON w.id = r.raw_row_id ORDER BY w.row_number, r.column_index`,
    ).all() as RecordRow[];
    const expected = expectedOfficeRecords(plan);
    expect(records.map(({ row_number, site, period_start, period_end, activity, meaning, quantity, unit }) => ({ row_number, site, period_start, period_end, activity, meaning, quantity, unit }))).toEqual(expected);
    expect(outcome.recordsCreated).toBe(expected.length);

    const rejected = engagement.db.prepare('SELECT row_number, reason FROM rejected_row ORDER BY row_number').all() as { row_number: number; reason: string }[];
    expect(rejected.map((row) => row.row_number)).toEqual([...plan.rejectedOfficeRows.keys()].sort((a, b) => a - b));
    for (const row of rejected) expect(row.reason).toContain(plan.rejectedOfficeRows.get(row.row_number));
    expect(outcome.skipped).toEqual([{ sheet: OFFICES_SHEET, rowNumber: plan.officesTotalRow, column: null, reason: `totals row: column C sums the rows above (SUM(C${HEADER_ROW + 1}:C${plan.officesTotalRow - 1})); not imported as data` }]);

    // Rows read tie out: imported + rejected + skipped (titles, header, totals).
    const [sheet] = outcome.sheets;
    expect(sheet).toMatchObject({ sheet: OFFICES_SHEET, imported: plan.offices.length - plan.rejectedOfficeRows.size, rejected: plan.rejectedOfficeRows.size });
    expect(sheet!.rowsRead).toBe(sheet!.imported + sheet!.rejected + sheet!.skipped.total + sheet!.skipped.note + sheet!.skipped.blank + sheet!.skipped['outside-table']);

    // Column control totals tie to the workbook's own SUM row (which includes the rejected negative reading).
    const electricity = outcome.columns.find((column) => column.header === 'Electricity (kWh)')!;
    const electricityPlanned = plan.offices.map((r) => r.electricityKwh).filter((v): v is number => v !== null);
    expect(electricity).toMatchObject({
      count: electricityPlanned.length, blanks: plan.offices.length - electricityPlanned.length, unreadable: 0,
      byUnit: [{ unit: 'kWh', count: electricityPlanned.length, sum: electricityPlanned.reduce((a, b) => a + b, 0), min: Math.min(...electricityPlanned), max: Math.max(...electricityPlanned) }],
    });

    // Provenance: every record's raw row is the cells as read, and the numbers typed as text stay text there.
    const textReading = plan.offices.find((reading) => reading.asText && reading.electricityKwh !== null && !plan.rejectedOfficeRows.has(reading.rowNumber))!;
    const raw = records.find((record) => record.row_number === textReading.rowNumber)!;
    expect(raw.sheet).toBe(OFFICES_SHEET);
    expect(JSON.parse(raw.cells_json)[2]).toBe(textReading.electricityKwh!.toLocaleString('en-GB'));
    const source = engagement.db.prepare('SELECT size_bytes, sha256, rows_read, rows_imported, rows_rejected FROM source_file').get() as Record<string, unknown>;
    expect(source).toEqual({ size_bytes: fs.statSync(workbook).size, sha256: outcome.sha256, rows_read: sheet!.rowsRead, rows_imported: sheet!.imported, rows_rejected: sheet!.rejected });
    expect(evidenceBytes(engagement.db, outcome.sourceFileId!)?.equals(fs.readFileSync(workbook))).toBe(true);
    expect((engagement.db.prepare('SELECT count(*) AS n FROM raw_row').get() as { n: number }).n).toBe(sheet!.rowsRead);

    // The control totals are in the audit log, in the same transaction.
    const entry = engagement.db.prepare("SELECT params_json FROM audit_log WHERE operation = 'import'").get() as { params_json: string };
    expect(JSON.parse(entry.params_json).controlTotals.columns).toEqual(outcome.columns);
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true, entries: 2 });
    engagement.close();
  });

  it('asks before importing the same file and sheet again, and imports another sheet of it', async () => {
    const engagement = newEngagement(tempDir());
    const mapping = await suggested(engagement, OFFICES_SHEET);
    await runImport(engagement.db, { filePath: workbook, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    const before = importFootprint(engagement);
    await expect(runImport(engagement.db, { filePath: workbook, mapping, ...TEST_ACTOR, settings: engagement.settings() })).rejects.toThrow(/identical \(SHA-256\).*Confirm to import it again/);
    expect(importFootprint(engagement)).toEqual(before);
    expect((await previewImport(engagement.db, workbook, 'activity', { sheet: OFFICES_SHEET })).duplicateOf).toMatchObject({ sourceFileId: 1, fileName: 'company.xlsx' });
    const other = await runImport(engagement.db, { filePath: workbook, mapping: await suggested(engagement, DATA_CENTRES_SHEET), ...TEST_ACTOR, settings: engagement.settings() });
    expect(other.recordsCreated).toBe(plan.dataCentres.length * 3);
    const again = await runImport(engagement.db, { filePath: workbook, mapping, ...TEST_ACTOR, settings: engagement.settings(), allowDuplicate: true });
    expect(again.sourceFileId).toBe(3);
    engagement.close();
  });

  it('validates in a dry run without changing anything', async () => {
    const engagement = newEngagement(tempDir());
    const before = importFootprint(engagement);
    const outcome = await runImport(engagement.db, { filePath: workbook, mapping: await suggested(engagement, OFFICES_SHEET), ...TEST_ACTOR, settings: engagement.settings(), dryRun: true });
    expect(outcome.dryRun).toBe(true);
    expect(outcome.recordsCreated).toBe(expectedOfficeRecords(plan).length);
    expect(outcome.rejectedTotal).toBe(plan.rejectedOfficeRows.size);
    expect(importFootprint(engagement)).toEqual(before);
    engagement.close();
  });

  it('rejects periods before the base year with the row named', async () => {
    const engagement = newEngagement(tempDir(), { baseYear: 'FY2023' });
    const outcome = await runImport(engagement.db, { filePath: workbook, mapping: await suggested(engagement, OFFICES_SHEET), ...TEST_ACTOR, settings: engagement.settings() });
    const fy2022Rows = plan.offices.filter((reading) => reading.month < '2022-04' && !plan.rejectedOfficeRows.has(reading.rowNumber));
    expect(outcome.rejected.filter((issue) => issue.reason.includes("before the engagement's base year")).map((issue) => issue.rowNumber)).toEqual(fy2022Rows.map((reading) => reading.rowNumber));
    engagement.close();
  });
});

describe('evidence bytes', () => {
  const tempDir = useTempDir();

  it('keeps only the SHA-256 of a file over the engagement’s evidence cap, saying why', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
    const engagement = newEngagement(dir, { evidenceCapMiB: 0.001 });
    const mapping = mappingSchema.parse((await previewImport(engagement.db, workbook, 'activity', { sheet: OFFICES_SHEET })).mapping);
    const outcome = await runImport(engagement.db, { filePath: workbook, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(outcome.evidenceStored).toBe(false);
    const evidence = engagement.db.prepare('SELECT stored, omitted_reason FROM source_evidence').get() as { stored: number; omitted_reason: string };
    expect(evidence.stored).toBe(0);
    expect(evidenceBytes(engagement.db, outcome.sourceFileId!)).toBeNull();
    expect(evidence.omitted_reason).toMatch(/over the evidence cap of 1048 bytes: its SHA-256 is recorded instead/);
    engagement.close();
  });
});

describe('evidence of a file larger than one chunk', () => {
  const tempDir = useTempDir();

  it('stores it in chunks and reassembles it byte for byte', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'readings.csv');
    const lines = ['Site,Month,Activity,Quantity,Unit'];
    for (let i = 0; i < 60_000; i++) lines.push(`Site ${i % 7},2022-${String((i % 12) + 1).padStart(2, '0')},Electricity,${1000 + i},kWh`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    expect(fs.statSync(file).size).toBeGreaterThan(2 * EVIDENCE_CHUNK_BYTES);
    const engagement = newEngagement(dir);
    const mapping = mappingSchema.parse((await previewImport(engagement.db, file, 'activity')).mapping);
    const outcome = await runImport(engagement.db, { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(engagement.db.prepare('SELECT count(*) AS n FROM source_evidence_chunk').get()).toEqual({ n: Math.ceil(fs.statSync(file).size / EVIDENCE_CHUNK_BYTES) });
    expect(evidenceBytes(engagement.db, outcome.sourceFileId!)?.equals(fs.readFileSync(file))).toBe(true);
    engagement.close();
  });
});
