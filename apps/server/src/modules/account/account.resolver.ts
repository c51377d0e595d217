import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Public } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { AuthPayload, RegisterInput, RoleAssignment, User } from './account.types';

@Resolver()
export class AccountResolver {
  @Public()
  @Mutation(() => AuthPayload, { description: 'Starts a session: sets the cookie and returns the token' })
  login(@Arg('login') login: string, @Arg('password') password: string, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return ctx.services.accounts.login(ctx, login, password);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Registers a citizen and logs them in' })
  register(@Arg('input') input: RegisterInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return ctx.services.accounts.register(ctx, input);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the current session, if any' })
  logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.accounts.logout(ctx);
  }

  @Public()
  @Query(() => User, { nullable: true, description: 'The logged-in user, or null for a visitor' })
  me(@Ctx() ctx: RequestContext): Promise<User | null> | null {
    return ctx.viewer ? ctx.services.accounts.user(ctx.viewer, ctx.viewer.id) : null;
  }
}

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  @FieldResolver(() => Jurisdiction, { nullable: true })
  jurisdiction(@Root() r: RoleAssignment, @Ctx() ctx: RequestContext): Promise<Jurisdiction | null> | null {
    return r.jurisdictionId == null ? null : ctx.loaders.jurisdiction.load(r.jurisdictionId);
  }
}
