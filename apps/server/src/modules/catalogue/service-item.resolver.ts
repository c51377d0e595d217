import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Role, chainOf, extensionLimitOf } from '@weimin/domain';
import { Public, RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { ConnectionType, type Connection } from '../../common/pagination';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { contentFromInput } from './service-item.service';
import {
  BlankForm,
  ChainStage,
  CreateServiceItemInput,
  ServiceItem,
  ServiceItemContentInput,
  ServiceItemEdition,
  ServiceItemFilter,
} from './service-item.types';

export const ServiceItemConnection = ConnectionType(ServiceItem, 'ServiceItem');

@ArgsType()
class ServiceItemsArgs {
  @Field(() => ServiceItemFilter, { nullable: true })
  filter?: ServiceItemFilter | null;

  @Field(() => ServiceItemEdition, { defaultValue: ServiceItemEdition.PUBLISHED })
  edition: ServiceItemEdition;

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** Whether the selection asks for `totalCount` (the count is a second statement; skip it when unused). */
function asksTotalCount(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((n) => n.selectionSet?.selections.some((s) => s.kind !== 'Field' || s.name.value === 'totalCount'));
}

@Resolver(() => ServiceItem)
export class ServiceItemResolver {
  @Public()
  @Query(() => ServiceItem, { nullable: true, description: 'Null when it does not exist or you may not see that edition' })
  serviceItem(
    @Arg('id', () => ID) id: string,
    @Arg('edition', () => ServiceItemEdition, { defaultValue: ServiceItemEdition.PUBLISHED }) edition: ServiceItemEdition,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceItem | null> {
    return ctx.services.catalogue.get(ctx, id, edition);
  }

  @Public()
  @Query(() => ServiceItemConnection, { description: 'Ordered by code. The WORKING edition lists only directories in your scope.' })
  serviceItems(@Args() args: ServiceItemsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Connection<ServiceItem>> {
    return ctx.services.catalogue.list(ctx, args.filter ?? {}, { ...args, withCount: asksTotalCount(info) });
  }

  @RequireRole(Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN)
  @Mutation(() => ServiceItem, { description: 'A new DRAFT item in a directory you administer' })
  createServiceItem(@Arg('input') input: CreateServiceItemInput, @Ctx() ctx: RequestContext): Promise<ServiceItem> {
    return ctx.services.catalogue.create(ctx, input.ownerId, input.code?.trim(), contentFromInput(input));
  }

  @RequireRole(Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN)
  @Mutation(() => ServiceItem, { description: 'Saves the working copy; a stale version fails with VERSION_CONFLICT. Citizens see it after publishing.' })
  updateServiceItem(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: ServiceItemContentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceItem> {
    return ctx.services.catalogue.update(ctx, id, version, contentFromInput(input));
  }

  @RequireRole(Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN)
  @Mutation(() => ServiceItem, { description: 'Publishes the working copy as a new immutable version' })
  publishServiceItem(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('version', () => Int, { nullable: true, description: 'The version you reviewed; refused if someone saved since' }) version?: number,
  ): Promise<ServiceItem> {
    return ctx.services.catalogue.publish(ctx, id, version ?? null);
  }

  @RequireRole(Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN)
  @Mutation(() => ServiceItem, { description: 'Takes a published item off the public catalogue' })
  withdrawServiceItem(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: RequestContext): Promise<ServiceItem> {
    return ctx.services.catalogue.withdraw(ctx, id, reason);
  }

  @FieldResolver(() => Jurisdiction, { description: 'The jurisdiction whose directory holds the item' })
  owner(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    // Lists fetch the owner in the same statement; otherwise the per-request loader batches the lookups.
    return item.owner ?? ctx.loaders.jurisdiction.load(item.ownerId);
  }

  @FieldResolver(() => [ChainStage], { description: 'The effective handling chain: the stages an application passes (the one-stage chain when none is set)' })
  handlingChain(@Root() item: ServiceItem): ChainStage[] {
    return chainOf(item);
  }

  @FieldResolver(() => [BlankForm], { description: 'The blank forms attached to materials, to download and fill in (public once published)' })
  blankForms(@Root() item: ServiceItem): BlankForm[] {
    return (item.materials ?? []).flatMap((m, index) => {
      const f = m.blankForm;
      return f ? [{ materialIndex: index, material: m.name, fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, url: `/api/forms/${f.fileId}` }] : [];
    });
  }

  @FieldResolver(() => Int, { description: 'Longest extension of the decision period in working days (Art. 42)' })
  effectiveExtensionLimit(@Root() item: ServiceItem): number {
    return extensionLimitOf(item);
  }
}

