import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ALL_FACILITIES, DEFAULT_MIN_HALL_AREA, Facility, Role } from '@weimin/domain';
import { RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { toIntId } from '../jurisdiction/jurisdiction.resolver';
import { ServiceCenter } from './service-center.entity';
import { ServiceCenterInput } from './service-center.types';

@Resolver(() => ServiceCenter)
export class ServiceCenterResolver {
  @RequireRole(Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN)
  @Mutation(() => ServiceCenter, { description: 'Edits (or sets up) the centre of a jurisdiction in your scope' })
  updateServiceCenter(
    @Arg('jurisdictionId', () => ID) jurisdictionId: string,
    @Arg('input') input: ServiceCenterInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceCenter> {
    return ctx.services.centers.update(ctx, toIntId(jurisdictionId, 'jurisdictionId') as number, input);
  }

  @FieldResolver(() => Jurisdiction)
  jurisdiction(@Root() c: ServiceCenter, @Ctx() ctx: RequestContext) {
    return ctx.loaders.jurisdiction.load(c.jurisdictionId);
  }

  @FieldResolver(() => [Facility], { description: 'Which of the ten standard facilities are missing' })
  missingFacilities(@Root() c: ServiceCenter): Facility[] {
    const have = new Set(c.facilities);
    return ALL_FACILITIES.filter((f) => !have.has(f));
  }

  @FieldResolver(() => Float, { description: 'The hall area (m²) this level needs to count as standardised' })
  async minHallArea(@Root() c: ServiceCenter, @Ctx() ctx: RequestContext): Promise<number> {
    const j = await ctx.loaders.jurisdiction.load(c.jurisdictionId);
    return DEFAULT_MIN_HALL_AREA[j!.level];
  }

  @FieldResolver(() => Boolean, { description: 'Built, all ten facilities, and a hall of at least the level minimum' })
  async standardized(@Root() c: ServiceCenter, @Ctx() ctx: RequestContext): Promise<boolean> {
    const j = await ctx.loaders.jurisdiction.load(c.jurisdictionId);
    return !!j && ctx.services.centers.standardized(c, j.level);
  }
}
