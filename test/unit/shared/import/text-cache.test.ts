// The per-text caches of the row loop give what an uncached parse gives: the cache itself (once per
// text, undefined cached too, bounded, dropped for a column of unique texts), plain digits read
// without the number patterns, the placeholder test, the scanner's numbers per column and separator,
// and the row mapper's units, activities and periods, whose verdict also depends on the row.
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { DEFAULT_PLACEHOLDERS, placeholderTest } from '../../../../shared/import/placeholders';
import { createActivityRowMapper, type RecordContext } from '../../../../shared/import/records';
import { createRowScanner } from '../../../../shared/import/table';
import { CACHED_TEXT_LENGTH, memoByText, textBudget, type TextBudget } from '../../../../shared/import/text-cache';
import { parseQuantity, type DecimalSeparator } from '../../../../shared/import/values';

/** A memo of a parse that counts its calls. */
function counted<T>(parse: (text: string) => T, limit?: number, budget?: TextBudget) {
  const calls: string[] = [];
  const memo = memoByText((text) => {
    calls.push(text);
    return parse(text);
  }, limit, budget);
  return { memo, calls };
}

describe('a text cache', () => {
  it('parses each distinct text once, an undefined result included', () => {
    const { memo, calls } = counted((text) => (text.startsWith('k') ? text.length : undefined));
    expect(['kWh', 'm3', 'kWh', 'm3', 'kWh'].map(memo)).toEqual([3, undefined, 3, undefined, 3]);
    expect(calls).toEqual(['kWh', 'm3']);
  });

  it('keeps no more texts than its limit, and parses the texts beyond it each time', () => {
    const { memo, calls } = counted((text) => text.toUpperCase(), 2);
    expect(['a', 'a', 'a', 'b', 'c', 'c', 'a'].map(memo)).toEqual(['A', 'A', 'A', 'B', 'C', 'C', 'A']);
    expect(calls).toEqual(['a', 'b', 'c', 'c']);
  });

  it('never keeps a long text: it is parsed each time, to the same result', () => {
    const { memo, calls } = counted((text) => text.length);
    const short = 'x'.repeat(CACHED_TEXT_LENGTH);
    const long = 'y'.repeat(CACHED_TEXT_LENGTH + 1);
    const notes = 'z'.repeat(32_767);
    expect([short, long, notes, short, long, notes].map(memo)).toEqual([64, 65, 32_767, 64, 65, 32_767]);
    expect(calls).toEqual([short, long, notes, long, notes]);
  });

  it('keeps no more texts across the caches that share a budget than the budget allows', () => {
    const budget = textBudget(3);
    const first = counted((text) => text.toUpperCase(), 10, budget);
    const second = counted((text) => text.toLowerCase(), 10, budget);
    expect(['a', 'b', 'a', 'b'].map(first.memo)).toEqual(['A', 'B', 'A', 'B']);
    expect(['C', 'D', 'C', 'D'].map(second.memo)).toEqual(['c', 'd', 'c', 'd']);
    expect(first.calls).toEqual(['a', 'b']);
    expect(second.calls).toEqual(['C', 'D', 'D']);
    expect(budget.texts).toBe(0);
  });

  it('gives up on a column of unique texts: every text is parsed, and the results stay right', () => {
    const { memo, calls } = counted((text) => Number(text) * 2, 3);
    const texts = ['1', '2', '3', '4', '1', '2'];
    expect(texts.map(memo)).toEqual([2, 4, 6, 8, 2, 4]);
    expect(calls).toEqual(texts);
  });
});

describe('plain digits, read without the number patterns', () => {
  // A leading space takes the full path: it reads the same number, or refuses the same text.
  const cases: ReadonlyArray<readonly [DecimalSeparator, string]> = [
    ['.', '1000.25'], ['.', '007'], ['.', '0'], ['.', '1.'], ['.', '.5'], ['.', '1.2.3'], ['.', '1,5'], ['.', '9'.repeat(400)], ['.', '0.1000000000000000055511151231257827'],
    [',', '1,5'], [',', '1.5'], [',', '1234,125'], [',', '1,'], [',', '9'.repeat(400)],
  ];
  it.each(cases)("with separator '%s', case %# reads as the padded text does", (decimalSeparator, text) => {
    const plain = parseQuantity(text, { decimalSeparator });
    const padded = parseQuantity(` ${text}`, { decimalSeparator });
    expect(plain.ok).toBe(padded.ok);
    expect(plain.ok ? plain.value : plain.reason.replace(`' ${text}'`, `'${text}'`)).toEqual(padded.ok ? padded.value : padded.reason.replace(`' ${text}'`, `'${text}'`));
  });

  it('reads digits exactly as Number() does, to the bit', () => {
    // A fixed pseudo-random walk over digit strings of 1 to 20 digits, with and without decimals.
    let seed = 20260101;
    const next = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    for (let index = 0; index < 20000; index++) {
      const length = 1 + next(20);
      const digits = Array.from({ length }, () => String(next(10))).join('');
      const point = next(length + 1);
      const text = point === 0 || point === length ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
      expect(parseQuantity(text, { decimalSeparator: '.' }), text).toEqual({ ok: true, value: Number(text) });
      expect(parseQuantity(text.replace('.', ','), { decimalSeparator: ',' }), text).toEqual({ ok: true, value: Number(text) });
    }
  });

  it('reads the decimal separator it is given, and no other', () => {
    expect(parseQuantity('1,5', { decimalSeparator: ',' })).toEqual({ ok: true, value: 1.5 });
    expect(parseQuantity('1,500', { decimalSeparator: '.' })).toEqual({ ok: true, value: 1500 });
    expect(parseQuantity('1,5', { decimalSeparator: '.' }).ok).toBe(false);
    expect(parseQuantity('1.5', { decimalSeparator: ',' }).ok).toBe(false);
  });
});

describe('the placeholder test, judging each text once', () => {
  it('judges a text the same the hundredth time as a fresh test does the first', () => {
    const cached = placeholderTest(DEFAULT_PLACEHOLDERS);
    const texts = ['Natural gas', 'N/A', ' n/a ', 'not  available', 'Not Available', 'None', '-', '—', '–5', '(blank)', '\u00a0N/A', 'null', 'Nullarbor'];
    for (let round = 0; round < 3; round++) {
      for (const text of texts) expect(cached(text), text).toBe(placeholderTest(DEFAULT_PLACEHOLDERS)(text));
    }
    expect(texts.filter(cached)).toEqual(['N/A', ' n/a ', 'not  available', 'Not Available', '-', '—', '(blank)', '\u00a0N/A', 'null']);
  });

  it('keeps each list its own: a text one mapping calls a placeholder another imports', () => {
    const withNone = placeholderTest(['None']);
    const defaults = placeholderTest(DEFAULT_PLACEHOLDERS);
    expect([withNone('None'), defaults('None'), withNone('N/A'), defaults('N/A')]).toEqual([true, false, false, true]);
  });
});

describe("the scanner's numbers, cached per column", () => {
  /** The verdict on a totals row under two data rows whose columns B and C hold the same texts. */
  function totalsVerdict(decimalSeparator: DecimalSeparator, total: readonly Cell[]) {
    const scan = createRowScanner({ headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, 3, { decimalSeparator });
    scan({ rowNumber: 2, cells: ['Leeds', '1,500', '1,500'] });
    scan({ rowNumber: 3, cells: ['York', '1,500', '2021-01'] });
    return scan({ rowNumber: 4, cells: total });
  }

  it('reads a text by the separator of its own scanner', () => {
    expect(totalsVerdict('.', ['Total', '3000', '1500'])).toMatchObject({ inTable: true, kind: 'total' });
    expect(totalsVerdict(',', ['Total', '3', '1,5'])).toMatchObject({ inTable: true, kind: 'total' });
    expect(totalsVerdict(',', ['Total', '3000', '1500'])).toMatchObject({ inTable: true, kind: 'unbalanced-total' });
  });
});

describe("the row mapper's cached units, activities and periods", () => {
  const context: RecordContext = { fiscal: { startMonth: 4, labelRule: 'end-year' }, earliestPeriodStart: null };
  const mappingOf = (dayOrder: 'DMY' | 'MDY'): Mapping =>
    mappingSchema.parse({
      version: 1, kind: 'activity', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, layout: 'long', decimalSeparator: '.', dayOrder,
      columns: ['Site', 'Date', 'Activity', 'Quantity', 'Unit'].map((header, column) => ({ column, header, role: ['site', 'period', 'activity', 'quantity', 'unit'][column] })),
    });
  // The same unit text fits one row's activity and not the next; the same texts recur in other columns.
  const rows: ReadonlyArray<readonly Cell[]> = [
    ['London', '01/02/2022', 'Electricity', '100', 'kWh'],
    ['London', '01/02/2022', 'Refrigerant top-up', '100', 'kWh'],
    ['kWh', '13/02/2022', 'Electricity', '100', 'kWh'],
    ['London', '01/02/2022', 'Electricity', '100', 'kg'],
    ['London', '01/02/2022', 'Refrigerant top-up', '100', 'kg'],
    ['London', '01/02/2022', 'Widgets', '100', 'kWh'],
    ['London', '01/02/2022', 'Electricity', '100', 'furlongs'],
    ['London', '02/13/2022', 'Electricity', '100', 'kWh'],
  ];

  it.each(['DMY', 'MDY'] as const)('maps every row as a fresh mapper does (day order %s)', (dayOrder) => {
    const cached = createActivityRowMapper(mappingOf(dayOrder), context);
    for (let round = 0; round < 2; round++) {
      rows.forEach((cells, index) => {
        const row = { rowNumber: index + 2, cells };
        expect(cached(row)).toEqual(createActivityRowMapper(mappingOf(dayOrder), context)(row));
      });
    }
  });

  it('reads the same date text by each mapping its own day order', () => {
    const row = { rowNumber: 2, cells: rows[0]! };
    const periodStart = (dayOrder: 'DMY' | 'MDY') => createActivityRowMapper(mappingOf(dayOrder), context)(row).records[0]?.periodStart;
    expect([periodStart('DMY'), periodStart('MDY'), periodStart('DMY')]).toEqual(['2022-02-01', '2022-01-02', '2022-02-01']);
  });
});
