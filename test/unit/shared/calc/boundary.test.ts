// The reporting boundary: each site's share of its emissions under each consolidation approach.
import { describe, expect, it } from 'vitest';
import { siteBoundaries, type BoundaryResult } from '../../../../shared/calc/boundary';
import type { SiteInfo } from '../../../../shared/calc/inventory-types';
import { rational } from '../../../../shared/calc/rational';

function site(name: string, fields: Partial<SiteInfo> = {}): SiteInfo {
  return { name, ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: null, ...fields };
}

function value(result: BoundaryResult | undefined) {
  if (!result?.ok) throw new Error(`expected a boundary, got ${result?.reason}`);
  return result.value;
}

describe('siteBoundaries', () => {
  const joint = site('Joint venture', { ownershipPercent: 37.5, operationalControl: false, financialControl: true, region: 'Scotland', isDataCentre: true });
  const minority = site('Minority stake', { ownershipPercent: 20, operationalControl: false, financialControl: false });

  it('takes the ownership share exactly under equity share, with the site’s region and tag', () => {
    const boundaries = siteBoundaries([joint, minority], { consolidationApproach: 'equity-share' });
    expect(value(boundaries.get('Joint venture'))).toEqual({ share: rational(3n, 8n), investmentShare: null, region: 'Scotland', taggedDataCentre: true });
    expect(value(boundaries.get('Minority stake')).share).toEqual(rational(1n, 5n));
  });

  it('takes all or nothing under a control approach, by the approach’s own kind of control', () => {
    const operational = siteBoundaries([joint, minority], { consolidationApproach: 'operational-control' });
    expect(value(operational.get('Joint venture'))).toEqual({ share: rational(0n), investmentShare: null, region: 'Scotland', taggedDataCentre: true });
    const financial = siteBoundaries([joint, minority], { consolidationApproach: 'financial-control' });
    expect(value(financial.get('Joint venture')).share).toEqual(rational(1n));
    expect(value(financial.get('Minority stake')).share).toEqual(rational(0n));
  });

  it('reports a site outside control as an investment at its ownership share when category 15 is on', () => {
    const boundaries = siteBoundaries([joint, minority, site('Sold', { ownershipPercent: 0, operationalControl: false })], {
      consolidationApproach: 'operational-control',
      category15Investments: true,
    });
    expect(value(boundaries.get('Joint venture'))).toEqual({ share: rational(0n), investmentShare: rational(3n, 8n), region: 'Scotland', taggedDataCentre: true });
    expect(value(boundaries.get('Minority stake')).investmentShare).toEqual(rational(1n, 5n));
    // Owning nothing is no investment.
    expect(value(boundaries.get('Sold')).investmentShare).toBeNull();
    // A controlled site is reported whole, never as an investment.
    expect(value(siteBoundaries([site('Head office')], { consolidationApproach: 'operational-control', category15Investments: true }).get('Head office'))).toEqual({
      share: rational(1n),
      investmentShare: null,
      region: null,
      taggedDataCentre: false,
    });
  });

  it('refuses an ownership outside 0–100% where the share is used, and accepts its ends', () => {
    for (const percent of [-1, 100.5, Number.NaN, Infinity]) {
      const result = siteBoundaries([site('Odd', { ownershipPercent: percent, operationalControl: false })], { consolidationApproach: 'equity-share' }).get('Odd');
      expect(result).toEqual({ ok: false, reason: `site 'Odd' has an ownership of ${percent}%, outside 0–100%` });
      const investment = siteBoundaries([site('Odd', { ownershipPercent: percent, operationalControl: false })], { consolidationApproach: 'operational-control', category15Investments: true });
      expect(investment.get('Odd')).toEqual({ ok: false, reason: `site 'Odd' has an ownership of ${percent}%, outside 0–100%` });
    }
    const ends = siteBoundaries([site('None', { ownershipPercent: 0 }), site('All', { ownershipPercent: 100 })], { consolidationApproach: 'equity-share' });
    expect([value(ends.get('None')).share, value(ends.get('All')).share]).toEqual([rational(0n), rational(1n)]);
    // Under control without category 15 the ownership is not used, so it is not checked.
    expect(value(siteBoundaries([site('Odd', { ownershipPercent: -1 })], { consolidationApproach: 'operational-control' }).get('Odd')).share).toEqual(rational(1n));
  });

  it('refuses a site listed twice', () => {
    const boundaries = siteBoundaries([site('Leeds'), site('Leeds', { ownershipPercent: 50 })], { consolidationApproach: 'equity-share' });
    expect(boundaries.get('Leeds')).toEqual({ ok: false, reason: "site 'Leeds' is listed twice in the boundary" });
  });
});
