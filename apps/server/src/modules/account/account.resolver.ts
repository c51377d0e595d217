import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuthenticatedDuringPasswordChange, Public } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { InputError } from '../../common/errors';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { AuthPayload, CodeSent, RegisterInput, ResetPasswordInput, RoleAssignment, User } from './account.types';

/** Plain-argument limits (STYLE 14): refused as BAD_USER_INPUT naming the argument. */
function limit(field: string, value: string, max: number): string {
  if (value.length > max) throw new InputError(field, `must be at most ${max} characters`, { max }, 'input.tooLong');
  return value;
}

@Resolver()
export class AccountResolver {
  @Public()
  @Mutation(() => AuthPayload, { description: 'Starts a session: sets the cookie and returns the token. login ≤ 100, password ≤ 128 characters' })
  login(@Arg('login') login: string, @Arg('password') password: string, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return ctx.services.accounts.login(ctx, limit('login', login, 100), limit('password', password, 128));
  }

  @Public()
  @Mutation(() => CodeSent, { description: 'Registration step 1: an SMS to the phone (same answer whether or not it is registered). phone ≤ 20, idNumber ≤ 18' })
  async sendRegistrationCode(@Arg('phone') phone: string, @Arg('idNumber') idNumber: string, @Ctx() ctx: RequestContext): Promise<CodeSent> {
    return { expiresInMinutes: await ctx.services.accounts.sendRegistrationCode(ctx, limit('phone', phone, 20), limit('idNumber', idNumber, 18)) };
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Registration step 2: registers a citizen with the SMS code and logs them in' })
  register(@Arg('input') input: RegisterInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return ctx.services.accounts.register(ctx, input);
  }

  @Public()
  @Mutation(() => CodeSent, { description: 'Forgot password step 1: an SMS to the phone (same answer whether or not it has an account). phone ≤ 20' })
  async sendPasswordResetCode(@Arg('phone') phone: string, @Ctx() ctx: RequestContext): Promise<CodeSent> {
    return { expiresInMinutes: await ctx.services.accounts.sendPasswordResetCode(ctx, limit('phone', phone, 20)) };
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Forgot password step 2: a new password with the SMS code; every session of the account ends' })
  resetPassword(@Arg('input') input: ResetPasswordInput, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.accounts.resetPassword(ctx, input.phone, input.code, input.password);
  }

  @AuthenticatedDuringPasswordChange()
  @Mutation(() => User, { description: 'Changes your password (also ends a temporary one); your other sessions end. Each ≤ 128 characters' })
  changePassword(@Arg('current') current: string, @Arg('next') next: string, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.accounts.changePassword(ctx, limit('current', current, 128), limit('next', next, 128));
  }

  @AuthenticatedDuringPasswordChange()
  @Mutation(() => User, { description: 'Your profile: your name (≤ 50 characters)' })
  updateProfile(@Arg('name') name: string, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.accounts.updateProfile(ctx, limit('name', name, 50));
  }

  @AuthenticatedDuringPasswordChange()
  @Mutation(() => CodeSent, { description: 'Phone change step 1: a code to the new number (≤ 20 characters)' })
  async sendPhoneChangeCode(@Arg('phone') phone: string, @Ctx() ctx: RequestContext): Promise<CodeSent> {
    return { expiresInMinutes: await ctx.services.accounts.sendPhoneChangeCode(ctx, limit('phone', phone, 20)) };
  }

  @AuthenticatedDuringPasswordChange()
  @Mutation(() => User, { description: 'Phone change step 2: the new number with its code (code ≤ 6 characters)' })
  changePhone(@Arg('phone') phone: string, @Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.accounts.changePhone(ctx, limit('phone', phone, 20), limit('code', code, 6));
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
