import type { FactorSetSummary } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';

export function listFactorSets(engagement: Engagement): FactorSetSummary[] {
  const rows = engagement.db.prepare(
    `SELECT s.*, (SELECT count(*) FROM emission_factor f WHERE f.factor_set_id = s.id) AS factors,
            EXISTS (SELECT 1 FROM frozen_factor_set z WHERE z.factor_set_id = s.id) AS frozen
       FROM factor_set s ORDER BY s.set_key, s.id`,
  ).all() as Record<string, unknown>[];
  return rows.map((row) => ({
    id: row.id as number,
    setKey: row.set_key as string,
    publisher: row.publisher as string,
    title: row.title as string,
    edition: row.edition as string,
    region: row.region as string | null,
    gwpBasis: row.gwp_basis as string,
    validFrom: row.valid_from as string | null,
    validTo: row.valid_to as string | null,
    licence: row.licence as string,
    attribution: row.attribution as string,
    origin: row.origin as FactorSetSummary['origin'],
    factors: row.factors as number,
    contentSha256: row.content_sha256 as string,
    loadedAt: row.loaded_at as string,
    frozen: row.frozen === 1,
  }));
}
