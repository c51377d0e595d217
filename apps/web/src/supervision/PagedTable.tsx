/**
 * One supervision list read in keyset pages: loading and error states, the count as the server gives it
 * ("10,000+" when it stopped counting), a table whose first column heads each row, and "load more", which asks
 * for the page after the last cursor (the cache appends it: apollo.ts). Used by the dashboard's overdue list,
 * the stage drill-down and the rectifications.
 */
import { useState, type ReactNode } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../common/Status';
import { totalOf } from '../common/count';

export interface Page<N> {
  totalCount: number;
  totalCountCapped?: boolean | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: readonly N[];
}

export interface Column<N> {
  label: string;
  cell(node: N): ReactNode;
}

export interface PagedTableProps<N> {
  page: Page<N> | undefined;
  error: unknown;
  onRetry(): void;
  /** Fetch the page after this cursor (the query's variables with `after`). */
  onMore(after: string | null | undefined): Promise<unknown>;
  /** The line above the table; `total` is the count as people read it. */
  count(total: number | string): string;
  /** The count line is announced when it changes (a filter narrows the list). */
  live?: boolean;
  /** An empty list says only `empty`, without the count line. */
  bareEmpty?: boolean;
  empty: string;
  caption: string;
  /** The first column is the row's header. */
  columns: readonly Column<N>[];
  rowKey(node: N): string;
  /** After the list, once it has loaded (exports). */
  children?: ReactNode;
}

export function PagedTable<N>({ page, error, onRetry, onMore, count, live, bareEmpty, empty, caption, columns, rowKey, children }: PagedTableProps<N>) {
  const { t } = useTranslation();
  const [more, setMore] = useState(false);
  if (error && !page) return <LoadError error={error} onRetry={onRetry} />;
  if (!page) return <Loading />;
  if (bareEmpty && page.nodes.length === 0) return <p className="empty">{empty}</p>;
  const [head, ...rest] = columns;
  return (
    <>
      <p className="result-count" aria-live={live ? 'polite' : undefined}>
        {count(totalOf(page))}
      </p>
      {page.nodes.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.nodes.map((n) => (
              <tr key={rowKey(n)}>
                <th scope="row" data-label={head.label}>
                  {head.cell(n)}
                </th>
                {rest.map((c) => (
                  <td key={c.label} data-label={c.label}>
                    {c.cell(n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.pageInfo.hasNextPage && (
        <div className="load-more">
          <Button
            block
            disabled={more}
            onClick={() => {
              setMore(true);
              void onMore(page.pageInfo.endCursor).finally(() => setMore(false));
            }}
          >
            {t('supervision.loadMore')}
          </Button>
        </div>
      )}
      {children}
    </>
  );
}
