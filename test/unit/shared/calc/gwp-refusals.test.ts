// The words of the GWP refusals, as a finding quotes them: the gas as written, without the spaces
// around it, and the amount that is not a number.
import { describe, expect, it } from 'vitest';
import { co2eFromGases, parseGas } from '../../../../shared/calc/gwp';

describe('GWP refusals', () => {
  it('quotes an unknown gas without the spaces around it', () => {
    expect(parseGas('  R-22 \t')).toEqual({ ok: false, reason: "unknown gas 'R-22'" });
  });

  it('names the gas and the amount that is not a finite number', () => {
    expect(co2eFromGases([{ gas: 'N2O', amount: Infinity }], 'AR6')).toEqual({ ok: false, reason: 'amount of N2O is not a finite number (Infinity)' });
    expect(co2eFromGases([{ gas: 'CO2', amount: 2 }, { gas: 'CH4', amount: Number.NaN }], 'AR5')).toEqual({ ok: false, reason: 'amount of CH4 is not a finite number (NaN)' });
  });
});
