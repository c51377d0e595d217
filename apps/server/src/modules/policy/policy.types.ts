/** GraphQL shapes of the city's policy settings and the assessment scheme. */
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { JurisdictionLevel } from '@weimin/domain';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';

@ObjectType({ description: 'Policy a city configures (values it has not set come from the platform default)' })
export class PolicySettings {
  @Field(() => Jurisdiction, { nullable: true, description: 'The city these settings are of; null on a tree without cities (the platform default)' })
  city: Jurisdiction | null;
  @Field(() => Int, { description: 'Working days a centre has to deal with a bad rating (default 5)' }) rectificationDeadlineDays: number;
  @Field(() => Int, { nullable: true, description: 'Calendar days after completion without a rating before a default 非常满意 is recorded; null = off (default)' })
  defaultGradeAfterDays: number | null;
  @Field(() => Int, { description: 'Working days before the due date from which an application shows a warning' }) warningWorkingDays: number;
  @Field(() => Int, { description: 'Minimum evaluations in a period for a township to be ranked in an assessment' }) assessmentMinimumEvaluations: number;
}

@InputType({ description: 'Fields left out keep their value' })
export class PolicySettingsInput {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(60) rectificationDeadlineDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'null turns the default grade off' }) @IsOptional() @IsInt() @Min(1) @Max(365) defaultGradeAfterDays?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(30) warningWorkingDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Adds a version of the assessment scheme' }) @IsOptional() @IsInt() @Min(0) @Max(100000) assessmentMinimumEvaluations?: number | null;
}

@ObjectType({ description: 'Points per indicator; together 100' })
export class AssessmentWeightsType {
  @Field(() => Int) satisfaction: number;
  @Field(() => Int) onTime: number;
  @Field(() => Int) noticeCompliance: number;
  @Field(() => Int) standardisation: number;
  @Field(() => Int) inspection: number;
}

@InputType()
export class AssessmentWeightsInput {
  @Field(() => Int) @IsInt() @Min(0) @Max(100) satisfaction: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(100) onTime: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(100) noticeCompliance: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(100) standardisation: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(100) inspection: number;
}

@ObjectType({ description: 'A version of the assessment weights and minimum sample' })
export class AssessmentScheme {
  @Field(() => Int) version: number;
  @Field(() => AssessmentWeightsType) weights: AssessmentWeightsType;
  @Field(() => Int, { description: 'Townships with fewer evaluations in the period are shown but not ranked' }) minimumEvaluations: number;
  @Field() createdAt: Date;
}

@InputType()
export class AssessmentSchemeInput {
  @Field(() => AssessmentWeightsInput) weights: AssessmentWeightsInput;
  @Field(() => Int, { nullable: true, description: 'Left out: keeps the current minimum' }) @IsOptional() @IsInt() @Min(0) @Max(100000) minimumEvaluations?: number | null;
}

@ObjectType({ description: 'The targets of one level, as shares from 0 to 1; null = not set' })
export class CoverageTargetLevel {
  @Field(() => JurisdictionLevel) level: JurisdictionLevel;
  @Field(() => Float, { nullable: true }) built: number | null;
  @Field(() => Float, { nullable: true }) standardized: number | null;
}

@ObjectType({ description: 'A version of a city’s coverage targets (建设目标); a change adds a version' })
export class CoverageTargets {
  @Field(() => Jurisdiction, { nullable: true, description: 'The city these targets are read for; null on a tree without cities' })
  city: Jurisdiction | null;
  @Field(() => Int, { description: '0 while none has been set' }) version: number;
  @Field(() => [CoverageTargetLevel], { description: 'Every level, CITY to VILLAGE' }) levels: CoverageTargetLevel[];
  @Field() createdAt: Date;
}

@InputType()
export class CoverageTargetLevelInput {
  @Field(() => JurisdictionLevel) level: JurisdictionLevel;
  @Field(() => Float, { nullable: true, description: 'Share 0–1; null clears it; left out keeps it' }) @IsOptional() @Min(0) @Max(1) built?: number | null;
  @Field(() => Float, { nullable: true, description: 'Share 0–1; null clears it; left out keeps it' }) @IsOptional() @Min(0) @Max(1) standardized?: number | null;
}

@InputType()
export class CoverageTargetsInput {
  @Field(() => [CoverageTargetLevelInput], { description: 'At most 4 levels (one each)' })
  @ArrayMaxSize(4) @ValidateNested({ each: true })
  levels: CoverageTargetLevelInput[];
}
