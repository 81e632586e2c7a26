import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSheetRows } from '../../../scripts/build-factor-library';
import { DESNZ_DATA_SHEET, parseDesnzFlatFile } from '../../../shared/factors/desnz';
import type { EmissionFactor, ParsedFactorSet } from '../../../shared/factors/types';
import { isBlank, type RawRow } from '../../../shared/import/cell';

const FLAT_FILE_2020 = fileURLToPath(new URL('../../fixtures/Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.xlsx', import.meta.url));
const HEADER_ROW = 5;
const END_ROW = 7516;

let rows: RawRow[];
let set: ParsedFactorSet;

beforeAll(async () => {
  rows = await readSheetRows(FLAT_FILE_2020, DESNZ_DATA_SHEET);
  set = parseDesnzFlatFile(rows);
});

function factorAt(path: readonly string[], unitText: string): EmissionFactor | undefined {
  return set.factors.find((factor) => factor.path.join('/') === path.join('/') && factor.unitText === unitText);
}

describe('DESNZ 2020 flat file (real file)', () => {
  it('is the 2020 edition on the AR4 basis', () => {
    expect(set.meta).toMatchObject({ id: 'desnz-2020', year: 2020, gwpBasis: 'AR4', region: 'UK' });
  });

  it('pins diesel (average biofuel blend) per litre: per-gas CO2e rows sum to the total with no GWP', () => {
    const diesel = factorAt(['Fuels', 'Liquid fuels', 'Diesel (average biofuel blend)'], 'litres');
    expect(diesel).toMatchObject({ activityKey: 'diesel', scope: 'Scope 1', co2ePerUnitKg: 2.54603, source: { rowNumbers: [142, 143, 144, 145] } });
    const byGas = Object.fromEntries(diesel?.gases.map((gas) => [gas.gas, gas]) ?? []);
    expect(byGas).toMatchObject({
      CO2: { value: 2.51072, valueUnit: 'kg', alreadyCo2e: true },
      CH4: { value: 0.00025, valueUnit: 'kg', alreadyCo2e: true },
      N2O: { value: 0.03506, valueUnit: 'kg', alreadyCo2e: true },
    });
    const sum = (diesel?.gases ?? []).reduce((total, gas) => total + gas.value, 0);
    expect(sum).toBeCloseTo(2.54603, 12);
  });

  it('pins UK grid electricity per kWh', () => {
    expect(factorAt(['UK electricity', 'Electricity generated', 'Electricity: UK'], 'kWh')).toMatchObject({
      activityKey: 'electricity',
      region: 'UK',
      scope: 'Scope 2',
      co2ePerUnitKg: 0.23314,
    });
  });

  it('has every full per-gas breakdown summing to its total within the file rounding (5 d.p.)', () => {
    const complete = set.factors.filter((factor) => factor.co2ePerUnitKg !== undefined && factor.gases.length === 3);
    expect(complete).toHaveLength(1247);
    for (const factor of complete) {
      const sum = factor.gases.reduce((total, gas) => total + gas.value, 0);
      const tolerance = Math.max(2e-5, 0.002 * Math.abs(factor.co2ePerUnitKg ?? 0));
      expect(Math.abs(sum - (factor.co2ePerUnitKg ?? 0)), `${factor.label} ${factor.unitText}`).toBeLessThanOrEqual(tolerance);
    }
  });

  it('accounts for every row between the header and END exactly once', () => {
    const dataRows = rows.filter((row) => row.rowNumber > HEADER_ROW && row.rowNumber < END_ROW).map((row) => row.rowNumber);
    const used = set.factors.flatMap((factor) => factor.source.rowNumbers);
    const skipped = set.skipped.map((skip) => skip.rowNumber);
    expect(set.rowsRead).toBe(7509);
    expect(set.rowsRead).toBe(dataRows.length);
    expect(used.length + skipped.length).toBe(set.rowsRead);
    expect([...used, ...skipped].sort((a, b) => a - b)).toEqual(dataRows);
    expect(set.factors).toHaveLength(2399);
  });

  it('never makes a factor of the END row, a blank row or a text value', () => {
    const rowByNumber = new Map(rows.map((row) => [row.rowNumber, row]));
    for (const factor of set.factors) {
      for (const rowNumber of factor.source.rowNumbers) {
        expect(rowNumber).toBeLessThan(END_ROW);
        expect(rowByNumber.get(rowNumber)?.cells.every((cell) => isBlank(cell))).toBe(false);
      }
    }
    expect(set.skipped).toContainEqual({ rowNumber: 541, reason: "the value is text ('< 1'), not a number" });
    expect(set.skipped).toContainEqual({ rowNumber: 542, reason: "the value is text ('< 1'), not a number" });
    expect(set.skipped).toContainEqual({ rowNumber: 7501, reason: "unrecognised GHG/Unit label '`'" });
    expect(set.skipped.filter((skip) => skip.reason === 'no value (blank)')).toHaveLength(853);
    expect(set.skipped.filter((skip) => skip.reason.startsWith('energy use per unit'))).toHaveLength(513);
  });

  it('flags the Outside of scopes rows as biogenic, CO2 only', () => {
    const biogenic = set.factors.filter((factor) => factor.biogenic);
    expect(biogenic).toHaveLength(32);
    expect(biogenic.every((factor) => factor.scope === 'Outside of scopes' && factor.gases.every((gas) => gas.gas === 'CO2'))).toBe(true);
  });
});
