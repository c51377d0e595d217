import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApplicationStatus, Role, StageKind, nextActions, returnTarget, stageNextActions } from '@weimin/domain';
import { Authenticated, Public, RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { NotFoundError } from '../../common/errors';
import { CappedConnectionType, type Connection } from '../../common/pagination';
import { DateScalar } from '../../common/scalars';
import { GraphQLJSON } from 'graphql-scalars';
import { nextStepKey } from './application.queries';
import { ServiceItem } from '../catalogue/service-item.types';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { actorsFor } from './application.access';
import { routeOf } from './application.stages';
import {
  AnyActionEnum,
  AppealBodies,
  ApplicationEvent,
  ApplicationTracking,
  CompleteInput,
  DeficiencyNotice,
  DeliverInput,
  NotifyDeficiencyInput,
  RejectInput,
  SubmitApplicationInput,
  SuppliedMaterial,
  SupplementInput,
  Suspension,
  SuspendInput,
} from './application.types';
import { Application } from './application.view';
import type { ApplicationRow } from './application.service';

export const ApplicationConnection = CappedConnectionType(Application, 'Application');

@InputType()
class ApplicationFilterInput {
  @Field(() => ID, { nullable: true, description: 'Within this jurisdiction (and below); must be in your scope' }) jurisdictionId?: string | null;
  @Field(() => [ApplicationStatus], { nullable: true }) status?: ApplicationStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Accepted and past the due date' }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Accepted and due within the warning window' }) warning?: boolean | null;
  @Field(() => ID, { nullable: true }) serviceItemId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Submitted on or after this day' }) from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Submitted on or before this day' }) to?: string | null;
}

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

const CLERK = Role.CLERK;

/** The row with its item version's content and its place's level: list rows carry neither; loaders fetch them for the page. */
async function withContent(a: Application, ctx: RequestContext): Promise<ApplicationRow> {
  if (a.row.content) return a.row;
  const [content, place] = await Promise.all([ctx.loaders.applicationContent.load(a.row.item_version_id), ctx.loaders.jurisdiction.load(a.row.jurisdiction_id)]);
  if (!content || !place) throw new NotFoundError('ServiceItemVersion', a.row.item_version_id);
  return { ...a.row, content, jurisdiction_level: place.level, jurisdiction_code: place.code };
}

@Resolver(() => Application)
export class ApplicationResolver {
  // ---------- queries ----------

  @Authenticated()
  @Query(() => Application, { nullable: true, description: 'Null when it does not exist or is not yours to see' })
  application(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.applicationQueries.get(ctx, id);
  }

  @Public()
  @Query(() => ApplicationTracking, { nullable: true, description: 'Tracking without login: number and lookup code from the receipt' })
  applicationByNumber(@Arg('number') number: string, @Arg('lookupCode') lookupCode: string, @Ctx() ctx: RequestContext) {
    // failures limited per number and per address (tracking-guard.ts)
    return ctx.services.tracking.attempt(number, ctx.ip, () => ctx.services.applicationQueries.track(number, lookupCode));
  }

  @Authenticated()
  @Query(() => ApplicationConnection, { description: 'Applications you made, or made for you, newest first' })
  myApplications(@Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Application>> {
    return ctx.services.applicationQueries.mine(ctx, page.first, page.after);
  }

  @RequireRole(Role.CLERK, Role.SUPERVISOR, Role.SYSTEM_ADMIN)
  @Query(() => ApplicationConnection, { description: 'Work queue of your subtree, soonest due first' })
  applications(
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ApplicationFilterInput, { nullable: true }) filter?: ApplicationFilterInput,
  ): Promise<Connection<Application>> {
    return ctx.services.applicationQueries.list(ctx, filter ?? {}, page.first, page.after);
  }

  // ---------- mutations ----------

  @RequireRole(Role.CITIZEN, Role.AGENT, Role.CLERK)
  @Mutation(() => Application, { description: 'Apply (citizens for themselves; agents for a villager; clerks for a person at the window, 窗口代录). A retried call with the same idempotencyKey returns the same application.' })
  async submitApplication(@Arg('input') input: SubmitApplicationInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.submit(ctx, input));
  }

  @RequireRole(CLERK)
  @Mutation(() => Application, { description: 'Accept: issues the acceptance receipt with the due date' })
  async acceptApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.accept(ctx, id));
  }

  @RequireRole(CLERK, Role.AGENT)
  @Mutation(() => Application, { description: 'One-time deficiency notice: every problem at once (at the village station: its written list of what is missing)' })
  async notifyDeficiency(@Arg('id', () => ID) id: string, @Arg('input') input: NotifyDeficiencyInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.notifyDeficiency(ctx, id, input));
  }

  @RequireRole(Role.CITIZEN, Role.AGENT)
  @Mutation(() => Application, { description: 'Hand in what the notice listed' })
  async supplementApplication(@Arg('id', () => ID) id: string, @Arg('input') input: SupplementInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.supplement(ctx, id, input));
  }

  @RequireRole(CLERK)
  @Mutation(() => Application, { description: 'Not accepted: reason, legal basis, where to go instead; appeal rights are printed' })
  async rejectApplication(@Arg('id', () => ID) id: string, @Arg('input') input: RejectInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.reject(ctx, id, input));
  }

  @RequireRole(CLERK)
  @Mutation(() => Application, { description: 'Special procedure: the clock stops until resumed' })
  async suspendApplication(@Arg('id', () => ID) id: string, @Arg('input') input: SuspendInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.suspend(ctx, id, input));
  }

  @RequireRole(CLERK)
  @Mutation(() => Application, { description: 'End the special procedure; the due date moves by the suspended days' })
  async resumeApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.resume(ctx, id));
  }

  @RequireRole(CLERK)
  @Mutation(() => Application, { description: 'Decide: APPROVED, or DENIED with reasons' })
  async completeApplication(@Arg('id', () => ID) id: string, @Arg('input') input: CompleteInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.complete(ctx, id, input));
  }

  @RequireRole(CLERK, Role.AGENT)
  @Mutation(() => Application, { description: 'Hand over, mail or send the result (at the lodging centre or village station)' })
  async deliverApplication(@Arg('id', () => ID) id: string, @Arg('input') input: DeliverInput, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.deliver(ctx, id, input));
  }

  @RequireRole(Role.CITIZEN, Role.AGENT)
  @Mutation(() => Application, { description: 'The applicant withdraws before completion' })
  async withdrawApplication(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.applications.withdraw(ctx, id, reason));
  }

  // ---------- fields ----------

  @FieldResolver(() => ServiceItem, { description: 'The item version the application was made under' })
  async serviceItem(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.itemVersion.load(a.row.item_version_id);
  }

  @FieldResolver(() => Jurisdiction, { description: 'Where it is handled' })
  jurisdiction(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.jurisdiction.load(a.row.jurisdiction_id);
  }

  @FieldResolver(() => String, { description: 'The handling centre' })
  async handlingCenter(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.centerByJurisdiction.load(a.row.jurisdiction_id))?.name ?? '';
  }

  @FieldResolver(() => String, { nullable: true, description: 'The village agent (代办员) who lodged it for the applicant; null for the applicant’s own and walk-in applications' })
  async agent(@Root() a: Application, @Ctx() ctx: RequestContext) {
    if (!a.onBehalf) return null;
    return (await ctx.loaders.applicationAgent.load(a.id))[0] ?? null;
  }

  @FieldResolver(() => AppealBodies, { description: 'The 行政复议 body and the court named in a refusal or denial: the handling centre’s, else the nearest centre’s above' })
  async appealBodies(@Root() a: Application, @Ctx() ctx: RequestContext): Promise<AppealBodies> {
    const place = await ctx.loaders.jurisdiction.load(a.row.jurisdiction_id);
    const chain = place ? [...(await ctx.loaders.ancestors.load(place)).map((j) => j.id), place.id] : [a.row.jurisdiction_id];
    const centres = await ctx.loaders.centerByJurisdiction.loadMany(chain);
    let reviewBody: string | null = null;
    let court: string | null = null;
    for (const c of centres) {
      if (!c || c instanceof Error) continue;
      reviewBody = c.reviewBody ?? reviewBody;
      court = c.court ?? court;
    }
    return { reviewBody, court };
  }

  @FieldResolver(() => Boolean, { description: 'Accepted and not completed by the end of the due day' })
  overdue(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return a.status === ApplicationStatus.ACCEPTED && !!a.dueDate && a.dueDate < ctx.services.calendar.today();
  }

  @FieldResolver(() => Boolean, { description: 'Accepted and due within the warning window (working days)' })
  async warning(@Root() a: Application, @Ctx() ctx: RequestContext) {
    if (a.status !== ApplicationStatus.ACCEPTED || !a.dueDate) return false;
    const cal = await ctx.services.calendar.calendar();
    return cal.isWarning(a.dueDate, ctx.services.calendar.today(), (await ctx.services.policy.settingsAt(a.row.path)).warningWorkingDays);
  }

  @FieldResolver(() => [String], { description: 'How the due date was computed, step by step, in Chinese' })
  async dueDateExplanation(@Root() a: Application, @Ctx() ctx: RequestContext) {
    if (!a.acceptedOn) return [];
    const due = await ctx.services.applications.computeDue(ctx.services.ds, await withContent(a, ctx), ctx.services.calendar.today());
    return due.explanation;
  }

  @FieldResolver(() => [String], { description: 'How the due date was computed, step by step, in English (the same lines as dueDateExplanation)' })
  async dueDateExplanationEn(@Root() a: Application, @Ctx() ctx: RequestContext) {
    if (!a.acceptedOn) return [];
    const due = await ctx.services.applications.computeDue(ctx.services.ds, await withContent(a, ctx), ctx.services.calendar.today());
    return due.explanationEn;
  }

  @FieldResolver(() => [ApplicationEvent], { description: 'History, oldest first' })
  events(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.applicationEvents.load(a.id);
  }

  @FieldResolver(() => [DeficiencyNotice])
  deficiencyNotices(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.applicationNotices.load(a.id);
  }

  @FieldResolver(() => [SuppliedMaterial])
  materials(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.applicationMaterials.load(a.id);
  }

  @FieldResolver(() => [Suspension])
  suspensions(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.applicationSuspensions.load(a.id);
  }

  @FieldResolver(() => [AnyActionEnum], { description: 'What you may do now at the current stage; the web app draws its buttons from this' })
  async nextActions(@Root() a: Application, @Ctx() ctx: RequestContext) {
    const actors = actorsFor(ctx.viewer, a.row);
    const r = a.row.stage_kind ? await withContent(a, ctx) : a.row;
    if (!r.stage_kind || r.stage_index == null) return nextActions(a.status, actors);
    const open = r.stage_kind === StageKind.PUBLIC_NOTICE ? (await ctx.loaders.applicationObjections.load(a.id)).filter((o) => !o.resolvedAt).length : 0;
    return stageNextActions(
      {
        kind: r.stage_kind,
        status: a.status,
        openObjections: open,
        extended: !!r.extension,
        canReturn: !!returnTarget(routeOf(r), r.stage_index),
        acceptedBefore: !!r.accepted_on,
        noticeEnded: !!r.stage_due_on && r.stage_due_on < ctx.services.calendar.today(),
      },
      actors,
    );
  }

  @FieldResolver(() => String, { description: 'Form answers as a JSON object' })
  async formData(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return a.formData ?? JSON.stringify(await ctx.loaders.applicationFormData.load(a.id));
  }

  @FieldResolver(() => String, { description: 'What happens next, in Chinese (the web shows nextStepKey)' })
  nextStep(@Root() a: Application, @Ctx() ctx: RequestContext) {
    return ctx.services.applicationQueries.nextStep(a.status);
  }

  @FieldResolver(() => String, { description: 'Key of the text catalogue (packages/domain/src/texts) for what happens next' })
  nextStepKey(@Root() a: Application) {
    return nextStepKey(a.status);
  }

  @FieldResolver(() => GraphQLJSON, { description: 'Parameters of nextStepKey' })
  nextStepParams() {
    return {};
  }

  private async fresh(ctx: RequestContext, id: string): Promise<Application> {
    const a = await ctx.services.applicationQueries.get(ctx, id);
    if (!a) throw new NotFoundError('Application', id);
    return a;
  }
}
