import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { LEVEL_ORDER, Role } from '@weimin/domain';
import { RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { toIntId } from '../jurisdiction/jurisdiction.resolver';
import { AssessmentScheme, AssessmentSchemeInput, CoverageTargets, CoverageTargetsInput, PolicySettings, PolicySettingsInput } from './policy.types';
import type { CoverageTargetRow } from './coverage-target.service';
import { citiesOfViewer, type PolicyCity } from './policy.service';

const READERS = [Role.SUPERVISOR, Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN] as const;
const CITY = 'The city (a CITY-level jurisdiction id); left out: the viewer’s city, or the tree’s only city';

async function cityNode(ctx: RequestContext, city: PolicyCity | null | undefined): Promise<Jurisdiction | null> {
  return city ? ctx.loaders.jurisdiction.load(city.id) : null;
}

async function targetsView(ctx: RequestContext, row: CoverageTargetRow): Promise<CoverageTargets> {
  return {
    city: await cityNode(ctx, row.city),
    version: row.version,
    createdAt: row.createdAt,
    levels: LEVEL_ORDER.map((level) => ({ level, built: row.targets[level]?.built ?? null, standardized: row.targets[level]?.standardized ?? null })),
  };
}

const cityArg = (city: string | null | undefined) => toIntId(city, 'city');

@Resolver()
export class PolicyResolver {
  @RequireRole(...READERS)
  @Query(() => [Jurisdiction], { description: 'The cities whose policy the viewer reads (by code; at most 10,000)' })
  async policyCities(@Ctx() ctx: RequestContext): Promise<Jurisdiction[]> {
    const mine = citiesOfViewer(ctx.viewer, READERS, await ctx.services.policy.cities());
    return (await ctx.loaders.jurisdiction.loadMany(mine.map((c) => c.id))).filter((j): j is Jurisdiction => !!j && !(j instanceof Error));
  }

  @RequireRole(...READERS)
  @Query(() => PolicySettings, { description: 'The policy settings of a city' })
  async policySettings(@Arg('city', () => ID, { nullable: true, description: CITY }) city: string | null, @Ctx() ctx: RequestContext): Promise<PolicySettings> {
    const s = await ctx.services.policy.settingsFor(ctx, cityArg(city), READERS);
    return { ...s, city: await cityNode(ctx, s.city) };
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => PolicySettings, { description: 'A city’s system administrator (or a province’s, for its cities): change the city’s policy settings' })
  async updatePolicySettings(
    @Arg('input') input: PolicySettingsInput,
    @Arg('city', () => ID, { nullable: true, description: CITY }) city: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PolicySettings> {
    const s = await ctx.services.policy.update(ctx, input, cityArg(city));
    return { ...s, city: await cityNode(ctx, s.city) };
  }

  @RequireRole(...READERS)
  @Query(() => AssessmentScheme, { description: 'A city’s current assessment weights and minimum sample' })
  async assessmentScheme(@Arg('city', () => ID, { nullable: true, description: CITY }) city: string | null, @Ctx() ctx: RequestContext) {
    const found = await ctx.services.policy.resolveCity(ctx, cityArg(city), READERS);
    ctx.services.policy.assertMayRead(ctx, found, READERS);
    return ctx.services.policy.currentScheme(found?.id ?? null);
  }

  @RequireRole(...READERS)
  @Query(() => CoverageTargets, { description: 'A city’s coverage targets per level (latest version)' })
  async coverageTargets(@Arg('city', () => ID, { nullable: true, description: CITY }) city: string | null, @Ctx() ctx: RequestContext): Promise<CoverageTargets> {
    return targetsView(ctx, await ctx.services.coverageTargets.currentFor(ctx, cityArg(city)));
  }

  @RequireRole(Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN)
  @Mutation(() => CoverageTargets, { description: 'A city’s system or directory administrator (or a province’s): a new version of the city’s coverage targets' })
  async updateCoverageTargets(
    @Arg('input') input: CoverageTargetsInput,
    @Arg('city', () => ID, { nullable: true, description: CITY }) city: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CoverageTargets> {
    return targetsView(ctx, await ctx.services.coverageTargets.update(ctx, input.levels, cityArg(city)));
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => AssessmentScheme, { description: 'A city’s system administrator (or a province’s): a new version of the city’s assessment weights' })
  updateAssessmentScheme(
    @Arg('input') input: AssessmentSchemeInput,
    @Arg('city', () => ID, { nullable: true, description: CITY }) city: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.policy.updateScheme(ctx, { ...input.weights }, input.minimumEvaluations, cityArg(city));
  }
}
