import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { PageInfo } from '../../common/pagination';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { AUDIT_MAX_PAGE, AUDIT_READERS, type AuditRow } from './audit.service';

@ObjectType({ description: 'One line of the audit log' })
export class AuditEntryType implements Partial<AuditRow> {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field(() => ID, { nullable: true }) actorId: string | null;
  @Field(() => String, { nullable: true }) actorLogin: string | null;
  @Field(() => String, { nullable: true }) actorName: string | null;
  @Field(() => String, { nullable: true, description: 'The actor’s roles at the time, as ROLE@jurisdictionId' }) roles: string | null;
  jurisdictionId: number | null;
  @Field() action: string;
  @Field() entity: string;
  @Field(() => String, { nullable: true }) entityId: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) before: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after: unknown;
  @Field(() => String, { nullable: true }) ip: string | null;
  @Field(() => String, { nullable: true }) requestId: string | null;
}

@ObjectType({ description: 'A page of the audit log, newest first (no total: counting a large subtree is not cheap)' })
export class AuditLogPage {
  @Field(() => [AuditEntryType]) nodes: AuditEntryType[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@InputType()
export class AuditFilterInput {
  @Field(() => ID, { nullable: true, description: 'The acting user' }) @IsOptional() @MaxLength(36) actorId?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. createStaffUser (≤ 60 characters)' }) @IsOptional() @MaxLength(60) action?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. User, RoleAssignment (≤ 60 characters)' }) @IsOptional() @MaxLength(60) entity?: string | null;
  @Field(() => String, { nullable: true, description: '≤ 100 characters' }) @IsOptional() @MaxLength(100) entityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Within this jurisdiction’s subtree' }) @IsOptional() @MaxLength(12) @Matches(/^\d+$/) jurisdictionId?: string | null;
  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive)' }) @IsOptional() from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Up to this instant (exclusive)' }) @IsOptional() to?: Date | null;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput | null;
  @Field(() => Int, { nullable: true, description: `Page size, 1–${AUDIT_MAX_PAGE} (default 20)` }) first?: number | null;
  @Field(() => String, { nullable: true, description: '≤ 200 characters' }) @IsOptional() @MaxLength(200) after?: string | null;
}

@Resolver(() => AuditEntryType)
export class AuditResolver {
  @RequireRole(...AUDIT_READERS)
  @Query(() => AuditLogPage, { description: 'System administrators and supervisors: the audit log of your subtree, newest first' })
  auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.audit.list(ctx.viewer, args.filter ?? {}, args.first, args.after);
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'Where the action was taken' })
  jurisdiction(@Root() e: AuditEntryType, @Ctx() ctx: RequestContext) {
    return e.jurisdictionId == null ? null : ctx.loaders.jurisdiction.load(e.jurisdictionId);
  }
}

