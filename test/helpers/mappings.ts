import { mappingSchema, type Mapping } from '../../shared/import/mapping';

/** The long layout most activity files use, header in row 1: Site | <period> | Activity | Quantity | Unit. */
export function longActivityMapping(periodHeader = 'Month'): Mapping {
  return mappingSchema.parse({
    version: 1, kind: 'activity', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, layout: 'long', decimalSeparator: '.',
    columns: [
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: periodHeader, role: 'period' },
      { column: 2, header: 'Activity', role: 'activity' },
      { column: 3, header: 'Quantity', role: 'quantity' },
      { column: 4, header: 'Unit', role: 'unit' },
    ],
  });
}
