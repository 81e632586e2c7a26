import { describe, expect, it } from 'vitest';
import { rationalToNumber } from '../../../../shared/calc/rational';
import { FIGURES, intensityFigure, type Figure } from '../../../../shared/figures';
import { normaliseReported, type ReportedValue } from '../../../../shared/reconcile/normalise';

function normalised(reported: ReportedValue, figure: Figure): { value: number; halfUnit: number } | string {
  const result = normaliseReported(reported, figure);
  return result.ok ? { value: rationalToNumber(result.value), halfUnit: rationalToNumber(result.halfUnit) } : result.reason;
}

describe('a reported value in its figure’s unit', () => {
  it('scales emissions to tCO2e exactly, with the precision reported', () => {
    expect(normalised({ value: 6785.6, unit: 'tCO2e', percent: null }, FIGURES.net)).toEqual({ value: 6785.6, halfUnit: 0.05 });
    expect(normalised({ value: 6.8, unit: 'ktCO2e', percent: null }, FIGURES.net)).toEqual({ value: 6800, halfUnit: 50 });
    expect(normalised({ value: 0.0068, unit: 'MtCO2e', percent: null }, FIGURES.net)).toEqual({ value: 6800, halfUnit: 50 });
    expect(normalised({ value: 6785600, unit: 'kg CO2e', percent: null }, FIGURES.net)).toEqual({ value: 6785.6, halfUnit: 0.0005 });
    expect(normalised({ value: 6785.6, unit: 'Metric Tons CO2e', percent: null }, FIGURES.scope1_2_location)).toEqual({ value: 6785.6, halfUnit: 0.05 });
  });

  it('gives the same share for a percent-formatted cell, 53.9% text and 53.9 beside %, each to a tenth of a point', () => {
    for (const percent of ['number-format', 'percent-text', 'unit-column'] as const) {
      expect(normalised({ value: 0.539, unit: '%', percent }, FIGURES.data_centre_clean_share)).toEqual({ value: 0.539, halfUnit: 0.0005 });
    }
    expect(normalised({ value: 0.539, unit: null, percent: null }, FIGURES.clean_share)).toEqual({ value: 0.539, halfUnit: 0.0005 });
    expect(normalised({ value: 53.9, unit: null, percent: null }, FIGURES.clean_share)).toContain('cannot be a share');
    // A '%' claim imported before percentages were stored as fractions says so rather than guess.
    expect(normalised({ value: 0.5, unit: '%', percent: null }, FIGURES.clean_share)).toContain('import the claim again');
  });

  it('takes a ratio as it is, and refuses a unit or a percentage that does not fit', () => {
    expect(normalised({ value: 1.215, unit: null, percent: null }, FIGURES.pue)).toEqual({ value: 1.215, halfUnit: 0.0005 });
    expect(normalised({ value: 1.215, unit: 'ratio', percent: null }, FIGURES.pue)).toEqual({ value: 1.215, halfUnit: 0.0005 });
    expect(normalised({ value: 0.5, unit: '%', percent: 'unit-column' }, FIGURES.pue)).toBe('a percentage cannot be PUE (data centres), which is a ratio');
    expect(normalised({ value: 100, unit: 'kWh', percent: null }, FIGURES.scope1)).toBe("unit 'kWh' measures energy; Scope 1 is in tCO2e");
    expect(normalised({ value: 100, unit: null, percent: null }, FIGURES.scope1)).toContain('no unit given');
    expect(normalised({ value: 100, unit: 'MTCO2e', percent: null }, FIGURES.scope1)).toContain('ambiguous');
  });

  it('reads an intensity per £m as tCO2e per £', () => {
    const perPound = intensityFigure('revenue', 'currency:GBP');
    expect(normalised({ value: 13.6, unit: 'tCO2e/£m', percent: null }, perPound)).toEqual({ value: 0.0000136, halfUnit: 0.00000005 });
    expect(normalised({ value: 13.6, unit: 'tCO2e/$m', percent: null }, perPound)).toContain('is per currency:USD of revenue');
  });
});

describe('the precision reported', () => {
  it('is what the company showed when the file says, else the value’s own digits', () => {
    // 0.38 in a '0.0%' cell shows 38.0 %: a tenth of a point, not a whole one.
    expect(normalised({ value: 0.38, unit: '%', percent: 'number-format', decimals: 1 }, FIGURES.clean_share)).toEqual({ value: 0.38, halfUnit: 0.0005 });
    expect(normalised({ value: 0.38, unit: '%', percent: 'number-format', decimals: null }, FIGURES.clean_share)).toEqual({ value: 0.38, halfUnit: 0.005 });
    // '6,785.60' written as text: to the hundredth.
    expect(normalised({ value: 6785.6, unit: 'tCO2e', percent: null, decimals: 2 }, FIGURES.net)).toEqual({ value: 6785.6, halfUnit: 0.005 });
  });
});
