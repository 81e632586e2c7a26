// The `calculate --json` document (docs/calculate-json.md) from stored results: every figure under
// its documented name, checked against a document written out by hand, field by field and in order.
import { describe, expect, it } from 'vitest';
import type { InventoryResults } from '../../../../shared/contract';
import { CALCULATE_JSON_VERSION, toCalculateJson } from '../../../../shared/calc/inventory-json';
import type { EmissionTotals, PeriodResult } from '../../../../shared/calc/inventory-types';

const CALCULATED = { calculatedAt: '2026-11-30T10:12:03.512Z', calculatedBy: 'j.smith', inputsSha256: '5f'.repeat(32) } as const;

// Every figure a different value, so a figure written under another's name shows.
const PERIOD_TOTALS: EmissionTotals = {
  scope1: 164.5,
  scope2Location: 1061.25,
  scope2Market: 662.125,
  scope3: 12.5,
  scope3ByCategory: { '6': 10, uncategorised: 2.5 },
  net: 826.625,
  scope12Location: 1225.75,
  biogenic: 3.75,
  avoided: null,
  metrics: { pue: 1.25, cleanShare: 0.375, dataCentreCleanShare: 0.5, electricityKwh: 45_000, cleanKwh: 16_875, itKwh: 32_000, facilityKwh: 40_000 },
};

const SITE_TOTALS: EmissionTotals = {
  scope1: 4,
  scope2Location: 5,
  scope2Market: 6,
  scope3: null,
  scope3ByCategory: {},
  net: 10,
  scope12Location: 9,
  biogenic: null,
  avoided: 0.5,
  metrics: { pue: null, cleanShare: 0, dataCentreCleanShare: null, electricityKwh: 800, cleanKwh: 0, itKwh: null, facilityKwh: null },
};

const PERIOD: PeriodResult = {
  label: 'FY2023',
  start: '2022-04-01',
  end: '2023-03-31',
  ...PERIOD_TOTALS,
  sites: [{ site: 'DC North', share: 0.5, isDataCentre: true, ...SITE_TOTALS }, { site: null, share: 1, isDataCentre: false, ...SITE_TOTALS }],
  intensities: [{ denominator: 'revenue', unit: 'currency:GBP', quantity: 500_000, netTco2ePerUnit: 0.00165325, locationTco2ePerUnit: 0.0024515 }],
};

const RESULTS: InventoryResults = {
  variant: 'reported',
  status: { state: 'current', changed: [], ...CALCULATED },
  factorsLoaded: true,
  periods: [PERIOD],
  findings: {
    total: 7,
    groupsTotal: 2,
    groups: [
      { causeId: 3, kind: 'ambiguous-factor', cause: 'several factors fit equally well', count: 5, atStake: { low: 1.5, high: 2.25 }, atStakeKnown: 4, examples: [{ recordId: 17 }, { recordId: 20 }] },
      { causeId: 9, kind: 'no-factor', cause: 'no factor for the activity', count: 2, atStake: null, atStakeKnown: 0, examples: [{ recordId: null }] },
    ],
  },
  factorSets: ['desnz-2022', 'aib-2022'],
  lines: 1234,
};

const PERIOD_FIGURES = {
  scope1_tco2e: 164.5,
  scope2_location_tco2e: 1061.25,
  scope2_market_tco2e: 662.125,
  scope3_tco2e: 12.5,
  scope3_by_category: { '6': 10, uncategorised: 2.5 },
  net_tco2e: 826.625,
  scope1_2_location_tco2e: 1225.75,
  biogenic_tco2e: 3.75,
  avoided_tco2e: null,
  metrics: {
    pue: 1.25,
    clean_share: 0.375,
    data_centre_clean_share: 0.5,
    electricity_kwh: 45_000,
    clean_electricity_kwh: 16_875,
    it_energy_kwh: 32_000,
    facility_energy_kwh: 40_000,
  },
};

const SITE_FIGURES = {
  scope1_tco2e: 4,
  scope2_location_tco2e: 5,
  scope2_market_tco2e: 6,
  scope3_tco2e: null,
  scope3_by_category: {},
  net_tco2e: 10,
  scope1_2_location_tco2e: 9,
  biogenic_tco2e: null,
  avoided_tco2e: 0.5,
  metrics: {
    pue: null,
    clean_share: 0,
    data_centre_clean_share: null,
    electricity_kwh: 800,
    clean_electricity_kwh: 0,
    it_energy_kwh: null,
    facility_energy_kwh: null,
  },
};

const EXPECTED_PERIOD = {
  label: 'FY2023',
  start: '2022-04-01',
  end: '2023-03-31',
  ...PERIOD_FIGURES,
  intensities: [{ denominator: 'revenue', unit: 'currency:GBP', quantity: 500_000, net_tco2e_per_unit: 0.00165325, location_tco2e_per_unit: 0.0024515 }],
};

const EXPECTED_FINDINGS = {
  total: 7,
  groups_total: 2,
  groups: [
    { cause_id: 3, kind: 'ambiguous-factor', cause: 'several factors fit equally well', count: 5, tco2e_at_stake: { low: 1.5, high: 2.25, known: 4 }, example_record_ids: [17, 20] },
    { cause_id: 9, kind: 'no-factor', cause: 'no factor for the activity', count: 2, tco2e_at_stake: null, example_record_ids: [null] },
  ],
};

describe('calculate --json document', () => {
  it('writes every figure, metric, intensity and finding group of current results under its documented name', () => {
    const json = toCalculateJson(RESULTS, { bySite: false });
    expect(json).toStrictEqual({
      version: 2,
      status: { state: 'current', message: null, changed: [], calculated_at: CALCULATED.calculatedAt, calculated_by: 'j.smith', inputs_sha256: CALCULATED.inputsSha256 },
      factor_sets: ['desnz-2022', 'aib-2022'],
      lines: 1234,
      periods: [EXPECTED_PERIOD],
      findings: EXPECTED_FINDINGS,
    });
    expect(CALCULATE_JSON_VERSION).toBe(2);
  });

  it('keeps the documented order of fields, so the same results print the same bytes', () => {
    const json = toCalculateJson(RESULTS, { bySite: true });
    expect(Object.keys(json)).toEqual(['version', 'status', 'factor_sets', 'lines', 'periods', 'findings']);
    expect(Object.keys(json.periods[0] ?? {})).toEqual([
      'label', 'start', 'end', 'scope1_tco2e', 'scope2_location_tco2e', 'scope2_market_tco2e', 'scope3_tco2e', 'scope3_by_category',
      'net_tco2e', 'scope1_2_location_tco2e', 'biogenic_tco2e', 'avoided_tco2e', 'metrics', 'intensities', 'sites',
    ]);
    expect(Object.keys(json.periods[0]?.metrics ?? {})).toEqual([
      'pue', 'clean_share', 'data_centre_clean_share', 'electricity_kwh', 'clean_electricity_kwh', 'it_energy_kwh', 'facility_energy_kwh',
    ]);
  });

  it('lists each site with its share, whether it is a data centre and its own figures when asked by site', () => {
    const json = toCalculateJson(RESULTS, { bySite: true });
    expect(json.periods).toStrictEqual([
      {
        ...EXPECTED_PERIOD,
        sites: [
          { site: 'DC North', share: 0.5, is_data_centre: true, ...SITE_FIGURES },
          { site: null, share: 1, is_data_centre: false, ...SITE_FIGURES },
        ],
      },
    ]);
  });

  it('names what changed and says to recalculate when the results are out of date', () => {
    const json = toCalculateJson({ ...RESULTS, status: { state: 'stale', changed: ['records', 'factors'], ...CALCULATED } }, { bySite: false });
    expect(json.status).toStrictEqual({
      state: 'stale',
      message: 'results are out of date: recalculate (the activity records, the factor versions changed)',
      changed: ['records', 'factors'],
      calculated_at: CALCULATED.calculatedAt,
      calculated_by: 'j.smith',
      inputs_sha256: CALCULATED.inputsSha256,
    });
  });

  it('gives no run, no change and nulls for an engagement never calculated', () => {
    const json = toCalculateJson(
      { ...RESULTS, status: { state: 'none' }, periods: [], findings: { total: 0, groupsTotal: 0, groups: [] }, factorSets: [], lines: 0 },
      { bySite: true },
    );
    expect(json).toStrictEqual({
      version: 2,
      status: { state: 'none', message: 'no results yet: calculate', changed: [], calculated_at: null, calculated_by: null, inputs_sha256: null },
      factor_sets: [],
      lines: 0,
      periods: [],
      findings: { total: 0, groups_total: 0, groups: [] },
    });
  });
});
