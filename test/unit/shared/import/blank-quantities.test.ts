/** The row mapper's blank quantity cells: what the review's gap check tells a blank month from an absent one by. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { mappingSchema } from '../../../../shared/import/mapping';
import { createActivityRowMapper } from '../../../../shared/import/records';

const WIDE = mappingSchema.parse({
  version: 1, kind: 'activity', layout: 'wide', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 0 }, decimalSeparator: '.', periodGranularity: 'month',
  columns: [
    { column: 0, role: 'site', header: 'Site' },
    { column: 1, role: 'period', header: 'Month' },
    { column: 2, role: 'value', header: 'Electricity (kWh)', activity: 'electricity', unitText: 'kWh' },
    { column: 3, role: 'value', header: 'Natural gas (m3)', activity: 'natural_gas', unitText: 'm3' },
  ],
});
const mapRow = createActivityRowMapper(WIDE, { fiscal: { startMonth: 4, labelRule: 'end-year' }, earliestPeriodStart: null });
const row = (...cells: Cell[]) => mapRow({ rowNumber: 7, cells });
const AUGUST = { t: 'date', iso: '2022-08-01T00:00:00.000Z' } as const;

describe('blank quantity cells', () => {
  it('name the site, month and activity of a blank cell beside a filled one, and the row still imports', () => {
    const mapped = row('Manchester', AUGUST, 41_000, null);
    expect(mapped.records).toHaveLength(1);
    expect(mapped.blanks).toEqual([{ column: 3, site: 'Manchester', periodStart: '2022-08-01', periodEnd: '2022-08-31', activity: 'natural_gas', meaning: 'consumption' }]);
  });

  it('are listed for a row whose every quantity is blank, which is still rejected', () => {
    const mapped = row('Manchester', AUGUST, null, '  ');
    expect(mapped.rejections.map((rejection) => rejection.reason)).toEqual(['every mapped quantity is blank (blank is missing, not zero)']);
    expect(mapped.blanks.map((blank) => blank.activity)).toEqual(['electricity', 'natural_gas']);
  });

  it('are not listed when the row has no readable period, nor for a filled row', () => {
    expect(row('Manchester', 'sometime', null, null).blanks).toEqual([]);
    expect(row('Manchester', AUGUST, 1, 2).blanks).toEqual([]);
  });
});
