/** GraphQL shapes of evaluations (好差评) and rectifications (差评整改), and the rows they are built from. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { GRADE_LABELS_ZH, MAX_EVALUATION_COMMENT, RectificationAction, RectificationStatus, type Grade } from '@weimin/domain';
import { DateScalar } from '../../common/scalars';

registerEnumType(RectificationStatus, { name: 'RectificationStatus', description: 'OPEN 待整改 → RESPONDED 已答复 → CLOSED 已回访办结' });
registerEnumType(RectificationAction, { name: 'RectificationAction' });

export interface EvaluationRow {
  id: string;
  application_id: string;
  jurisdiction_id: number;
  service_item_id: string;
  grade: number;
  overall: number;
  efficiency: number;
  guide_accuracy: number;
  convenience: number;
  ease_of_use: number;
  comment: string | null;
  evaluated_by: string | null;
  is_default: boolean;
  created_at: Date;
  evaluated_on: string;
  excluded: boolean;
  excluded_reason: string | null;
  excluded_by: string | null;
  excluded_at: Date | null;
}

export interface RectificationRow {
  id: string;
  evaluation_id: string;
  application_id: string;
  jurisdiction_id: number;
  status: RectificationStatus;
  deadline: string;
  verification: string | null;
  response: string | null;
  responded_at: Date | null;
  responded_by: string | null;
  follow_up: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  created_at: Date;
  /** Materialised path of the handling jurisdiction (for scope checks). */
  path: string;
}

@ObjectType({ description: 'Why an evaluation was left out of the statistics' })
export class EvaluationExclusion {
  @Field() reason: string;
  @Field() at: Date;
}

@ObjectType({ description: '好差评: the rating of one application by the person served' })
export class Evaluation {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意' }) grade: number;
  @Field({ description: 'The label of the grade (zh-CN)' }) gradeLabel: string;
  @Field(() => Int, { description: '总体满意度 1–5' }) overall: number;
  @Field(() => Int, { description: '办事效率 1–5' }) efficiency: number;
  @Field(() => Int, { description: '办事指南准确性 1–5' }) guideAccuracy: number;
  @Field(() => Int, { description: '办事便利度 1–5' }) convenience: number;
  @Field(() => Int, { description: '平台易用性 1–5' }) easeOfUse: number;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => DateScalar) evaluatedOn: string;
  @Field() createdAt: Date;
  @Field({ description: 'Recorded automatically (非常满意) because nobody rated in time' }) isDefault: boolean;
  @Field({ description: 'Verified as malicious on appeal: left out of all statistics' }) excluded: boolean;
  @Field(() => EvaluationExclusion, { nullable: true }) exclusion: EvaluationExclusion | null;
  row: EvaluationRow;
}

export function toEvaluation(r: EvaluationRow): Evaluation {
  const e = new Evaluation();
  e.row = r;
  e.id = r.id;
  e.grade = r.grade;
  e.gradeLabel = GRADE_LABELS_ZH[r.grade as Grade];
  e.overall = r.overall;
  e.efficiency = r.efficiency;
  e.guideAccuracy = r.guide_accuracy;
  e.convenience = r.convenience;
  e.easeOfUse = r.ease_of_use;
  e.comment = r.comment;
  e.evaluatedOn = r.evaluated_on;
  e.createdAt = r.created_at;
  e.isDefault = r.is_default;
  e.excluded = r.excluded;
  e.exclusion = r.excluded ? { reason: r.excluded_reason ?? '', at: r.excluded_at as Date } : null;
  return e;
}

@ObjectType({ description: '差评整改: what the handling centre did about a bad rating, and the follow-up with the citizen' })
export class Rectification {
  @Field(() => ID) id: string;
  @Field(() => RectificationStatus) status: RectificationStatus;
  @Field(() => DateScalar, { description: 'Last day to deal with it (working days from the rating)' }) deadline: string;
  @Field(() => String, { nullable: true, description: 'What was found on verification (staff only; null for others)' }) verification: string | null;
  @Field(() => String, { nullable: true, description: 'The answer to the citizen and what was put right' }) response: string | null;
  @Field(() => Date, { nullable: true }) respondedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The follow-up with the citizen (回访)' }) followUp: string | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field() createdAt: Date;
  row: RectificationRow;
}

export function toRectification(r: RectificationRow, staff: boolean): Rectification {
  const x = new Rectification();
  x.row = r;
  x.id = r.id;
  x.status = r.status;
  x.deadline = r.deadline;
  x.verification = staff ? r.verification : null;
  x.response = r.response;
  x.respondedAt = r.responded_at;
  x.followUp = r.follow_up;
  x.closedAt = r.closed_at;
  x.createdAt = r.created_at;
  return x;
}

const gradeField = (description: string) => Field(() => Int, { description });

@InputType({ description: 'A rating: the grade and the five indicators, each 1–5 (5 best)' })
export class EvaluationInput {
  @gradeField('5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意') @IsInt() @Min(1) @Max(5) grade: number;
  @gradeField('总体满意度') @IsInt() @Min(1) @Max(5) overall: number;
  @gradeField('办事效率') @IsInt() @Min(1) @Max(5) efficiency: number;
  @gradeField('办事指南准确性') @IsInt() @Min(1) @Max(5) guideAccuracy: number;
  @gradeField('办事便利度') @IsInt() @Min(1) @Max(5) convenience: number;
  @gradeField('平台易用性') @IsInt() @Min(1) @Max(5) easeOfUse: number;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX_EVALUATION_COMMENT) comment?: string | null;
}

@InputType()
export class RectificationFilterInput {
  @Field(() => ID, { nullable: true, description: 'Within this jurisdiction (and below); must be in your scope' }) jurisdictionId?: string | null;
  @Field(() => [RectificationStatus], { nullable: true }) status?: RectificationStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Not closed and past the deadline' }) overdue?: boolean | null;
}

@InputType()
export class RespondToRectificationInput {
  @Field({ description: 'What verification found (核实情况)' }) @MinLength(2) @MaxLength(2000) verification: string;
  @Field({ description: 'The answer to the citizen and what was put right (整改答复)' }) @MinLength(2) @MaxLength(2000) response: string;
}

@InputType()
export class CloseRectificationInput {
  @Field({ description: 'How the follow-up with the citizen went (回访情况)' }) @MinLength(2) @MaxLength(2000) followUp: string;
}
