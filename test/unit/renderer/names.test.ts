/**
 * The UI names figures, activities, Scope 3 categories and factor sets' editions and validity from
 * its own catalogue by id (shared/ keeps its English for the workbook and the CLI): every id has a
 * name, and names a person picks between in one list are told apart.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVITIES, ACTIVITY_MEANINGS } from '../../../shared/activities';
import { FIGURE_IDS, FIGURES, figureById, intensityFigure, scope3CategoryFigure } from '../../../shared/figures';
import { t } from '../../../shared/messages';
import { activityName, figureName, figureNameOf, scope3CategoryName } from '../../../renderer/src/labels';
import { figureRows, type FigureSource } from '../../../renderer/src/screens/inventory/figures';
import { editionText, validityText } from '../../../renderer/src/screens/factors/setText';

const SCOPE3_CATEGORY_NUMBERS = Array.from({ length: 15 }, (_, index) => index + 1);

/** The names repeated among several, or blank: [] when each is non-empty and told apart. */
function blankOrRepeated(names: readonly string[]): string[] {
  return names.filter((name, index) => name.trim() === '' || names.indexOf(name) !== index);
}

describe('names from the catalogue', () => {
  it('names every figure of the catalogue, each its own name', () => {
    const names = FIGURE_IDS.map((id) => figureName(FIGURES[id]));
    expect(blankOrRepeated(names)).toEqual([]);
    expect(Object.keys(t.figureNames).sort()).toEqual([...FIGURE_IDS].sort());
    expect(figureNameOf('scope2_market')).toBe('Scope 2 market-based');
  });

  it('names every activity of the vocabulary, each its own name, and an unknown key as itself', () => {
    const names = ACTIVITIES.map((activity) => activityName(activity.key));
    expect(blankOrRepeated(names)).toEqual([]);
    expect(names).not.toContain(expect.stringMatching(/^[a-z0-9_]+$/));
    expect(Object.keys(t.activityNames).sort()).toEqual(ACTIVITIES.map((activity) => activity.key).sort());
    expect(activityName('natural_gas')).toBe('Natural gas');
    expect(activityName('not_an_activity')).toBe('not_an_activity');
  });

  it('names every meaning a column can have, each its own words, none a bare key', () => {
    const names = ACTIVITY_MEANINGS.map((meaning) => t.activityMeanings[meaning]);
    expect(blankOrRepeated(names)).toEqual([]);
    expect(names.filter((name) => (ACTIVITY_MEANINGS as readonly string[]).includes(name))).toEqual([]);
    expect(Object.keys(t.activityMeanings).sort()).toEqual([...ACTIVITY_MEANINGS].sort());
  });

  it('names the fifteen Scope 3 categories, each its own name, and the lines that name none', () => {
    const names = SCOPE3_CATEGORY_NUMBERS.map((category) => scope3CategoryName(category));
    expect(blankOrRepeated(names)).toEqual([]);
    expect(Object.keys(t.scope3Categories).map(Number)).toEqual(SCOPE3_CATEGORY_NUMBERS);
    expect(figureName(scope3CategoryFigure(6))).toBe('Category 6: Business travel');
    expect(figureNameOf('scope3.uncategorised')).toBe(t.figures.noCategoryGiven);
  });

  it('names an intensity by its denominator’s noun and unit, and no figure for an id none has', () => {
    expect(figureName(intensityFigure('floor_area', 'm2'))).toBe('Net tCO2e per m2 of floor area');
    expect(figureName(figureById('intensity.revenue.currency:GBP')!)).toBe('Net tCO2e per currency:GBP of revenue');
    expect(figureNameOf('scope4')).toBeNull();
    expect(figureNameOf(null)).toBeNull();
  });

  it('names the lead schedule’s rows: the catalogue’s figures, the categories present and each intensity at the scale it reads in', () => {
    const intensity = (denominator: string, unit: string) => ({ denominator, unit, quantity: 1, netTco2ePerUnit: 1 });
    const totals = {
      scope3ByCategory: { 6: 1, uncategorised: 1 },
      intensities: [intensity('revenue', 'currency:GBP'), intensity('orders', 'count'), intensity('floor_area', 'm2')],
    } as unknown as FigureSource;
    const labels = figureRows([totals]).map((row) => row.label);
    expect(labels).toEqual([
      'Scope 1', 'Scope 2 location-based', 'Scope 2 market-based', 'Scope 3', 'Category 6: Business travel', 'No category given',
      'Net (Scope 1 + market-based Scope 2)', 'Scope 1 + location-based Scope 2', 'Biogenic CO2 (outside scopes)', 'Avoided emissions',
      'PUE (data centres)', 'Clean-electricity share', 'Data-centre clean share',
      'Net tCO2e per m² of floor area', 'Net tCO2e per order', 'Net tCO2e per £m of revenue',
    ]);
  });

  it('words a set’s edition and validity, undated and open-ended ones included', () => {
    expect([editionText('2022'), editionText(''), editionText('undated')]).toEqual(['2022', 'Undated', 'Undated']);
    expect(validityText('2022-01-01', '2022-12-31')).toBe('2022-01-01 – 2022-12-31');
    expect(validityText('0001-01-01', '9999-12-31')).toBe('undated (any period)');
    expect(validityText(null, null)).toBe('undated (any period)');
    expect(validityText('2022-01-01', '9999-12-31')).toBe('from 2022-01-01');
    expect(validityText('0001-01-01', '2022-12-31')).toBe('until 2022-12-31');
  });
});
