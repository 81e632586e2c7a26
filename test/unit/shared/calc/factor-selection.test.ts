import { describe, expect, it } from 'vitest';
import { selectFactor } from '../../../../shared/calc/factor-selection';
import { chosen, factor, failed, request, unit } from '../../../helpers/factor-selection';

const DESNZ_2024 = { factorSetId: 2, setKey: 'desnz-2024', setYear: 2024, validFrom: '2024-01-01', validTo: '2024-12-31', setRegion: 'UK' };
const EPA_2025 = { factorSetId: 3, setKey: 'epa-2025', setYear: 2025, validFrom: '2025-01-01', validTo: '2025-12-31', setRegion: 'US' };

describe('units', () => {
  it('reads DESNZ unit texts and converts the record to them', () => {
    const pool = [factor(1, { unitText: 'litres' }), factor(2, { unitText: 'tonnes' }), factor(3, { unitText: 'kWh (Net CV)' })];
    const litres = selectFactor(pool, request({ unit: unit('m3') }));
    expect(chosen(litres).id).toBe(1);
    expect(litres.ok && litres.conversion.factor).toBe(1000);
    expect(chosen(selectFactor(pool, request({ unit: unit('kg') }))).id).toBe(2);
    expect(chosen(selectFactor(pool, request({ unit: unit('MWh', 'net') }))).id).toBe(3);
  });

  it('reports a unit no factor converts from', () => {
    const result = failed(selectFactor([factor(1, { unitText: 'litres' })], request({ unit: unit('kg') })));
    expect(result.kind).toBe('unit');
    expect(result.reason).toContain("'litres'");
  });

  it('reports an empty pool as no factor', () => {
    expect(failed(selectFactor([], request())).kind).toBe('no-factor');
  });
});

describe('calorific basis', () => {
  const gross = factor(1, { unitText: 'kWh (Gross CV)' });
  const net = factor(2, { unitText: 'kWh (Net CV)' });

  it('refuses to choose between gross and net for an unstated basis', () => {
    const result = failed(selectFactor([gross, net], request({ unit: unit('kWh') })));
    expect(result.kind).toBe('calorific-basis-ambiguous');
    expect(result.reason).toContain('#1');
    expect(result.reason).toContain('#2');
  });

  it('uses the only remaining factor for an unstated basis, and says so', () => {
    const selection = chosen(selectFactor([gross], request({ unit: unit('kWh') })));
    expect(selection.id).toBe(1);
    expect(selection.notes.join()).toMatch(/calorific basis not stated.*gross CV is assumed/);
  });

  it('takes the stated basis without a note', () => {
    const selection = chosen(selectFactor([gross, net], request({ unit: unit('kWh', 'net') })));
    expect(selection).toEqual({ id: 2, notes: [] });
  });

  it('prefers a factor with no basis of its own for a record with none', () => {
    const plain = factor(3, { unitText: 'kWh' });
    expect(chosen(selectFactor([gross, net, plain], request({ unit: unit('kWh') })))).toEqual({ id: 3, notes: [] });
  });
});

describe('region', () => {
  it('prefers the exact region over set-wide factors', () => {
    const pool = [
      factor(1, { ...EPA_2025, activityKey: 'electricity', unitText: 'MWh', region: 'US' }),
      factor(2, { ...EPA_2025, activityKey: 'electricity', unitText: 'MWh', region: 'CAMX' }),
    ];
    const at = request({ unit: unit('MWh'), date: '2025-03-01' });
    expect(chosen(selectFactor(pool, { ...at, region: 'CAMX' }))).toEqual({ id: 2, notes: [] });
    expect(chosen(selectFactor(pool, { ...at, region: 'US' }))).toEqual({ id: 1, notes: [] });
  });

  it('falls back to a set-wide factor, never to another region, with a note', () => {
    const pool = [
      factor(1, { ...EPA_2025, region: 'US', unitText: 'MWh' }),
      factor(2, { ...EPA_2025, region: 'CAMX', unitText: 'MWh' }),
    ];
    const selection = chosen(selectFactor(pool, request({ unit: unit('MWh'), region: 'NYUP', date: '2025-03-01' })));
    expect(selection.id).toBe(1);
    expect(selection.notes.join()).toContain('region rule: no factor for region NYUP');
  });

  it('names an undated user table without a region in words, not as "()" or year 0001 to 9999', () => {
    const user = { setKey: 'user-factors', setYear: 0, validFrom: '0001-01-01', validTo: '9999-12-31', setRegion: '', region: null, unitText: 'MWh' };
    const selection = chosen(selectFactor([factor(7, user)], request({ unit: unit('MWh'), region: 'NYUP', date: '2025-03-01' })));
    expect(selection.notes.join()).toContain('set-wide factor of user-factors (no region stated) used');
    expect(selection.notes.join()).not.toContain('()');
  });

  it('reports a record no factor covers', () => {
    const pool = [factor(2, { ...EPA_2025, region: 'CAMX', unitText: 'MWh' })];
    expect(failed(selectFactor(pool, request({ unit: unit('MWh'), region: 'NYUP', date: '2025-03-01' }))).kind).toBe('no-factor');
  });

  it('treats a factor without a region as its set region', () => {
    expect(chosen(selectFactor([factor(1)], request({ region: 'uk' })))).toEqual({ id: 1, notes: [] });
  });
});

describe('factor year', () => {
  const pool = [factor(1), factor(2, DESNZ_2024)];

  it('uses the set in force at the start of the period', () => {
    expect(chosen(selectFactor(pool, request({ date: '2023-12-31' }))).id).toBe(1);
    expect(chosen(selectFactor(pool, request({ date: '2024-01-01' }))).id).toBe(2);
  });

  it('uses the latest earlier edition when none is in force, with a note', () => {
    const selection = chosen(selectFactor(pool, request({ date: '2025-04-01' })));
    expect(selection.id).toBe(2);
    expect(selection.notes.join()).toContain('factor year rule');
    expect(selection.notes.join()).toContain('none in force on 2025-04-01; desnz-2024');
  });

  it('never uses a later edition for an earlier period', () => {
    expect(failed(selectFactor(pool, request({ date: '2022-12-31' }))).kind).toBe('no-factor');
  });
});

describe('ambiguity', () => {
  it('lists equally good candidates instead of picking one', () => {
    const result = failed(selectFactor([factor(7), factor(5)], request()));
    expect(result.kind).toBe('ambiguous-factor');
    expect(result.reason).toMatch(/#5 .*#7 /);
  });
});
