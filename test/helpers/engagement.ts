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

/** A claims sheet laid out Metric | Year | Reported value | Unit, header in row 1: its mapping (the sheet named or not). */
export function claimsMapping(sheet?: string) {
  return {
    version: 1,
    kind: 'claims',
    ...(sheet === undefined ? {} : { sheet }),
    table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 },
    layout: 'long',
    decimalSeparator: '.',
    columns: [
      { column: 0, header: 'Metric', role: 'metric' },
      { column: 1, header: 'Year', role: 'year' },
      { column: 2, header: 'Reported value', role: 'claim_value' },
      { column: 3, header: 'Unit', role: 'unit' },
    ],
  } as const;
}
