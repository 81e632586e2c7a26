/**
 * Factors whose CO2e the source weighted with another IPCC assessment's GWPs than the engagement
 * reports on (an AR4 factor in an AR5 engagement): the calculation cannot re-weight CO2e that is
 * published as such, so those records carry the other basis. Gas masses are weighted with the
 * engagement's GWPs and never listed. One finding per factor set and basis.
 *
 * An engagement's own factor table of CO2e states no basis (its mapping has no place for one), so
 * nothing says it differs: it is listed once, low, for the auditor to confirm its basis is the
 * engagement's, rather than asserted to be on a basis the app assumed.
 */
import { z } from 'zod';
import { compareText, groupBy, idsOf, tco2eOf } from './series';
import { defineRule, type FactorUse, type ReviewRecord, type RuleFinding } from './types';

export const gwpBasisRule = defineRule({
  name: 'gwp-basis',
  title: 'Factor on another GWP basis',
  doc: 'Records priced at factors whose CO2e the source publishes on another IPCC assessment’s GWPs (AR4, AR5, AR6) than the engagement’s: not re-weighted, so not on the basis reported. A factor table of CO2e that states no basis is listed, low, to confirm.',
  severity: 'medium',
  parameters: z.object({}),
  run(data) {
    const records = new Map(data.records.map((record) => [record.id, record]));
    const findings: RuleFinding[] = [];
    const pricedBy = (uses: readonly FactorUse[]) => [...new Set(uses.flatMap((use) => use.recordIds))].flatMap((id) => records.get(id) ?? []);
    const factorsOf = (uses: readonly FactorUse[]) => [...uses].sort((a, b) => a.factorId - b.factorId).map((use) => `#${use.factorId} '${use.label}' per '${use.unitText}'`);
    const counted = (priced: readonly unknown[], factors: readonly unknown[]) =>
      `${priced.length === 1 ? '1 record' : `${priced.length} records`} priced at ${factors.length === 1 ? 'a factor' : `${factors.length} factors`}`;
    const bySet = groupBy(data.factorUses.filter((use) => use.otherBasis), (use) => `${use.setKey}\u0000${use.gwpBasis}`);
    for (const uses of [...bySet.values()].sort((a, b) => compareText(a[0]!.setKey, b[0]!.setKey) || compareText(a[0]!.gwpBasis, b[0]!.gwpBasis))) {
      const { setKey, gwpBasis } = uses[0]!;
      const priced = pricedBy(uses);
      const factors = factorsOf(uses);
      findings.push(setFinding(`${setKey}|${gwpBasis}`, [gwpBasis, data.gwpBasis], 'medium',
        `${setKey}: ${counted(priced, factors)} whose CO2e is published on ${gwpBasis} GWPs, in an engagement on ${data.gwpBasis}; published CO2e is not re-weighted (${factors.join('; ')})`,
        { factorSet: setKey, factorBasis: gwpBasis, engagementBasis: data.gwpBasis, factors: uses.length, records: priced.length, tco2e: tco2eOf(priced) }, priced));
    }
    const unstated = groupBy(data.factorUses.filter((use) => use.basisUnstated), (use) => use.setKey);
    for (const uses of [...unstated.values()].sort((a, b) => compareText(a[0]!.setKey, b[0]!.setKey))) {
      const { setKey } = uses[0]!;
      const priced = pricedBy(uses);
      const factors = factorsOf(uses);
      findings.push(setFinding(`${setKey}|unstated`, ['unstated', data.gwpBasis], 'low',
        `${setKey}: GWP basis of the factor table not stated – confirm; ${counted(priced, factors)} of CO2e taken as it stands, which is right only if the table is on ${data.gwpBasis} GWPs, the engagement's (${factors.join('; ')})`,
        { factorSet: setKey, factorBasis: null, engagementBasis: data.gwpBasis, factors: uses.length, records: priced.length, tco2e: tco2eOf(priced) }, priced));
    }
    return findings;
  },
});

/** A finding about one factor set, naming the records it priced. */
function setFinding(subject: string, cause: RuleFinding['cause'], severity: RuleFinding['severity'], message: string, figures: RuleFinding['figures'], priced: readonly ReviewRecord[]): RuleFinding {
  return { subject, cause, severity, message, site: null, activity: null, period: null, figures, tco2eAtStake: null, atStakeEstimated: false, ...idsOf(priced) };
}
