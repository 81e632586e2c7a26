/**
 * The browsable tables, sorted, filtered and paged in SQL: every page of a sorted query is the
 * slice of the whole a plain sort would give, the keyset walk an export uses gives the same rows
 * as the pages, a record opens on its sheet's own headers and neighbours, and the contract refuses
 * a sort column off the allow-list and an oversized page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { exportQueryCsv } from '../../../electron/engine/export/service';
import { loadFactorLibrary } from '../../../electron/engine/factors/library';
import { runImport } from '../../../electron/engine/import/pipeline';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { traceFigure } from '../../../electron/engine/inventory/service';
import { allTableRows, sourceRowContext, tablePage } from '../../../electron/engine/tables/service';
import { selectTableRows, selectTableRowsAfter } from '../../../electron/engine/tables/store';
import type { ReadableDb } from '../../../electron/engine/db/handles';
import { TRACE_CSV_COLUMNS } from '../../../shared/calc/trace';
import { API } from '../../../shared/contract';
import { sortableColumns, TABLE_COLUMNS, TABLE_NAMES, tableQuerySchema, type TableQueryInput, type TableRow } from '../../../shared/tables';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { generatedQuantity, insertGeneratedRecords } from '../../helpers/generated-records';
import { longActivityMapping } from '../../helpers/mappings';
import { useTempDir } from '../../helpers/temp';

const RECORDS = 2_500;

/** Generated records, and a few without a site, so sorting meets NULLs. */
function engagementWithRecords(dir: string): Engagement {
  const engagement = newEngagement(dir);
  insertGeneratedRecords(engagement, RECORDS);
  engagement.db.prepare('UPDATE activity_record SET site = NULL WHERE id % 500 = 0').run();
  return engagement;
}

const query = (input: TableQueryInput) => tableQuerySchema.parse(input);

async function walk(engagement: Engagement, input: TableQueryInput): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const page of allTableRows(engagement, query(input))) rows.push(...page);
  return rows;
}

/**
 * A statement's plan as EXPLAIN QUERY PLAN gives it, split into the steps that find the page's ids
 * (under MATERIALIZE p) and the steps that read the full rows of those ids.
 */
function planTree(db: ReadableDb, sql: string): { inner: string[]; outer: string[] } {
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ limit: 100, offset: 500, afterKey: 1, afterValue: 1, sourceFileId: 1, factorSetId: 1 }) as { id: number; parent: number; detail: string }[];
  const innerIds = new Set(steps.filter((step) => step.detail === 'MATERIALIZE p').map((step) => step.id));
  for (const step of steps) if (innerIds.has(step.parent)) innerIds.add(step.id);
  return {
    inner: steps.filter((step) => innerIds.has(step.parent)).map((step) => step.detail),
    outer: steps.filter((step) => !innerIds.has(step.id) && step.detail !== 'MATERIALIZE p').map((step) => step.detail),
  };
}

describe('browsable tables', () => {
  const tempDir = useTempDir();

  it('sorts records by a column in SQL, ties broken by record, each page the slice of the whole', () => {
    const engagement = engagementWithRecords(tempDir());
    const all = engagement.db.prepare('SELECT id, quantity, site FROM activity_record').all() as { id: number; quantity: number; site: string | null }[];
    const byQuantityDesc = [...all].sort((a, b) => b.quantity - a.quantity || b.id - a.id).map((row) => row.id);
    const pages = [0, 1000, 2000].map((offset) => tablePage(engagement, query({ table: 'records', sort: 'quantity', descending: true }), offset, 1000));
    expect(pages.map((page) => page.total)).toEqual([RECORDS, RECORDS, RECORDS]);
    expect(pages.map((page) => page.rows.length)).toEqual([1000, 1000, 500]);
    expect(pages.flatMap((page) => page.rows.map((row) => row.key))).toEqual(byQuantityDesc);
    // The cells, in the columns' order: record, site, period, activity (its key), quantity, unit, file, sheet, row, status (no file withdrawn) and why not in use.
    const top = byQuantityDesc[0]!;
    const i = top - 1;
    expect(generatedQuantity(i)).toBe(224.5);
    const month = engagement.db.prepare('SELECT period_start, period_end FROM activity_record WHERE id = ?').get(top) as { period_start: string; period_end: string };
    expect(pages[0]!.rows[0]!.cells).toEqual([top, `Site ${i % 400}`, `${month.period_start}/${month.period_end}`, ['electricity', 'natural_gas', 'diesel'][i % 3], 224.5, ['kWh', 'm3', 'L'][i % 3], 'generated', 'generated', i + 2, 'in-use', null]);

    // Sites ascending: NULLs first (as SQLite orders them), then by name, ties by record.
    const bySite = [...all].sort((a, b) => (a.site === b.site ? a.id - b.id : a.site === null ? -1 : b.site === null ? 1 : a.site < b.site ? -1 : 1)).map((row) => row.id);
    const siteQuery = query({ table: 'records', sort: 'site' });
    expect([0, 1, 2].flatMap((page) => tablePage(engagement, siteQuery, page * 1000, 1000).rows.map((row) => row.key))).toEqual(bySite);
    engagement.close();
  });

  it('pages to the boundaries: the last row, past the end, and a filter narrowing the total', () => {
    const engagement = engagementWithRecords(tempDir());
    const records = query({ table: 'records' });
    expect(tablePage(engagement, records, RECORDS - 1, 100).rows.map((row) => row.key)).toEqual([RECORDS]);
    expect(tablePage(engagement, records, RECORDS, 100)).toEqual({ total: RECORDS, offset: RECORDS, rows: [] });
    const site7 = engagement.db.prepare("SELECT id FROM activity_record WHERE site = 'Site 7' ORDER BY id").pluck().all();
    expect(site7.length).toBeGreaterThan(0);
    const page = tablePage(engagement, query({ table: 'records', site: 'Site 7' }), 0, 1000);
    expect(page.total).toBe(site7.length);
    expect(page.rows.map((row) => row.key)).toEqual(site7);
    // Text search is case-insensitive over site, activity, unit and notes.
    const gas = engagement.db.prepare("SELECT count(*) FROM activity_record WHERE activity = 'natural_gas'").pluck().get();
    expect(tablePage(engagement, query({ table: 'records', text: 'NATURAL_GAS' }), 0, 10).total).toBe(gas);
    engagement.close();
  });

  it('finds a page deep in the far half of a query from its end: the same rows, in order, NULLs and ties included', () => {
    const engagement = newEngagement(tempDir());
    const many = 25_000;
    insertGeneratedRecords(engagement, many);
    engagement.db.prepare('UPDATE activity_record SET site = NULL WHERE id % 500 = 0').run();
    const all = engagement.db.prepare('SELECT id, quantity, site FROM activity_record').all() as { id: number; quantity: number; site: string | null }[];
    const bySite = (a: (typeof all)[number], b: (typeof all)[number]) => (a.site === b.site ? a.id - b.id : a.site === null ? -1 : b.site === null ? 1 : a.site < b.site ? -1 : 1);
    const orders = [
      { input: { table: 'records', sort: 'site' }, expected: [...all].sort(bySite) },
      { input: { table: 'records', sort: 'site', descending: true }, expected: [...all].sort((a, b) => bySite(b, a)) },
      { input: { table: 'records', sort: 'quantity', descending: true }, expected: [...all].sort((a, b) => b.quantity - a.quantity || b.id - a.id) },
      { input: { table: 'records', sort: 'id' }, expected: all },
    ] as const;
    for (const { input, expected } of orders) {
      // Before the far half, across its middle, the last page, a page cut short by the end, past the end.
      for (const offset of [12_000, 12_450, many - 100, many - 30, many]) {
        expect(selectTableRows(engagement.reader, query(input), offset, 100).map((row) => row.key), `${JSON.stringify(input)} at ${offset}`).toEqual(expected.slice(offset, offset + 100).map((row) => row.id));
      }
    }
    engagement.close();
  });

  it('walks every row of a query page by page in the same order as the offset pages, NULLs included, both directions', async () => {
    const engagement = engagementWithRecords(tempDir());
    for (const input of [{ table: 'records', sort: 'site' }, { table: 'records', sort: 'site', descending: true }, { table: 'records', sort: 'quantity' }, { table: 'records', sort: 'id', descending: true }] as const) {
      const pages = [0, 1, 2].flatMap((page) => tablePage(engagement, query(input), page * 1000, 1000).rows.map((row) => row.key));
      const walked = (await walk(engagement, input)).map((row) => row.key);
      expect(walked).toHaveLength(RECORDS);
      expect(walked).toEqual(pages);
    }
    engagement.close();
  });

  it('opens a record on its sheet’s own headers and the rows stored around it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'depots.csv');
    fs.writeFileSync(file, ['Site,Month,Activity,Quantity,Unit', 'Shell depot,2023-05,Diesel,120,L', 'Leeds,2023-06,Diesel,50,L', 'York,2023-06,Diesel,,L', 'Hull,2023-07,Diesel,70,L', 'Derby,2023-07,Diesel,30,L'].join('\n'));
    const engagement = newEngagement(dir);
    await runImport(engagement.db, { filePath: file, mapping: longActivityMapping(), ...TEST_ACTOR, settings: engagement.settings() });
    const hull = tablePage(engagement, query({ table: 'records', text: 'hull' }), 0, 10).rows[0]!;
    expect(hull.cells.slice(6)).toEqual(['depots.csv', 'depots', 5, 'in-use', null]);
    const context = sourceRowContext(engagement, { recordId: hull.key }, 2);
    expect(context).toMatchObject({ fileName: 'depots.csv', rowNumber: 5, headerRowNumber: 1, headers: ['Site', 'Month', 'Activity', 'Quantity', 'Unit'] });
    // Rows 3–7 of the sheet; row 4 (York, rejected) is there as read; there is no row 7.
    expect(context.rows.map((row) => [row.rowNumber, row.cells[0]])).toEqual([[3, 'Leeds'], [4, 'York'], [5, 'Hull'], [6, 'Derby']]);
    // The rejected row opens the same way, from its own table.
    const rejected = tablePage(engagement, query({ table: 'rejected-rows' }), 0, 10);
    expect(rejected.rows.map((row) => row.cells.slice(1, 6))).toEqual([['depots.csv', 'depots', 4, null, 'the quantity is blank (blank is missing, not zero)']]);
    expect(sourceRowContext(engagement, { rawRowId: rejected.rows[0]!.rawRowId! }, 0).rows.map((row) => row.cells[0])).toEqual(['York']);
    engagement.close();
  });

  it('exports every row a query matches as CSV, page after page, imported text that could run as a formula made inert', async () => {
    const dir = tempDir();
    const engagement = engagementWithRecords(dir);
    const hostile = ['=HYPERLINK("http://x","y")', '+1+2', '-3+4', '@SUM(A1)', '\tTabbed', '\rReturn', 'Plain, with "quotes"'];
    const update = engagement.db.prepare('UPDATE activity_record SET site = ? WHERE id = ?');
    hostile.forEach((site, index) => update.run(site, index + 1));
    // The hostile sites, one of which sorts among the others, and a negative quantity, which is a number, not a formula.
    engagement.db.prepare('UPDATE activity_record SET quantity = -12.5 WHERE id = 2').run();
    const file = path.join(dir, 'records.csv');
    // Under the headings the UI gives (its catalogue's), made inert like any text.
    const headers = ['Record', 'Site', 'Period', 'Activity', 'Quantity', 'Unit', 'Source file', 'Sheet', '=Row'];
    const rows = await exportQueryCsv(engagement, query({ table: 'records', sort: 'id' }), headers, file);
    expect(rows).toBe(RECORDS);
    const lines = fs.readFileSync(file, 'utf8').split('\r\n');
    expect(lines[0]).toBe("\uFEFFRecord,Site,Period,Activity,Quantity,Unit,Source file,Sheet,'=Row");
    expect(lines).toHaveLength(RECORDS + 2);
    expect(lines.slice(1, 8).map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      `1,"'=HYPERLINK(""http://x""`, "2,'+1+2", "3,'-3+4", "4,'@SUM(A1)", "5,'\tTabbed", `6,"'\rReturn"`, '7,"Plain',
    ]);
    expect(lines[2]).toContain(',-12.5,');
    // A filter narrows the export to the rows it matches, in the order asked.
    const site7 = path.join(dir, 'site7.csv');
    const matching = engagement.db.prepare("SELECT id FROM activity_record WHERE site = 'Site 7' ORDER BY quantity DESC, id DESC").pluck().all();
    await expect(exportQueryCsv(engagement, query({ table: 'records', site: 'Site 7', sort: 'quantity', descending: true }), headers, site7)).resolves.toBe(matching.length);
    expect(fs.readFileSync(site7, 'utf8').split('\r\n').slice(1, -1).map((line) => Number(line.split(',')[0]))).toEqual(matching);
    engagement.close();
  });

  it('finds a page through the page’s own ids: records by any column (or one file’s by id) walk an index, no query sorts every record', () => {
    const engagement = engagementWithRecords(tempDir());
    // The plans of the statements a page and a keyset step run, as SQLite would run them (the plan depends on the schema, not the row count).
    const plansOf = (run: (db: ReadableDb) => void) => {
      const statements: string[] = [];
      run(new Proxy(engagement.reader, { get: (db, name) => (name === 'prepare' ? (sql: string) => (statements.push(sql), db.prepare(sql)) : Reflect.get(db, name, db)) }));
      return statements.map((sql) => planTree(engagement.reader, sql));
    };
    const filters = { 'rejected-rows': {}, factors: { factorSetId: 1 } } as Record<string, object>;
    for (const table of TABLE_NAMES) {
      for (const sort of sortableColumns(table)) {
        for (const descending of [false, true]) {
          const input = query({ table, sort, descending, ...filters[table] } as TableQueryInput);
          const plans = [...plansOf((db) => selectTableRows(db, input, 500, 100)), ...plansOf((db) => selectTableRowsAfter(db, input, { part: 'values', last: { value: 1, key: 1 } }, 100))];
          for (const { inner, outer } of plans) {
            const where = `${table} by ${sort}${descending ? ' descending' : ''}`;
            // The full rows are looked up by the page's ids; the table is never walked to find them.
            expect(outer, where).toContain('SCAN p');
            expect(outer.filter((step) => step.startsWith('SCAN') && step !== 'SCAN p'), where).toEqual([]);
            // Records (the table that grows to millions) find their page's ids by walking an index, without sorting them.
            if (table === 'records') expect(inner, where).toEqual([expect.stringMatching(/^(SCAN|SEARCH) t USING (COVERING )?INDEX activity_record_by_\w+/)]);
          }
        }
      }
    }
    // One file's records (the Records view's file filter), in record order: found and counted through that file's index.
    const [oneFile] = plansOf((db) => selectTableRows(db, query({ table: 'records', sourceFileId: 1 }), 500, 100));
    expect(oneFile!.inner).toEqual(['SEARCH t USING COVERING INDEX activity_record_by_source_file (source_file_id=?)']);
    engagement.close();
  });

  it('exports every line of a figure’s trace as CSV under the headings given, in the trace’s order', async () => {
    const dir = tempDir();
    const engagement = newEngagement(dir, { defaultRegion: 'UK' });
    loadFactorLibrary(engagement);
    insertGeneratedRecords(engagement, RECORDS);
    await calculate(engagement);
    const headers = TRACE_CSV_COLUMNS.map((column) => `${column} heading`);
    const { query: trace } = API['export.tableCsv'].input.parse({ query: { table: 'trace', figure: 'FY2022.scope1', sort: 'quantity', descending: true }, headers });
    const file = path.join(dir, 'trace.csv');
    const rows = await exportQueryCsv(engagement, trace, headers, file);
    const lines = traceFigure(engagement, { figure: 'FY2022.scope1', page: 0, pageSize: 1000, sort: 'quantity', descending: true });
    expect(rows).toBe(lines.lineCount);
    expect(rows).toBeGreaterThan(0);
    const written = fs.readFileSync(file, 'utf8').split('\r\n');
    expect(written[0]).toBe(`\uFEFF${headers.join(',')}`);
    expect(written.slice(1, -1).map((line) => Number(line.split(',')[0]))).toEqual(lines.lines.map((line) => line.recordId));
    engagement.close();
  });

  it('refuses a sort column off the allow-list, a page over the cap and a filter another table has', () => {
    const input = API['tables.page'].input;
    expect(input.safeParse({ query: { table: 'records', sort: 'quantity' }, limit: 1000 }).success).toBe(true);
    expect(input.safeParse({ query: { table: 'records', sort: 'unit' } }).success).toBe(false);
    expect(input.safeParse({ query: { table: 'records', sort: 'site; DROP TABLE activity_record' } }).success).toBe(false);
    expect(input.safeParse({ query: { table: 'records' }, limit: 1001 }).success).toBe(false);
    expect(input.safeParse({ query: { table: 'audit-log', factorSetId: 1 } }).success).toBe(false);
    expect(input.safeParse({ query: { table: 'factors' } }).success).toBe(false);
  });

  it('asks a CSV export for one heading per column of its table or trace, as the UI shows them', () => {
    const input = API['export.tableCsv'].input;
    const headings = (count: number) => Array.from({ length: count }, (_, index) => `Column ${index + 1}`);
    expect(input.safeParse({ query: { table: 'records' }, headers: headings(TABLE_COLUMNS.records.length) }).success).toBe(true);
    expect(input.safeParse({ query: { table: 'trace', figure: 'FY2023.scope1' }, headers: headings(TRACE_CSV_COLUMNS.length) }).success).toBe(true);
    expect(input.safeParse({ query: { table: 'records' }, headers: headings(TABLE_COLUMNS.records.length - 1) }).error?.issues.map((issue) => issue.message)).toEqual(['10 headings for the 11 columns of records']);
    expect(input.safeParse({ query: { table: 'audit-log' }, headers: headings(TABLE_COLUMNS.records.length) }).success).toBe(false);
    expect(input.safeParse({ query: { table: 'records' } }).success).toBe(false);
    expect(input.safeParse({ query: { table: 'records' }, headers: [...headings(TABLE_COLUMNS.records.length - 1), '  '] }).success).toBe(false);
  });
});
