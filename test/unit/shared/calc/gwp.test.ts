import { describe, expect, it } from 'vitest';
import {
  BLEND_COMPOSITIONS,
  GAS_IDS,
  GWP_BASES,
  GWP_TABLES,
  co2eFromGases,
  gwp,
  parseGas,
  type GwpBasis,
  type MethaneOrigin,
} from '../../../../shared/calc/gwp';

function gwpValue(gas: string, basis: GwpBasis, origin: MethaneOrigin | null = null): number {
  const result = gwp(gas, basis, origin);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('gwp', () => {
  it('lists the three assessment reports', () => {
    expect(GWP_BASES).toEqual(['AR4', 'AR5', 'AR6']);
  });

  it('names the source of every table, AR6 being the GHG Protocol inventory table', () => {
    expect(GWP_TABLES.AR4.source).toMatch(/AR4|Fourth Assessment/);
    expect(GWP_TABLES.AR5.source).toMatch(/Fifth Assessment/);
    expect(GWP_TABLES.AR6.source).toMatch(/GHG Protocol.*version 2\.0 \(August 2024\)/);
  });

  it.each([
    ['CO2', 1, 1, 1],
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

  it('weighs methane 25 (AR4) and 28 (AR5) whatever its origin', () => {
    for (const origin of [null, 'fossil', 'non-fossil'] as const) {
      expect(gwpValue('CH4', 'AR4', origin)).toBe(25);
      expect(gwpValue('CH4', 'AR5', origin)).toBe(28);
    }
  });

  it('weighs AR6 methane by its origin, as the GHG Protocol table gives it: fossil 29.8, non-fossil 27.0 (never 27.9)', () => {
    expect(gwpValue('CH4', 'AR6', 'fossil')).toBe(29.8);
    expect(gwpValue('CH4', 'AR6', 'non-fossil')).toBe(27);
    expect(gwpValue('CH4_fossil', 'AR6')).toBe(29.8);
    expect(gwpValue('fossil methane', 'AR6')).toBe(29.8);
    expect(gwpValue('biogenic methane', 'AR6')).toBe(27);
    expect(gwpValue('CH4 non-fossil', 'AR6', 'fossil')).toBe(27);
    const unknown = gwp('CH4', 'AR6');
    expect(unknown).toEqual({ ok: false, reason: "AR6 weights fossil methane 29.8 and non-fossil methane 27.0, and this factor's fuel origin is not known" });
    for (const basis of ['AR4', 'AR5'] as const) {
      const result = gwp('CH4_fossil', basis);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/one GWP for all methane, none for fossil methane apart/);
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
    ['fossil CH4', 'CH4_fossil'], ['non-fossil methane', 'CH4_non_fossil'], ['CH₄ biogenic', 'CH4_non_fossil'], [' CO2 ', 'CO2'],
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
    const forward = co2eFromGases(amounts, 'AR6', 'fossil');
    const backward = co2eFromGases([...amounts].reverse(), 'AR6', 'fossil');
    expect(forward.ok && backward.ok).toBe(true);
    expect(forward.ok && forward.total).toBe(backward.ok && backward.total);
    // 2.51072 + 0.0000123 × 29.8 + 0.0001177 × 273 + 0.0000001 × 25200
    //   = 2.51072 + 0.00036654 + 0.0321321 + 0.00252 = 2.54573864
    expect(forward.ok && forward.total).toBe(2.54573864);
  });

  it('weighs the EPA Hub natural gas factor under AR6 with fossil methane: 53.06 + 0.001 × 29.8 + 0.0001 × 273 = 53.1171', () => {
    const gases = [{ gas: 'CO2', amount: 53.06 }, { gas: 'CH4', amount: 0.001 }, { gas: 'N2O', amount: 0.0001 }];
    expect(co2eFromGases(gases, 'AR6', 'fossil')).toMatchObject({ ok: true, total: 53.1171 });
    // Landfill gas's methane is non-fossil: 0.001 × 27.0.
    expect(co2eFromGases(gases, 'AR6', 'non-fossil')).toMatchObject({ ok: true, total: 53.1143 });
    expect(co2eFromGases(gases, 'AR6').ok).toBe(false);
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
