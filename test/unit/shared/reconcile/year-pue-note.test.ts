/** What the workbook and the CLI say about a year's PUE when it has no value. */
import { describe, expect, it } from 'vitest';
import { calculateInventory } from '../../../../shared/calc/inventory';
import { yearPueNote } from '../../../../shared/reconcile/missing-inputs';
import { DIESEL, fixtureRecords, GRID, IRISH_GRID, SETTINGS, SITES } from './inventory-fixture';

const WITHOUT_PUE_INPUTS = fixtureRecords().filter((record) => record.activity !== 'it_energy' && record.activity !== 'facility_energy');

function fy2023(sites = SITES) {
  const result = calculateInventory({ records: WITHOUT_PUE_INPUTS, factors: [DIESEL, GRID, IRISH_GRID], sites, settings: SETTINGS });
  return result.periods.find((period) => period.label === 'FY2023')!;
}

describe('a year without PUE', () => {
  it('says why when a data centre in the boundary records neither input', () => {
    const year = fy2023();
    expect(year.sites.find((site) => site.site === 'DC North')).toMatchObject({ isDataCentre: true });
    expect(yearPueNote(year)).toBe('PUE (data centres) cannot be computed in FY2023: no data centre in the reporting boundary records both IT energy and total facility energy');
  });

  it('says nothing when the boundary has no data centre and no site records either input', () => {
    const year = fy2023(SITES.map((site) => ({ ...site, isDataCentre: false })));
    expect(year.metrics.pue).toBeNull();
    expect(yearPueNote(year)).toBeNull();
  });
});
