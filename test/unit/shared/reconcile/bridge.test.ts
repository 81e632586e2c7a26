import { describe, expect, it } from 'vitest';
import { addRationals, rationalToNumber, shortestDecimalRational, ZERO } from '../../../../shared/calc/rational';
import { fsum } from '../../../../shared/calc/sum';
import { FIGURES } from '../../../../shared/figures';
import { bridgeCells, varianceBridge, type BridgeCell, type VarianceBridge } from '../../../../shared/reconcile/bridge';
import { seededRandom } from '../../../helpers/random';
import { calculate } from './inventory-fixture';

/** Every sum the bridge promises, checked in double arithmetic, in two orders. */
function expectExact(bridge: VarianceBridge): void {
  expect(bridge.toTco2e - bridge.fromTco2e).toBe(bridge.change);
  expect(bridge.volume + bridge.factor).toBe(bridge.change);
  expect(fsum(bridge.lines.map((line) => line.change))).toBe(bridge.change);
  expect(bridge.lines.reduce((sum, line) => sum + line.volume + line.factor, 0)).toBe(bridge.change);
  expect([...bridge.lines].reverse().reduce((sum, line) => sum + line.factor + line.volume, 0)).toBe(bridge.change);
  expect(bridge.lines.reduce((sum, line) => sum + line.fromTco2e, 0)).toBe(bridge.fromTco2e);
  expect(bridge.lines.reduce((sum, line) => sum + line.toTco2e, 0)).toBe(bridge.toTco2e);
  for (const line of bridge.lines) expect(line.volume + line.factor).toBe(line.change);
}

describe('the variance bridge', () => {
  const result = calculate();
  const cells = bridgeCells(result.lines, FIGURES.net, ['FY2022', 'FY2023']);

  it('decomposes net by activity: diesel down 10 % at the same factor is all volume; electricity split into volume and factor', () => {
    const bridge = varianceBridge(cells, { from: 'FY2022', to: 'FY2023', by: 'activity' });
    expectExact(bridge);
    expect(bridge).toMatchObject({ fromTco2e: 1250, toTco2e: 1005, change: -245, changePct: -19.6 });
    const diesel = bridge.lines.find((line) => line.key === 'diesel')!;
    expect(diesel).toMatchObject({ label: 'Diesel (average biofuel blend)', fromTco2e: 250, toTco2e: 225, change: -25, volume: -25, factor: 0 });
    // Facility energy 5,000 → 4,800 MWh; market-based tCO2e 800 → 560 as clean instruments grew from 1,000 to 2,000 MWh.
    const facility = bridge.lines.find((line) => line.key === 'facility_energy')!;
    expect(facility).toMatchObject({ fromTco2e: 800, toTco2e: 560, change: -240, volume: -32, factor: -208 });
    expect(bridge.lines[0]!.key).toBe('facility_energy');
  });

  it('decomposes by site, each site’s effects the sums of its activities’', () => {
    const bridge = varianceBridge(cells, { from: 'FY2022', to: 'FY2023', by: 'site' });
    expectExact(bridge);
    expect(bridge.lines.map((line) => [line.key, line.change])).toEqual([['DC North', -240], ['London', -5]]);
    // London: diesel −25 (volume), electricity 200 → 220 t, all volume (+100 MWh at 0.2).
    expect(bridge.lines[1]).toMatchObject({ volume: -5, factor: 0 });
  });

  it('counts a site new in the later year, or gone from it, as volume', () => {
    const bridge = varianceBridge([
      { site: 'Old', activity: 'diesel', unit: 'L', basis: 'scope1', fiscalYear: 'FY2022', quantity: 10, tco2e: 0.025 },
      { site: 'New', activity: 'diesel', unit: 'L', basis: 'scope1', fiscalYear: 'FY2023', quantity: 20, tco2e: 0.05 },
    ], { from: 'FY2022', to: 'FY2023', by: 'site' });
    expectExact(bridge);
    expect(bridge.lines.map((line) => [line.key, line.factor])).toEqual([['New', 0], ['Old', 0]]);
    // On the bridge's binary grid 0.05 is the nearest multiple of the step, within half a step.
    expect(Math.abs(bridge.lines[0]!.volume - 0.05)).toBeLessThanOrEqual(bridge.grid / 2);
    expect(Math.abs(bridge.lines[1]!.volume + 0.025)).toBeLessThanOrEqual(bridge.grid / 2);
  });

  it('sums exactly for awkward numbers, in any order, within a grid step of the exact totals', () => {
    const random = seededRandom(20230401);
    for (let attempt = 0; attempt < 40; attempt++) {
      const cells: BridgeCell[] = [];
      for (let index = 0; index < 30; index++) {
        const site = `Site ${index % 7}`;
        const activity = ['diesel', 'electricity', 'natural_gas'][index % 3]!;
        for (const fiscalYear of ['FY2022', 'FY2023']) {
          if (random() < 0.15) continue;
          const quantity = random() * 10 ** Math.floor(random() * 8);
          cells.push({ site, activity, unit: 'kWh', basis: 'scope1', fiscalYear, quantity, tco2e: quantity * random() * 0.003 });
        }
      }
      const bridge = varianceBridge(cells, { from: 'FY2022', to: 'FY2023', by: attempt % 2 === 0 ? 'site' : 'activity' });
      expectExact(bridge);
      const exactFrom = cells.filter((cell) => cell.fiscalYear === 'FY2022').reduce((sum, cell) => addRationals(sum, shortestDecimalRational(cell.tco2e)), ZERO);
      expect(Math.abs(bridge.fromTco2e - rationalToNumber(exactFrom))).toBeLessThanOrEqual(bridge.grid / 2);
    }
  });
});
