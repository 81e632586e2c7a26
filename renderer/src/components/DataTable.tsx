/**
 * Tables of records (claims, adjustments): TanStack Table for the model, our own markup and
 * styles, and TanStack Virtual once a table is long, so thousands of claims (a portfolio's sites
 * over years) render only the rows in view. Spacer rows keep it one semantic <table>.
 */
import { createColumnHelper, tableFeatures, useTable, type ColumnDef, type Row, type RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type HTMLAttributes } from 'react';

export const TABLE_FEATURES = tableFeatures({});
export type TableFeatures = typeof TABLE_FEATURES;
export function columnHelper<T extends RowData>() {
  return createColumnHelper<TableFeatures, T>();
}

/** A column's class: meta.numeric right-aligns it. */
interface ColumnMeta {
  readonly numeric?: boolean;
}

interface Props<T extends RowData> {
  readonly label: string;
  readonly data: readonly T[];
  // Columns of differing value types, as TanStack's helper.columns returns them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly columns: readonly ColumnDef<TableFeatures, T, any>[];
  readonly rowId: (row: T) => string;
  readonly rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  /** Rows beyond this many are virtualised. */
  readonly virtualizeOver?: number;
  readonly className?: string;
}

const ROW_HEIGHT = 34;

export function DataTable<T extends RowData>({ label, data, columns, rowId, rowProps, virtualizeOver = 150, className }: Props<T>) {
  const table = useTable({ features: TABLE_FEATURES, columns, data, getRowId: (row) => rowId(row) });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > virtualizeOver;
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12, enabled: virtual });
  const items = virtual ? virtualizer.getVirtualItems() : rows.map((_, index) => ({ index, start: index * ROW_HEIGHT, end: (index + 1) * ROW_HEIGHT }));
  const before = virtual && items.length > 0 ? items[0]!.start : 0;
  const after = virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const width = table.getAllLeafColumns().length;
  const numeric = (meta: unknown) => ((meta as ColumnMeta | undefined)?.numeric ? 'num' : undefined);
  const renderRow = (row: Row<TableFeatures, T>) => (
    <tr key={row.id} {...rowProps?.(row.original)}>
      {row.getAllCells().map((cell) => (
        <td key={cell.id} className={numeric(cell.column.columnDef.meta)}>
          <table.FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  );
  return (
    <div ref={scroller} className={virtual ? 'table-scroll virtual' : 'table-scroll'}>
      <table className={`grid ${className ?? ''}`} aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={numeric(header.column.columnDef.meta)}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {before > 0 && <tr aria-hidden="true" className="spacer-row"><td colSpan={width} style={{ height: before }} /></tr>}
          {items.map((item) => renderRow(rows[item.index]!))}
          {after > 0 && <tr aria-hidden="true" className="spacer-row"><td colSpan={width} style={{ height: after }} /></tr>}
        </tbody>
      </table>
    </div>
  );
}
