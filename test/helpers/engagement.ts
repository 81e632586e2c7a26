import path from 'node:path';
import { Engagement } from '../../electron/engine/engagement/handle';
import type { EngagementSettingsInput } from '../../shared/settings';

export const TEST_ACTOR = { actor: 'tester' };

/** A new engagement file (April fiscal years) in `dir`. */
export function newEngagement(dir: string, settings: Partial<EngagementSettingsInput> = {}): Engagement {
  return Engagement.create(path.join(dir, 'test.carbonaudit'), { entityName: 'Example Group', fiscalYearStartMonth: 4, ...settings }, TEST_ACTOR);
}

/** Row counts of every table an import writes, to prove a failed import changed nothing. */
export function importFootprint(engagement: Engagement): Record<string, number> {
  const tables = ['source_file', 'source_evidence', 'source_evidence_chunk', 'raw_row', 'rejected_row', 'activity_record', 'factor_set', 'emission_factor', 'target', 'claim', 'audit_log'];
  return Object.fromEntries(tables.map((table) => [table, (engagement.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));
}

/** A long table with its header in row 1 and these columns from A, as a mapping of this kind (the sheet named or not). */
function tableMapping<Kind extends 'claims' | 'targets'>(kind: Kind, columns: readonly (readonly [string, string])[], sheet?: string) {
  return {
    version: 1,
    kind,
    ...(sheet === undefined ? {} : { sheet }),
    table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 },
    layout: 'long',
    decimalSeparator: '.',
    columns: columns.map(([header, role], column) => ({ column, header, role })),
  } as const;
}

/** A claims sheet laid out Metric | Year | Reported value | Unit. */
export function claimsMapping(sheet?: string) {
  return tableMapping('claims', [['Metric', 'metric'], ['Year', 'year'], ['Reported value', 'claim_value'], ['Unit', 'unit']], sheet);
}

/** A targets sheet laid out Metric | Target | Unit | Target year | Base year. */
export function targetsMapping(sheet?: string) {
  return tableMapping('targets', [['Metric', 'metric'], ['Target', 'target_value'], ['Unit', 'unit'], ['Target year', 'target_year'], ['Base year', 'base_year']], sheet);
}
