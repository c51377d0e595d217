/**
 * A supervision list in keyset pages drawn as a table whose first column heads each row (PagedResults does the
 * states, the count and "load more"). Used by the dashboard's overdue list, the stage drill-down and the
 * rectifications.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PagedResults, type PagedResultsProps } from '../common/PagedResults';

export interface Column<N> {
  label: string;
  cell(node: N): ReactNode;
}

export interface PagedTableProps<N> extends Omit<PagedResultsProps<N>, 'moreLabel' | 'children' | 'after'> {
  caption: string;
  /** The first column is the row's header. */
  columns: readonly Column<N>[];
  rowKey(node: N): string;
  /** After the table, once it has loaded (exports). */
  children?: ReactNode;
}

export function PagedTable<N>({ caption, columns, rowKey, children, ...list }: PagedTableProps<N>) {
  const { t } = useTranslation();
  const [head, ...rest] = columns;
  return (
    <PagedResults {...list} moreLabel={t('supervision.loadMore')} after={children}>
      {(nodes) => (
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
            {nodes.map((n) => (
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
    </PagedResults>
  );
}
