import { Field, Float, InputType, Int } from 'type-graphql';
import { ArrayUnique, IsIn, IsOptional, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CenterStatus, Facility } from '@weimin/domain';

@InputType()
export class ServiceCenterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(2)
  @MaxLength(100)
  name?: string | null;

  @Field(() => CenterStatus)
  status: CenterStatus;

  @Field(() => Float, { nullable: true, description: 'Hall area in m²' })
  @IsOptional()
  @Min(0)
  @Max(100000)
  hallArea?: number | null;

  @Field(() => [Facility])
  @ArrayUnique({ message: 'facilities must not repeat' })
  @IsIn(Object.values(Facility), { each: true })
  facilities: Facility[];

  @Field(() => Int)
  @Min(0)
  @Max(500)
  windows: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: 'phone must be a telephone number' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  openingHours?: string | null;

  @Field(() => String, { nullable: true, description: 'The 行政复议 body (2–100 characters); empty: the one of the centre above. Omitted: unchanged' })
  @IsOptional()
  @MaxLength(100)
  reviewBody?: string | null;

  @Field(() => String, { nullable: true, description: 'The court for 行政诉讼 (2–100 characters); empty: the one of the centre above. Omitted: unchanged' })
  @IsOptional()
  @MaxLength(100)
  court?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you edited; a stale one is refused with VERSION_CONFLICT' })
  @IsOptional()
  version?: number | null;
}
