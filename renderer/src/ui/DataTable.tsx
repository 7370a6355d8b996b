import type { ReactNode } from 'react';
import { Button, Empty, Loading, Notice } from './Layout';

export interface Column<T> {
  /** Already translated; may hold a visually hidden name (a column of buttons). */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cells' class ('nowrap', an actions column). */
  className?: string;
}

/**
 * A list a screen loaded, as a table: the loading sign until the rows come, why they could not be had, a
 * sentence when there are none, and a "more" button when the server holds older rows.
 */
export function DataTable<T>({
  caption, columns, rows, rowKey, empty, error, compact, rowClassName, more,
}: {
  /** Read out to screen-reader users; not shown. */
  caption: string;
  columns: readonly Column<T>[];
  /** null while loading. */
  rows: readonly T[] | null;
  rowKey: (row: T) => string | number;
  empty: ReactNode;
  /** Why the rows could not be loaded, shown in the table's place. */
  error?: string | null;
  compact?: boolean;
  rowClassName?: (row: T) => string | undefined;
  more?: { label: string; onClick: () => void; busy?: boolean } | null;
}) {
  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      {!rows && !error && <Loading />}
      {rows && rows.length === 0 && <Empty>{empty}</Empty>}
      {rows && rows.length > 0 && (
        // A table wider than the window scrolls in its own box (it can be reached by keyboard), never the page.
        <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className={compact ? 'table table--compact' : 'table'}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col">{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((c, i) => (
                  <td key={i} className={c.className}>{c.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {rows && more && (
        <p className="load-more">
          <Button kind="secondary" onClick={more.onClick} busy={more.busy}>{more.label}</Button>
        </p>
      )}
    </>
  );
}
