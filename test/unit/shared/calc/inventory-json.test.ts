// `calculate --json` (docs/calculate-json.md): each stored figure under its documented name, the
// status of the stored results, sites only when asked for, findings grouped.
import { describe, expect, it } from 'vitest';
import type { InventoryResults } from '../../../../shared/contract';
import { toCalculateJson } from '../../../../shared/calc/inventory-json';
import type { EmissionTotals } from '../../../../shared/calc/inventory-types';

/** Every figure a distinct number, so a figure under another's name shows. */
const TOTALS: EmissionTotals = {
  scope1: 164.35930257,
  scope2Location: 10617.30058,
  scope2Market: 6621.28058,
  scope3: 12.5,
  scope3ByCategory: { '6': 12.5 },
  net: 6785.64,
  scope12Location: 10781.65988257,
  biogenic: 3.25,
  avoided: null,
  metrics: { pue: 1.238, cleanShare: 0.376, dataCentreCleanShare: 0.38, electricityKwh: 45_000_000, cleanKwh: 17_000_000, itKwh: 33_000_000, facilityKwh: 41_000_000 },
};

const TOTALS_JSON = {
  scope1_tco2e: 164.35930257,
  scope2_location_tco2e: 10617.30058,
  scope2_market_tco2e: 6621.28058,
  scope3_tco2e: 12.5,
  scope3_by_category: { '6': 12.5 },
  net_tco2e: 6785.64,
  scope1_2_location_tco2e: 10781.65988257,
  biogenic_tco2e: 3.25,
  avoided_tco2e: null,
  metrics: { pue: 1.238, clean_share: 0.376, data_centre_clean_share: 0.38, electricity_kwh: 45_000_000, clean_electricity_kwh: 17_000_000, it_energy_kwh: 33_000_000, facility_energy_kwh: 41_000_000 },
};

const SITE_TOTALS: EmissionTotals = { ...TOTALS, scope1: 1, scope2Location: 2, scope2Market: 3, scope3: null, scope3ByCategory: {}, net: 4, scope12Location: 3, biogenic: null };

function results(status: InventoryResults['status']): InventoryResults {
  return {
    variant: 'main',
    status,
    factorsLoaded: true,
    factorSets: ['desnz-2022'],
    lines: 266_667,
    periods: [
      {
        label: 'FY2023', start: '2022-04-01', end: '2023-03-31', ...TOTALS,
        intensities: [{ denominator: 'revenue', unit: 'currency:GBP', quantity: 500_000_000, netTco2ePerUnit: 0.0000136, locationTco2ePerUnit: 0.0000216 }],
        sites: [{ site: 'DC North', share: 1, isDataCentre: true, ...SITE_TOTALS }],
      },
    ],
    findings: {
      total: 33_335,
      groupsTotal: 2,
      groups: [
        { causeId: 3, kind: 'ambiguous-factor', cause: 'several factors fit equally well', count: 33_333, atStake: { low: 812.4, high: 893.6 }, atStakeKnown: 33_000, examples: [{ recordId: 17 }, { recordId: 20 }] },
        { causeId: 5, kind: 'no-factor', cause: 'no factor for the region', count: 2, atStake: null, atStakeKnown: 0, examples: [{ recordId: null }] },
      ],
    },
  } as InventoryResults;
}

const CURRENT = { state: 'current', changed: [], calculatedAt: '2026-11-30T10:12:03.512Z', calculatedBy: 'j.smith', inputsSha256: '5f0c' } as const;

describe('the calculate document', () => {
  it('holds each figure under its documented name, the intensities, and the findings grouped', () => {
    expect(toCalculateJson(results(CURRENT), { bySite: false })).toStrictEqual({
      version: 2,
      status: { state: 'current', message: null, changed: [], calculated_at: '2026-11-30T10:12:03.512Z', calculated_by: 'j.smith', inputs_sha256: '5f0c' },
      factor_sets: ['desnz-2022'],
      lines: 266_667,
      periods: [
        {
          label: 'FY2023', start: '2022-04-01', end: '2023-03-31', ...TOTALS_JSON,
          intensities: [{ denominator: 'revenue', unit: 'currency:GBP', quantity: 500_000_000, net_tco2e_per_unit: 0.0000136, location_tco2e_per_unit: 0.0000216 }],
        },
      ],
      findings: {
        total: 33_335,
        groups_total: 2,
        groups: [
          { cause_id: 3, kind: 'ambiguous-factor', cause: 'several factors fit equally well', count: 33_333, tco2e_at_stake: { low: 812.4, high: 893.6, known: 33_000 }, example_record_ids: [17, 20] },
          { cause_id: 5, kind: 'no-factor', cause: 'no factor for the region', count: 2, tco2e_at_stake: null, example_record_ids: [null] },
        ],
      },
    });
  });

  it('prints the figures in the documented order, the Scope 3 categories after the Scope 3 total', () => {
    const [period] = toCalculateJson(results(CURRENT), { bySite: false }).periods;
    expect(Object.keys(period!)).toEqual([
      'label', 'start', 'end', 'scope1_tco2e', 'scope2_location_tco2e', 'scope2_market_tco2e', 'scope3_tco2e', 'scope3_by_category',
      'net_tco2e', 'scope1_2_location_tco2e', 'biogenic_tco2e', 'avoided_tco2e', 'metrics', 'intensities',
    ]);
  });

  it('lists the sites with their own figures when asked for them', () => {
    const [period] = toCalculateJson(results(CURRENT), { bySite: true }).periods;
    expect(period!.sites).toStrictEqual([
      { site: 'DC North', share: 1, is_data_centre: true, ...TOTALS_JSON, scope1_tco2e: 1, scope2_location_tco2e: 2, scope2_market_tco2e: 3, scope3_tco2e: null, scope3_by_category: {}, net_tco2e: 4, scope1_2_location_tco2e: 3, biogenic_tco2e: null },
    ]);
  });

  it('says what changed since stale results were calculated, and that there are none yet', () => {
    const stale = toCalculateJson(results({ ...CURRENT, state: 'stale', changed: ['records', 'factors'] }), { bySite: false }).status;
    expect(stale).toStrictEqual({
      state: 'stale',
      message: 'results are out of date: recalculate (the activity records, the factor versions changed)',
      changed: ['records', 'factors'],
      calculated_at: '2026-11-30T10:12:03.512Z',
      calculated_by: 'j.smith',
      inputs_sha256: '5f0c',
    });
    const none = toCalculateJson(results({ state: 'none' }), { bySite: false }).status;
    expect(none).toStrictEqual({ state: 'none', message: 'no results yet: calculate', changed: [], calculated_at: null, calculated_by: null, inputs_sha256: null });
  });
});
