import { describe, expect, it } from 'vitest';
import {
  BLEND_COMPOSITIONS,
  GAS_IDS,
  GWP_BASES,
  co2eFromGases,
  gwp,
  parseGas,
  type GwpBasis,
} from '../../../../shared/calc/gwp';

function gwpValue(gas: string, basis: GwpBasis): number {
  const result = gwp(gas, basis);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('gwp', () => {
  it('lists the three assessment reports', () => {
    expect(GWP_BASES).toEqual(['AR4', 'AR5', 'AR6']);
  });

  it.each([
    ['CO2', 1, 1, 1],
    ['CH4', 25, 28, 27.9],
    ['N2O', 298, 265, 273],
    ['SF6', 22800, 23500, 25200],
    ['NF3', 17200, 16100, 17400],
    ['HFC-32', 675, 677, 771],
    ['HFC-125', 3500, 3170, 3740],
    ['HFC-134a', 1430, 1300, 1530],
    ['HFC-143a', 4470, 4800, 5810],
  ])('%s: AR4 %d, AR5 %d, AR6 %d', (gas, ar4, ar5, ar6) => {
    expect(gwpValue(gas, 'AR4')).toBe(ar4);
    expect(gwpValue(gas, 'AR5')).toBe(ar5);
    expect(gwpValue(gas, 'AR6')).toBe(ar6);
  });

  it('has a separate fossil methane value in AR6 only', () => {
    expect(gwpValue('CH4_fossil', 'AR6')).toBe(29.8);
    expect(gwpValue('fossil methane', 'AR6')).toBe(29.8);
    for (const basis of ['AR4', 'AR5'] as const) {
      const result = gwp('CH4_fossil', basis);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/fossil methane/);
    }
  });

  it.each([
    // Mass-weighted sums, e.g. R-404A under AR4: 0.44 × 3500 + 0.52 × 4470 + 0.04 × 1430.
    ['R-410A', 2087.5, 1923.5, 2255.5],
    ['R-404A', 3921.6, 3942.8, 4728],
    ['R-407C', 1773.85, 1624.21, 1907.93],
  ])('blend %s: AR4 %d, AR5 %d, AR6 %d, exactly', (gas, ar4, ar5, ar6) => {
    expect(gwpValue(gas, 'AR4')).toBe(ar4);
    expect(gwpValue(gas, 'AR5')).toBe(ar5);
    expect(gwpValue(gas, 'AR6')).toBe(ar6);
  });

  it('computes blends exactly where summing doubles would not', () => {
    // R-407C under AR6 in doubles: 0.23 × 771 + 0.25 × 3740 + 0.52 × 1530 = 1907.9299999999998.
    const naive = 0.23 * 771 + 0.25 * 3740 + 0.52 * 1530;
    expect(naive).not.toBe(1907.93);
    expect(gwpValue('R-407C', 'AR6')).toBe(1907.93);
  });

  it('has blend compositions that add up to 100 %', () => {
    for (const components of Object.values(BLEND_COMPOSITIONS)) {
      expect(components.reduce((total, component) => total + Number(component.percent), 0)).toBe(100);
    }
  });

  it.each([
    ['R-134a', 'HFC-134a'], ['R134a', 'HFC-134a'], ['HFC134a', 'HFC-134a'], ['hfc-134a', 'HFC-134a'],
    ['HFC 134a', 'HFC-134a'], ['R-32', 'HFC-32'], ['R32', 'HFC-32'], ['R-125', 'HFC-125'], ['R143a', 'HFC-143a'],
    ['methane', 'CH4'], ['Methane', 'CH4'], ['CH₄', 'CH4'], ['ch4', 'CH4'],
    ['carbon dioxide', 'CO2'], ['CO₂', 'CO2'], ['nitrous oxide', 'N2O'], ['N₂O', 'N2O'],
    ['sulphur hexafluoride', 'SF6'], ['sulfur hexafluoride', 'SF6'], ['nitrogen trifluoride', 'NF3'],
    ['R410A', 'R-410A'], ['r-410a', 'R-410A'], ['R 404A', 'R-404A'], ['R407C', 'R-407C'],
    ['fossil CH4', 'CH4_fossil'], [' CO2 ', 'CO2'],
  ])('reads %j as %s', (text, id) => {
    expect(parseGas(text)).toEqual({ ok: true, gas: id });
  });

  it('reads every gas id as itself', () => {
    for (const id of GAS_IDS) expect(parseGas(id)).toEqual({ ok: true, gas: id });
  });

  it('refuses an unknown gas, quoting it', () => {
    expect(gwp('R-22', 'AR5')).toEqual({ ok: false, reason: "unknown gas 'R-22'" });
    expect(gwp('', 'AR5').ok).toBe(false);
  });
});

describe('co2eFromGases', () => {
  it('reproduces the EPA Hub natural gas factor exactly: 53.06 kg CO2 + 1 g CH4 + 0.1 g N2O per mmBtu = 53.1145 kg CO2e (AR5)', () => {
    // Exact equality is the right check here, not a tolerance: amounts are taken as the decimals
    // they were written as (0.0001 is exactly 1/10000), products and the total are exact decimal
    // arithmetic, and the total is rounded to a double once. 53.06 + 0.028 + 0.0265 is exactly
    // 53.1145, so the result must be the double nearest to 53.1145, i.e. the literal.
    const result = co2eFromGases(
      [
        { gas: 'CO2', amount: 53.06 },
        { gas: 'CH4', amount: 0.001 },
        { gas: 'N2O', amount: 0.0001 },
      ],
      'AR5',
    );
    expect(result).toEqual({
      ok: true,
      total: 53.1145,
      contributions: [
        { gas: 'CO2', amount: 53.06, gwp: 1, co2e: 53.06 },
        { gas: 'CH4', amount: 0.001, gwp: 28, co2e: 0.028 },
        { gas: 'N2O', amount: 0.0001, gwp: 265, co2e: 0.0265 },
      ],
    });
    // Plain double arithmetic gives a contribution one unit in the last place off.
    expect(0.0001 * 265).not.toBe(0.0265);
  });

  it('uses AR4 values when asked', () => {
    const result = co2eFromGases(
      [
        { gas: 'CO2', amount: 53.06 },
        { gas: 'methane', amount: 0.001 },
        { gas: 'nitrous oxide', amount: 0.0001 },
      ],
      'AR4',
    );
    // 53.06 + 0.001 × 25 + 0.0001 × 298 = 53.1148
    expect(result.ok && result.total).toBe(53.1148);
  });

  it('does not depend on the order of the gases', () => {
    const amounts = [
      { gas: 'CO2', amount: 2.51072 },
      { gas: 'CH4', amount: 0.0000123 },
      { gas: 'N2O', amount: 0.0001177 },
      { gas: 'SF6', amount: 0.0000001 },
    ];
    const forward = co2eFromGases(amounts, 'AR6');
    const backward = co2eFromGases([...amounts].reverse(), 'AR6');
    expect(forward.ok && backward.ok).toBe(true);
    expect(forward.ok && forward.total).toBe(backward.ok && backward.total);
    // 2.51072 + 0.0000123 × 27.9 + 0.0001177 × 273 + 0.0000001 × 25200
    //   = 2.51072 + 0.00034317 + 0.0321321 + 0.00252 = 2.54571527
    expect(forward.ok && forward.total).toBe(2.54571527);
  });

  it('handles refrigerant leakage of a blend', () => {
    const result = co2eFromGases([{ gas: 'R-410A', amount: 12.5 }], 'AR5');
    expect(result.ok && result.total).toBe(24043.75);
    expect(result.ok && result.contributions[0]?.gwp).toBe(1923.5);
  });

  it('gives zero for no gases', () => {
    expect(co2eFromGases([], 'AR5')).toEqual({ ok: true, total: 0, contributions: [] });
  });

  it('refuses an unknown gas, a non-finite amount and a gas without a value under the basis', () => {
    expect(co2eFromGases([{ gas: 'CO2', amount: 1 }, { gas: 'unobtainium', amount: 1 }], 'AR5')).toEqual({
      ok: false, reason: "unknown gas 'unobtainium'",
    });
    expect(co2eFromGases([{ gas: 'CO2', amount: Number.NaN }], 'AR5').ok).toBe(false);
    expect(co2eFromGases([{ gas: 'CH4_fossil', amount: 1 }], 'AR5').ok).toBe(false);
  });
});
