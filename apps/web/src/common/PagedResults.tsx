/**
 * A list read in keyset pages: loading and error states, the count line as the server gives it ("10,000+" when
 * it stopped counting), the nodes so far, and "load more", which asks for the page after the last cursor (the
 * cache appends it: apollo.ts). The caller draws the nodes (a table, a list).
 */
import { useState, type ReactNode } from 'react';
import { Button } from 'antd';
import { LoadError, Loading } from './Status';
import { totalOf } from './count';

export interface Page<N> {
  totalCount: number;
  totalCountCapped?: boolean | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: readonly N[];
}

export interface PagedResultsProps<N> {
  page: Page<N> | undefined;
  error: unknown;
  onRetry(): void;
  /** Fetch the page after this cursor (the query's variables with `after`). */
  onMore(after: string | null | undefined): Promise<unknown>;
  /** The line above the nodes; `total` is the count as people read it. */
  count(total: number | string): string;
  /** The count line is announced when it changes (a filter or a search narrows the list). */
  live?: boolean;
  /** An empty list says only `empty`, without the count line. */
  bareEmpty?: boolean;
  empty: string;
  moreLabel: string;
  /** The nodes so far (never empty). */
  children(nodes: readonly N[]): ReactNode;
  /** After the list, once it has loaded (exports). */
  after?: ReactNode;
}

export function PagedResults<N>({ page, error, onRetry, onMore, count, live, bareEmpty, empty, moreLabel, children, after }: PagedResultsProps<N>) {
  const [more, setMore] = useState(false);
  if (error && !page) return <LoadError error={error} onRetry={onRetry} />;
  if (!page) return <Loading />;
  if (bareEmpty && page.nodes.length === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <p className="result-count" aria-live={live ? 'polite' : undefined}>
        {count(totalOf(page))}
      </p>
      {page.nodes.length === 0 ? <p className="empty">{empty}</p> : children(page.nodes)}
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
            {moreLabel}
          </Button>
        </div>
      )}
      {after}
    </>
  );
}
