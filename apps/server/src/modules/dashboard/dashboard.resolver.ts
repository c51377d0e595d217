import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { RequireRole, Public } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { DateScalar } from '../../common/scalars';
import { toIntId } from '../jurisdiction/jurisdiction.resolver';
import { DASHBOARD_READERS } from './dashboard.service';
import {
  Coverage,
  ItemPerformance,
  Performance,
  PublicStatistics,
  PublishedResultConnection,
  TrendGranularity,
  TrendPoint,
} from './dashboard.types';

/** Per request: children of sibling nodes are read together (one batch per level of the query). */
const childLoaders = new WeakMap<RequestContext, DataLoader<Performance, Performance[]>>();

function childrenLoader(ctx: RequestContext): DataLoader<Performance, Performance[]> {
  let loader = childLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (parents: readonly Performance[]) => {
        // Siblings share a range; group by range anyway so that nothing depends on it.
        const out = new Map<Performance, Performance[]>();
        const byRange = new Map<string, Performance[]>();
        for (const p of parents) {
          const k = `${p.from}|${p.to}`;
          byRange.set(k, [...(byRange.get(k) ?? []), p]);
        }
        for (const group of byRange.values()) {
          const found = await ctx.services.dashboard.children(
            group.map((g) => g.scope.node),
            group[0].from,
            group[0].to,
            group[0].generatedAt,
          );
          group.forEach((g, i) => out.set(g, found[i]));
        }
        return parents.map((p) => out.get(p) ?? []);
      },
      { cache: true },
    );
    childLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => Performance)
export class DashboardResolver {
  @RequireRole(...DASHBOARD_READERS)
  @Query(() => Performance, {
    description: 'Supervisors and administrators: figures of a jurisdiction in your scope and everything below it, from ≤ to, at most 3 years',
  })
  performance(
    @Arg('jurisdictionId', () => ID) jurisdictionId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Performance> {
    return ctx.services.dashboard.performance(ctx, toIntId(jurisdictionId, 'jurisdictionId') as number, from, to);
  }

  @FieldResolver(() => [Performance], { description: 'Each child jurisdiction (drill-down), ordered by code' })
  children(@Root() p: Performance, @Ctx() ctx: RequestContext): Promise<Performance[]> {
    return childrenLoader(ctx).load(p);
  }

  @FieldResolver(() => [ItemPerformance], { description: 'Each service item with figures or open applications in the subtree' })
  byServiceItem(@Root() p: Performance, @Ctx() ctx: RequestContext): Promise<ItemPerformance[]> {
    return ctx.services.dashboard.byServiceItem(p.scope.node, p.from, p.to);
  }

  @FieldResolver(() => [TrendPoint], { description: 'The figures period by period over the range' })
  trend(
    @Root() p: Performance,
    @Ctx() ctx: RequestContext,
    @Arg('granularity', () => TrendGranularity, { defaultValue: TrendGranularity.MONTH }) granularity: TrendGranularity,
  ): Promise<TrendPoint[]> {
    return ctx.services.dashboard.trend(p.scope.node, p.from, p.to, granularity);
  }

  @RequireRole(...DASHBOARD_READERS)
  @Query(() => Coverage, { description: 'Built and standardised centres per level below (and including) a jurisdiction in your scope, against the targets' })
  coverage(@Arg('jurisdictionId', () => ID) jurisdictionId: string, @Ctx() ctx: RequestContext): Promise<Coverage> {
    return ctx.services.dashboard.coverage(ctx, toIntId(jurisdictionId, 'jurisdictionId') as number);
  }

  @Public()
  @Query(() => PublicStatistics, {
    description:
      'Public: satisfaction and on-time rates of the last 12 months of an area and each of its children (jurisdictionId; ' +
      'or countyId; without either, the root of a one-root tree)',
  })
  publicStatistics(
    @Ctx() ctx: RequestContext,
    @Arg('countyId', () => ID, { nullable: true }) countyId?: string | null,
    @Arg('jurisdictionId', () => ID, { nullable: true, description: 'Any jurisdiction: its children are the rows' }) jurisdictionId?: string | null,
  ): Promise<PublicStatistics> {
    return ctx.services.dashboard.publicStatistics(toIntId(countyId, 'countyId'), toIntId(jurisdictionId, 'jurisdictionId'));
  }

  @Public()
  @Query(() => PublishedResultConnection, { description: 'Public (办理结果公开): completed applications of a subtree, newest first, names masked' })
  publishedResults(
    @Arg('jurisdictionId', () => ID) jurisdictionId: string,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PublishedResultConnection> {
    return ctx.services.dashboard.publishedResults(toIntId(jurisdictionId, 'jurisdictionId') as number, first, after);
  }
}
