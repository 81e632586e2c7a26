/**
 * Stored results: written by an explicit calculation, read back by the CLI and the services
 * without recalculating, grouped findings with every record a page away, and out of date,
 * visibly, the moment any input they depend on changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { previewImport } from '../../../electron/engine/import/preview';
import { runImport } from '../../../electron/engine/import/pipeline';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { setSite } from '../../../electron/engine/inventory/boundary';
import { inventoryResults, listFindings } from '../../../electron/engine/inventory/results';
import { traceFigure } from '../../../electron/engine/inventory/trace';
import { factorsForCalculation, frozenFactorSetIds, latestFactorSetIds, replaceFrozenSets } from '../../../electron/engine/factors/service';
import { loadFactorLibrary } from '../../../electron/engine/factors/library';
import type { CalculateJson } from '../../../shared/calc/inventory-json';
import { fsum } from '../../../shared/calc/sum';
import type { FindingsPage } from '../../../shared/contract';
import { mappingSchema, type Mapping } from '../../../shared/import/mapping';
import { TEST_ACTOR } from '../../helpers/engagement';
import { FACTOR_TABLE_HEADER, FACTOR_TABLE_MAPPING } from '../../helpers/factor-table';
import { useTempDir } from '../../helpers/temp';

const RECORDS = 250;

/** The quantity of the i-th diesel reading, in litres. */
const litres = (i: number) => 100 + i * 0.25;

function monthOf(i: number): string {
  return `2022-${String((i % 12) + 1).padStart(2, '0')}`;
}

async function importFile(engagement: Engagement, file: string, kind: 'activity' | 'factors', mapping?: Mapping): Promise<void> {
  const chosen = mapping ?? mappingSchema.parse((await previewImport(engagement.db, file, kind)).mapping);
  const outcome = await runImport(engagement.db, { filePath: file, mapping: chosen, ...TEST_ACTOR, settings: engagement.settings() });
  expect(outcome.rejectedTotal).toBe(0);
}

/** An engagement whose diesel readings (RECORDS of them) all meet the same two equally good diesel factors. */
async function ambiguousEngagement(dir: string): Promise<string> {
  const file = path.join(dir, 'ambiguous.carbonaudit');
  const engagement = Engagement.create(file, { entityName: 'Example Group', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, TEST_ACTOR);
  const factors = path.join(dir, 'factors.csv');
  fs.writeFileSync(factors, `${FACTOR_TABLE_HEADER}\nDiesel,UK,2.5,kg CO2e/litre,Supplier A\nDiesel,UK,2.75,kg CO2e/litre,Supplier B\n`);
  await importFile(engagement, factors, 'factors', FACTOR_TABLE_MAPPING);
  const readings = path.join(dir, 'diesel.csv');
  const rows = Array.from({ length: RECORDS }, (_, i) => `Depot ${i % 7},${monthOf(i)},Diesel,${litres(i)},L`);
  fs.writeFileSync(readings, ['Site,Month,Activity,Quantity,Unit', ...rows].join('\n'));
  await importFile(engagement, readings, 'activity');
  engagement.close();
  return file;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('findings, grouped in every output and listed in full a page at a time', () => {
  const tempDir = useTempDir();

  it('groups every record hitting one ambiguous factor into one finding, and pages through each of them', async () => {
    const dir = tempDir();
    const file = await ambiguousEngagement(dir);

    const calculated = await cli(['calculate', file, '--json']);
    expect(calculated.code, calculated.err).toBe(0);
    const json = JSON.parse(calculated.out) as CalculateJson;
    expect(json.status).toMatchObject({ state: 'current', message: null });
    expect(json.findings.total).toBe(RECORDS);
    expect(json.findings.groups_total).toBe(1);
    const [group] = json.findings.groups;
    expect(group).toMatchObject({ kind: 'ambiguous-factor', count: RECORDS, cause: expect.stringMatching(/several factors fit equally well: #\d+ .*; #\d+ /) });
    // What is at stake: every reading at the lower and at the higher factor, each rounded as its line would be.
    expect(group!.tco2e_at_stake).toEqual({
      low: fsum(Array.from({ length: RECORDS }, (_, i) => (litres(i) * 2.5) / 1000)),
      high: fsum(Array.from({ length: RECORDS }, (_, i) => (litres(i) * 2.75) / 1000)),
      known: RECORDS,
    });
    expect(group!.tco2e_at_stake!.low).toBeCloseTo(((100 * RECORDS + 0.25 * (RECORDS * (RECORDS - 1)) / 2) * 2.5) / 1000, 9);
    expect(group!.example_record_ids).toHaveLength(5);
    // The document does not grow with the records: the finding is one group, not 250 entries.
    expect(calculated.out.length).toBeLessThan(6000);

    const text = await cli(['calculate', file]);
    expect(text.out).toContain(`ambiguous-factor × ${RECORDS}:`);
    expect(text.out.split('\n').length).toBeLessThan(40);

    const recordIds = new Set<number>();
    const pages: FindingsPage[] = [];
    for (let page = 1; ; page++) {
      const listed = await cli(['findings', file, '--kind', 'ambiguous-factor', '--page-size', '100', '--page', String(page), '--json']);
      expect(listed.code, listed.err).toBe(0);
      const findings = JSON.parse(listed.out) as FindingsPage;
      pages.push(findings);
      if (findings.findings.length === 0) break;
      for (const finding of findings.findings) {
        expect(finding).toMatchObject({ kind: 'ambiguous-factor', cause: group!.cause, source: { fileName: 'diesel.csv', sheet: expect.any(String) } });
        recordIds.add(finding.recordId!);
      }
    }
    expect(pages.map((page) => page.findings.length)).toEqual([100, 100, 50, 0]);
    expect(pages.every((page) => page.total === RECORDS)).toBe(true);
    const engagement = Engagement.open(file, TEST_ACTOR);
    const allIds = (engagement.db.prepare('SELECT id FROM activity_record ORDER BY id').all() as { id: number }[]).map((row) => row.id);
    expect([...recordIds].sort((a, b) => a - b)).toEqual(allIds);
    engagement.close();

    const textPage = await cli(['findings', file, '--page', '3', '--page-size', '100']);
    expect(textPage.out).toContain(`Findings 201–${RECORDS} of ${RECORDS} (page 3 of 3)`);
    expect(textPage.out.trim().split('\n')).toHaveLength(1 + 50);
  });

  it('keeps a finding’s id through a recalculation that finds it again, and drops findings no longer found', async () => {
    const dir = tempDir();
    const file = await ambiguousEngagement(dir);
    const engagement = Engagement.open(file, TEST_ACTOR);
    await calculate(engagement);
    const before = listFindings(engagement, { page: 0, pageSize: 1000 }).findings.map((finding) => [finding.id, finding.recordId]);
    // The boundary changes (results are recalculated) but the factors stay ambiguous: the same findings, the same ids.
    setSite(engagement, 'Depot 3', { ownershipPercent: 50 });
    expect((await calculate(engagement)).reused).toBe(false);
    expect(listFindings(engagement, { page: 0, pageSize: 1000 }).findings.map((finding) => [finding.id, finding.recordId])).toEqual(before);
    // Freezing only one of the two factors' sets is not possible (they share one); dropping the second factor's value settles them.
    engagement.db.prepare("UPDATE emission_factor SET activity_key = NULL WHERE label LIKE '%Supplier B%' OR source_rows_json LIKE '%Supplier B%'").run();
    await calculate(engagement);
    expect(listFindings(engagement, { page: 0, pageSize: 1000 }).total).toBe(0);
    expect(inventoryResults(engagement).findings).toEqual({ total: 0, groups: [], groupsTotal: 0 });
    engagement.close();
  });
});

/** A small engagement on the default library: office electricity, gas and diesel at two sites. */
async function officeEngagement(dir: string): Promise<Engagement> {
  const engagement = Engagement.create(path.join(dir, 'offices.carbonaudit'), { entityName: 'Example Group', fiscalYearStartMonth: 4, defaultRegion: 'UK', consolidationApproach: 'equity-share' }, TEST_ACTOR);
  loadFactorLibrary(engagement);
  const file = path.join(dir, 'offices.csv');
  const rows: string[] = [];
  for (let i = 0; i < 24; i++) {
    const month = `2022-${String((i % 12) + 1).padStart(2, '0')}`;
    const site = i < 12 ? 'London' : 'Leeds';
    rows.push(`${site},${month},Electricity,${1000 + i * 10},kWh`, `${site},${month},Natural gas,${200 + i},m3`);
  }
  fs.writeFileSync(file, ['Site,Month,Activity,Quantity,Unit', ...rows].join('\n'));
  await importFile(engagement, file, 'activity');
  return engagement;
}

describe('stored results out of date', () => {
  const tempDir = useTempDir();

  async function expectStale(engagement: Engagement, part: string): Promise<void> {
    const results = inventoryResults(engagement);
    expect(results.status).toMatchObject({ state: 'stale', changed: [part] });
    expect(traceFigure(engagement, { figure: 'FY2023.scope1', page: 0, pageSize: 10, sort: 'record', descending: false }).status.state).toBe('stale');
    const shown = await cli(['results', engagement.filePath]);
    expect(shown.out).toMatch(/^WARNING: results are out of date: recalculate \(.+ changed\)\./);
    const asJson = await cli(['results', engagement.filePath, '--json']);
    expect(asJson.err).toContain('Warning: results are out of date: recalculate');
    expect((JSON.parse(asJson.out) as CalculateJson).status.state).toBe('stale');
  }

  it('marks them stale when a record, a factor version or a boundary share changes, and stores new ones when recalculated', async () => {
    const dir = tempDir();
    const engagement = await officeEngagement(dir);
    // Reading the results of an engagement never calculated calculates nothing and freezes nothing.
    expect(inventoryResults(engagement).status).toEqual({ state: 'none' });
    expect(frozenFactorSetIds(engagement.db)).toEqual([]);

    const first = await calculate(engagement);
    expect(first.reused).toBe(false);
    expect(inventoryResults(engagement).status.state).toBe('current');
    // Unchanged: the stored results are kept, and nothing new is logged.
    const entries = engagement.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    expect((await calculate(engagement)).reused).toBe(true);
    expect(engagement.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(entries);
    const scope1 = () => inventoryResults(engagement).periods.find((period) => period.label === 'FY2023')!.scope1!;
    const before = scope1();

    // 1. A record changes (a correction written to the record itself).
    engagement.db.prepare("UPDATE activity_record SET quantity = quantity * 2 WHERE activity = 'natural_gas' AND site = 'London' AND period_start = '2022-05-01'").run();
    await expectStale(engagement, 'records');
    await calculate(engagement);
    expect(inventoryResults(engagement).status.state).toBe('current');
    expect(scope1()).toBeGreaterThan(before);

    // 2. A factor version changes: the frozen versions are replaced by others.
    const library = latestFactorSetIds(engagement.db);
    engagement.change('factors.freeze', { factorSetIds: library.slice(0, 1) }, () => replaceFrozenSets(engagement.db, library.slice(0, 1), 'tester'));
    await expectStale(engagement, 'factors');
    await calculate(engagement);
    expect(inventoryResults(engagement).status.state).toBe('current');
    expect(inventoryResults(engagement).factorSets).toHaveLength(1);

    // 3. A boundary share changes: London is owned 40% under equity share.
    const london = () => inventoryResults(engagement).periods.find((period) => period.label === 'FY2023')!.sites.find((site) => site.site === 'London')!;
    const owned = london().scope2Location!;
    setSite(engagement, 'London', { ownershipPercent: 40 });
    await expectStale(engagement, 'boundary');
    await calculate(engagement);
    expect(london().share).toBe(0.4);
    expect(london().scope2Location).toBeCloseTo(owned * 0.4, 9);

    // The factors a calculation uses are what the frozen versions hold, whatever the library holds besides.
    expect(factorsForCalculation(engagement.db, frozenFactorSetIds(engagement.db)).every((factor) => factor.factorSetId === library[0])).toBe(true);
    engagement.close();
  });
});
