// What the first mutation run of factor selection found untested: the attribute note of a factor
// chosen after another variant lost on its unit, and refusals' words with more than one item.
import { describe, expect, it } from 'vitest';
import { selectFactor } from '../../../../shared/calc/factor-selection';
import { chosen, factor, failed, request, unit } from '../../../helpers/factor-selection';

const kg = unit('kg');

describe('the attribute note', () => {
  it('names what the chosen factor leaves out, even when a factor naming it lost on another rule', () => {
    // Both name one of the record's two attributes; the cabin-class factor is per litre, which kg do not convert to.
    const byCabin = factor(1, { activityKey: 'refrigerant', unitText: 'litres', attributes: { cabin_class: 'business' } });
    const byHaul = factor(2, { activityKey: 'refrigerant', unitText: 'kg', attributes: { haul: 'long haul' } });
    const selection = chosen(selectFactor([byCabin, byHaul], request({ unit: kg, attributes: { haul: 'Long-haul', cabin_class: 'Business' } })));
    expect(selection).toEqual({ id: 2, notes: ["attribute rule: no factor names the record's cabin class (Business); a factor for every cabin class used"] });
  });
});

describe('refusals', () => {
  it('says the library has no factor at all for the activity', () => {
    expect(failed(selectFactor([], request()))).toEqual({ ok: false, kind: 'no-factor', reason: 'the factor library has no factor for this activity' });
  });

  it('names every attribute the activity requires and the record leaves out', () => {
    const result = failed(selectFactor([factor(1, { attributes: { gas: 'SF6', haul: 'long haul' } })], request({ requiredAttributes: ['gas', 'haul'], attributes: { vehicle_size: 'large' } })));
    expect(result.reason).toBe("the record names no refrigerant gas or haul (factors are for refrigerant gas SF6, haul long haul); a record is never priced at another variant's factor");
  });

  it('lists each unreadable factor unit', () => {
    const result = failed(selectFactor([factor(1, { unitText: 'furlongs' }), factor(2, { unitText: 'hogsheads' })], request()));
    expect(result.reason).toMatch(/; unreadable factor units: #1: [^;]*furlongs[^;]*; #2: [^;]*hogsheads[^;]*$/);
  });

  it('calls a record outside a stated validity outside it, even beside an edition that starts later', () => {
    const stated = factor(1, { validityStated: true, validFrom: '2022-04-01', validTo: '2023-03-31' });
    const later = factor(2, { validFrom: '2025-01-01', validTo: '2025-12-31' });
    expect(failed(selectFactor([stated, later], request({ date: '2024-06-01' }))).reason).toBe(
      "the record's period is outside every fitting factor's validity (2022-04-01 to 2023-03-31; 2025-01-01 to 2025-12-31)",
    );
  });
});
