/** The inventory feature's SQL: activity records as the calculation reads them, the boundary's sites and the monthly profile's readings. */
import { IT_ENERGY_ACTIVITY, type ActivityMeaning } from '../../../shared/activities';
import { attributesFromJson } from '../../../shared/calc/attributes';
import type { CalcRecord, SiteInfo } from '../../../shared/calc/inventory';
import type { ProfileReading } from '../../../shared/calc/monthly-profile';
import type { CalorificBasis } from '../../../shared/calc/units';
import type { SiteView } from '../../../shared/contract';
import type { Statement } from 'better-sqlite3';
import type { ReadableDb, WritableDb } from '../db/handles';
import { recordsInUse } from '../db/source-withdrawal-sql';

/** The highest record id: records are only ever added with higher ids, unless one is updated or deleted (see selectInputRevisions). */
export function selectLastRecordId(db: ReadableDb): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS id FROM activity_record').get() as { id: number }).id;
}

/** The source files withdrawn now (their records are not in live_activity_record), in id order. */
export function selectWithdrawnSourceIds(db: ReadableDb): number[] {
  return db.prepare('SELECT source_file_id FROM withdrawn_source ORDER BY source_file_id').pluck().all() as number[];
}

/** How many times rows of the inputs that grow by insert were updated or deleted, by table. */
export function selectInputRevisions(db: ReadableDb): Record<string, number> {
  const rows = db.prepare('SELECT input, revision FROM input_revision').all() as { input: string; revision: number }[];
  return Object.fromEntries(rows.map((row) => [row.input, row.revision]));
}

/** Which records a calculation pass reads (see scope2FlowRole): all, or those instrument matching needs. */
export type RecordSelection = 'all' | 'electricity-and-instruments' | 'facility-energy-consumed';

const RECORD_SELECTIONS: Readonly<Record<RecordSelection, string>> = {
  all: '',
  'electricity-and-instruments': "meaning = 'instrument' OR (meaning = 'consumption' AND activity = 'electricity')",
  'facility-energy-consumed': "meaning = 'consumption' AND activity = 'facility_energy'",
};

/** What records of one kind share (see CalcRecord.kindKey): read once per kind, not once per record. */
type KindFields = Omit<CalcRecord, 'id' | 'periodStart' | 'periodEnd' | 'quantity' | 'kindKey'>;

/** Kinds, and keys of a kind and period, remembered at once while reading. */
const MAX_REMEMBERED_KEYS = 50_000;

/** Records read at once: a chunk at a time keeps memory flat and costs far less than a row at a time. */
const RECORDS_PER_CHUNK = 4096;

/**
 * A record's period and kind fields joined into one key by one printf per record (a key is
 * built for every record): %Q quotes text exactly as quote() does and writes NULL unquoted, so
 * every value and NULL are told apart (text never holds U+0000, where printf would cut it: the
 * readers refuse it), at a fraction of the cost of quote() calls joined by
 * concatenations. activity_record is a STRICT table, so its TEXT columns hold only text or NULL;
 * the Scope 3 category, a number, goes through quote(). The period comes first, two quoted dates
 * (never NULL): what follows them is the record's kind key (CalcRecord.kindKey). A record so
 * crosses into JavaScript as three values, and what the records of one kind in one period
 * share is worked out once, from the key.
 */
const RECORD_KEY = `printf('%Q,%Q,%Q,%Q,%Q,%Q,%Q,%Q,%s,%Q,%Q', period_start, period_end,
  activity, meaning, unit, unit_basis, site, region, quote(scope3_category), instrument, attributes_json)`;

/** A %Q-quoted text at `at` in `key` (quotes inside it doubled): its value, and where it ends. */
function readQuoted(key: string, at: number): [string, number] {
  if (key[at] !== "'") throw new Error(`a record key has no quoted text at ${at}: ${key}`);
  let value = '';
  for (let from = at + 1; ; ) {
    const quote = key.indexOf("'", from);
    if (quote < 0) throw new Error(`a record key's quoted text does not end: ${key}`);
    value += key.slice(from, quote);
    if (key[quote + 1] !== "'") return [value, quote + 1];
    value += "'";
    from = quote + 2;
  }
}

/** A record as the reader fills it in, one object for each record in turn. */
type CalcRecordSlot = { -readonly [Field in keyof CalcRecord]: CalcRecord[Field] };

/** What the records of one key share: their kind's fields and key, and their period. */
interface KeyFields {
  readonly kind: KindFields;
  readonly kindKey: string;
  readonly periodStart: string;
  readonly periodEnd: string;
}

/**
 * The records of a relation (a variant's records: see CalculationVariant) in id order, a chunk
 * at a time, so memory does not grow with the number of records (read inside a read transaction
 * for one snapshot). Each record comes as its id, its key (RECORD_KEY) and its quantity; a kind's
 * fields are read once.
 *
 * One object stands for every record in turn, valid until the next is read: for a reader that
 * keeps none of them, such as the calculation (iterateCalcRecords gives each its own). A chunk
 * is handed over record by record from a call of its own, so the hot loop is a short one the
 * optimiser compiles once, rather than one it enters midway and leaves for code it has not seen.
 */
export class CalcRecordReader {
  private readonly chunk: Statement;
  private readonly fieldsOf: Statement;
  private readonly kinds = new Map<string, KindFields>();
  private readonly keys = new Map<string, KeyFields>();
  private readonly record: CalcRecordSlot = {
    id: 0, site: null, periodStart: '', periodEnd: '', activity: '', meaning: 'consumption', quantity: 0, unit: '', unitBasis: null,
    scope3Category: null, region: null, instrument: null, attributes: null, kindKey: '',
  };
  private after = 0;

  constructor(db: ReadableDb, relation: string, selection: RecordSelection = 'all') {
    const where = RECORD_SELECTIONS[selection];
    this.chunk = db.prepare(
      `SELECT id, ${RECORD_KEY}, quantity FROM ${relation} WHERE id > ? ${where === '' ? '' : `AND (${where})`} ORDER BY id LIMIT ${RECORDS_PER_CHUNK}`,
    ).raw();
    this.fieldsOf = db.prepare(`SELECT site, activity, meaning, unit, unit_basis, scope3_category, region, instrument, attributes_json FROM ${relation} WHERE id = ?`);
  }

  /** Hands the next chunk's records to `each` in id order; false once every record has been read. */
  readChunk(each: (record: CalcRecord) => void): boolean {
    const rows = this.chunk.all(this.after) as [number, string, number][];
    if (rows.length === 0) return false;
    this.after = rows[rows.length - 1]![0];
    this.handOver(rows, this.record, each);
    return true;
  }

  /**
   * The hot loop, alone in its function with nothing read before it: the optimiser first
   * compiles it while it runs, and code ahead of the loop that had run only once would lack
   * the type feedback it needs, throwing the compiled loop away at the next chunk.
   */
  private handOver(rows: readonly [number, string, number][], record: CalcRecordSlot, each: (record: CalcRecord) => void): void {
    for (let index = 0; index < rows.length; index++) {
      const [id, key, quantity] = rows[index]!;
      const { kind, kindKey, periodStart, periodEnd } = this.keys.get(key) ?? this.newKey(key, id);
      record.id = id;
      record.site = kind.site;
      record.periodStart = periodStart;
      record.periodEnd = periodEnd;
      record.activity = kind.activity;
      record.meaning = kind.meaning;
      record.quantity = quantity;
      record.unit = kind.unit;
      record.unitBasis = kind.unitBasis;
      record.scope3Category = kind.scope3Category;
      record.region = kind.region;
      record.instrument = kind.instrument;
      record.attributes = kind.attributes;
      record.kindKey = kindKey;
      each(record);
    }
  }

  /** The period and kind of a key not met yet (the kind's fields read by the id of a record of it, once per kind), remembered. */
  private newKey(key: string, id: number): KeyFields {
    const [periodStart, startEnds] = readQuoted(key, 0);
    const [periodEnd, endEnds] = readQuoted(key, startEnds + 1);
    const kindKey = key.slice(endEnds + 1);
    const fields: KeyFields = { kind: this.kinds.get(kindKey) ?? this.newKind(kindKey, id), kindKey, periodStart, periodEnd };
    if (this.keys.size >= MAX_REMEMBERED_KEYS) this.keys.clear();
    this.keys.set(key, fields);
    return fields;
  }

  private newKind(kindKey: string, id: number): KindFields {
    const row = this.fieldsOf.get(id) as Record<string, unknown>;
    const kind: KindFields = {
      site: row.site as string | null, activity: row.activity as string, meaning: row.meaning as ActivityMeaning, unit: row.unit as string,
      unitBasis: row.unit_basis as CalorificBasis | null, scope3Category: row.scope3_category as number | null, region: row.region as string | null,
      instrument: row.instrument as string | null, attributes: attributesFromJson(row.attributes_json as string | null),
    };
    if (this.kinds.size >= MAX_REMEMBERED_KEYS) this.kinds.clear();
    this.kinds.set(kindKey, kind);
    return kind;
  }
}

/** The records of a relation in id order, each its own object (see CalcRecordReader). */
export function* iterateCalcRecords(db: ReadableDb, relation: string, selection: RecordSelection = 'all'): Generator<CalcRecord> {
  const reader = new CalcRecordReader(db, relation, selection);
  const records: CalcRecord[] = [];
  while (reader.readChunk((record) => records.push({ ...record }))) yield* records.splice(0);
}

/** Whether instrument matching has anything to do: instruments, or facility energy consumed that may double-count electricity. */
export function selectNeedsMatching(db: ReadableDb, relation: string): boolean {
  const row = db.prepare(
    `SELECT EXISTS (SELECT 1 FROM ${relation} WHERE meaning = 'instrument' OR (meaning = 'consumption' AND activity = 'facility_energy')) AS needed`,
  ).get() as { needed: number };
  return row.needed === 1;
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

/** Sites named in the records of the files in use, plus configured ones without records, with their attributes. */
export function selectSiteViews(db: ReadableDb): SiteView[] {
  const rows = db.prepare(
    `WITH named AS (SELECT site AS name, count(*) AS records, max(activity = @itEnergy) AS it_energy FROM ${recordsInUse(db)} WHERE site IS NOT NULL GROUP BY site)
     SELECT coalesce(s.name, n.name) AS name, s.name IS NOT NULL AS configured, coalesce(n.records, 0) AS records, coalesce(n.it_energy, 0) AS it_energy,
            coalesce(s.ownership_percent, 100) AS ownership_percent, coalesce(s.operational_control, 1) AS operational_control,
            coalesce(s.financial_control, 1) AS financial_control, coalesce(s.is_data_centre, 0) AS is_data_centre, s.region
       FROM named n FULL OUTER JOIN site s ON s.name = n.name
      ORDER BY 1`,
  ).all({ itEnergy: IT_ENERGY_ACTIVITY }) as Record<string, unknown>[];
  return rows.map((row) => ({ ...siteFromRow(row), configured: row.configured === 1, records: row.records as number, dataCentreByRecords: row.it_energy === 1 }));
}

/** Activities with records (of the files in use), most records first (the monthly profile's choices). */
export function selectRecordActivities(db: ReadableDb): { key: string; records: number }[] {
  return db.prepare(`SELECT activity AS key, count(*) AS records FROM ${recordsInUse(db)} GROUP BY activity ORDER BY records DESC, activity`).all() as { key: string; records: number }[];
}

/** The first and last day any record of the files in use covers; null without records. */
export function selectRecordSpan(db: ReadableDb): { first: string; last: string } | null {
  const row = db.prepare(`SELECT min(period_start) AS first, max(period_end) AS last FROM ${recordsInUse(db)}`).get() as { first: string | null; last: string | null };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}

/** One activity's records summed per site, meaning, unit and period: as many rows as distinct periods, not records. */
export function selectProfileReadings(db: ReadableDb, activity: string): ProfileReading[] {
  return db.prepare(
    `SELECT site, meaning, unit, period_start AS periodStart, period_end AS periodEnd, sum(quantity) AS quantity FROM ${recordsInUse(db)}
      WHERE activity = ? GROUP BY site, meaning, unit, period_start, period_end ORDER BY site, meaning, unit, period_start, period_end`,
  ).all(activity) as ProfileReading[];
}
