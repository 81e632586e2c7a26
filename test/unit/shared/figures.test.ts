import { describe, expect, it } from 'vitest';
import type { EmissionTotals } from '../../../shared/calc/inventory-types';
import { FIGURE_IDS, FIGURES, figureById, figureValue, formatFigureReference, intensityFigure, parseFigureReference, scope3CategoryFigure } from '../../../shared/figures';

const TOTALS: EmissionTotals = {
  scope1: 10,
  scope2Location: 20,
  scope2Market: 15,
  scope3: 7,
  scope3ByCategory: { '6': 5, uncategorised: 2 },
  net: 25,
  scope12Location: 30,
  biogenic: null,
  avoided: 1,
  metrics: { pue: 1.25, cleanShare: 0.4, dataCentreCleanShare: null, electricityKwh: 100, cleanKwh: 40, itKwh: 80, facilityKwh: 100 },
};

describe('the figure catalogue', () => {
  it('names every figure once, and sums net from the Scope 1 and market-based Scope 2 lines', () => {
    expect(FIGURE_IDS).toEqual(['scope1', 'scope2_location', 'scope2_market', 'scope3', 'net', 'scope1_2_location', 'biogenic', 'avoided', 'pue', 'clean_share', 'data_centre_clean_share']);
    expect(FIGURES.net.sums.bases).toEqual(['scope1', 'market']);
    expect(FIGURES.scope1_2_location.sums.bases).toEqual(['scope1', 'location']);
    expect(FIGURES.pue).toMatchObject({ kind: 'ratio', traceable: false, sites: 'data-centres', divides: { numerator: 'facility', denominator: 'it' } });
    expect(FIGURES.clean_share).toMatchObject({ kind: 'fraction', sites: 'all' });
  });

  it('reads each figure from a year’s totals, null where it has no inputs', () => {
    expect(FIGURE_IDS.map((id) => figureValue(FIGURES[id], TOTALS))).toEqual([10, 20, 15, 7, 25, 30, null, 1, 1.25, 0.4, null]);
    expect(figureValue(scope3CategoryFigure(6), TOTALS)).toBe(5);
    expect(figureValue(scope3CategoryFigure(null), TOTALS)).toBe(2);
    expect(figureValue(scope3CategoryFigure(1), TOTALS)).toBeNull();
    const intensities = [{ denominator: 'revenue', unit: 'currency:GBP', quantity: 100, netTco2ePerUnit: 0.25, locationTco2ePerUnit: 0.3 }];
    expect(figureValue(intensityFigure('revenue', 'currency:GBP'), { ...TOTALS, intensities })).toBe(0.25);
  });

  it('parses and formats references to one fiscal year’s figure in one place', () => {
    for (const id of FIGURE_IDS) {
      const parsed = parseFigureReference(`FY2023.${id}`);
      expect(parsed.ok && formatFigureReference(parsed.value.fiscalYear, parsed.value.figure)).toBe(`FY2023.${id}`);
    }
    const category = parseFigureReference(' FY2024.scope3.06 ');
    expect(category.ok && category.value.figure).toMatchObject({ id: 'scope3.6', label: 'Category 6: Business travel', sums: { bases: ['scope3'], category: 6 } });
    expect(category.ok && formatFigureReference(category.value.fiscalYear, category.value.figure)).toBe('FY2024.scope3.6');
    expect(parseFigureReference('FY2024.scope3.uncategorised')).toMatchObject({ ok: true, value: { figure: { sums: { category: null } } } });
    expect(parseFigureReference('FY2024.intensity.revenue.currency:GBP')).toMatchObject({ ok: true, value: { figure: { kind: 'intensity' } } });
    expect(figureById('intensity.revenue.currency:GBP')).toEqual(intensityFigure('revenue', 'currency:GBP'));
  });

  it('refuses what names no figure, and, for a trace, what is not a sum of lines', () => {
    for (const text of ['FY2023.scope4', 'FY2023.scope3.16', 'FY2023.scope3.0', '2023.scope1', 'FY2023', 'FY2023.Scope1']) {
      expect(parseFigureReference(text), text).toMatchObject({ ok: false, reason: expect.stringContaining('Unknown figure') });
    }
    expect(parseFigureReference('FY2023.pue', { traceable: true })).toEqual({ ok: false, reason: "PUE (data centres) is a ratio, not a sum of result lines: it cannot be traced; it divides total facility energy by IT energy (kWh, over the data centres with both): the workbook's Metrics sheet shows both per site and fiscal year, and the Records table lists the records they sum" });
    expect(parseFigureReference('FY2023.intensity.revenue.currency:GBP', { traceable: true }).ok).toBe(false);
    expect(parseFigureReference('FY2023.scope3.6', { traceable: true }).ok).toBe(true);
  });
});
