/** Cursor connections (`first`/`after`, `totalCount`) with a hard cap on page size. */
import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { InputError } from './errors';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

export function ConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [node])
    nodes: T[];

    @Field(() => Int, { description: 'All matches, not just this page' })
    totalCount: number;

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionClass;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw new InputError('first', `must be between 1 and ${MAX_PAGE}`);
  }
  return first;
}

/** Cursors are opaque to clients: base64url of the sort key of the last row. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key) throw new InputError('after', 'is not a cursor this API returned');
  return key;
}

/** Offset paging for lists sorted on several keys (work queues): the cursor is the offset, opaque to clients. */
export function offsetWindow(first: number | null | undefined, after: string | null | undefined): { take: number; offset: number } {
  const take = pageSize(first);
  const cursor = decodeCursor(after);
  const offset = cursor == null ? 0 : Number(cursor);
  if (!Number.isInteger(offset) || offset < 0) throw new InputError('after', 'is not a cursor this API returned');
  return { take, offset };
}

/** A connection from `take + 1` fetched rows (the extra one tells whether a next page exists). */
export function offsetConnection<T>(rows: T[], totalCount: number, window: { take: number; offset: number }): Connection<T> {
  const nodes = rows.slice(0, window.take);
  return {
    nodes,
    totalCount,
    pageInfo: { hasNextPage: rows.length > window.take, endCursor: nodes.length ? encodeCursor(String(window.offset + nodes.length)) : null },
  };
}
