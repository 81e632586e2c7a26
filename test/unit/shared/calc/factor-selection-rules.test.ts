// Factor selection's rules one by one, with the words of every note and refusal: what an auditor
// reads in the trace and the findings is the outcome here.
import { describe, expect, it } from 'vitest';
import { pinnedFactor, selectFactor, type FactorRequest } from '../../../../shared/calc/factor-selection';
import type { CalcFactor } from '../../../../shared/calc/inventory-types';
import { chosen, factor as gasFactor, failed, request as gasRequest, unit } from '../../../helpers/factor-selection';

/** A refrigerant factor per kg. */
const factor = (id: number, fields: Partial<CalcFactor> = {}): CalcFactor => gasFactor(id, { activityKey: 'refrigerant', unitText: 'kg', ...fields });
const request = (fields: Partial<FactorRequest> = {}): FactorRequest => gasRequest({ unit: unit('kg'), ...fields });

describe('rule 0: attributes', () => {
  const r410a = factor(1, { attributes: { gas: 'R-410A' } });
  const r134a = factor(2, { attributes: { gas: 'HFC-134a' } });
  const anyGas = factor(3, { attributes: null });

  it("prices a record at its own variant's factor, the gas matched by identity, not spelling", () => {
    expect(chosen(selectFactor([r410a, r134a], request({ attributes: { gas: 'R134a' } })))).toEqual({ id: 2, notes: [] });
    expect(chosen(selectFactor([r134a, r410a, anyGas], request({ attributes: { gas: 'r-410a' } })))).toEqual({ id: 1, notes: [] });
  });

  it('takes a factor for every variant when none names the record’s, and says which attribute went unmatched', () => {
    const selection = chosen(selectFactor([r410a, anyGas], request({ attributes: { gas: 'R-404A' } })));
    expect(selection).toEqual({ id: 3, notes: ["attribute rule: no factor names the record's refrigerant gas (R-404A); a factor for every refrigerant gas used"] });
  });

  it('names every unmatched attribute of the record, in attribute order', () => {
    const flight = factor(4, { activityKey: 'flights', attributes: { haul: 'short haul' } });
    const selection = chosen(selectFactor([flight], request({ attributes: { cabin_class: 'Economy', haul: 'Short-haul', vehicle_size: 'small' } })));
    expect(selection.notes).toEqual(["attribute rule: no factor names the record's cabin class (Economy), vehicle size (small); a factor for every cabin class and vehicle size used"]);
  });

  it('notes nothing when the record has no attributes and the factor names none', () => {
    expect(chosen(selectFactor([anyGas], request()))).toEqual({ id: 3, notes: [] });
  });

  it("never prices a record at another variant's factor, and lists the variants there are", () => {
    const result = failed(selectFactor([r410a, r134a], request({ attributes: { gas: 'SF6' } })));
    expect([result.kind, result.reason]).toEqual([
      'no-factor',
      'no factor for refrigerant gas SF6 (factors are for refrigerant gas HFC-134a; refrigerant gas R-410A); a record is never priced at another variant\'s factor',
    ]);
  });

  it('refuses a record without the attribute its activity requires, and a factor that does not name it', () => {
    const noGas = failed(selectFactor([r410a, anyGas], request({ requiredAttributes: ['gas'] })));
    expect(noGas.reason).toBe("the record names no refrigerant gas (factors are for no attributes; refrigerant gas R-410A); a record is never priced at another variant's factor");
    const onlyGeneric = failed(selectFactor([anyGas], request({ attributes: { gas: 'R-410A' }, requiredAttributes: ['gas'] })));
    expect(onlyGeneric.reason).toBe("no factor for refrigerant gas R-410A (factors are for no attributes); a record is never priced at another variant's factor");
    expect(chosen(selectFactor([anyGas, r410a], request({ attributes: { gas: 'R-410A' }, requiredAttributes: ['gas'] })))).toEqual({ id: 1, notes: [] });
  });

  it('lists each variant once', () => {
    const again = factor(5, { attributes: { gas: 'R-410A' }, factorSetId: 2 });
    const result = failed(selectFactor([r410a, again], request({ attributes: { gas: 'SF6' } })));
    expect(result.reason).toBe("no factor for refrigerant gas SF6 (factors are for refrigerant gas R-410A); a record is never priced at another variant's factor");
  });

  it('prefers the factor naming most of the record’s attributes', () => {
    const haulOnly = factor(6, { attributes: { haul: 'long haul' } });
    const both = factor(7, { attributes: { haul: 'long haul', cabin_class: 'business' } });
    expect(chosen(selectFactor([haulOnly, both], request({ attributes: { haul: 'Long-haul', cabin_class: 'Business' } })))).toEqual({ id: 7, notes: [] });
    // A factor naming another cabin class does not fit at all, however many attributes it names.
    expect(chosen(selectFactor([haulOnly, both], request({ attributes: { haul: 'long haul', cabin_class: 'economy' } })))).toEqual({
      id: 6,
      notes: ["attribute rule: no factor names the record's cabin class (economy); a factor for every cabin class used"],
    });
  });
});

describe('rule 1: units', () => {
  it('names the units factors are per, once each and sorted, and the unreadable ones with their reasons', () => {
    const pool = [factor(3, { unitText: 'litres' }), factor(1, { unitText: 'furlongs' }), factor(2, { unitText: 'litres' }), factor(4, { unitText: 'kWh' })];
    const result = failed(selectFactor(pool, request({ unit: unit('kg') })));
    expect(result.kind).toBe('unit');
    expect(result.reason).toMatch(/^no factor is per a unit that kg converts to \(factors are per 'furlongs', 'kWh', 'litres'\); unreadable factor units: #1: .*furlongs/);
    const readable = failed(selectFactor([factor(2, { unitText: 'litres' })], request({ unit: unit('kg') })));
    expect(readable.reason).toBe("no factor is per a unit that kg converts to (factors are per 'litres')");
  });

  it('passes over an unreadable unit when another factor fits', () => {
    expect(chosen(selectFactor([factor(1, { unitText: 'furlongs' }), factor(2, { unitText: 'tonnes' })], request()))).toEqual({ id: 2, notes: [] });
  });

  it('gives the conversion from the record’s unit to the factor’s', () => {
    const selection = selectFactor([factor(1, { unitText: 'tonnes' })], request());
    expect(selection.ok && [selection.factorUnit.id, selection.conversion]).toEqual(['t', { ok: true, factor: 0.001, factorText: '0.001' }]);
  });
});

describe('rule 2: region', () => {
  it('matches regions without case or surrounding spaces, the factor’s own before its set’s', () => {
    const pool = [factor(1, { region: ' scotland ' }), factor(2)];
    expect(chosen(selectFactor(pool, request({ region: 'SCOTLAND' })))).toEqual({ id: 1, notes: [] });
    expect(chosen(selectFactor(pool, request({ region: ' uk' })))).toEqual({ id: 2, notes: [] });
  });

  it('falls back to a set-wide factor for a record without a region, with a note', () => {
    const pool = [factor(1, { region: 'Scotland' }), factor(2, { region: 'uk' })];
    const selection = chosen(selectFactor(pool, request({ region: null })));
    expect(selection).toEqual({ id: 2, notes: ['region rule: the record gives no region; set-wide factor of desnz-2023 (uk) used'] });
  });

  it('names the regions there are when neither the region nor a set-wide factor fits', () => {
    const pool = [factor(1, { region: 'Wales' }), factor(2, { region: 'Scotland' }), factor(3, { region: 'Wales' })];
    expect(failed(selectFactor(pool, request({ region: 'NI' }))).reason).toBe('no factor for region NI and no set-wide factor (factors exist for Scotland, Wales)');
    expect(failed(selectFactor(pool, request({ region: null }))).reason).toBe('no factor for region (none given) and no set-wide factor (factors exist for Scotland, Wales)');
  });
});

describe('rule 3: validity', () => {
  const stated = { validityStated: true, validFrom: '2023-04-01', validTo: '2024-03-31' };

  it('takes the validity’s first and last days as in force', () => {
    expect(chosen(selectFactor([factor(1, stated)], request({ date: '2023-04-01' }))).id).toBe(1);
    expect(chosen(selectFactor([factor(1, stated)], request({ date: '2024-03-31' }))).id).toBe(1);
  });

  it('never carries a stated validity forward, and says which validities there were', () => {
    const pool = [factor(1, stated), factor(2, { ...stated, region: 'uk' }), factor(3, { validityStated: true, validFrom: '2022-04-01', validTo: '2023-03-31' })];
    const result = failed(selectFactor(pool, request({ date: '2024-04-01' })));
    expect([result.kind, result.reason, result.detail]).toEqual([
      'no-factor',
      "the record's period is outside every fitting factor's validity (2022-04-01 to 2023-03-31; 2023-04-01 to 2024-03-31)",
      'the record starts on 2024-04-01',
    ]);
  });

  it('carries an edition forward past a stated validity that has ended', () => {
    const pool = [factor(1, stated), factor(2, { validFrom: '2023-01-01', validTo: '2023-12-31' })];
    const selection = chosen(selectFactor(pool, request({ date: '2024-06-01' })));
    expect(selection).toEqual({
      id: 2,
      notes: ["factor year rule (the set in force at the start of the record's period; if none, the latest earlier edition): none in force on 2024-06-01; desnz-2023 (2023-01-01 – 2023-12-31) used"],
    });
  });

  it('says which rule set aside a factor in force when it falls back to an earlier edition', () => {
    const desnz2020 = factor(1, { setKey: 'desnz-2020', validFrom: '2020-01-01', validTo: '2020-12-31' });
    const user2023 = factor(2, { factorSetId: 2, setKey: 'user-2023', setRegion: 'US', validFrom: '2023-01-01', validTo: '2023-12-31' });
    const gross2023 = factor(3, { factorSetId: 3, setKey: 'gross-2023', unitText: 'kWh (Gross CV)', validFrom: '2023-01-01', validTo: '2023-12-31' });
    expect(chosen(selectFactor([desnz2020, user2023, gross2023], request({ date: '2023-06-01' })))).toEqual({
      id: 1,
      notes: ["factor year rule (the set in force at the start of the record's period; if none, the latest earlier edition): none in force on 2023-06-01 among the factors the earlier rules left (in force then, but the region rule set aside user-2023 (US); the unit rule set aside gross-2023 (per 'kWh (Gross CV)')); desnz-2020 (2020-01-01 – 2020-12-31) used"],
    });
  });

  it('takes every factor of the latest earlier edition, not the earlier ones', () => {
    const pool = [factor(1, { validFrom: '2021-01-01', validTo: '2021-12-31' }), factor(2, { validFrom: '2022-01-01', validTo: '2022-12-31' }), factor(3, { validFrom: '2020-01-01', validTo: '2020-12-31' })];
    expect(chosen(selectFactor(pool, request({ date: '2024-06-01' }))).id).toBe(2);
    const tied = [...pool, factor(4, { validFrom: '2022-01-01', validTo: '2022-12-31' })];
    expect(failed(selectFactor(tied, request({ date: '2024-06-01' }))).reason).toBe("several factors fit equally well: #2 'factor 2' per 'kg' (desnz-2023); #4 'factor 4' per 'kg' (desnz-2023)");
  });

  it('names the earliest start when every edition starts after the record', () => {
    const pool = [factor(1, { validFrom: '2025-01-01', validTo: '2025-12-31' }), factor(2, { validFrom: '2024-01-01', validTo: '2024-12-31' })];
    const result = failed(selectFactor(pool, request({ date: '2023-06-01' })));
    expect([result.kind, result.reason, result.detail]).toEqual([
      'no-factor',
      "no factor set is in force on the record's start date or earlier (the earliest starts on 2024-01-01)",
      'the record starts on 2023-06-01',
    ]);
  });
});

describe('rules 4 and 5: calorific basis and ambiguity', () => {
  const gross = factor(1, { activityKey: 'natural_gas', unitText: 'kWh (Gross CV)' });
  const net = factor(2, { activityKey: 'natural_gas', unitText: 'kWh (Net CV)' });

  it('names both bases’ factors when an unstated basis is ambiguous, and gives what is at stake', () => {
    const result = failed(selectFactor([net, gross], request({ unit: unit('kWh') })));
    expect([result.kind, result.reason]).toEqual([
      'calorific-basis-ambiguous',
      "the calorific basis of kWh is not stated and factors on both bases fit: #1 'factor 1' per 'kWh (Gross CV)' (desnz-2023); #2 'factor 2' per 'kWh (Net CV)' (desnz-2023); the mapping must say gross or net",
    ]);
    expect(result.candidates?.map(({ factor: { id }, conversion }) => [id, conversion.factorText])).toEqual([
      [2, '1'],
      [1, '1'],
    ]);
  });

  it('calls two factors on one assumed basis ambiguous, not a basis question', () => {
    const again = factor(3, { activityKey: 'natural_gas', unitText: 'kWh (Gross CV)' });
    const result = failed(selectFactor([gross, again], request({ unit: unit('kWh') })));
    expect(result.kind).toBe('ambiguous-factor');
    expect(result.candidates?.map(({ factor: { id } }) => id)).toEqual([1, 3]);
  });

  it('assumes no basis for a record that states its own, even where only the other basis fits', () => {
    expect(failed(selectFactor([gross], request({ unit: unit('kWh', 'net') }))).kind).toBe('unit');
  });
});

describe('pinnedFactor: the factor an adjustment names', () => {
  it('applies whatever its region and year, converting the unit', () => {
    const pinned = factor(9, { region: 'Wales', validityStated: true, validFrom: '2020-01-01', validTo: '2020-12-31', unitText: 'tonnes' });
    const selection = pinnedFactor(pinned, request({ region: 'US', date: '2024-06-01' }));
    expect(selection.ok && [selection.factor.id, selection.factorUnit.id, selection.conversion.factorText, selection.notes]).toEqual([9, 't', '0.001', []]);
  });

  it('says which basis it assumed, and refuses a unit the quantity does not convert to', () => {
    const gross = factor(1, { unitText: 'kWh (Gross CV)' });
    const selection = pinnedFactor(gross, request({ unit: unit('kWh') }));
    expect(selection.ok && selection.notes).toEqual(["calorific basis not stated on the record; the only fitting factor is per 'kWh (Gross CV)', so gross CV is assumed"]);
    const refused = failed(pinnedFactor(gross, request()));
    expect([refused.kind, refused.reason]).toEqual(['unit', "no factor is per a unit that kg converts to (factors are per 'kWh (Gross CV)')"]);
  });
});
