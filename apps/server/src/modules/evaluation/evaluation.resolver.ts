import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RectificationAction, Role, isEvaluable, isRectificationOverdue, rectificationActions } from '@weimin/domain';
import { RequireRole } from '../../common/access';
import { coversPath, type RequestContext } from '../../common/context';
import { NotFoundError } from '../../common/errors';
import { ConnectionType, type Connection } from '../../common/pagination';
import { Application, toApplication } from '../application/application.view';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { mayEvaluate } from './evaluation.service';
import {
  CloseRectificationInput,
  Evaluation,
  EvaluationInput,
  Rectification,
  RectificationFilterInput,
  RespondToRectificationInput,
  toEvaluation,
  toRectification,
} from './evaluation.types';
import { RECTIFICATION_STAFF } from './rectification.service';

export const RectificationConnection = ConnectionType(Rectification, 'Rectification');

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

async function freshApplication(ctx: RequestContext, id: string): Promise<Application> {
  const a = await ctx.services.applicationQueries.get(ctx, id);
  if (!a) throw new NotFoundError('Application', id);
  return a;
}

/** The rating of an application, and what the web widget needs to offer it. */
@Resolver(() => Application)
export class ApplicationEvaluationResolver {
  @FieldResolver(() => Evaluation, { nullable: true, description: '好差评: the rating, once given' })
  async evaluation(@Root() a: Application, @Ctx() ctx: RequestContext): Promise<Evaluation | null> {
    const row = await ctx.loaders.evaluations.byApplication.load(a.id);
    return row && toEvaluation(row);
  }

  @FieldResolver(() => Boolean, { description: 'You may rate it now: you applied (or applied for the villager), it has ended, and nobody rated it yet' })
  async canEvaluate(@Root() a: Application, @Ctx() ctx: RequestContext): Promise<boolean> {
    if (!mayEvaluate(ctx.viewer, a.row) || !isEvaluable(a.status)) return false;
    return !(await ctx.loaders.evaluations.byApplication.load(a.id));
  }
}

@Resolver(() => Evaluation)
export class EvaluationResolver {
  @RequireRole(Role.CITIZEN, Role.AGENT)
  @Mutation(() => Application, { description: 'Rate an application once it is completed, delivered or rejected; a rating of 1 or 2 opens a rectification' })
  async evaluateApplication(@Arg('id', () => ID) id: string, @Arg('input') input: EvaluationInput, @Ctx() ctx: RequestContext): Promise<Application> {
    await ctx.services.evaluations.evaluate(ctx, id, input);
    return freshApplication(ctx, id);
  }

  @RequireRole(Role.SUPERVISOR)
  @Mutation(() => Evaluation, { description: 'Appeal upheld: leave a rating verified as malicious out of the statistics' })
  async excludeEvaluation(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: RequestContext): Promise<Evaluation> {
    await ctx.services.evaluations.exclude(ctx, id, reason);
    const row = await ctx.loaders.evaluations.byId.load(id);
    return toEvaluation(row!);
  }

  @FieldResolver(() => Rectification, { nullable: true, description: 'For a rating of 1 or 2: what the handling centre did about it' })
  async rectification(@Root() e: Evaluation, @Ctx() ctx: RequestContext): Promise<Rectification | null> {
    const r = await ctx.loaders.evaluations.rectificationByEvaluation.load(e.id);
    return r && toRectification(r, coversPath(ctx.viewer, RECTIFICATION_STAFF, r.path));
  }
}

@Resolver(() => Rectification)
export class RectificationResolver {
  @RequireRole(...RECTIFICATION_STAFF)
  @Query(() => RectificationConnection, { description: 'Rectifications of bad ratings in your subtree: open ones first, soonest deadline first' })
  rectifications(
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RectificationFilterInput, { nullable: true }) filter?: RectificationFilterInput,
  ): Promise<Connection<Rectification>> {
    return ctx.services.rectifications.list(ctx, filter ?? {}, page.first, page.after);
  }

  @RequireRole(...RECTIFICATION_STAFF)
  @Query(() => Rectification, { nullable: true, description: 'Null when it does not exist or is outside your scope' })
  rectification(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.rectifications.get(ctx, id);
  }

  @RequireRole(Role.CLERK)
  @Mutation(() => Rectification, { description: 'The handling centre: verification and the answer to the citizen' })
  async respondToRectification(@Arg('id', () => ID) id: string, @Arg('input') input: RespondToRectificationInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.rectifications.respond(ctx, id, input));
  }

  @RequireRole(Role.CLERK, Role.SUPERVISOR)
  @Mutation(() => Rectification, { description: 'After the follow-up with the citizen (回访): close it' })
  async closeRectification(@Arg('id', () => ID) id: string, @Arg('input') input: CloseRectificationInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.rectifications.close(ctx, id, input));
  }

  @FieldResolver(() => Boolean, { description: 'Not closed and past the deadline' })
  overdue(@Root() r: Rectification, @Ctx() ctx: RequestContext): boolean {
    return isRectificationOverdue(r.status, r.deadline, ctx.services.calendar.today());
  }

  @FieldResolver(() => [RectificationAction], { description: 'What you may do now; the web app draws its buttons from this' })
  nextActions(@Root() r: Rectification, @Ctx() ctx: RequestContext): RectificationAction[] {
    const roles = (ctx.viewer?.grants ?? []).filter((g) => g.path != null && r.row.path.startsWith(g.path)).map((g) => g.role);
    return rectificationActions(r.status, roles);
  }

  @FieldResolver(() => Jurisdiction, { description: 'The handling jurisdiction (its centre answers)' })
  jurisdiction(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return ctx.loaders.jurisdiction.load(r.row.jurisdiction_id);
  }

  @FieldResolver(() => Evaluation, { description: 'The rating it answers' })
  async evaluation(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<Evaluation> {
    return toEvaluation((await ctx.loaders.evaluations.byId.load(r.row.evaluation_id))!);
  }

  @FieldResolver(() => Application)
  async application(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<Application> {
    return toApplication((await ctx.loaders.evaluations.application.load(r.row.application_id))!, ctx.viewer);
  }

  private async fresh(ctx: RequestContext, id: string): Promise<Rectification> {
    const r = await ctx.services.rectifications.get(ctx, id);
    if (!r) throw new NotFoundError('Rectification', id);
    return r;
  }
}
