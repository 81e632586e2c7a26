/**
 * The reporting boundary (rule 5 of inventory.ts): each listed site's share of its emissions
 * under the consolidation approach, its region and whether it is tagged a data centre.
 */
import { divideRationals, ONE, rational, shortestDecimalRational, ZERO, type Rational } from './rational';
import type { CalcSettings, SiteInfo } from './inventory-types';

export interface SiteBoundary {
  readonly share: Rational;
  readonly region: string | null;
  readonly taggedDataCentre: boolean;
}

export type BoundaryResult = { readonly ok: true; readonly value: SiteBoundary } | { readonly ok: false; readonly reason: string };

export const FULL_SITE: BoundaryResult = { ok: true, value: { share: ONE, region: null, taggedDataCentre: false } };

export function siteBoundaries(sites: readonly SiteInfo[], approach: CalcSettings['consolidationApproach']): Map<string, BoundaryResult> {
  const boundaries = new Map<string, BoundaryResult>();
  for (const site of sites) {
    const listedTwice: BoundaryResult = { ok: false, reason: `site '${site.name}' is listed twice in the boundary` };
    boundaries.set(site.name, boundaries.has(site.name) ? listedTwice : boundaryOf(site, approach));
  }
  return boundaries;
}

function boundaryOf(site: SiteInfo, approach: CalcSettings['consolidationApproach']): BoundaryResult {
  const standing = { region: site.region, taggedDataCentre: site.isDataCentre };
  switch (approach) {
    case 'operational-control':
      return { ok: true, value: { ...standing, share: site.operationalControl ? ONE : ZERO } };
    case 'financial-control':
      return { ok: true, value: { ...standing, share: site.financialControl ? ONE : ZERO } };
    case 'equity-share': {
      const percent = site.ownershipPercent;
      if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
        return { ok: false, reason: `site '${site.name}' has an ownership of ${percent}%, outside 0–100%` };
      }
      return { ok: true, value: { ...standing, share: divideRationals(shortestDecimalRational(percent), rational(100n)) } };
    }
  }
}
