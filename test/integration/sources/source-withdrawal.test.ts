/**
 * Withdrawing, reinstating and replacing an imported source file, through the CLI and the
 * services: a withdrawn file's records leave the calculation (the figures move by exactly their
 * tCO2e), its claims leave reconciliation, its file, rows and records stay on record and in every
 * register, each step is in the hash-chained audit log, and a replacement that fails changes nothing.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { listAuditEntries, verifyAuditLog } from '../../../electron/engine/engagement/service';
import { listSites } from '../../../electron/engine/inventory/service';
import { listSourceFiles, previewFile } from '../../../electron/engine/import/service';
import { listAdjustments, proposeAdjustment, reconcile } from '../../../electron/engine/reconcile/service';
import { areaSignOffs, signOffArea } from '../../../electron/engine/review/service';
import { reinstateSource, withdrawSource } from '../../../electron/engine/sources/service';
import { allTableRows, tablePage } from '../../../electron/engine/tables/service';
import type { CalculateJson } from '../../../shared/calc/inventory-json';
import type { SourceFileSummary } from '../../../shared/contract';
import { SIGN_OFF_AREAS } from '../../../shared/review/sign-off';
import type { SampleView } from '../../../shared/review/views';
import { TABLE_COLUMNS, tableQuerySchema, type TableRow } from '../../../shared/tables';
import { mappingSchema, type Mapping } from '../../../shared/import/mapping';
import { claimsMapping, importFootprint, TEST_ACTOR } from '../../helpers/engagement';
import { FACTOR_TABLE_HEADER, FACTOR_TABLE_MAPPING } from '../../helpers/factor-table';
import { useTempDir } from '../../helpers/temp';

/** kg CO2e per litre of diesel in the factor table below. */
const DIESEL_KG_PER_LITRE = 2.5;
/** The depots' readings (litres, with a unit column), April to July 2022. */
const DEPOT_LITRES = [1000, 1200, 800, 1000];
/** The fleet's readings, in cubic metres, in a file without a unit column: its mapping says the unit. */
const FLEET_CUBIC_METRES = [2, 3];

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--actor', 'auditor', ...args], { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

async function calculated(file: string): Promise<CalculateJson> {
  const result = await cli('calculate', file, '--json');
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as CalculateJson;
}

async function register(file: string): Promise<SourceFileSummary[]> {
  const result = await cli('sources', 'list', file, '--json');
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as SourceFileSummary[];
}

/** tCO2e of diesel readings in litres, as the calculation adds them. */
const tonnes = (litres: readonly number[]) => litres.reduce((sum, value) => sum + (value * DIESEL_KG_PER_LITRE) / 1000, 0);

interface Fixture {
  readonly dir: string;
  readonly file: string;
  readonly fleet: string;
  /** The fleet file's mapping with its unit as given (`L`, wrong) or corrected (`m3`), as a mapping file. */
  readonly fleetMapping: (unit: string) => Promise<string>;
}

/** An engagement with a diesel factor (source 1), the depots' readings (source 2) and the fleet's, read in litres by mistake (source 3). */
async function engagementWithFleet(dir: string): Promise<Fixture> {
  const file = path.join(dir, 'withdrawal.carbonaudit');
  Engagement.create(file, { entityName: 'Example Group', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, TEST_ACTOR).close();
  const factors = path.join(dir, 'factors.csv');
  fs.writeFileSync(factors, `${FACTOR_TABLE_HEADER}\nDiesel,UK,${DIESEL_KG_PER_LITRE},kg CO2e/litre,Supplier A\n`);
  const factorMapping = path.join(dir, 'factors.mapping.json');
  fs.writeFileSync(factorMapping, JSON.stringify(FACTOR_TABLE_MAPPING));
  const depots = path.join(dir, 'depots.csv');
  fs.writeFileSync(depots, ['Site,Month,Activity,Quantity,Unit', ...DEPOT_LITRES.map((litres, i) => `Depot,2022-0${i + 4},Diesel,${litres},L`)].join('\n'));
  const fleet = path.join(dir, 'fleet.csv');
  fs.writeFileSync(fleet, ['Site,Month,Activity,Quantity', ...FLEET_CUBIC_METRES.map((m3, i) => `Fleet,2022-0${i + 4},Diesel,${m3}`)].join('\n'));
  const suggested = (await previewFile(null, fleet, 'activity')).mapping;
  const fleetMapping = async (unit: string) => {
    const mapping: Mapping = mappingSchema.parse({ ...suggested, defaults: { ...suggested?.defaults, unit } });
    const mappingFile = path.join(dir, `fleet-${unit}.mapping.json`);
    fs.writeFileSync(mappingFile, JSON.stringify(mapping));
    return mappingFile;
  };
  for (const args of [['import', file, factors, '--kind', 'factors', '--mapping', factorMapping], ['import', file, depots], ['import', file, fleet, '--mapping', await fleetMapping('L')]]) {
    const imported = await cli(...args);
    expect(imported.code, imported.err).toBe(0);
  }
  return { dir, file, fleet, fleetMapping };
}

function openEngagement(file: string): Engagement {
  return Engagement.open(file, TEST_ACTOR);
}

/** Each site the site list shows, with the records it counts. */
function siteRecords(file: string): [string, number][] {
  const engagement = openEngagement(file);
  try {
    return listSites(engagement).map((site) => [site.name, site.records]);
  } finally {
    engagement.close();
  }
}

function auditOperations(file: string): string[] {
  const engagement = openEngagement(file);
  try {
    expect(verifyAuditLog(engagement).intact).toBe(true);
    return listAuditEntries(engagement, 0, 1000).map((entry) => entry.operation);
  } finally {
    engagement.close();
  }
}

/** The Source files sheet of an exported workbook, each row by its header. */
async function workbookRegister(file: string, dir: string): Promise<Record<string, unknown>[]> {
  const workbook = path.join(dir, `register-${Date.now()}.xlsx`);
  const exported = await cli('export', file, workbook);
  expect(exported.code, exported.err).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(workbook);
  const sheet = book.getWorksheet('Source files')!;
  let headerRow = 0;
  sheet.eachRow((row, number) => {
    if (headerRow === 0 && row.getCell(1).value === 'Id') headerRow = number;
  });
  const headers = (sheet.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let number = headerRow + 1; number <= sheet.rowCount; number++) {
    const values = (sheet.getRow(number).values as unknown[]).slice(1);
    if (values.length === 0) continue;
    rows.push(Object.fromEntries(headers.map((header, index) => [header, values[index] ?? null])));
  }
  return rows;
}

describe('withdrawing an imported source file', () => {
  const tempDir = useTempDir();

  it('takes its records out of the calculation (by exactly their tCO2e), keeps it on record, and reinstating it restores the results bit for bit', async () => {
    const { dir, file } = await engagementWithFleet(tempDir());
    const before = await calculated(file);
    const [year] = before.periods;
    expect(siteRecords(file)).toEqual([['Depot', DEPOT_LITRES.length], ['Fleet', FLEET_CUBIC_METRES.length]]);
    // As imported by mistake, the fleet's cubic metres count as litres.
    expect(year!.scope1_tco2e).toBeCloseTo(tonnes(DEPOT_LITRES) + tonnes(FLEET_CUBIC_METRES), 12);

    const withdrawn = await cli('sources', 'withdraw', file, '3', '--reason', 'Quantity column is in m3, not litres');
    expect(withdrawn.code, withdrawn.err).toBe(0);
    expect(withdrawn.out).toContain('Withdrew source file #3 (fleet.csv): 2 records, 0 claims, 0 targets leave the calculation and reconciliation');
    expect(withdrawn.out).toContain('Stored results are out of date');

    // Out of date, as after any change of input, until recalculated.
    const stale = await cli('results', file, '--json');
    const status = (JSON.parse(stale.out) as CalculateJson).status;
    expect(status).toMatchObject({ state: 'stale', changed: ['records'] });
    expect(status.message).toMatch(/results are out of date: recalculate/);

    const after = await calculated(file);
    expect(after.status.state).toBe('current');
    // The site list counts the records in use: the fleet's leave it with their file.
    expect(siteRecords(file)).toEqual([['Depot', DEPOT_LITRES.length]]);
    expect(after.lines).toBe(before.lines - FLEET_CUBIC_METRES.length);
    expect(year!.scope1_tco2e! - after.periods[0]!.scope1_tco2e!).toBeCloseTo(tonnes(FLEET_CUBIC_METRES), 12);
    expect(after.periods[0]!.scope1_tco2e).toBe(tonnes(DEPOT_LITRES));

    // On record: the register (CLI and workbook) says who withdrew it, when and why; its rows and records stay.
    const sources = await register(file);
    expect(sources.map((source) => [source.id, source.withdrawal === null])).toEqual([[1, true], [2, true], [3, false]]);
    expect(sources[2]).toMatchObject({ fileName: 'fleet.csv', rowsImported: 2, withdrawal: { by: 'auditor', reason: 'Quantity column is in m3, not litres', replacedBy: null, reinstated: null } });
    const listed = await cli('sources', 'list', file);
    expect(listed.out).toMatch(/#3 fleet\.csv.*\n.*\n {4}WITHDRAWN \d{4}-\d\d-\d\dT[\d:.]+Z by auditor: Quantity column is in m3, not litres/);
    const engagement = openEngagement(file);
    expect(engagement.reader.prepare('SELECT count(*) FROM activity_record WHERE source_file_id = 3').pluck().get()).toBe(2);
    engagement.close();
    const rows = await workbookRegister(file, dir);
    expect(rows.map((row) => row.Status)).toEqual(['In use', 'In use', 'Withdrawn']);
    expect(rows[2]).toMatchObject({ File: 'fleet.csv', 'Withdrawn by': 'auditor', 'Why withdrawn': 'Quantity column is in m3, not litres', 'Replaced by': null });

    // Withdrawn once only; a factor file cannot be withdrawn; a reason is required.
    expect((await cli('sources', 'withdraw', file, '3', '--reason', 'again')).err).toMatch(/Source file 3 \(fleet\.csv\) is already withdrawn/);
    expect((await cli('sources', 'withdraw', file, '1', '--reason', 'wrong factors')).err).toMatch(/is a factor file/);
    expect((await cli('sources', 'withdraw', file, '2', '--reason', '  ')).err).toMatch(/Say why the source file is withdrawn/);
    expect((await cli('sources', 'withdraw', file, '9', '--reason', 'x')).err).toMatch(/No source file 9/);

    const reinstated = await cli('sources', 'reinstate', file, '3', '--reason', 'Withdrawn by mistake');
    expect(reinstated.code, reinstated.err).toBe(0);
    expect((JSON.parse((await cli('results', file, '--json')).out) as CalculateJson).status.state).toBe('stale');
    const restored = await calculated(file);
    expect(siteRecords(file)).toEqual([['Depot', DEPOT_LITRES.length], ['Fleet', FLEET_CUBIC_METRES.length]]);
    expect(restored.periods).toEqual(before.periods);
    expect(restored.lines).toBe(before.lines);
    expect(restored.status.inputs_sha256).toBe(before.status.inputs_sha256);
    expect((await register(file))[2]!.withdrawal).toMatchObject({ reason: 'Quantity column is in m3, not litres', reinstated: { by: 'auditor', reason: 'Withdrawn by mistake' } });
    expect((await cli('sources', 'reinstate', file, '3', '--reason', 'again')).err).toMatch(/is not withdrawn/);

    const operations = auditOperations(file);
    expect(operations.filter((operation) => operation.startsWith('source.'))).toEqual(['source.withdraw', 'source.reinstate']);
    expect((await cli('verify', file)).code).toBe(0);
  });

  it('leaves adjustments on its records on record, correcting nothing while it is withdrawn, and takes its claims out of reconciliation', async () => {
    const { dir, file } = await engagementWithFleet(tempDir());
    const claims = path.join(dir, 'claims.csv');
    fs.writeFileSync(claims, 'Metric,Year,Reported value,Unit\nScope 1,FY2023,8.5,tCO2e\n');
    const claimMapping = path.join(dir, 'claims.mapping.json');
    fs.writeFileSync(claimMapping, JSON.stringify(claimsMapping()));
    expect((await cli('import', file, claims, '--kind', 'claims', '--mapping', claimMapping)).code).toBe(0);

    const engagement = openEngagement(file);
    try {
      const fleetRecord = engagement.reader.prepare('SELECT min(id) FROM activity_record WHERE source_file_id = 3').pluck().get() as number;
      const adjustment = proposeAdjustment(engagement, { details: { kind: 'correct-record', recordId: fleetRecord, unit: 'm3' }, reason: 'read in m3' });
      expect((await reconcile(engagement)).claims).toHaveLength(1);

      for (const area of SIGN_OFF_AREAS) signOffArea(engagement, area, 'preparer');
      const outcome = await withdrawSource(engagement, 3, 'The whole file is in m3');
      // Its records feed the inventory and the reconciliation (the figures claims are compared with move): the workbook's sign-off is untouched.
      expect(listAuditEntries(engagement, 0, 1000).find((entry) => entry.operation === 'source.withdraw')!.params).toMatchObject({ records: 2, claims: 0, targets: 0, adjustments: 1 });
      const modifiedBy = (area: string) => areaSignOffs(engagement).find((candidate) => candidate.area === area)!.preparer!.changesSince.map((change) => change.operation);
      expect(['import', 'inventory', 'reconciliation'].map(modifiedBy).map((operations) => operations.includes('source.withdraw'))).toEqual([true, true, true]);
      expect(modifiedBy('export')).toEqual([]);
      expect(outcome).toMatchObject({ sourceFileId: 3, fileName: 'fleet.csv', records: 2, withdrawal: { by: 'tester', reason: 'The whole file is in m3', reinstated: null } });
      // The check run after it is logged as started by the withdrawal, not by an import.
      expect(outcome.check?.trigger).toBe('source-withdrawal');
      expect(listAuditEntries(engagement, 0, 1000).at(-1)).toMatchObject({ operation: 'review.check', params: { trigger: 'source-withdrawal' } });
      const report = await reconcile(engagement);
      const view = report.adjustments.find((candidate) => candidate.id === adjustment.id)!;
      expect(view).toMatchObject({ status: 'active', problem: `record ${fleetRecord} is out of the calculation: source file 3 (fleet.csv) is withdrawn` });
      expect(listAdjustments(engagement).map((listed) => listed.withdrawn)).toEqual([null]);
      // The corrected figures do not bring the withdrawn record back.
      expect(report.correctedPeriods[0]!.scope1).toBeCloseTo(tonnes(DEPOT_LITRES), 12);
      expect(() => proposeAdjustment(engagement, { details: { kind: 'exclude-record', recordId: fleetRecord + 1 }, reason: 'x' })).toThrow(/source file 3 \(fleet\.csv\), which is withdrawn/);

      // A claims file withdrawn: its claims leave the reconciliation.
      await withdrawSource(engagement, 4, 'Claims of another entity');
      expect((await reconcile(engagement)).claims).toHaveLength(0);
      expect((await reinstateSource(engagement, 4, 'Same entity after all')).check?.trigger).toBe('source-reinstatement');
      expect(engagement.reader.prepare('SELECT trigger FROM review_run ORDER BY id').pluck().all().slice(-3)).toEqual(['source-withdrawal', 'source-withdrawal', 'source-reinstatement']);
      expect((await reconcile(engagement)).claims).toHaveLength(1);
      expect(verifyAuditLog(engagement).intact).toBe(true);
    } finally {
      engagement.close();
    }
  });
});

describe('the sign-off areas an import reopens', () => {
  const tempDir = useTempDir();

  /** Signs every area off as its preparer and returns the areas later changed by `operation`. */
  async function areasReopenedBy(file: string, operation: string, change: () => Promise<void>): Promise<string[]> {
    const engagement = openEngagement(file);
    try {
      for (const area of SIGN_OFF_AREAS) signOffArea(engagement, area, 'preparer');
    } finally {
      engagement.close();
    }
    await change();
    const after = openEngagement(file);
    try {
      return areaSignOffs(after)
        .filter((area) => area.preparer!.changesSince.some((change) => change.operation === operation))
        .map((area) => area.area);
    } finally {
      after.close();
    }
  }

  const imports = (file: string, ...args: string[]) => async () => {
    const imported = await cli('import', file, ...args);
    expect(imported.code, imported.err).toBe(0);
  };

  it('are the ones its file feeds, as its withdrawal would reopen: records the inventory and reconciliation, claims the reconciliation, never the workbook', async () => {
    const { dir, file } = await engagementWithFleet(tempDir());
    const plant = path.join(dir, 'plant.csv');
    fs.writeFileSync(plant, 'Site,Month,Activity,Quantity,Unit\nPlant,2022-04,Diesel,500,L\n');
    expect(await areasReopenedBy(file, 'import', imports(file, plant))).toEqual(['import', 'inventory', 'reconciliation']);
    expect(await areasReopenedBy(file, 'source.withdraw', async () => void (await cli('sources', 'withdraw', file, '4', '--reason', 'Plant is not ours')))).toEqual(['import', 'inventory', 'reconciliation']);

    const claims = path.join(dir, 'claims.csv');
    fs.writeFileSync(claims, 'Metric,Year,Reported value,Unit\nScope 1,FY2023,8.5,tCO2e\n');
    const claimMapping = path.join(dir, 'claims.mapping.json');
    fs.writeFileSync(claimMapping, JSON.stringify(claimsMapping()));
    expect(await areasReopenedBy(file, 'import', imports(file, claims, '--kind', 'claims', '--mapping', claimMapping))).toEqual(['import', 'reconciliation']);
    expect(await areasReopenedBy(file, 'source.withdraw', async () => void (await cli('sources', 'withdraw', file, '5', '--reason', 'Another entity')))).toEqual(['import', 'reconciliation']);

    // A file whose every row is rejected adds nothing the figures read: only the source data changed.
    const empty = path.join(dir, 'unreadable.csv');
    fs.writeFileSync(empty, 'Site,Month,Activity,Quantity,Unit\nPlant,2022-04,Diesel,lots,L\n');
    expect(await areasReopenedBy(file, 'import', imports(file, empty, '--allow-empty'))).toEqual(['import']);
  });
});

describe('the calculation findings of a withdrawn file', () => {
  const tempDir = useTempDir();

  it('leave every listing once the calculation no longer finds them (the CLI list, its JSON and the workbook)', async () => {
    const { dir, file } = await engagementWithFleet(tempDir());
    // Petrol has no factor: each reading is a finding of the calculation.
    const petrol = path.join(dir, 'petrol.csv');
    fs.writeFileSync(petrol, 'Site,Month,Activity,Quantity,Unit\nDepot,2022-04,Petrol,100,L\n');
    expect((await cli('import', file, petrol)).code).toBe(0);
    const findingsPage = async () => JSON.parse((await cli('calculation-findings', file, '--json')).out) as { total: number; findings: { recordId: number }[] };
    const workbookFindings = async () => {
      const workbook = path.join(dir, `findings-${Date.now()}.xlsx`);
      expect((await cli('export', file, workbook)).code).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(workbook);
      const rows: unknown[][] = [];
      book.getWorksheet('Calculation findings')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows.filter((row) => typeof row[0] === 'number');
    };
    expect((await calculated(file)).findings.total).toBe(1);
    expect((await findingsPage()).findings).toHaveLength(1);
    expect(await workbookFindings()).toHaveLength(1);

    expect((await cli('sources', 'withdraw', file, '4', '--reason', 'another entity')).code).toBe(0);
    expect((await calculated(file)).findings.total).toBe(0);
    expect(await findingsPage()).toMatchObject({ total: 0, findings: [] });
    const listed = await cli('calculation-findings', file);
    expect(listed.out).toContain('Findings none');
    expect(listed.out).not.toContain('petrol.csv');
    expect(await workbookFindings()).toEqual([]);

    // Reinstated: found again, and gone again once withdrawn.
    expect((await cli('sources', 'reinstate', file, '4', '--reason', 'ours after all')).code).toBe(0);
    expect((await calculated(file)).findings.total).toBe(1);
    expect((await findingsPage()).findings).toHaveLength(1);
  });
});

describe('replacing a source file', () => {
  const tempDir = useTempDir();

  it('withdraws it and imports its replacement in one transaction, linked both ways; a replacement that fails changes nothing', async () => {
    const { dir, file, fleet, fleetMapping } = await engagementWithFleet(tempDir());
    await calculated(file);
    const footprint = (): Record<string, unknown> & { audit_log: number } => {
      const engagement = openEngagement(file);
      try {
        const withdrawals = ['source_withdrawal', 'source_replacement'].map((table) => engagement.reader.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
        const counts = importFootprint(engagement);
        return { ...counts, audit_log: counts.audit_log!, withdrawals };
      } finally {
        engagement.close();
      }
    };
    const untouched = footprint();

    // Every row rejected: not imported, so nothing is withdrawn either.
    const bad = path.join(dir, 'fleet-bad.csv');
    fs.writeFileSync(bad, 'Site,Month,Activity,Quantity,Unit\nFleet,2022-04,Diesel,n/a,m3\nFleet,2022-05,Diesel,n/a,m3\n');
    const refused = await cli('import', file, bad, '--replaces', '3', '--reason', 'Corrected units');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/not imported/);
    // Only the attempt is on record.
    expect(footprint()).toEqual({ ...untouched, audit_log: untouched.audit_log + 1 });
    expect(auditOperations(file).at(-1)).toBe('import.refused');
    // A file that cannot be read: refused, nothing changed.
    const unreadable = path.join(dir, 'fleet.xlsx');
    fs.writeFileSync(unreadable, 'not a workbook');
    const unread = await cli('import', file, unreadable, '--replaces', '3', '--reason', 'Corrected units');
    expect(unread.code).not.toBe(0);
    expect(unread.err).toMatch(/fleet\.xlsx/);
    expect(footprint()).toEqual({ ...untouched, audit_log: untouched.audit_log + 1 });
    // Wrong kind, no reason, or a factor file: refused before anything is read.
    const wrongKind = await cli('import', file, fleet, '--kind', 'claims', '--replaces', '3', '--reason', 'x');
    expect(wrongKind.err).toMatch(/holds activity data: its replacement must too/);
    // The engine refused it (the arguments were well formed), and the attempt is on record like the others.
    expect(wrongKind.code).toBe(1);
    expect(auditOperations(file).at(-1)).toBe('import.refused');
    expect((await cli('import', file, fleet, '--replaces', '3')).err).toMatch(/--replaces needs --reason/);
    expect(footprint()).toEqual({ ...untouched, audit_log: untouched.audit_log + 2 });
    expect((await register(file))[2]!.withdrawal).toBeNull();

    // The same bytes with the corrected mapping: no duplicate of the file it replaces.
    const replaced = await cli('import', file, fleet, '--mapping', await fleetMapping('m3'), '--replaces', '3', '--reason', 'Quantity column is in m3, not litres');
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.out).toContain('Imported as source file #4');
    expect(replaced.out).toContain('Replaces source file #3');
    // One transaction, two entries: the import and the withdrawal it replaces; then the check after every import.
    expect(auditOperations(file).slice(-3)).toEqual(['import', 'source.replace', 'review.check']);
    const checked = openEngagement(file);
    expect(listAuditEntries(checked, 0, 1000).at(-1)!.params).toMatchObject({ trigger: 'source-replacement' });
    checked.close();
    expect(replaced.out).toMatch(/Check #\d+ \(source-replacement\)/);
    const sources = await register(file);
    expect(sources[2]).toMatchObject({ id: 3, withdrawal: { by: 'auditor', reason: 'Quantity column is in m3, not litres', replacedBy: 4, reinstated: null }, replaces: null });
    expect(sources[3]).toMatchObject({ id: 4, withdrawal: null, replaces: 3 });
    const figures = await calculated(file);
    expect(figures.periods[0]!.scope1_tco2e).toBeCloseTo(tonnes(DEPOT_LITRES) + tonnes(FLEET_CUBIC_METRES.map((m3) => m3 * 1000)), 9);
    const rows = await workbookRegister(file, dir);
    expect(rows.slice(2).map((row) => [row.Id, row.Status, row['Replaced by'], row.Replaces])).toEqual([[3, 'Withdrawn', 4, null], [4, 'In use', null, 3]]);


    // A replaced file is reinstated only once its replacement is withdrawn: both would count.
    expect((await cli('sources', 'reinstate', file, '3', '--reason', 'x')).err).toMatch(/replaced by source file 4, which is in use: withdraw that one first/);
    expect((await cli('import', file, fleet, '--mapping', await fleetMapping('m3'), '--replaces', '3', '--reason', 'x', '--allow-duplicate')).err).toMatch(/already replaced by source file 4/);
    const engagement = openEngagement(file);
    expect(listSourceFiles(engagement)).toHaveLength(4);
    engagement.close();
  });

  it('lets at most one version of a replaced file count, whatever the order of withdrawals, reinstatements and replacements', async () => {
    const { file, fleet, fleetMapping } = await engagementWithFleet(tempDir());
    const m3 = await fleetMapping('m3');
    const ok = async (...args: string[]) => {
      const result = await cli(...args);
      expect(result.code, result.err).toBe(0);
      return result.out;
    };
    /** The fleet's versions that count: not withdrawn, or reinstated. */
    const counting = async () => (await register(file)).filter((source) => source.id >= 3 && (source.withdrawal === null || source.withdrawal.reinstated !== null)).map((source) => source.id);
    const fleetTonnes = async () => (await calculated(file)).periods[0]!.scope1_tco2e! - tonnes(DEPOT_LITRES);

    const replaced = await ok('import', file, fleet, '--mapping', m3, '--replaces', '3', '--reason', 'm3, not litres');
    expect(replaced).toContain('Replaces source file #3, which no longer counts: results are out of date, run `carbon-audit calculate`');
    expect(replaced).not.toContain('recalculate');
    expect(await counting()).toEqual([4]);
    // #4 withdrawn, #3 reinstated: #3 counts, so #4 cannot be replaced (#3 and the new file would both count).
    expect(await ok('sources', 'withdraw', file, '4', '--reason', 'wrong too')).toContain('run `carbon-audit calculate`');
    expect(await ok('sources', 'reinstate', file, '3', '--reason', 'first was right')).not.toContain('recalculate');
    const refused = await cli('import', file, fleet, '--mapping', m3, '--replaces', '4', '--reason', 'x', '--allow-duplicate');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Source file 4 \(fleet\.csv\) is withdrawn and another version of it, source file 3, is in use: replace that one, or withdraw it first, or both would count/);
    expect(await counting()).toEqual([3]);
    expect(await fleetTonnes()).toBeCloseTo(tonnes(FLEET_CUBIC_METRES), 12);

    // Nothing of the chain counts: replacing the withdrawn #4 is fine, and #5 alone counts.
    await ok('sources', 'withdraw', file, '3', '--reason', 'neither');
    await ok('import', file, fleet, '--mapping', m3, '--replaces', '4', '--reason', 'corrected again', '--allow-duplicate');
    expect(await counting()).toEqual([5]);
    // Neither earlier version can come back while #5 counts, however far back in the chain.
    expect((await cli('sources', 'reinstate', file, '3', '--reason', 'x')).err).toMatch(/Source file 3 \(fleet\.csv\) has another version, source file 5, that is in use: withdraw that one first, or both would count/);
    expect((await cli('sources', 'reinstate', file, '4', '--reason', 'x')).err).toMatch(/was replaced by source file 5, which is in use/);
    // #5 withdrawn, #3 reinstated: #4 still cannot come back beside #3.
    await ok('sources', 'withdraw', file, '5', '--reason', 'x');
    await ok('sources', 'reinstate', file, '3', '--reason', 'x');
    expect((await cli('sources', 'reinstate', file, '4', '--reason', 'x')).err).toMatch(/has another version, source file 3, that is in use/);
    expect((await cli('sources', 'reinstate', file, '5', '--reason', 'x')).err).toMatch(/has another version, source file 3, that is in use/);
    expect(await counting()).toEqual([3]);
    expect(await fleetTonnes()).toBeCloseTo(tonnes(FLEET_CUBIC_METRES), 12);
    expect((await cli('verify', file)).code).toBe(0);
  });
});

describe('a sample holding records of a file withdrawn after it was drawn', () => {
  const tempDir = useTempDir();

  it('says which items are out of the calculation and why (service, CLI, workbook), refuses to vouch them, and vouches them again once the file is reinstated', async () => {
    const { dir, file } = await engagementWithFleet(tempDir());
    const drawn = await cli('sample', file, '--method', 'random', '--size', '6', '--seed', '7', '--json');
    expect(drawn.code, drawn.err).toBe(0);
    const sample = JSON.parse(drawn.out) as SampleView;
    const fleetItems = sample.items.filter((item) => item.source.fileName === 'fleet.csv');
    const depotItem = sample.items.find((item) => item.source.fileName === 'depots.csv')!;
    expect(fleetItems).toHaveLength(FLEET_CUBIC_METRES.length);
    expect(sample).toMatchObject({ withdrawnItems: 0 });
    // Vouched while the file counted: the result stays on record.
    expect((await cli('vouch', file, String(sample.id), String(fleetItems[0]!.drawOrder), '--result', 'agreed')).code).toBe(0);

    expect((await cli('sources', 'withdraw', file, '3', '--reason', 'Quantity column is in m3, not litres')).code).toBe(0);
    const [listed] = JSON.parse((await cli('samples', file, '--json')).out) as SampleView[];
    expect(listed!.withdrawnItems).toBe(FLEET_CUBIC_METRES.length);
    expect(listed!.vouched).toBe(1);
    for (const item of listed!.items) {
      expect(item.withdrawn, `item ${item.drawOrder}`).toEqual(item.source.fileName === 'fleet.csv'
        ? { sourceFileId: 3, fileName: 'fleet.csv', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), by: 'auditor', reason: 'Quantity column is in m3, not litres' }
        : null);
    }
    expect(listed!.items.find((item) => item.drawOrder === fleetItems[0]!.drawOrder)!.result).toBe('agreed');
    const printed = (await cli('samples', file)).out;
    expect(printed).toContain(`; ${FLEET_CUBIC_METRES.length} out of the calculation (source file withdrawn), not to be vouched`);
    expect(printed.match(/WITHDRAWN: source file 3 \(fleet\.csv\) withdrawn \S+ by auditor: Quantity column is in m3, not litres/g)).toHaveLength(FLEET_CUBIC_METRES.length);

    // Neither a result nor a difference (with its finding) for a record the figures no longer use.
    for (const args of [['--result', 'agreed'], ['--result', 'difference', '--comment', 'meter says 3', '--finding']]) {
      const refused = await cli('vouch', file, String(sample.id), String(fleetItems[1]!.drawOrder), ...args);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(new RegExp(`Sample ${sample.id} item ${fleetItems[1]!.drawOrder} cannot be vouched: record ${fleetItems[1]!.recordId} is out of the calculation, source file 3 \\(fleet\\.csv\\) withdrawn \\S+ by auditor: Quantity column is in m3, not litres\\. Reinstate the file`));
    }
    expect(auditOperations(file).filter((operation) => operation === 'sample.vouch')).toHaveLength(1);
    expect((await cli('vouch', file, String(sample.id), String(depotItem.drawOrder), '--result', 'agreed')).code).toBe(0);

    // The workbook's Sampling sheet says it beside each item, and in the sample's note.
    const workbook = path.join(dir, 'sampling.xlsx');
    expect((await cli('export', file, workbook)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const sheet = book.getWorksheet('Sampling')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((row) => row[0] === 'Sample');
    const column = rows[header]!.indexOf('Out of the calculation');
    expect(column).toBeGreaterThan(0);
    const outOf = rows.slice(header + 1).map((row) => [row[6], row[column] ?? null]);
    expect(outOf).toEqual(listed!.items.map((item) => [item.recordId, item.withdrawn ? expect.stringMatching(/^Withdrawn: source file 3 \(fleet\.csv\) withdrawn \S+ by auditor: Quantity column is in m3, not litres$/) : null]));
    expect(rows.slice(0, header).flat().join('\n')).toContain(`${FLEET_CUBIC_METRES.length} out of the calculation (their source file withdrawn since), not to be vouched`);

    // Reinstated: the items count again and can be vouched.
    expect((await cli('sources', 'reinstate', file, '3', '--reason', 'Litres after all')).code).toBe(0);
    const vouched = await cli('vouch', file, String(sample.id), String(fleetItems[1]!.drawOrder), '--result', 'agreed');
    expect(vouched.code, vouched.err).toBe(0);
    expect(vouched.out).not.toContain('WITHDRAWN');
  });
});

describe('the Records table of an engagement with a withdrawn file', () => {
  const tempDir = useTempDir();

  it('marks each record in use or withdrawn (with the file, who, when and why), filters by it in SQL, and writes both to CSV', async () => {
    const { file } = await engagementWithFleet(tempDir());
    expect((await cli('sources', 'withdraw', file, '3', '--reason', 'Quantity column is in m3, not litres')).code).toBe(0);
    const engagement = openEngagement(file);
    try {
      const statusAt = TABLE_COLUMNS.records.findIndex((column) => column.id === 'status');
      const why = TABLE_COLUMNS.records.findIndex((column) => column.id === 'withdrawal');
      const rows = (status?: 'in-use' | 'withdrawn') => tablePage(engagement, tableQuerySchema.parse({ table: 'records', ...(status ? { status } : {}) }), 0, 100).rows;
      const byRecord = rows().map((row) => [row.cells[6], row.cells[statusAt], row.cells[why]]);
      const reason = /^source file 3 \(fleet\.csv\) withdrawn \d{4}-\d\d-\d\dT\S+ by auditor: Quantity column is in m3, not litres$/;
      expect(byRecord).toEqual([
        ...DEPOT_LITRES.map(() => ['depots.csv', 'in-use', null]),
        ...FLEET_CUBIC_METRES.map(() => ['fleet.csv', 'withdrawn', expect.stringMatching(reason)]),
      ]);
      expect(tablePage(engagement, tableQuerySchema.parse({ table: 'records', status: 'withdrawn' }), 0, 100).total).toBe(FLEET_CUBIC_METRES.length);
      expect(rows('withdrawn').map((row) => row.cells[6])).toEqual(FLEET_CUBIC_METRES.map(() => 'fleet.csv'));
      expect(rows('in-use').map((row) => row.cells[6])).toEqual(DEPOT_LITRES.map(() => 'depots.csv'));
      // The CSV walk (keyset pages) carries the same cells.
      const walked: TableRow[] = [];
      for await (const page of allTableRows(engagement, tableQuerySchema.parse({ table: 'records', status: 'withdrawn', sort: 'quantity' }))) walked.push(...page);
      expect(walked.map((row) => row.cells[why])).toEqual(FLEET_CUBIC_METRES.map(() => expect.stringMatching(reason)));
      await reinstateSource(engagement, 3, 'Litres after all');
      expect(rows('withdrawn')).toEqual([]);
      expect(rows().map((row) => [row.cells[statusAt], row.cells[why]])).toEqual([...DEPOT_LITRES, ...FLEET_CUBIC_METRES].map(() => ['in-use', null]));
    } finally {
      engagement.close();
    }
  });
});
