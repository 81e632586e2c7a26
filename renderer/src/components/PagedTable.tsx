import { flexRender, tableFeatures, useTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { TABLE_COLUMNS, type TableName, type TablePage, type TableQueryInput, type TableRow, type TableValue } from '../../../shared/tables';
import { api } from '../api';
import { countOf, formatDateSpan, formatNumber, formatTimestamp, NO_VALUE } from '../format';
import { ExportCsvButton } from './ExportCsvButton';
import { tableHeadings } from './tableHeadings';
import { SourceRowContextView } from './SourceRowContext';
import { useGridKeys } from './useGridKeys';
import { usePagedRows } from './usePagedRows';
import { t } from '../../../shared/messages';
import { usePanel } from '../usePanel';

const features = tableFeatures({});
/** Rows fetched at once. */
const PAGE_SIZE = 200;
/**
 * Every row is one line this high, so the scroll height is exact: a million rows make 30 million
 * pixels, within what Chromium can scroll (about 33.5 million).
 */
const ROW_HEIGHT = 30;
/** Typing in the search box asks the engine once the typing pauses. */
const SEARCH_DELAY_MS = 250;

type QueryOf<T extends TableName> = Extract<TableQueryInput, { table: T }>;
/** The filters a hosting view sets; the table itself sets the sort and the search. */
export type TableFilters<T extends TableName> = Omit<QueryOf<T>, 'table' | 'sort' | 'descending' | 'text'>;

interface PlacedRow {
  readonly index: number;
  readonly row: TableRow;
}

export interface PagedTableProps<T extends TableName> {
  readonly table: T;
  readonly label: string;
  readonly filters: TableFilters<T>;
  /** Anything whose change means the rows may have changed (the audit log's length…). */
  readonly revision?: unknown;
  /** Cells a view shows its own way, by column id; the rest by their column's kind. */
  readonly render?: Partial<Record<(typeof TABLE_COLUMNS)[T][number]['id'], (value: TableValue, row: TableRow) => ReactNode>>;
  /** Columns exported but not shown (shown inside another cell, or only useful in CSV). */
  readonly hidden?: readonly string[];
  readonly searchPlaceholder: string;
  /** The view's own filters, shown before the search box. */
  readonly toolbar?: ReactNode;
  readonly rowData?: (row: TableRow) => Record<`data-${string}`, string>;
  /** Rows kept from a file open beside their sheet's headers and neighbours (Enter or a click). */
  readonly opensSourceRows?: boolean;
  /** What one row is, for the opened source row's heading: 'record 12'. */
  readonly rowNoun?: string;
  readonly testId?: string;
}

function formatValue(value: TableValue, kind: string): ReactNode {
  if (value === null || value === '') return NO_VALUE;
  if (typeof value === 'number') return kind === 'number' ? formatNumber(value) : String(value);
  if (kind === 'timestamp') return formatTimestamp(value);
  if (kind === 'period') return formatDateSpan(...(value.split('/') as [string, string?]));
  if (kind === 'code') return <code>{value}</code>;
  return value;
}

/**
 * A table of any length, sorted, filtered and paged by the engine: only the rows in view are in
 * the page, fetched a page at a time as they scroll into view. Headers sort; the search box
 * filters; the keyboard moves through the rows; every row the query matches exports to CSV.
 */
export function PagedTable<T extends TableName>({ table: name, label, filters, revision, render, hidden = [], searchPlaceholder, toolbar, rowData, opensSourceRows = false, rowNoun = t.pagedTable.row, testId }: PagedTableProps<T>) {
  const specs = TABLE_COLUMNS[name] as readonly { readonly id: string; readonly kind: string; readonly sortable: boolean }[];
  const headings = tableHeadings(name);
  const shown = specs.map((spec, position) => ({ spec, position, heading: headings[position]! })).filter(({ spec }) => !hidden.includes(spec.id));
  const [sort, setSort] = useState(specs.find((spec) => spec.sortable)!.id);
  const [descending, setDescending] = useState(false);
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  const [opened, setOpened] = useState<TableRow | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setText(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const query = { table: name, ...filters, sort, descending, text } as unknown as TableQueryInput;
  const key = JSON.stringify({ query, revision: revision ?? null });
  const { first, error, ensure, rowAt, pagesArrived } = usePagedRows(
    key,
    PAGE_SIZE,
    // Only the first page counts the rows: the count reads every row the query matches.
    (asked: string, page: number) => api.call('tables.page', { query: (JSON.parse(asked) as { query: TableQueryInput }).query, offset: page * PAGE_SIZE, limit: PAGE_SIZE, count: page === 0 }),
    (page: TablePage) => page.rows,
  );
  const total = first?.total ?? 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) ensure(firstIndex, lastIndex);
  }, [ensure, firstIndex, lastIndex, total]);

  const open = (row: TableRow | undefined) => {
    if (opensSourceRows && row?.rawRowId != null) setOpened(row);
  };
  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
  const keys = useGridKeys(total, pageRows, virtualizer, (index) => open(rowAt(index)));
  useEffect(keys.focusActive);

  const columns = useMemo<ColumnDef<typeof features, PlacedRow>[]>(
    () => shown.map(({ spec, position, heading }) => ({
      id: spec.id,
      header: heading,
      cell: ({ row }) => {
        const value = row.original.row.cells[position] ?? null;
        const own = (render as Record<string, ((value: TableValue, row: TableRow) => ReactNode) | undefined> | undefined)?.[spec.id];
        return own ? own(value, row.original.row) : formatValue(value, spec.kind);
      },
    })),
    // The columns change only with the hidden set and the renderers the view gives.
    [name, hidden.join(), render],
  );
  const data = useMemo(
    () => items.flatMap((item): PlacedRow[] => {
      const row = rowAt(item.index);
      return row ? [{ index: item.index, row }] : [];
    }),
    // The rows in view change with the items and with every page that arrives.
    [items, rowAt, pagesArrived],
  );
  const table = useTable({ features, columns, data, getRowId: (placed) => String(placed.index) });
  const rendered = new Map(table.getRowModel().rows.map((row) => [row.original.index, row]));
  const before = items[0]?.start ?? 0;
  const after = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));

  const onSort = (column: string) => {
    if (column === sort) setDescending(!descending);
    else {
      setSort(column);
      setDescending(false);
    }
  };

  return (
    <div className="paged-table" data-testid={testId}>
      <div className="toolbar" role="search">
        {toolbar}
        <label className="inline">
          {t.pagedTable.search}
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={searchPlaceholder} />
        </label>
        <span className="muted small" role="status" data-testid="row-count">{first ? countOf(total, t.pagedTable.row, t.pagedTable.rows) : t.pagedTable.loading}</span>
        <span className="spacer" />
        <ExportCsvButton query={query} headers={headings} what={label.toLowerCase()} />
      </div>
      {error && <p role="alert" className="notice danger">{error}</p>}
      <div className="table-scroll paged-scroll" ref={scrollRef} data-testid="table-scroll">
        <table className="grid paged" aria-label={label} aria-rowcount={total + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {table.getHeaderGroups()[0]!.headers.map((header, position) => {
                const { spec, heading } = shown[position]!;
                const sorted = spec.id === sort;
                return (
                  <th key={header.id} scope="col" className={spec.kind === 'number' ? 'num' : undefined} aria-sort={sorted ? (descending ? 'descending' : 'ascending') : undefined}>
                    {spec.sortable ? (
                      <button type="button" className="sort-header" onClick={() => onSort(spec.id)}>
                        {heading}
                        <span aria-hidden="true">{sorted ? (descending ? ' ▾' : ' ▴') : ''}</span>
                      </button>
                    ) : heading}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody {...keys.bodyProps}>
            {before > 0 && <tr aria-hidden="true" className="spacer-row"><td colSpan={shown.length} style={{ height: before }} /></tr>}
            {items.map((item) => {
              const row = rendered.get(item.index);
              const loaded = row !== undefined;
              return (
                <tr
                  key={item.key}
                  {...keys.rowProps(item.index)}
                  {...(row && rowData?.(row.original.row))}
                  data-loaded={loaded ? 'true' : 'false'}
                  aria-rowindex={item.index + 2}
                  aria-current={opened !== null && row?.original.row.key === opened.key ? 'true' : undefined}
                  className={opensSourceRows && row?.original.row.rawRowId != null ? 'opens' : undefined}
                  onClick={() => {
                    keys.setActive(item.index);
                    open(row?.original.row);
                  }}
                >
                  {loaded ? row.getAllCells().map((cell, position) => (
                    <td key={cell.id} className={shown[position]!.spec.kind === 'number' ? 'num' : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext()) as ReactNode}
                    </td>
                  )) : <td colSpan={shown.length} className="muted">{t.pagedTable.loadingRow(formatNumber(item.index + 1))}</td>}
                </tr>
              );
            })}
            {after > 0 && <tr aria-hidden="true" className="spacer-row"><td colSpan={shown.length} style={{ height: after }} /></tr>}
          </tbody>
        </table>
      </div>
      {opened?.rawRowId != null && <SourceRowCard heading={t.pagedTable.whereWasReadFrom(rowNoun, opened.key)} rowKey={opened.key} rawRowId={opened.rawRowId} onClose={() => setOpened(null)} />}
    </div>
  );
}

/** The source row a table row was read from: focus moves to it when it opens (again for another row), Escape closes it and returns focus to the row. */
function SourceRowCard({ heading, rowKey, rawRowId, onClose }: { heading: string; rowKey: unknown; rawRowId: number; onClose: () => void }) {
  const { headingProps, panelProps } = usePanel<HTMLElement>(onClose, rowKey);
  return (
    <section className="card source-row-card" aria-label={t.pagedTable.sourceRow} {...panelProps}>
      <div className="panel-head">
        <h3 {...headingProps}>{heading}</h3>
        <button type="button" onClick={onClose}>{t.pagedTable.close}</button>
      </div>
      <SourceRowContextView row={{ rawRowId }} />
    </section>
  );
}
