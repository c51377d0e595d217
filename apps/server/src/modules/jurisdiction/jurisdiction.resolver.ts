import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { JurisdictionLevel } from '@weimin/domain';
import { Public } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { ConnectionType, type Connection } from '../../common/pagination';
import { InputError } from '../../common/errors';
import { ServiceCenter } from '../service-center/service-center.entity';
import { Jurisdiction } from './jurisdiction.entity';

export const JurisdictionConnection = ConnectionType(Jurisdiction, 'Jurisdiction');

@ArgsType()
class JurisdictionsArgs {
  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => JurisdictionLevel, { nullable: true })
  level?: JurisdictionLevel | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, or the start of the code; at most 50 characters' })
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

export function toIntId(id: string | null | undefined, field: string): number | null {
  if (id == null) return null;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InputError(field, 'is not a jurisdiction id', {}, 'input.badId');
  return n;
}

@Resolver(() => Jurisdiction)
export class JurisdictionResolver {
  @Public()
  @Query(() => Jurisdiction, { nullable: true, description: 'By id or by 12-digit code' })
  jurisdiction(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
  ): Promise<Jurisdiction | null> {
    return ctx.services.jurisdictions.find({ id: toIntId(id, 'id'), code });
  }

  @Public()
  @Query(() => JurisdictionConnection, { description: 'totalCount stops at 10,001: more than 10,000 matches read as "10,000+"' })
  jurisdictions(@Args() args: JurisdictionsArgs, @Ctx() ctx: RequestContext): Promise<Connection<Jurisdiction>> {
    return ctx.services.jurisdictions.list({ ...args, parentId: toIntId(args.parentId, 'parentId') });
  }

  @FieldResolver(() => Jurisdiction, { nullable: true })
  parent(@Root() j: Jurisdiction, @Ctx() ctx: RequestContext) {
    return j.parentId == null ? null : ctx.loaders.jurisdiction.load(j.parentId);
  }

  @FieldResolver(() => [Jurisdiction], { description: 'Ordered by code' })
  children(@Root() j: Jurisdiction, @Ctx() ctx: RequestContext) {
    return ctx.loaders.children.load(j.id);
  }

  @FieldResolver(() => [Jurisdiction], { description: 'Root first, not including this node' })
  ancestors(@Root() j: Jurisdiction, @Ctx() ctx: RequestContext) {
    return ctx.loaders.ancestors.load(j);
  }

  @FieldResolver(() => ServiceCenter, { nullable: true })
  serviceCenter(@Root() j: Jurisdiction, @Ctx() ctx: RequestContext) {
    return ctx.loaders.centerByJurisdiction.load(j.id);
  }
}
