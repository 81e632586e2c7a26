import { mappingSchema, type Mapping } from '../../shared/import/mapping';

/** The columns of a factor table as tests write it: Activity, Region, Factor, Unit, Source. */
export const FACTOR_TABLE_HEADER = 'Activity,Region,Factor,Unit,Source';

/** The mapping of such a table (header on row 1). */
export const FACTOR_TABLE_MAPPING: Mapping = mappingSchema.parse({
  version: 1, kind: 'factors', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, layout: 'long', decimalSeparator: '.',
  columns: [
    { column: 0, header: 'Activity', role: 'activity' },
    { column: 1, header: 'Region', role: 'region' },
    { column: 2, header: 'Factor', role: 'factor_value' },
    { column: 3, header: 'Unit', role: 'factor_unit' },
    { column: 4, header: 'Source', role: 'source' },
  ],
});
