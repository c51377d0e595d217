import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '@weimin/domain';
import { RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { AssessmentScheme, AssessmentSchemeInput, PolicySettings, PolicySettingsInput } from './policy.types';

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

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => AssessmentScheme, { description: 'City system administrators: a new version of the assessment weights' })
  updateAssessmentScheme(@Arg('input') input: AssessmentSchemeInput, @Ctx() ctx: RequestContext) {
    return ctx.services.policy.updateScheme(ctx, { ...input.weights }, input.minimumEvaluations);
  }
}
