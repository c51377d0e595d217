import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsNotEmpty, Length, MaxLength } from 'class-validator';
import { Role } from '@weimin/domain';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';

registerEnumType(Role, { name: 'Role' });

@ObjectType({ description: 'A role held at a jurisdiction; it covers the whole subtree below it' })
export class RoleAssignment {
  @Field(() => ID, { description: 'The assignment (revokeRole takes it)' })
  id: string;

  @Field(() => Role)
  role: Role;

  @Field(() => Jurisdiction, { nullable: true, description: 'Null for CITIZEN' })
  jurisdiction: Jurisdiction | null;

  jurisdictionId: number | null;
}

@ObjectType()
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  login: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'Masked unless it is your own account' })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'Masked unless it is your own account' })
  idNumber: string | null;

  @Field({ description: 'A temporary password is in use: it must be changed (changePassword) before anything else' })
  mustChangePassword: boolean;

  @Field({ description: 'A disabled account cannot log in; its sessions have ended' })
  disabled: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was disabled (administrators only)' })
  disabledReason: string | null;

  @Field(() => Jurisdiction, { nullable: true, description: 'Staff: the jurisdiction whose system administrators administer the account; null for citizens' })
  homeJurisdiction: Jurisdiction | null;

  homeJurisdictionId: number | null;

  @Field()
  createdAt: Date;

  @Field(() => [RoleAssignment])
  roles: RoleAssignment[];
}

@ObjectType()
export class AuthPayload {
  @Field(() => User)
  user: User;

  @Field({ description: 'Session token; also set as an httpOnly cookie. Usable as `Authorization: Bearer <token>`.' })
  token: string;

  @Field()
  expiresAt: Date;
}

@ObjectType({ description: 'The same answer whether or not the phone (or ID number) has an account' })
export class CodeSent {
  @Field(() => Int, { description: 'Minutes the code (if the SMS carries one) stays valid' })
  expiresInMinutes: number;
}

@InputType()
export class RegisterInput {
  @Field({ description: 'At most 50 characters' })
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(50)
  name: string;

  @Field({ description: 'Mainland mobile number; it is also the login (at most 20 characters)' })
  @MaxLength(20)
  phone: string;

  @Field({ description: '18-character resident ID number (GB 11643)' })
  @MaxLength(18)
  idNumber: string;

  @Field({ description: '8 to 128 characters, accepted by the password policy' })
  @Length(8, 128, { message: 'password must be 8 to 128 characters' })
  password: string;

  @Field({ description: 'The 6-digit code of the SMS sent by sendRegistrationCode' })
  @MaxLength(6)
  code: string;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'At most 20 characters' })
  @MaxLength(20)
  phone: string;

  @Field({ description: 'The 6-digit code of the SMS sent by sendPasswordResetCode' })
  @MaxLength(6)
  code: string;

  @Field({ description: '8 to 128 characters, accepted by the password policy' })
  @Length(8, 128, { message: 'password must be 8 to 128 characters' })
  password: string;
}
