/**
 * The newcomer's engagement in small: the DESNZ 2020 flat file, gas in kWh that states no
 * calorific basis (DESNZ publishes gas per kWh gross and net, so it cannot be priced) and IT energy
 * for a data centre without its total facility energy. Reconciliation, the Overview's glance and
 * the trace say what the recomputed figures miss, never that a claim agrees or has no inputs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngagement } from '../../../electron/engine/engagement/service';
import { reconciliationGlance } from '../../../electron/engine/reconcile/service';
import type { ReconcileJson } from '../../../shared/reconcile/report';
import { cli } from '../../helpers/cli';
import { TEST_ACTOR } from '../../helpers/engagement';

const FLAT_FILE_2020 = fileURLToPath(new URL('../../fixtures/Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.xlsx', import.meta.url));

/** Twelve months of FY2023 (April start): electricity and gas at the office, IT energy at the data centre. */
function energyCsv(): string {
  const rows = ['Site,Month,Activity,Quantity,Unit'];
  for (let month = 0; month < 12; month++) {
    const date = new Date(Date.UTC(2022, 3 + month, 1)).toISOString().slice(0, 10);
    rows.push(`Office,${date},Electricity,10000,kWh`, `Office,${date},Natural gas,5000,kWh`, `DC Reading,${date},IT equipment energy,200000,kWh`);
  }
  return `${rows.join('\n')}\n`;
}

const CLAIMS = ['Metric,Fiscal year,Reported value,Unit', 'Scope 1 emissions,FY2023,11,tCO2e', '"Scope 1 & 2 net, market-based",FY2023,40,tCO2e', 'Average PUE of our data centres,FY2023,1.5,'].join('\n');

describe('claims on figures that miss records the calculation could not price', () => {
  let dir: string;
  let file: string;
  let report: ReconcileJson;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-unpriced-'));
    file = path.join(dir, 'acme.carbonaudit');
    fs.writeFileSync(path.join(dir, 'energy.csv'), energyCsv());
    fs.writeFileSync(path.join(dir, 'claims.csv'), CLAIMS);
    for (const args of [
      ['init', file, '--entity', 'Acme', '--fy-start', '4'],
      ['import', file, FLAT_FILE_2020, '--kind', 'factors', '--allow-empty'],
      ['import', file, path.join(dir, 'energy.csv')],
      ['site', file, 'DC Reading', '--data-centre', 'yes'],
      ['import', file, path.join(dir, 'claims.csv'), '--kind', 'claims'],
      ['calculate', file],
    ]) {
      const result = await cli(...args);
      expect(result.code, `${args[0]}: ${result.err}`).toBe(0);
    }
    const json = await cli('reconcile', file, '--json');
    expect(json.code, json.err).toBe(0);
    report = JSON.parse(json.out) as ReconcileJson;
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves the gas out of Scope 1 with a calculation finding per record', () => {
    const fy2023 = report.periods.find((period) => period.label === 'FY2023')!;
    expect(fy2023.scope1_tco2e).toBeNull();
    expect(report.claims.map((claim) => claim.figure)).toEqual(['scope1', 'net', 'pue']);
  });

  it('calls a Scope 1 claim incomplete, saying how many records could not be priced and what is at stake, not that Scope 1 has no inputs', () => {
    const scope1 = report.claims[0]!;
    expect(scope1.status).toBe('incomplete');
    expect(scope1.unpriced).toMatchObject({ records: 12, kinds: ['calorific-basis-ambiguous'] });
    expect(scope1.unpriced!.tco2e_low).toBeGreaterThan(0);
    expect(scope1.unpriced!.tco2e_high).toBeGreaterThan(scope1.unpriced!.tco2e_low!);
    expect(scope1.reason).toMatch(/^incomplete: nothing recomputed: 12 records in FY2023 could not be priced \(calorific-basis-ambiguous: see the calculation findings\), at stake [\d.]+ to [\d.]+ tCO2e$/);
    expect(scope1.reason).not.toContain('no inputs');
  });

  it('does not judge the net figure misstated on the records priced alone when the records missing could make it agree', () => {
    const net = report.claims[1]!;
    // 40 t reported against 23.3 t of electricity: 16.7 t over, and the gas puts 10.9 to 12.1 t at stake.
    expect(net.status).toBe('incomplete');
    expect(net.reason).toContain('on the records priced');
    expect(report.materiality.conclusion).toBe('incomplete');
    expect(report.materiality.conclusion_text).toMatch(/^No conclusion on FY2023\. The recomputation for FY2023 is incomplete: 12 records/);
  });

  it('says the data centre has IT energy but no total facility energy, instead of that PUE has no inputs', () => {
    expect(report.claims[2]!.reason).toBe('nothing recomputed: PUE (data centres) cannot be computed in FY2023: IT energy is recorded for DC Reading but no total facility energy');
  });

  it('shows the same on the Overview, from the stored findings, calculating nothing', async () => {
    const engagement = await openEngagement(file, TEST_ACTOR);
    try {
      const glance = reconciliationGlance(engagement);
      expect(glance.claimsByStatus).toMatchObject({ incomplete: 2, exception: 1, agreed: 0 });
      expect(glance.flaggedClaims.map((claim) => claim.status)).toEqual(['exception', 'incomplete', 'incomplete']);
      expect(glance.flaggedClaims[1]!.reason).toBe(report.claims[0]!.reason_uncorrected);
    } finally {
      engagement.close();
    }
  });

  it('points the trace of PUE to where its inputs are', async () => {
    const trace = await cli('trace', file, '--figure', 'FY2023.pue');
    expect(trace.code).not.toBe(0);
    expect(trace.err).toContain('it divides total facility energy by IT energy');
  });
});
