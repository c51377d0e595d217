/** GraphQL shapes of staff administration. */
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Role } from '@weimin/domain';
import { ConnectionType } from '../../common/pagination';
import { User } from '../account/account.types';

export const UserConnection = ConnectionType(User, 'User');

@InputType({ description: 'Filters of the staff list; all optional' })
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, login or phone (≤ 50 characters)' })
  @IsOptional() @MaxLength(50)
  search?: string | null;

  @Field(() => Role, { nullable: true, description: 'Holds this role (within jurisdictionId when given)' })
  @IsOptional()
  role?: Role | null;

  @Field(() => ID, { nullable: true, description: 'Belongs to or holds a role within this jurisdiction’s subtree' })
  @IsOptional() @MaxLength(12)
  jurisdictionId?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  disabled?: boolean | null;
}

@InputType()
export class CreateStaffUserInput {
  @Field({ description: 'Full name, ≤ 50 characters' })
  @MaxLength(50)
  name: string;

  @Field({ description: 'Login: 3–50 letters, digits, dot, dash or underscore, starting with a letter' })
  @MaxLength(50)
  login: string;

  @Field(() => String, { nullable: true, description: 'Mainland mobile number (≤ 20 characters)' })
  @IsOptional() @MaxLength(20)
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'The jurisdiction the account belongs to (default: where you are system administrator)' })
  @IsOptional() @MaxLength(12) @Matches(/^\d+$/)
  homeJurisdictionId?: string | null;
}

@ObjectType({ description: 'An account and its one-time password, shown once: it must be changed at the first login' })
export class TemporaryPasswordPayload {
  @Field(() => User)
  user: User;

  @Field()
  temporaryPassword: string;
}

@ArgsType()
export class UsersArgs {
  @Field(() => UserFilter, { nullable: true })
  filter?: UserFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the previous page (≤ 200 characters)' })
  @IsOptional() @MaxLength(200)
  after?: string | null;
}

@ObjectType({ description: 'What a staff import created' })
export class StaffImportResult {
  @Field(() => Int) created: number;

  @Field({ description: 'Workbook (.xlsx, base64) of the one-time passwords of the created accounts: shown only in this answer' })
  passwordsWorkbookBase64: string;
}
