/** The stage figures of a Performance (四级联动): per level and stage kind, where applications wait now, and the drill-down. */
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { JurisdictionLevel, StageKind } from '@weimin/domain';
import type { RequestContext } from '../../common/context';
import { pageSize } from '../../common/pagination';
import { Performance } from './dashboard.types';
import { StageFigure, StageWaiting, stageFigures, stagesWaiting } from './stage-figures';
import { StageDrillConnection, StageDrillMode, stageDrill } from './stage-drill';

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

  @FieldResolver(() => StageDrillConnection, {
    description: 'The applications behind one stage figure: ARRIVED lists the stageFigures row (arrivals in the range, oldest first); WAITING and OVERDUE the stagesWaiting row (soonest due first)',
  })
  stageApplications(
    @Root() p: Performance,
    @Ctx() ctx: RequestContext,
    @Arg('level', () => JurisdictionLevel) level: JurisdictionLevel,
    @Arg('kind', () => StageKind) kind: StageKind,
    @Arg('mode', () => StageDrillMode, { defaultValue: StageDrillMode.ARRIVED }) mode: StageDrillMode,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<StageDrillConnection> {
    const today = ctx.services.calendar.today();
    return stageDrill(ctx.services.ds, { path: p.scope.node.path, from: p.from, to: p.to, today, level, kind, mode }, pageSize(first), after);
  }
}
