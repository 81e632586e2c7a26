/** The inventory feature's SQL: activity records as the calculation reads them, the boundary's sites, and the sources of traced lines. */
import { IT_ENERGY_ACTIVITY, type ActivityMeaning } from '../../../shared/activities';
import type { CalcRecord, SiteInfo } from '../../../shared/calc/inventory';
import type { TraceSource } from '../../../shared/calc/trace';
import type { CalorificBasis } from '../../../shared/calc/units';
import type { SiteView } from '../../../shared/contract';
import type { Cell } from '../../../shared/import/cell';
import type { ReadableDb, WritableDb } from '../db/handles';

export function selectCalcRecords(db: ReadableDb): CalcRecord[] {
  const rows = db.prepare(
    'SELECT id, site, period_start, period_end, activity, meaning, quantity, unit, unit_basis, scope3_category, region, instrument FROM activity_record ORDER BY id',
  ).raw().all() as unknown[][];
  const records: CalcRecord[] = [];
  for (const [id, site, periodStart, periodEnd, activity, meaning, quantity, unit, unitBasis, scope3Category, region, instrument] of rows) {
    records.push({
      id: id as number, site: site as string | null, periodStart: periodStart as string, periodEnd: periodEnd as string, activity: activity as string,
      meaning: meaning as ActivityMeaning, quantity: quantity as number, unit: unit as string, unitBasis: unitBasis as CalorificBasis | null,
      scope3Category: scope3Category as number | null, region: region as string | null, instrument: instrument as string | null,
    });
  }
  return records;
}

/** A `site` row (or a row with its columns) as the calculation sees it. */
function siteFromRow(row: Record<string, unknown>): SiteInfo {
  return {
    name: row.name as string,
    ownershipPercent: row.ownership_percent as number,
    operationalControl: row.operational_control === 1,
    financialControl: row.financial_control === 1,
    isDataCentre: row.is_data_centre === 1,
    region: row.region as string | null,
  };
}

export function selectSites(db: ReadableDb): SiteInfo[] {
  return (db.prepare('SELECT * FROM site ORDER BY name').all() as Record<string, unknown>[]).map(siteFromRow);
}

export function selectSite(db: ReadableDb, name: string): SiteInfo | undefined {
  const row = db.prepare('SELECT * FROM site WHERE name = ?').get(name) as Record<string, unknown> | undefined;
  return row ? siteFromRow(row) : undefined;
}

export function upsertSite(db: WritableDb, site: SiteInfo): void {
  db.prepare(
    `INSERT INTO site (name, region, ownership_percent, operational_control, financial_control, is_data_centre) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET region = excluded.region, ownership_percent = excluded.ownership_percent,
       operational_control = excluded.operational_control, financial_control = excluded.financial_control, is_data_centre = excluded.is_data_centre`,
  ).run(site.name, site.region, site.ownershipPercent, site.operationalControl ? 1 : 0, site.financialControl ? 1 : 0, site.isDataCentre ? 1 : 0);
}

/** Sites named in the records, plus configured ones without records, with their attributes. */
export function selectSiteViews(db: ReadableDb): SiteView[] {
  const rows = db.prepare(
    `WITH named AS (SELECT site AS name, count(*) AS records, max(activity = @itEnergy) AS it_energy FROM activity_record WHERE site IS NOT NULL GROUP BY site)
     SELECT coalesce(s.name, n.name) AS name, s.name IS NOT NULL AS configured, coalesce(n.records, 0) AS records, coalesce(n.it_energy, 0) AS it_energy,
            coalesce(s.ownership_percent, 100) AS ownership_percent, coalesce(s.operational_control, 1) AS operational_control,
            coalesce(s.financial_control, 1) AS financial_control, coalesce(s.is_data_centre, 0) AS is_data_centre, s.region
       FROM named n FULL OUTER JOIN site s ON s.name = n.name
      ORDER BY 1`,
  ).all({ itEnergy: IT_ENERGY_ACTIVITY }) as Record<string, unknown>[];
  return rows.map((row) => ({ ...siteFromRow(row), configured: row.configured === 1, records: row.records as number, dataCentreByRecords: row.it_energy === 1 }));
}

/** The source row a record came from, and the record's own period. */
export interface RecordSource extends TraceSource {
  readonly periodStart: string;
  readonly periodEnd: string;
}

/** Looks records up by id: the source row each came from, and its period. */
export function recordSources(db: ReadableDb): (recordId: number) => RecordSource {
  const statement = db.prepare(
    `SELECT s.file_name, s.sha256, w.sheet, w.row_number, w.cells_json, r.period_start, r.period_end
       FROM activity_record r JOIN raw_row w ON w.id = r.raw_row_id JOIN source_file s ON s.id = r.source_file_id WHERE r.id = ?`,
  );
  return (recordId) => {
    const row = statement.get(recordId) as { file_name: string; sha256: string; sheet: string; row_number: number; cells_json: string; period_start: string; period_end: string };
    return {
      fileName: row.file_name, sha256: row.sha256, sheet: row.sheet, rowNumber: row.row_number, cells: JSON.parse(row.cells_json) as Cell[],
      periodStart: row.period_start, periodEnd: row.period_end,
    };
  };
}
