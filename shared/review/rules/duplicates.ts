/**
 * Duplicates: the same reading imported twice. Exact duplicates share site, period, activity,
 * meaning, unit and quantity (within one file or across files); near-duplicates share site, period,
 * activity and meaning but not the quantity (a revised reading, or two meters named alike) and are
 * listed apart, as they need a different answer.
 */
import { z } from 'zod';
import { groupBy, idsOf, round, seriesLabel, seriesSubject, tco2eOf } from './series';
import { defineRule, type ReviewRecord, type RuleFinding } from './types';

const readingKey = (record: ReviewRecord) => `${record.site ?? ''}\u0000${record.periodStart}\u0000${record.periodEnd}\u0000${record.activity}\u0000${record.meaning}`;
const readingSubject = (record: ReviewRecord) => `${seriesSubject(record)}|${record.periodStart}|${record.periodEnd}`;
const period = (record: ReviewRecord) => (record.periodStart === record.periodEnd ? record.periodStart : `${record.periodStart} to ${record.periodEnd}`);

function where(records: readonly ReviewRecord[]): { files: number; text: string } {
  const files = new Set(records.map((record) => record.sourceFileId)).size;
  return { files, text: files === 1 ? 'within one file' : `across ${files} files` };
}

export const duplicatesRule = defineRule({
  name: 'duplicates',
  title: 'Exact duplicates',
  doc: 'The same site, period, activity, unit and quantity imported more than once, within or across files: counted twice in the inventory.',
  severity: 'medium',
  parameters: z.object({
    acrossFilesOnly: z.boolean().default(false).describe('Report only copies that come from different files'),
  }),
  run(data, { acrossFilesOnly }) {
    const findings: RuleFinding[] = [];
    for (const group of groupBy(data.records, (record) => `${readingKey(record)}\u0000${record.unit}\u0000${record.quantity}`).values()) {
      if (group.length < 2) continue;
      const place = where(group);
      if (acrossFilesOnly && place.files < 2) continue;
      const first = group[0]!;
      const copies = group.slice(1);
      findings.push({
        subject: `${readingSubject(first)}|${first.quantity} ${first.unit}`,
        cause: group.map((record) => record.id),
        severity: 'medium',
        message: `${seriesLabel(first)}, ${period(first)}: ${first.quantity} ${first.unit} imported ${group.length} times (${place.text})`,
        site: first.site,
        activity: first.activity,
        period: first.periodStart.slice(0, 7),
        figures: { quantity: first.quantity, unit: first.unit, copies: group.length, files: place.files },
        tco2eAtStake: tco2eOf(copies),
        atStakeEstimated: false,
        ...idsOf(group),
      });
    }
    return findings;
  },
});

export const nearDuplicatesRule = defineRule({
  name: 'near-duplicates',
  title: 'Near-duplicates',
  doc: 'Two readings for the same site, period and activity with different quantities: a revision or a second meter, to be explained before one is counted.',
  severity: 'medium',
  parameters: z.object({
    maxDifferencePercent: z.number().min(0).nullable().default(null).describe('Only list readings within this % of each other (null: any difference)'),
  }),
  run(data, { maxDifferencePercent }) {
    const findings: RuleFinding[] = [];
    for (const group of groupBy(data.records, readingKey).values()) {
      const quantities = [...new Set(group.map((record) => `${record.quantity} ${record.unit}`))];
      if (quantities.length < 2) continue;
      const values = group.map((record) => record.quantity);
      const low = Math.min(...values);
      const high = Math.max(...values);
      const differencePercent = high === 0 ? 0 : (100 * (high - low)) / high;
      if (maxDifferencePercent !== null && differencePercent > maxDifferencePercent) continue;
      const first = group[0]!;
      const total = tco2eOf(group);
      const largest = Math.max(...group.map((record) => record.tco2e ?? 0));
      findings.push({
        subject: readingSubject(first),
        cause: group.map((record) => [record.id, record.quantity, record.unit]),
        severity: 'medium',
        message: `${seriesLabel(first)}, ${period(first)}: ${group.length} different readings (${quantities.join(', ')}) ${where(group).text}`,
        site: first.site,
        activity: first.activity,
        period: first.periodStart.slice(0, 7),
        figures: { readings: group.length, lowest: low, highest: high, differencePercent: round(differencePercent, 2), unit: first.unit },
        // If only one reading is right, the rest are counted twice.
        tco2eAtStake: total === null ? null : total - largest,
        atStakeEstimated: false,
        ...idsOf(group),
      });
    }
    return findings;
  },
});
