import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '@weimin/domain';
import { RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { LEVEL_ORDER } from '@weimin/domain';
import { AssessmentScheme, AssessmentSchemeInput, CoverageTargets, CoverageTargetsInput, PolicySettings, PolicySettingsInput } from './policy.types';
import type { CoverageTargetRow } from './coverage-target.service';

function targetsView(row: CoverageTargetRow): CoverageTargets {
  return {
    version: row.version,
    createdAt: row.createdAt,
    levels: LEVEL_ORDER.map((level) => ({ level, built: row.targets[level]?.built ?? null, standardized: row.targets[level]?.standardized ?? null })),
  };
}

const READERS = [Role.SUPERVISOR, Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN] as const;

@Resolver()
export class PolicyResolver {
  @RequireRole(...READERS)
  @Query(() => PolicySettings, { description: 'The policy settings of the city' })
  policySettings(@Ctx() ctx: RequestContext): Promise<PolicySettings> {
    return ctx.services.policy.settings();
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => PolicySettings, { description: 'City system administrators: change policy settings' })
  updatePolicySettings(@Arg('input') input: PolicySettingsInput, @Ctx() ctx: RequestContext): Promise<PolicySettings> {
    return ctx.services.policy.update(ctx, input);
  }

  @RequireRole(...READERS)
  @Query(() => AssessmentScheme, { description: 'The current assessment weights and minimum sample' })
  assessmentScheme(@Ctx() ctx: RequestContext) {
    return ctx.services.policy.currentScheme();
  }

  @RequireRole(...READERS)
  @Query(() => CoverageTargets, { description: 'The city’s coverage targets per level (latest version)' })
  async coverageTargets(@Ctx() ctx: RequestContext): Promise<CoverageTargets> {
    return targetsView(await ctx.services.coverageTargets.current());
  }

  @RequireRole(Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN)
  @Mutation(() => CoverageTargets, { description: 'The city’s system or directory administrator: a new version of the coverage targets' })
  async updateCoverageTargets(@Arg('input') input: CoverageTargetsInput, @Ctx() ctx: RequestContext): Promise<CoverageTargets> {
    return targetsView(await ctx.services.coverageTargets.update(ctx, input.levels));
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => AssessmentScheme, { description: 'City system administrators: a new version of the assessment weights' })
  updateAssessmentScheme(@Arg('input') input: AssessmentSchemeInput, @Ctx() ctx: RequestContext) {
    return ctx.services.policy.updateScheme(ctx, { ...input.weights }, input.minimumEvaluations);
  }
}
