import { describe, expect, it } from 'vitest';
import { calculateInventory, type CalcRecord, type CalcSettings, type SiteInfo } from '../../../../shared/calc/inventory';
import { combinedTotal, compareSites, compareText, CountedSum, emissionTotals, groupBy, InventoryTotals } from '../../../../shared/calc/inventory-totals';
import { ONE } from '../../../../shared/calc/rational';

// January fiscal years: FY2023 is calendar 2023.
const SETTINGS: CalcSettings = { fiscal: { startMonth: 1, labelRule: 'end-year' }, gwpBasis: 'AR5', consolidationApproach: 'operational-control', defaultRegion: 'UK' };

/** A month of one kWh reading at a site: metric inputs need no factor. */
function reading(id: number, site: string | null, activity: string, kwh: number, month = '05', meaning: CalcRecord['meaning'] = 'metric'): CalcRecord {
  return { id, site, activity, meaning, quantity: kwh, unit: 'kWh', periodStart: `2023-${month}-01`, periodEnd: `2023-${month}-28`, unitBasis: null, scope3Category: null, region: null, instrument: null };
}

function counted(...values: number[]): CountedSum {
  const total = new CountedSum();
  for (const value of values) total.add(value);
  return total;
}

describe('ordering, the same on every machine', () => {
  it('compares text by code units, not by locale', () => {
    // A locale collation puts 'a' before 'B'; code units put every capital first.
    expect(['b', 'B', 'a', 'A'].sort(compareText)).toEqual(['A', 'B', 'a', 'b']);
    expect(compareText('site', 'site')).toBe(0);
    expect(compareText('a', 'b')).toBe(-1);
    expect(compareText('b', 'a')).toBe(1);
  });

  it('puts records without a site before every named site', () => {
    expect(['B', null, 'A'].sort(compareSites)).toEqual([null, 'A', 'B']);
    expect(compareSites(null, null)).toBe(0);
    expect(compareSites(null, 'A')).toBe(-1);
    expect(compareSites('A', null)).toBe(1);
    expect(compareSites('A', 'A')).toBe(0);
  });

  it('groups items by key, keeping their order within each group', () => {
    const groups = groupBy([3, 8, 5, 6, 1], (n) => n % 2);
    expect([...groups]).toEqual([[1, [3, 5, 1]], [0, [8, 6]]]);
  });

  it('lists fiscal years by their start and sites with records without a site first, whatever order the records came in', () => {
    const records = [
      { ...reading(1, 'Zeta', 'electricity', 10, '05', 'consumption'), periodStart: '2024-05-01', periodEnd: '2024-05-28' },
      reading(2, 'Alpha', 'electricity', 20, '05', 'consumption'),
      reading(3, null, 'electricity', 30, '05', 'consumption'),
      reading(4, 'Zeta', 'electricity', 40, '05', 'consumption'),
    ];
    const result = calculateInventory({ records, factors: [], settings: SETTINGS });
    expect(result.periods.map((period) => period.label)).toEqual(['FY2023', 'FY2024']);
    expect(result.periods[0]!.sites.map((site) => site.site)).toEqual([null, 'Alpha', 'Zeta']);
    expect(result.periods[0]!.metrics.electricityKwh).toBe(90);
    expect(result.periods[1]!.metrics.electricityKwh).toBe(10);
  });
});

describe('sums', () => {
  it('combines groups into the correctly rounded sum of all their values, null when no value went in', () => {
    // 0.1 + 0.2 + 0.3 summed left to right is 0.6000000000000001; the exact sum rounds to 0.6.
    expect(combinedTotal([counted(0.1), counted(0.2, 0.3)])).toBe(0.6);
    expect(combinedTotal([])).toBeNull();
    expect(combinedTotal([new CountedSum(), new CountedSum()])).toBeNull();
    // A group whose values cancel still has values: 0, not "no figure".
    expect(combinedTotal([counted(5, -5)])).toBe(0);
  });

  it('rebuilds a stored group from its exact parts and count', () => {
    const stored = counted(1e16, 1, 1);
    const rebuilt = CountedSum.of(stored.count, stored.sum.exactParts());
    expect(rebuilt.count).toBe(3);
    expect(combinedTotal([rebuilt])).toBe(10000000000000002);
  });

  it('lists only the groups that received a line', () => {
    const totals = new InventoryTotals();
    totals.lineGroup('FY2023', 'A', 'diesel', 'scope1', null, ONE);
    const used = totals.lineGroup('FY2023', 'B', 'diesel', 'scope1', null, ONE);
    used.total.add(2);
    expect(totals.groups().map((group) => group.site)).toEqual(['B']);
  });

  it('lists a site in a year only when a line or a metric input of that year went to it', () => {
    const totals = new InventoryTotals();
    totals.metricGroup('FY2023', 'Idle', 'it');
    totals.metricGroup('FY2023', 'DC', 'it').add(400);
    totals.metricGroup('FY2023', 'DC', 'facility').add(600);
    const year = { label: 'FY2023', start: '2023-01-01', end: '2023-12-31' };
    const [result] = totals.periodResults(new Map([[year.label, year]]), () => ({ share: 1, isDataCentre: true }));
    expect(result!.sites.map((site) => site.site)).toEqual(['DC']);
    expect(result!.metrics).toMatchObject({ pue: 1.5, itKwh: 400 });
  });

  it('keeps a site named "null" apart from records without a site', () => {
    const totals = new InventoryTotals();
    totals.lineGroup('FY2023', null, 'diesel', 'scope1', null, ONE).total.add(1);
    totals.lineGroup('FY2023', 'null', 'diesel', 'scope1', null, ONE).total.add(2);
    expect(totals.groups().map((group) => [group.site, combinedTotal([group.total])])).toEqual([[null, 1], ['null', 2]]);
    expect(totals.metricGroup('FY2023', null, 'it')).not.toBe(totals.metricGroup('FY2023', 'null', 'it'));
    expect(totals.metricGroup('FY2023', 'null', 'it')).toBe(totals.metricGroup('FY2023', 'null', 'it'));
  });

  it('adds records of one site and activity in different units to the same figure', () => {
    const records = [reading(1, 'A', 'electricity', 1000, '05', 'consumption'), { ...reading(2, 'A', 'electricity', 2, '06', 'consumption'), unit: 'MWh' }];
    const grid = { id: 1, factorSetId: 1, setKey: 'grid', setYear: 2023, validFrom: '2023-01-01', validTo: '2023-12-31', setRegion: 'UK', gwpBasis: 'AR5', region: 'UK', scope: 'Scope 2', biogenic: false, activityKey: 'electricity', unitText: 'kWh', co2ePerUnitKg: 0.5, gases: [], label: 'grid', variant: null } as const;
    const [year] = calculateInventory({ records, factors: [grid], settings: SETTINGS }).periods;
    // 1,000 kWh + 2 MWh = 3,000 kWh × 0.5 kg = 1.5 t.
    expect(year).toMatchObject({ scope2Location: 1.5, metrics: { electricityKwh: 3000 } });
  });

  it('totals each Scope 3 category, with uncategorised lines under their own key', () => {
    const line = (scope3Category: number | null, value: number) => ({ basis: 'scope3' as const, scope3Category, total: counted(value) });
    const totals = emissionTotals([line(6, 2), line(1, 3), line(null, 0.5), line(6, 1), { basis: 'scope1', scope3Category: null, total: counted(7) }]);
    expect(totals).toMatchObject({ scope1: 7, scope3: 6.5, scope3ByCategory: { 1: 3, 6: 3, uncategorised: 0.5 } });
  });
});

describe('metrics', () => {
  const inside = (name: string, fields: Partial<SiteInfo> = {}): SiteInfo => ({ name, ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: 'UK', ...fields });

  it('gives no PUE when the IT energy adds up to zero, rather than an infinite one', () => {
    const [year] = calculateInventory({ records: [reading(1, 'DC', 'facility_energy', 500), reading(2, 'DC', 'it_energy', 0)], factors: [], settings: SETTINGS }).periods;
    expect(year!.metrics).toMatchObject({ pue: null, itKwh: 0, facilityKwh: 500 });
  });

  it('takes only sites inside the boundary into the year’s metrics, while each site still shows its own', () => {
    const records = [
      reading(1, 'Own DC', 'facility_energy', 1500),
      reading(2, 'Own DC', 'it_energy', 1000),
      reading(3, 'Partner DC', 'facility_energy', 3000),
      reading(4, 'Partner DC', 'it_energy', 1000),
      reading(5, 'Partner DC', 'electricity', 3000, '05', 'consumption'),
    ];
    const sites = [inside('Own DC'), inside('Partner DC', { operationalControl: false, ownershipPercent: 50 })];
    const [year] = calculateInventory({ records, factors: [], sites, settings: SETTINGS }).periods;
    // The partner's data centre is outside operational control: 0%, so the year's PUE is ours alone.
    expect(year!.metrics).toMatchObject({ pue: 1.5, facilityKwh: 1500, itKwh: 1000, electricityKwh: null });
    expect(year!.sites.map((site) => [site.site, site.share, site.metrics.pue, site.metrics.electricityKwh])).toEqual([
      ['Own DC', 1, 1.5, null],
      ['Partner DC', 0, 3, 3000],
    ]);
  });

  it('divides facility by IT energy over the data centres that report both, whatever else the others report', () => {
    const records = [
      reading(1, 'DC North', 'facility_energy', 1300),
      reading(2, 'DC North', 'it_energy', 1000),
      // DC South reports IT energy and its electricity, but no facility energy: it has no PUE to add.
      reading(3, 'DC South', 'it_energy', 700),
      reading(4, 'DC South', 'electricity', 900, '05', 'consumption'),
    ];
    const [year] = calculateInventory({ records, factors: [], settings: SETTINGS }).periods;
    expect(year!.metrics).toMatchObject({ pue: 1.3, facilityKwh: 1300, itKwh: 1000 });
    // Each site still shows what it recorded: DC South its IT energy, with no PUE of its own.
    expect(year!.sites.map((site) => [site.site, site.metrics.facilityKwh, site.metrics.itKwh, site.metrics.pue])).toEqual([
      ['DC North', 1300, 1000, 1.3],
      ['DC South', null, 700, null],
    ]);
  });

  it('counts a share of clean electricity as 0, not unknown, where electricity was consumed but no instrument held', () => {
    const [year] = calculateInventory({ records: [reading(1, 'Office', 'electricity', 800, '05', 'consumption')], factors: [], settings: SETTINGS }).periods;
    expect(year!.metrics).toMatchObject({ cleanShare: 0, cleanKwh: null, electricityKwh: 800, pue: null, dataCentreCleanShare: null });
  });
});
