import { describe, expect, it } from 'vitest';
import { editionLabel, setRegionLabel, validityLabel } from '../../../../shared/factors/labels';

describe('factor set labels', () => {
  it('reads a user table stored as valid for all time as undated', () => {
    expect(validityLabel('0001-01-01', '9999-12-31')).toBe('undated (any period)');
    expect(validityLabel(null, null)).toBe('undated (any period)');
    expect(editionLabel('undated')).toBe('Undated');
    expect(editionLabel('')).toBe('Undated');
    expect(setRegionLabel('')).toBe('no region stated');
  });

  it('keeps real dates, editions and regions as they are', () => {
    expect(validityLabel('2022-01-01', '2022-12-31')).toBe('2022-01-01 – 2022-12-31');
    expect(validityLabel('2022-01-01', '9999-12-31')).toBe('from 2022-01-01');
    expect(validityLabel('0001-01-01', '2022-12-31')).toBe('until 2022-12-31');
    expect(editionLabel('2020')).toBe('2020');
    expect(setRegionLabel('GB')).toBe('GB');
  });
});
