/** The stage figures of a Performance (四级联动): per level and stage kind, and where applications wait now. */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { Performance } from './dashboard.types';
import { StageFigure, StageWaiting, stageFigures, stagesWaiting } from './stage-figures';

@Resolver(() => Performance)
export class StageFiguresResolver {
  @FieldResolver(() => [StageFigure], { description: 'Per level and stage kind: the stages that arrived in the range at a centre of the subtree' })
  async stageFigures(@Root() p: Performance, @Ctx() ctx: RequestContext): Promise<StageFigure[]> {
    const cal = await ctx.services.calendar.calendar();
    return stageFigures(ctx.services.ds, cal, p.scope.node.path, p.from, p.to, ctx.services.calendar.today());
  }

  @FieldResolver(() => [StageWaiting], { description: 'Now, whatever the range: open stages per level and kind at centres of the subtree, and how many are overdue' })
  stagesWaiting(@Root() p: Performance, @Ctx() ctx: RequestContext): Promise<StageWaiting[]> {
    return stagesWaiting(ctx.services.ds, p.scope.node.path, ctx.services.calendar.today());
  }
}
