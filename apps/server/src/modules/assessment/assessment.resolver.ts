import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@weimin/domain';
import { RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { NotFoundError } from '../../common/errors';
import { ConnectionType, type Connection } from '../../common/pagination';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { AssessmentScheme } from '../policy/policy.types';
import { Assessment, AssessmentScore, toScore } from './assessment.types';

export const AssessmentConnection = ConnectionType(Assessment, 'Assessment');

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

const ASSESSORS = [Role.DIRECTORY_ADMIN, Role.SUPERVISOR];
const READERS = [Role.DIRECTORY_ADMIN, Role.SUPERVISOR, Role.SYSTEM_ADMIN];

@Resolver(() => Assessment)
export class AssessmentResolver {
  @RequireRole(...READERS)
  @Query(() => Assessment, { nullable: true, description: 'Null when it does not exist or is outside your scope' })
  assessment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.assessments.get(ctx, id);
  }

  @RequireRole(...READERS)
  @Query(() => AssessmentConnection, { description: "A county's assessments, newest period first" })
  assessments(@Arg('countyId', () => ID) countyId: string, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Assessment>> {
    return ctx.services.assessments.list(ctx, countyId, page.first, page.after);
  }

  @RequireRole(...ASSESSORS)
  @Mutation(() => Assessment, { description: "Compute a county's assessment of its townships for a quarter (e.g. 2026-Q3); recomputes a draft, refuses a published one" })
  async runAssessment(@Arg('countyId', () => ID) countyId: string, @Arg('period') period: string, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.assessments.run(ctx, countyId, period));
  }

  @RequireRole(...ASSESSORS)
  @Mutation(() => Assessment, { description: 'Enter the inspection score (0–100) of a township; totals and ranks follow (draft only)' })
  async setInspectionScore(
    @Arg('assessmentId', () => ID) assessmentId: string,
    @Arg('townshipId', () => ID) townshipId: string,
    @Arg('score', () => Float) score: number,
    @Ctx() ctx: RequestContext,
  ) {
    return this.fresh(ctx, await ctx.services.assessments.setInspectionScore(ctx, assessmentId, townshipId, score));
  }

  @RequireRole(...ASSESSORS)
  @Mutation(() => Assessment, { description: 'Publish and lock; every ranked township needs its inspection score' })
  async publishAssessment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.fresh(ctx, await ctx.services.assessments.publish(ctx, id));
  }

  @FieldResolver(() => Jurisdiction)
  county(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.jurisdiction.load(a.row.county_id);
  }

  @FieldResolver(() => AssessmentScheme, { description: 'The weights and minimum sample it was computed with' })
  async scheme(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.assessments.scheme.load(a.row.scheme_version);
  }

  @FieldResolver(() => [AssessmentScore], { description: 'One per township of the county: ranked first, then the rest' })
  async scores(@Root() a: Assessment, @Ctx() ctx: RequestContext): Promise<AssessmentScore[]> {
    return (await ctx.loaders.assessments.scores.load(a.id)).map(toScore);
  }

  private async fresh(ctx: RequestContext, id: string): Promise<Assessment> {
    const a = await ctx.services.assessments.get(ctx, id);
    if (!a) throw new NotFoundError('Assessment', id);
    return a;
  }
}

@Resolver(() => AssessmentScore)
export class AssessmentScoreResolver {
  @FieldResolver(() => Jurisdiction)
  township(@Root() s: AssessmentScore, @Ctx() ctx: RequestContext) {
    return ctx.loaders.jurisdiction.load(s.townshipId);
  }
}
