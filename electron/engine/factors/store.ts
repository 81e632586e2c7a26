/**
 * The factors feature's SQL: factor sets (versions), their emission factors, and which versions
 * are frozen for the engagement's calculations.
 */
import { createHash } from 'node:crypto';
import { attributesFromJson, attributesToJson } from '../../../shared/calc/attributes';
import type { CalcFactor } from '../../../shared/calc/inventory';
import type { GwpBasis } from '../../../shared/calc/gwp';
import type { FactorPage, FactorRowView, FactorSetSummary } from '../../../shared/contract';
import type { EmissionFactor, FactorSetMeta, GasValue } from '../../../shared/factors/types';
import type { ReadableDb, WritableDb } from '../db/handles';

export interface StoredFactorSet {
  readonly factorSetId: number;
  readonly factors: number;
  /** False when the identical set (same key and content) was already in the engagement. */
  readonly added: boolean;
}

export interface FactorSetOrigin {
  readonly kind: 'library' | 'import';
  readonly sourceFileId: number | null;
  /** Links each factor to the raw row it came from, when the set was imported. */
  readonly rawRowIdOf?: (rowNumber: number) => number | undefined;
}

/**
 * Stores a factor set as a new, frozen version: an identical set (same key, same content hash)
 * is not stored twice, and a changed one becomes another version beside the old one.
 */
export function storeFactorSet(db: WritableDb, meta: FactorSetMeta, factors: readonly EmissionFactor[], origin: FactorSetOrigin): StoredFactorSet {
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
    `INSERT INTO emission_factor (factor_set_id, activity_key, path_json, label, unit_text, region, scope, biogenic, co2e_per_unit_kg, gases_json, source_rows_json, raw_row_id,
                                  attributes_json, valid_from, valid_to)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      attributesToJson(factor.attributes),
      factor.validFrom ?? null,
      factor.validTo ?? null,
    );
  }
  return { factorSetId: setId, factors: factors.length, added: true };
}

export function selectFactorSets(db: ReadableDb): FactorSetSummary[] {
  const rows = db.prepare(
    `SELECT s.id, s.set_key AS setKey, s.publisher, s.title, s.edition, s.region, s.gwp_basis AS gwpBasis, s.valid_from AS validFrom, s.valid_to AS validTo,
            s.licence, s.attribution, s.origin, (SELECT count(*) FROM emission_factor f WHERE f.factor_set_id = s.id) AS factors,
            s.content_sha256 AS contentSha256, s.loaded_at AS loadedAt, EXISTS (SELECT 1 FROM frozen_factor_set z WHERE z.factor_set_id = s.id) AS frozen
       FROM factor_set s ORDER BY s.set_key, s.id`,
  ).all() as (Omit<FactorSetSummary, 'frozen'> & { frozen: number })[];
  return rows.map((row) => ({ ...row, frozen: row.frozen === 1 }));
}

/** A page of a set's factors whose label, activity, unit or region contains `text`, with how many match. */
export function selectFactorPage(db: ReadableDb, query: { readonly factorSetId: number; readonly text: string; readonly offset: number; readonly limit: number }): FactorPage {
  const where = `factor_set_id = @factorSetId AND (@text = '' OR instr(lower(label || ' ' || coalesce(activity_key, '') || ' ' || unit_text || ' ' || coalesce(region, '')), lower(@text)) > 0)`;
  const params = { factorSetId: query.factorSetId, text: query.text.trim() };
  const { total } = db.prepare(`SELECT count(*) AS total FROM emission_factor WHERE ${where}`).get(params) as { total: number };
  const rows = db.prepare(
    `SELECT id, label, activity_key AS activityKey, unit_text AS unitText, region, scope, co2e_per_unit_kg AS co2ePerUnitKg
       FROM emission_factor WHERE ${where} ORDER BY id LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: query.limit, offset: query.offset }) as FactorRowView[];
  return { total, rows };
}

interface FactorRow {
  id: number; factor_set_id: number; set_key: string; year: number | null; valid_from: string | null; valid_to: string | null; set_region: string | null;
  gwp_basis: GwpBasis; activity_key: string; unit_text: string; region: string | null; scope: string | null; biogenic: number;
  co2e_per_unit_kg: number | null; gases_json: string; label: string; attributes_json: string | null; factor_valid_from: string | null; factor_valid_to: string | null;
}

/** The factors of these sets that name an activity, as the calculation takes them. */
export function selectCalcFactors(db: ReadableDb, factorSetIds: readonly number[]): CalcFactor[] {
  return calcFactorsWhere(db, 'f.factor_set_id', factorSetIds);
}

/** Factors of any set by their ids, as the calculation reads them (an adjustment may name one of a set not frozen). */
export function selectCalcFactorsById(db: ReadableDb, factorIds: readonly number[]): CalcFactor[] {
  return calcFactorsWhere(db, 'f.id', factorIds);
}

function calcFactorsWhere(db: ReadableDb, column: 'f.factor_set_id' | 'f.id', ids: readonly number[]): CalcFactor[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(
    `SELECT f.id, f.factor_set_id, s.set_key, s.year, s.valid_from, s.valid_to, s.region AS set_region, s.gwp_basis, f.activity_key, f.unit_text,
            f.region, f.scope, f.biogenic, f.co2e_per_unit_kg, f.gases_json, f.label, f.attributes_json, f.valid_from AS factor_valid_from, f.valid_to AS factor_valid_to
       FROM emission_factor f JOIN factor_set s ON s.id = f.factor_set_id
      WHERE f.activity_key IS NOT NULL AND ${column} IN (${ids.map(() => '?').join(',')})
      ORDER BY f.id`,
  ).all(...ids) as FactorRow[];
  return rows.map((row) => {
    const stored = JSON.parse(row.gases_json) as { gases: GasValue[]; gwpBasis: GwpBasis | null; variant: string | null; residualMix?: boolean };
    // A factor's own validity, where its table states one, stands instead of its set's edition period.
    const stated = row.factor_valid_from !== null || row.factor_valid_to !== null;
    return {
      id: row.id, factorSetId: row.factor_set_id, setKey: row.set_key, setYear: row.year ?? 0,
      validFrom: (stated ? row.factor_valid_from : row.valid_from) ?? '0001-01-01', validTo: (stated ? row.factor_valid_to : row.valid_to) ?? '9999-12-31',
      validityStated: stated, attributes: attributesFromJson(row.attributes_json), setRegion: row.set_region ?? '',
      activityKey: row.activity_key, unitText: row.unit_text, region: row.region, scope: row.scope, biogenic: row.biogenic === 1,
      co2ePerUnitKg: row.co2e_per_unit_kg, gases: stored.gases, gwpBasis: stored.gwpBasis ?? row.gwp_basis, label: row.label,
      variant: stored.variant, residualMix: stored.residualMix ?? false,
    };
  });
}

export interface FactorLineage {
  readonly label: string;
  readonly setKey: string;
  readonly edition: string;
  readonly sourceRows: unknown;
}

/** Looks factors up by id: what a traced line shows of its factor. */
export function factorLineage(db: ReadableDb): (factorId: number) => FactorLineage {
  const statement = db.prepare('SELECT f.label, s.set_key, s.edition, f.source_rows_json FROM emission_factor f JOIN factor_set s ON s.id = f.factor_set_id WHERE f.id = ?');
  return (factorId) => {
    const row = statement.get(factorId) as { label: string; set_key: string; edition: string; source_rows_json: string };
    return { label: row.label, setKey: row.set_key, edition: row.edition, sourceRows: JSON.parse(row.source_rows_json) as unknown };
  };
}

export function selectFrozenSetIds(db: ReadableDb): number[] {
  return (db.prepare('SELECT factor_set_id FROM frozen_factor_set ORDER BY factor_set_id').all() as { factor_set_id: number }[]).map((row) => row.factor_set_id);
}

/** The newest version of every factor set in the engagement (the one loaded last per key). */
export function selectLatestSetIds(db: ReadableDb): number[] {
  return (db.prepare('SELECT max(id) AS id FROM factor_set GROUP BY set_key ORDER BY 1').all() as { id: number }[]).map((row) => row.id);
}

export function replaceFrozenSets(db: WritableDb, factorSetIds: readonly number[], frozenBy: string): void {
  const now = new Date().toISOString();
  db.prepare('DELETE FROM frozen_factor_set').run();
  const insert = db.prepare('INSERT INTO frozen_factor_set (factor_set_id, frozen_at, frozen_by) VALUES (?, ?, ?)');
  for (const id of factorSetIds) insert.run(id, now, frozenBy);
}

/** Each set version's content hash: what a stored calculation records of the factors it used. */
export function selectSetHashes(db: ReadableDb, ids: readonly number[]): { id: number; contentSha256: string }[] {
  const statement = db.prepare('SELECT id, content_sha256 AS contentSha256 FROM factor_set WHERE id = ?');
  return ids.map((id) => statement.get(id) as { id: number; contentSha256: string });
}

/** 'desnz-2020 2020 (#3, 1a2b3c4d5e6f)': how the audit log names a set version. */
export function describeSets(db: ReadableDb, ids: readonly number[]): string[] {
  const statement = db.prepare('SELECT set_key, edition, content_sha256 FROM factor_set WHERE id = ?');
  return ids.map((id) => {
    const row = statement.get(id) as { set_key: string; edition: string; content_sha256: string };
    return `${row.set_key} ${row.edition} (#${id}, ${row.content_sha256.slice(0, 12)})`;
  });
}
