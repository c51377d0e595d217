import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsNotEmpty, Length, MaxLength } from 'class-validator';
import { Role } from '@weimin/domain';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';

registerEnumType(Role, { name: 'Role' });

@ObjectType({ description: 'A role held at a jurisdiction; it covers the whole subtree below it' })
export class RoleAssignment {
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

@InputType()
export class RegisterInput {
  @Field()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(50)
  name: string;

  @Field({ description: 'Mainland mobile number; it is also the login' })
  phone: string;

  @Field({ description: '18-character resident ID number (GB 11643)' })
  idNumber: string;

  @Field()
  @Length(8, 128, { message: 'password must be 8 to 128 characters' })
  password: string;
}
