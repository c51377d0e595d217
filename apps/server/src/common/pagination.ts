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
  /** Lists whose count stops at a cap: true when there are more than totalCount. */
  totalCountCapped?: boolean;
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

/** A connection whose count stops at 10,000 (a list of millions of rows is counted no further). */
export function CappedConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Connection`)
  class CappedConnectionClass {
    @Field(() => [node])
    nodes: T[];

    @Field(() => Int, { description: 'All matches, not just this page, up to 10,000 (see totalCountCapped)' })
    totalCount: number;

    @Field({ description: 'True when there are more than 10,000 matches: totalCount is then 10,000 and reads as "10,000+"' })
    totalCountCapped: boolean;

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return CappedConnectionClass;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw new InputError('first', `must be between 1 and ${MAX_PAGE}`, { min: 1, max: MAX_PAGE }, 'input.pageSize');
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
  if (!key) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
  return key;
}
