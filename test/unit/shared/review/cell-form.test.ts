import { describe, expect, it } from 'vitest';
import { quantityCellForm, writtenText } from '../../../../shared/review/cell-form';

describe('quantityCellForm', () => {
  it.each([
    ['1,234.5', 'text-number'],
    [' 1 234,5 ', 'text-number'],
    ['(12.5)', 'text-number'],
    ['12%', 'percent'],
    ['12.5 %', 'percent'],
  ] as const)('%j is %s', (text, form) => {
    expect(quantityCellForm(text)).toBe(form);
  });

  it('flags a formula with no cached value, and one whose cached value is number text', () => {
    expect(quantityCellForm({ t: 'formula', formula: 'SUM(C2:C9)' })).toBe('formula-without-result');
    expect(quantityCellForm({ t: 'formula', formula: 'TEXT(C2,"0")', result: '1,234' })).toBe('text-number');
  });

  it('does not flag a number, a blank, a formula with a numeric result, or words', () => {
    for (const cell of [1234.5, null, '', '   ', { t: 'formula', formula: 'C2*2', result: 12 } as const, 'n/a', 'closed']) expect(quantityCellForm(cell)).toBeNull();
  });

  it('quotes the cell as written', () => {
    expect(writtenText({ t: 'formula', formula: 'SUM(C2:C9)' })).toBe('=SUM(C2:C9)');
    expect(writtenText('1,234.5')).toBe('1,234.5');
  });
});
