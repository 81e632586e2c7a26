/**
 * A data centre with one of PUE's inputs in a fiscal year and not the other: the year's PUE leaves
 * it out (the workbook's Metrics sheet and the reconciliation say so), and the missing input is
 * evidence to ask for, so the review lists it once per site and year. A site outside the
 * reporting boundary is left out of the metrics whatever it has, so it is not listed.
 */
import { z } from 'zod';
import { FIGURES } from '../../figures';
import { fiscalYearsOf, RATIO_INPUT_ACTIVITY, ratioInputGap, ratioInputIndex } from '../../reconcile/missing-inputs';
import { compareText, idsOf, NO_SITE_LABEL } from './series';
import { defineRule, type RuleFinding } from './types';

export const pueInputsRule = defineRule({
  name: 'pue-inputs',
  title: 'PUE input missing',
  doc: 'A site with IT energy but no total facility energy in a fiscal year, or the reverse: its PUE cannot be computed and the year’s PUE leaves it out.',
  severity: 'medium',
  parameters: z.object({}),
  run(data) {
    const index = ratioInputIndex(data.records, data.fiscal);
    const { numerator, denominator } = FIGURES.pue.divides;
    const findings: RuleFinding[] = [];
    for (const [fiscalYear, sites] of [...index].sort((a, b) => compareText(a[0], b[0]))) {
      for (const [site, kinds] of [...sites].sort((a, b) => compareText(a[0] ?? '', b[0] ?? ''))) {
        if (site !== null && data.sitesOutsideBoundary.has(site)) continue;
        // Whether the site is marked a data centre is the boundary's business: here only what it lacks.
        const gap = ratioInputGap(FIGURES.pue, site, kinds, true);
        if (gap === null) continue;
        const missing = kinds.has(numerator) ? denominator : numerator;
        const present = RATIO_INPUT_ACTIVITY[missing === numerator ? denominator : numerator];
        const records = data.records.filter((record) => record.site === site && record.activity === present && fiscalYearsOf(record, data.fiscal).includes(fiscalYear));
        // The year's PUE is over the data centres with both inputs: say so only if there are any.
        const othersWithBoth = [...sites].some(([other, otherKinds]) => other !== site && !(other !== null && data.sitesOutsideBoundary.has(other)) && otherKinds.has(numerator) && otherKinds.has(denominator));
        const year = othersWithBoth ? 'the year’s is over the other data centres' : `no data centre has both inputs in ${fiscalYear}, so the year’s cannot be computed either`;
        findings.push({
          subject: `${site ?? NO_SITE_LABEL}|${fiscalYear}`,
          cause: missing,
          severity: 'medium',
          message: `${site ?? NO_SITE_LABEL}, ${fiscalYear}: ${gap}; its ${FIGURES.pue.label} cannot be computed and ${year}`,
          site,
          activity: RATIO_INPUT_ACTIVITY[missing],
          period: null,
          figures: { fiscalYear, missing },
          tco2eAtStake: null,
          atStakeEstimated: false,
          ...idsOf(records),
        });
      }
    }
    return findings;
  },
});
