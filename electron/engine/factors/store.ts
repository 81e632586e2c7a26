import { createHash } from 'node:crypto';
import type { EmissionFactor, FactorSetMeta } from '../../../shared/factors/types';
import type { Db } from '../db/connection';

export interface StoredFactorSet {
  readonly factorSetId: number;
  readonly factors: number;
  /** False when the identical set (same key and content) was already in the engagement. */
  readonly added: boolean;
}

/**
 * Stores a factor set as a new, frozen version: an identical set (same key, same content hash)
 * is not stored twice, and a changed one becomes another version beside the old one.
 * `rawRowIdOf` links each factor to the raw row it came from when the set was imported.
 */
export function storeFactorSet(
  db: Db,
  meta: FactorSetMeta,
  factors: readonly EmissionFactor[],
  origin: { readonly kind: 'library' | 'import'; readonly sourceFileId: number | null; readonly rawRowIdOf?: (rowNumber: number) => number | undefined },
): StoredFactorSet {
  const contentSha256 = createHash('sha256').update(JSON.stringify({ meta, factors })).digest('hex');
  const existing = db.prepare('SELECT id FROM factor_set WHERE set_key = ? AND content_sha256 = ?').get(meta.id, contentSha256) as { id: number } | undefined;
  if (existing) return { factorSetId: existing.id, factors: factors.length, added: false };
  const setId = Number(
    db.prepare(
      `INSERT INTO factor_set (set_key, publisher, title, edition, year, region, gwp_basis, valid_from, valid_to, licence, attribution, origin, source_file_id, content_sha256, loaded_at)
       VALUES (@id, @publisher, @title, @edition, @year, @region, @gwpBasis, @validFrom, @validTo, @licence, @attribution, @origin, @sourceFileId, @contentSha256, @loadedAt)`,
    ).run({
      ...meta,
      origin: origin.kind,
      sourceFileId: origin.sourceFileId,
      contentSha256,
      loadedAt: new Date().toISOString(),
    }).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO emission_factor (factor_set_id, activity_key, path_json, label, unit_text, region, scope, biogenic, co2e_per_unit_kg, gases_json, source_rows_json, raw_row_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const factor of factors) {
    const firstRow = factor.source.rowNumbers[0];
    insert.run(
      setId,
      factor.activityKey ?? null,
      JSON.stringify(factor.path),
      factor.label,
      factor.unitText,
      factor.region ?? null,
      factor.scope ?? null,
      factor.biogenic ? 1 : 0,
      factor.co2ePerUnitKg ?? null,
      JSON.stringify({ gases: factor.gases, gwpBasis: factor.gwpBasis ?? null, variant: factor.variant ?? null, residualMix: factor.residualMix ?? false }),
      JSON.stringify(factor.source),
      firstRow === undefined ? null : (origin.rawRowIdOf?.(firstRow) ?? null),
    );
  }
  return { factorSetId: setId, factors: factors.length, added: true };
}
