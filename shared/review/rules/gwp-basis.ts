/**
 * Factors whose CO2e the source weighted with another IPCC assessment's GWPs than the engagement
 * reports on (an AR4 factor in an AR5 engagement): the calculation cannot re-weight CO2e that is
 * published as such, so those records carry the other basis. Gas masses are weighted with the
 * engagement's GWPs and never listed. One finding per factor set and basis.
 */
import { z } from 'zod';
import { compareText, groupBy, idsOf, tco2eOf } from './series';
import { defineRule, type RuleFinding } from './types';

export const gwpBasisRule = defineRule({
  name: 'gwp-basis',
  title: 'Factor on another GWP basis',
  doc: 'Records priced at factors whose CO2e the source publishes on another IPCC assessment’s GWPs (AR4, AR5, AR6) than the engagement’s: not re-weighted, so not on the basis reported.',
  severity: 'medium',
  parameters: z.object({}),
  run(data) {
    const records = new Map(data.records.map((record) => [record.id, record]));
    const findings: RuleFinding[] = [];
    const bySet = groupBy(data.factorUses.filter((use) => use.otherBasis), (use) => `${use.setKey}\u0000${use.gwpBasis}`);
    for (const uses of [...bySet.values()].sort((a, b) => compareText(a[0]!.setKey, b[0]!.setKey) || compareText(a[0]!.gwpBasis, b[0]!.gwpBasis))) {
      const { setKey, gwpBasis } = uses[0]!;
      const priced = [...new Set(uses.flatMap((use) => use.recordIds))].flatMap((id) => records.get(id) ?? []);
      const factors = [...uses].sort((a, b) => a.factorId - b.factorId).map((use) => `#${use.factorId} '${use.label}' per '${use.unitText}'`);
      findings.push({
        subject: `${setKey}|${gwpBasis}`,
        cause: [gwpBasis, data.gwpBasis],
        severity: 'medium',
        message: `${setKey}: ${priced.length === 1 ? '1 record' : `${priced.length} records`} priced at ${factors.length === 1 ? 'a factor' : `${factors.length} factors`} whose CO2e is published on ${gwpBasis} GWPs, in an engagement on ${data.gwpBasis}; published CO2e is not re-weighted (${factors.join('; ')})`,
        site: null,
        activity: null,
        period: null,
        figures: { factorSet: setKey, factorBasis: gwpBasis, engagementBasis: data.gwpBasis, factors: uses.length, records: priced.length, tco2e: tco2eOf(priced) },
        tco2eAtStake: null,
        atStakeEstimated: false,
        ...idsOf(priced),
      });
    }
    return findings;
  },
});
