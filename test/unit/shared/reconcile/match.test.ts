import { describe, expect, it } from 'vitest';
import { parseIntensityUnit, suggestFigure } from '../../../../shared/reconcile/match';

const figureOf = (metric: string, unit: string | null = null) => {
  const suggestion = suggestFigure(metric, unit);
  return suggestion.ok ? suggestion.figure.id : null;
};

describe('matching a claim to a figure', () => {
  it.each([
    ['Total Scope 1 (tCO2e)', 'scope1'],
    ['Scope 1 & 2 net, market-based', 'net'],
    ['Scope 1 and 2 emissions (market-based)', 'net'],
    ['Scope 1+2 location-based', 'scope1_2_location'],
    ['Location-based Scope 2', 'scope2_location'],
    ['Scope 2 (market based)', 'scope2_market'],
    ['Average PUE of our data centres', 'pue'],
    ['Power Usage Effectiveness', 'pue'],
    ['Share of clean energy in data centres', 'data_centre_clean_share'],
    ['Renewable electricity share (data center)', 'data_centre_clean_share'],
    ['Renewable electricity share', 'clean_share'],
    ['Scope 3 emissions', 'scope3'],
    ['Scope 3 category 6', 'scope3.6'],
    ['Scope 3 – Cat. 7 employee commuting', 'scope3.7'],
    ['Business travel emissions', 'scope3.6'],
    ['Avoided emissions (Scope 4)', 'avoided'],
    ['Biogenic CO2', 'biogenic'],
    ['Net emissions', 'net'],
    ['Total (Location-Based) GHG Emissions (Metric Tons CO2e)', 'scope1_2_location'],
    ['Total (Market-Based) GHG Emissions', 'net'],
  ])('%j → %s', (metric, figure) => {
    expect(figureOf(metric)).toBe(figure);
  });

  it('gives its reason, and says why a data-centre share is never the all-sites share', () => {
    const suggestion = suggestFigure('Share of clean energy in data centres');
    expect(suggestion).toMatchObject({ ok: true, reason: expect.stringContaining('data-centre sites only, never all sites') });
  });

  it('suggests nothing it cannot tell, with the reason', () => {
    const reasonOf = (metric: string) => {
      const suggestion = suggestFigure(metric);
      expect(suggestion.ok).toBe(false);
      return suggestion.ok ? '' : suggestion.reason;
    };
    expect(reasonOf('Scope 2 emissions')).toContain('without saying location-based or market-based');
    expect(reasonOf('Scope 1 and 2')).toContain('choose one');
    expect(reasonOf('Total GHG emissions')).toContain('without their scopes or basis');
    expect(reasonOf('Scopes 1, 2 and 3')).toContain('not report as one figure');
    expect(reasonOf('Scope 2 emissions of data centres (market-based)')).toContain('data centres only');
    expect(reasonOf('Number of employees')).toContain('names no figure');
  });

  it('reads intensities from their unit', () => {
    expect(figureOf('Carbon intensity', 'tCO2e/£m')).toBe('intensity.revenue.currency:GBP');
    expect(figureOf('Emissions intensity per order', 'kgCO2e per order')).toBe('intensity.orders.count');
    expect(figureOf('Intensity', 'tCO2e/m2')).toBe('intensity.floor_area.m2');
    expect(parseIntensityUnit('tCO2e/£m')).toEqual({ numeratorTonnes: 1, per: 1_000_000, activity: 'revenue', unit: 'currency:GBP' });
    expect(parseIntensityUnit('kg CO2e per USD 1k')).toEqual({ numeratorTonnes: 0.001, per: 1000, activity: 'revenue', unit: 'currency:USD' });
    expect(parseIntensityUnit('tCO2e per employee')).toContain('not one the engagement reports');
    expect(suggestFigure('Carbon intensity')).toMatchObject({ ok: false, reason: expect.stringContaining('without a unit') });
  });
});
