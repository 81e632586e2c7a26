/**
 * A column that is refused for naming an activity is refused for that alone: the calorific-basis
 * rule judges the activity of value columns only.
 */
import { expect, it } from 'vitest';
import { mappingSchema } from '../../../../shared/import/mapping';

it('a quantity column naming an activity and a basis is told only that it may not name an activity', () => {
  const mapping = {
    version: 1, kind: 'activity', layout: 'long', decimalSeparator: '.', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 },
    columns: [
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: 'Month', role: 'period' },
      { column: 2, header: 'Electricity', role: 'quantity', activity: 'electricity', calorificBasis: 'net' },
    ],
  };
  const result = mappingSchema.safeParse(mapping);
  expect(result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['columns.2.role', 'only value columns name an activity and a meaning']]);
});
