/** GraphQL of the four-level linkage: stage moves, the stage queue, the station's register and the public-notice board. */
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApplicationStatus, Role, StageKind } from '@weimin/domain';
import { Public, RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { NotFoundError } from '../../common/errors';
import type { Connection } from '../../common/pagination';
import { actorsFor } from './application.access';
import type { StageView } from './application.loaders';
import { ApplicationConnection } from './application.resolver';
import {
  ApplicationExtension,
  ApplicationStage,
  ApplicationTracking,
  ExtendInput,
  Objection,
  ObjectionInput,
  PublicNotice,
  ResolveObjectionInput,
  ReturnApplicationInput,
} from './application.types';
import { Application } from './application.view';

@InputType()
class StageQueueFilterInput {
  @Field(() => StageKind, { nullable: true, description: 'Only applications at stages of this kind' }) kind?: StageKind | null;
  @Field(() => String, { nullable: true, description: 'Application number or applicant name (prefix), ID number or phone (exact); at most 50 characters' })
  search?: string | null;
  @Field(() => ID, { nullable: true, description: 'One of your centres (default: all of them)' }) centreJurisdictionId?: string | null;
}

@ArgsType()
class StagePageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

/** A stage's overdue and warning flags; while the application is suspended its clock stands still (neither). */
async function withClock(ctx: RequestContext, s: StageView, status: ApplicationStatus, path: string | null): Promise<ApplicationStage> {
  const today = ctx.services.calendar.today();
  const open = s.doneOn == null && status !== ApplicationStatus.SUSPENDED;
  const overdue = open && s.dueOn < today;
  let warning = false;
  if (open && !overdue) {
    const cal = await ctx.services.calendar.calendar();
    // The warning window of the city the application was lodged in.
    // (The centre's city when the application's path is not at hand: a chain stays within its city.)
    const where = path ?? (await ctx.loaders.jurisdiction.load(Number(s.centreJurisdictionId)))?.path;
    const policy = where ? await ctx.services.policy.settingsAt(where) : await ctx.services.policy.settings();
    warning = cal.isWarning(s.dueOn, today, policy.warningWorkingDays);
  }
  return { ...s, overdue, warning };
}

@Resolver(() => Application)
export class ApplicationStageResolver {
  @RequireRole(Role.CLERK, Role.AGENT)
  @Query(() => ApplicationConnection, { description: 'Stage queue: applications now at a stage of your centres, soonest stage due date first' })
  stageQueue(@Args() page: StagePageArgs, @Ctx() ctx: RequestContext, @Arg('filter', () => StageQueueFilterInput, { nullable: true }) filter?: StageQueueFilterInput): Promise<Connection<Application>> {
    return ctx.services.stageQueries.queue(ctx, filter ?? {}, page.first, page.after);
  }

  @RequireRole(Role.AGENT)
  @Query(() => ApplicationConnection, { description: '代办台账: everything lodged at your station, newest first; handOver = results waiting to be handed over' })
  stationRegister(@Args() page: StagePageArgs, @Ctx() ctx: RequestContext, @Arg('handOver', { defaultValue: false }) handOver: boolean): Promise<Connection<Application>> {
    return ctx.services.stageQueries.register(ctx, handOver, page.first, page.after);
  }

  @Public()
  @Query(() => [PublicNotice], { description: '公示栏: applications on public notice at this jurisdiction now, masked (at most 100)' })
  publicNotices(@Arg('jurisdictionId', () => ID) jurisdictionId: string, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { nullable: true }) first?: number): Promise<PublicNotice[]> {
    return ctx.services.stageQueries.publicNotices(jurisdictionId, ctx.services.calendar.today(), first ?? 100);
  }

  @RequireRole(Role.CLERK, Role.AGENT)
  @Mutation(() => Application, { description: '转报: pass it to the next stage (note at most 500 characters)' })
  async forwardApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Arg('note', () => String, { nullable: true }) note?: string) {
    return this.fresh(ctx, await ctx.services.stageActions.forward(ctx, id, note));
  }

  @RequireRole(Role.CLERK)
  @Mutation(() => Application, { description: '退回: to the previous stage with reasons; with materials, to the applicant through the accepting window' })
  async returnApplication(@Arg('id', () => ID) id: string, @Arg('input') input: ReturnApplicationInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.stageActions.returnApplication(ctx, id, input));
  }

  @RequireRole(Role.CLERK)
  @Mutation(() => Application, { description: '移送: before acceptance, to the right centre of the same level in the same county (reason 2–1000 characters)' })
  async referApplication(@Arg('id', () => ID) id: string, @Arg('toJurisdictionId', () => ID) to: string, @Arg('reason') reason: string, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.stageActions.refer(ctx, id, to, reason));
  }

  @RequireRole(Role.CLERK)
  @Mutation(() => Application, { description: '延期 (Art. 42): once, up to the item\'s extension limit, with reasons told to the applicant' })
  async extendApplication(@Arg('id', () => ID) id: string, @Arg('input') input: ExtendInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.stageActions.extend(ctx, id, input));
  }

  @Public()
  @Mutation(() => Boolean, { description: '异议: anyone may object to an application on a public-notice board (limited per address)' })
  async objectToPublicNotice(@Arg('applicationId', () => ID) applicationId: string, @Arg('input') input: ObjectionInput, @Ctx() ctx: RequestContext) {
    await ctx.services.stageActions.object(ctx, applicationId, input);
    return true;
  }

  @RequireRole(Role.CLERK)
  @Mutation(() => Application, { description: 'Record how an objection was checked and resolved' })
  async resolveObjection(@Arg('id', () => ID) id: string, @Arg('input') input: ResolveObjectionInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.stageActions.resolveObjection(ctx, id, input));
  }

  @FieldResolver(() => [ApplicationStage], { description: 'Every stage it has passed and the one it is at, oldest first' })
  async stages(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return Promise.all((await ctx.loaders.applicationStages.load(a.id)).map((s) => withClock(ctx, s, a.status, a.row.path)));
  }

  @FieldResolver(() => ApplicationStage, { nullable: true, description: 'The stage holding it now (null once delivered or closed)' })
  async currentStage(@Root() a: Application, @Ctx() ctx: RequestContext) {
    if (!a.row.stage_kind) return null;
    const open = (await ctx.loaders.applicationStages.load(a.id)).filter((s) => s.doneOn == null).at(-1);
    return open ? withClock(ctx, open, a.status, a.row.path) : null;
  }

  @FieldResolver(() => [Objection], { description: 'Objections to its public notice (handling staff only; empty for others)' })
  async objections(@Root() a: Application, @Ctx() ctx: RequestContext) {
    if (!actorsFor(ctx.viewer, a.row).length && !a.onBehalf) return [];
    return ctx.loaders.applicationObjections.load(a.id);
  }

  @FieldResolver(() => Boolean, { description: 'The applicant has no phone (no SMS; told at the station or window)' })
  noPhone(@Root() a: Application) {
    return a.row.no_phone;
  }

  @FieldResolver(() => ApplicationExtension, { nullable: true, description: 'The extension of the decision period, once granted' })
  extension(@Root() a: Application): ApplicationExtension | null {
    return a.row.extension;
  }

  @FieldResolver(() => [String], { description: 'Materials whose paper original was received at the station or window instead of a scan' })
  paperOriginals(@Root() a: Application) {
    return a.row.paper_originals ?? [];
  }

  private async fresh(ctx: RequestContext, id: string): Promise<Application> {
    const a = await ctx.services.applicationQueries.get(ctx, id);
    if (!a) throw new NotFoundError('Application', id);
    return a;
  }
}

@Resolver(() => ApplicationTracking)
export class ApplicationTrackingStageResolver {
  @FieldResolver(() => [ApplicationStage], { description: 'Every stage with its centre and dates (no notes)' })
  async stages(@Root() t: ApplicationTracking, @Ctx() ctx: RequestContext) {
    const [r] = await ctx.services.ds.query(`SELECT application_id AS id FROM application_number WHERE number = $1`, [t.number]);
    if (!r) return [];
    return Promise.all((await ctx.loaders.applicationStages.load(r.id)).map((s) => withClock(ctx, { ...s, note: null, noteKey: null, noteParams: null }, t.status, null)));
  }
}
