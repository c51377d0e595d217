import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@weimin/domain';
import { RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { InputError } from '../../common/errors';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { User } from '../account/account.types';
import { decodeBase64Strict } from '../catalogue/directory.resolver';
import { ArgLimit } from '../../common/input-guard';
import { CreateStaffUserInput, StaffImportResult, TemporaryPasswordPayload, UserConnection, UsersArgs } from './user.types';

function limit(field: string, value: string, max: number): string {
  if (value.length > max) throw new InputError(field, `must be at most ${max} characters`, { max }, 'input.tooLong');
  return value;
}

@Resolver()
export class UserAdminResolver {
  @RequireRole(Role.SYSTEM_ADMIN)
  @Query(() => UserConnection, { description: 'System administrators: the staff accounts of your subtree, by login (role CITIZEN: citizens, city only)' })
  users(@Args() args: UsersArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.users.list(ctx.viewer, args.filter ?? {}, args.first, args.after);
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Query(() => User, { description: 'System administrators: one account of your subtree with its assignments (id ≤ 36 characters)' })
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.users.get(ctx.viewer, limit('id', id, 36));
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => TemporaryPasswordPayload, { description: 'System administrators: a staff account with a one-time password, shown only in this answer' })
  createStaffUser(@Arg('input') input: CreateStaffUserInput, @Ctx() ctx: RequestContext) {
    return ctx.services.users.create(ctx, { ...input, homeJurisdictionId: input.homeJurisdictionId == null ? null : Number(input.homeJurisdictionId) });
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => User, { description: 'System administrators: grant a role at a jurisdiction of your subtree (SYSTEM_ADMIN only below your own)' })
  assignRole(
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => Role) role: Role,
    @Arg('jurisdictionId', () => ID) jurisdictionId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.users.assignRole(ctx, limit('userId', userId, 36), role, limit('jurisdictionId', jurisdictionId, 12));
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => User, { description: 'System administrators: revoke an assignment; it counts from the next request of every session' })
  revokeRole(@Arg('assignmentId', () => ID) assignmentId: string, @Ctx() ctx: RequestContext) {
    return ctx.services.users.revokeRole(ctx, limit('assignmentId', assignmentId, 12));
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => User, { description: 'System administrators: disable (every session ends) or enable an account; reason ≤ 200 characters, required to disable' })
  setUserDisabled(
    @Arg('userId', () => ID) userId: string,
    @Arg('disabled') disabled: boolean,
    @Ctx() ctx: RequestContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ) {
    return ctx.services.users.setDisabled(ctx, limit('userId', userId, 36), disabled, reason == null ? null : limit('reason', reason, 200));
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => StaffImportResult, {
    description:
      'System administrators: creates staff accounts from a workbook (sheet 人员: 姓名, 登录名, 手机号, 角色, 区划代码; .xlsx as base64, at most 5 MB). ' +
      'Every row is checked first: any problem fails with BAD_USER_INPUT and `extensions.problems` ({ sheet, row, column, message }) and nothing is saved.',
  })
  async importStaff(@Arg('fileBase64', { description: 'The .xlsx file, standard base64 (at most 5 MB)' }) @ArgLimit({ maxLength: Math.ceil((5 * 1024 * 1024) / 3) * 4 }) fileBase64: string, @Ctx() ctx: RequestContext): Promise<StaffImportResult> {
    const { created, passwords } = await ctx.services.staffWorkbooks.import(ctx, decodeBase64Strict(fileBase64, 'fileBase64'));
    return { created, passwordsWorkbookBase64: passwords.toString('base64') };
  }

  @RequireRole(Role.SYSTEM_ADMIN)
  @Mutation(() => TemporaryPasswordPayload, { description: 'System administrators: a new one-time password (sessions end, the login lock lifts)' })
  resetUserPassword(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext) {
    return ctx.services.users.resetPassword(ctx, limit('userId', userId, 36));
  }
}

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => Jurisdiction, { nullable: true })
  homeJurisdiction(@Root() u: User, @Ctx() ctx: RequestContext): Promise<Jurisdiction | null> | null {
    return u.homeJurisdictionId == null ? null : ctx.loaders.jurisdiction.load(u.homeJurisdictionId);
  }
}
