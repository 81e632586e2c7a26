/**
 * Natural gas metered in kWh against the DESNZ 2020 library, which publishes gas per kWh on a
 * gross and on a net basis: the mapping states which, and the gas is Scope 1 at the matching
 * factor; left unstated, the command says so before importing, and the records become findings.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { useTempDir } from '../../helpers/temp';

/** FY2024 (April start): twelve months at two sites, electricity and gas in kWh; a depot without gas. */
const SITES = { 'London HQ': 15_000, 'Bristol office': 6_000, 'DC Reading': null } as const;
const MONTHS = Array.from({ length: 12 }, (_, index) => new Date(Date.UTC(2023, 3 + index, 1)));
const GAS_KWH = MONTHS.length * (15_000 + 6_000);
// DESNZ 2020, Natural gas, Energy: 0.18387 kg CO2e/kWh on gross CV, 0.20374 on net CV.
const GROSS_KG_PER_KWH = 0.18387;
const NET_KG_PER_KWH = 0.20374;

describe('carbon-audit import: the calorific basis of a fuel metered in kWh', () => {
  const tempDir = useTempDir();
  let workbook: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-cli-basis-'));
    workbook = path.join(dir, 'site-energy.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Site energy');
    sheet.addRow(['Site', 'Month', 'Electricity (kWh)', 'Natural gas (kWh)']);
    for (const month of MONTHS) for (const [site, gas] of Object.entries(SITES)) sheet.addRow([site, month, 20_000, gas]);
    await book.xlsx.writeFile(workbook);
  });

  async function engagement(): Promise<string> {
    const file = path.join(tempDir(), 'e.carbonaudit');
    expect((await cli('init', file, '--entity', 'Acme Widgets Ltd', '--fy-start', '4', '--region', 'UK')).code).toBe(0);
    expect((await cli('factors', 'load-library', file)).code).toBe(0);
    return file;
  }

  async function scope1(file: string): Promise<{ tco2e: number | null; basisFindings: number }> {
    expect((await cli('calculate', file)).code).toBe(0);
    const results = JSON.parse((await cli('results', file, '--json')).out);
    const findings = JSON.parse((await cli('calculation-findings', file, '--json')).out);
    const fy2024 = results.periods.find((period: { label: string }) => period.label === 'FY2024');
    return { tco2e: fy2024.scope1_tco2e, basisFindings: findings.findings.filter((finding: { kind: string }) => finding.kind === 'calorific-basis-ambiguous').length };
  }

  async function mappingWith(basis: 'gross' | 'net'): Promise<string> {
    const suggested = await cli('mapping', 'suggest', workbook);
    expect(suggested.code).toBe(0);
    const mapping = JSON.parse(suggested.out);
    expect(JSON.stringify(mapping)).not.toContain('calorificBasis');
    const file = path.join(tempDir(), `mapping-${basis}.json`);
    const columns = mapping.columns.map((column: { activity?: string }) => (column.activity === 'natural_gas' ? { ...column, calorificBasis: basis } : column));
    fs.writeFileSync(file, JSON.stringify({ ...mapping, columns }));
    return file;
  }

  it('warns at the suggestion and the dry run, naming the column and what to set; imported so, the gas is findings, not Scope 1', async () => {
    const warning = 'Warning: Site energy › Natural gas (kWh): state gross or net calorific value; DESNZ publishes both and they differ by ~10% (set "calorificBasis": "gross" or "net" on column D in the mapping JSON, or write the unit as \'kWh gross\')';
    expect((await cli('mapping', 'suggest', workbook)).err).toContain(warning);
    const file = await engagement();
    const dryRun = await cli('import', file, workbook, '--dry-run');
    expect(dryRun.code).toBe(0);
    expect(dryRun.err).toContain(warning);
    expect(dryRun.err.match(/Warning:/g)).toHaveLength(1);
    expect((await cli('import', file, workbook)).code).toBe(0);
    expect(await scope1(file)).toEqual({ tco2e: null, basisFindings: 2 * MONTHS.length });
  });

  it('prices the gas at the factor on the basis the mapping states, with no warning', async () => {
    for (const [basis, kgPerKwh] of [['gross', GROSS_KG_PER_KWH], ['net', NET_KG_PER_KWH]] as const) {
      const file = await engagement();
      const imported = await cli('import', file, workbook, '--mapping', await mappingWith(basis));
      expect(imported.code).toBe(0);
      expect(imported.err).not.toContain('Warning');
      const { tco2e, basisFindings } = await scope1(file);
      expect(basisFindings).toBe(0);
      expect(tco2e).toBeCloseTo((GAS_KWH * kgPerKwh) / 1000, 9);
      fs.rmSync(file);
    }
  });
});
