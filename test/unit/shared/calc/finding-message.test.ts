// A finding as the one sentence the CLI, the workbook and the UI print.
import { describe, expect, it } from 'vitest';
import { findingMessage } from '../../../../shared/calc/inventory-types';

describe('findingMessage', () => {
  it('is the cause alone, or the cause then what is particular to the record', () => {
    expect(findingMessage({ cause: 'no factor set is in force on the record\'s start date or earlier', detail: null })).toBe("no factor set is in force on the record's start date or earlier");
    expect(findingMessage({ cause: 'no factor set is in force', detail: 'the record starts on 2019-04-01' })).toBe('no factor set is in force; the record starts on 2019-04-01');
    expect(findingMessage({ cause: 'unknown unit', detail: '' })).toBe('unknown unit; ');
  });
});
