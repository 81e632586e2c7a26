/**
 * Rules about single records and their series: quantities an activity does not allow, a series
 * whose unit or dimension changes, and records outside every fiscal year of the engagement.
 */
import { z } from 'zod';
import { activityByKey } from '../../activities';
import { ELECTRICITY_CONSUMPTION } from '../../calc/inventory';
import { unitById } from '../../calc/units';
import { daysInclusive } from '../../civil-date';
import { compareText, groupBy, idsOf, METERED_ACTIVITIES, monthsTouched, seriesKey, seriesLabel, seriesSubject, tco2eOf } from './series';
import { defineRule, type RuleFinding } from './types';


export const quantitiesRule = defineRule({
  name: 'negative-or-zero',
  title: 'Negative or zero quantity',
  doc: 'A negative quantity (any activity), or a zero one for an activity that is metered every month: a correction or a missed reading, not data.',
  severity: 'medium',
  parameters: z.object({
    zeroNotAllowed: z.array(z.string()).default([...METERED_ACTIVITIES]).describe('Activities for which a zero quantity is listed'),
  }),
  run(data, { zeroNotAllowed }) {
    const zeroListed = new Set(zeroNotAllowed);
    const findings: RuleFinding[] = [];
    for (const record of data.records) {
      const negative = record.quantity < 0;
      if (!negative && !(record.quantity === 0 && zeroListed.has(record.activity))) continue;
      findings.push({
        subject: `record ${record.id}`,
        cause: record.quantity,
        severity: negative ? 'high' : 'medium',
        message: `${seriesLabel(record)}, ${record.periodStart} to ${record.periodEnd}: ${negative ? 'negative' : 'zero'} quantity ${record.quantity} ${record.unit}`,
        site: record.site,
        activity: record.activity,
        period: record.periodStart.slice(0, 7),
        figures: { quantity: record.quantity, unit: record.unit },
        tco2eAtStake: record.tco2e === null ? null : Math.abs(record.tco2e),
        atStakeEstimated: false,
        ...idsOf([record]),
      });
    }
    return findings;
  },
});

export const unitChangesRule = defineRule({
  name: 'unit-changes',
  title: 'Unit changes within a series',
  doc: 'A site’s activity reported in more than one unit (or dimension, such as m³ then kWh of gas): a conversion or a mapping to check.',
  severity: 'low',
  parameters: z.object({
    dimensionChangesOnly: z.boolean().default(false).describe('List only changes of dimension (m³ to kWh), not of unit within one (kWh to MWh)'),
  }),
  run(data, { dimensionChangesOnly }) {
    const findings: RuleFinding[] = [];
    for (const records of groupBy(data.records, seriesKey).values()) {
      const byUnit = groupBy(records, (record) => record.unit);
      if (byUnit.size < 2) continue;
      const dimensions = new Set([...byUnit.keys()].map((unit) => unitById(unit)?.dimension ?? unit));
      if (dimensionChangesOnly && dimensions.size < 2) continue;
      const [main, ...others] = [...byUnit].sort((a, b) => b[1].length - a[1].length || compareText(a[0], b[0]));
      const minority = others.flatMap(([, group]) => group);
      const first = records[0]!;
      const units = [main!, ...others].map(([unit, group]) => `${unit} (${group.length})`);
      findings.push({
        subject: seriesSubject(first),
        cause: [...byUnit.keys()].sort(),
        severity: dimensions.size > 1 ? 'medium' : 'low',
        message: `${seriesLabel(first)}: reported in ${units.join(', ')}${dimensions.size > 1 ? `, ${dimensions.size} dimensions` : ''}`,
        site: first.site,
        activity: first.activity,
        period: null,
        figures: { units: byUnit.size, dimensions: dimensions.size, mainUnit: main![0] },
        tco2eAtStake: tco2eOf(minority),
        atStakeEstimated: false,
        ...idsOf(minority),
      });
    }
    return findings;
  },
});

export const outOfPeriodRule = defineRule({
  name: 'out-of-period',
  title: 'Outside every fiscal year',
  doc: 'A record whose period falls outside every fiscal year of the engagement (often a mistyped year), or mostly so.',
  severity: 'medium',
  parameters: z.object({
    minDaysInside: z.number().int().min(1).default(1).describe('Days a record must spend inside the engagement’s years not to be listed'),
  }),
  run(data, { minDaysInside }, { periods }) {
    if (periods.length === 0) return [];
    const findings: RuleFinding[] = [];
    for (const record of data.records) {
      let inside = 0;
      for (const period of periods) {
        const start = record.periodStart > period.start ? record.periodStart : period.start;
        const end = record.periodEnd < period.end ? record.periodEnd : period.end;
        if (start <= end) inside += daysInclusive(start, end);
      }
      if (inside >= minDaysInside) continue;
      findings.push({
        subject: `record ${record.id}`,
        cause: [record.periodStart, record.periodEnd],
        severity: 'medium',
        message: `${seriesLabel(record)}: period ${record.periodStart} to ${record.periodEnd} is outside the engagement’s fiscal years (${periods[0]!.label} to ${periods[periods.length - 1]!.label})`,
        site: record.site,
        activity: record.activity,
        period: record.periodStart.slice(0, 7),
        figures: { periodStart: record.periodStart, periodEnd: record.periodEnd, daysInside: inside },
        tco2eAtStake: record.tco2e,
        atStakeEstimated: false,
        ...idsOf([record]),
      });
    }
    return findings;
  },
});

export const boundaryRule = defineRule({
  name: 'sites-without-boundary',
  title: 'Site without a boundary entry',
  doc: 'A site named in the records but never set in the boundary: it counts in full, as a non-data-centre, which nobody decided.',
  severity: 'low',
  parameters: z.object({
    minRecords: z.number().int().min(1).default(1).describe('Records a site needs before it is listed'),
  }),
  run(data, { minRecords }) {
    const findings: RuleFinding[] = [];
    const bySite = groupBy(data.records.filter((record) => record.site !== null), (record) => record.site!);
    for (const [site, records] of [...bySite].sort((a, b) => compareText(a[0], b[0]))) {
      if (data.boundarySites.has(site) || records.length < minRecords) continue;
      findings.push({
        subject: site,
        cause: null,
        severity: 'low',
        message: `${site}: ${records.length} records, but no boundary entry (ownership, control, data centre)`,
        site,
        activity: null,
        period: null,
        figures: { records: records.length },
        tco2eAtStake: tco2eOf(records),
        atStakeEstimated: false,
        ...idsOf(records),
      });
    }
    return findings;
  },
});

/** Activities whose records need a published factor: emissions activities not already in CO2e. */
function needsFactor(activity: string, unit: string): boolean {
  const definition = activityByKey(activity);
  return definition !== undefined && definition.scope !== 'none' && unitById(unit)?.dimension !== 'emissions';
}

export const factorCoverageRule = defineRule({
  name: 'activities-without-factor',
  title: 'Activity without a factor',
  doc: 'An activity in the records that no loaded factor set prices: its emissions are missing from the inventory.',
  severity: 'high',
  parameters: z.object({
    meanings: z.array(z.enum(['consumption', 'instrument'])).default(['consumption']).describe('Which kinds of reading need a factor'),
  }),
  run(data, { meanings }) {
    const priced = data.factorActivities ?? new Set<string>();
    const findings: RuleFinding[] = [];
    const candidates = data.records.filter((record) => (meanings as readonly string[]).includes(record.meaning) && needsFactor(record.activity, record.unit));
    for (const [activity, records] of [...groupBy(candidates, (record) => record.activity)].sort((a, b) => compareText(a[0], b[0]))) {
      // A data centre's facility energy consumed is its electricity: electricity factors price it.
      if (priced.has(ELECTRICITY_CONSUMPTION.has(activity) ? 'electricity' : activity)) continue;
      const months = new Set(records.flatMap((record) => monthsTouched(record.periodStart, record.periodEnd))).size;
      findings.push({
        subject: activity,
        cause: data.factorActivities === null ? 'no factor sets' : 'not priced',
        severity: 'high',
        message: `${activityByKey(activity)?.label ?? activity}: ${records.length} records over ${months} months, but ${data.factorActivities === null ? 'no factor set is loaded' : 'no loaded factor set prices it'}`,
        site: null,
        activity,
        period: null,
        figures: { records: records.length, sites: new Set(records.map((record) => record.site)).size },
        tco2eAtStake: null,
        atStakeEstimated: false,
        ...idsOf(records),
      });
    }
    return findings;
  },
});
