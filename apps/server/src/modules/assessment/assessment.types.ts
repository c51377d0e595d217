/** GraphQL shapes of assessments (考评) and the rows they are built from. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AssessmentStatus } from '@weimin/domain';

registerEnumType(AssessmentStatus, { name: 'AssessmentStatus', description: 'DRAFT (recomputable, inspection scores editable) → PUBLISHED (locked)' });

/** What a score row keeps of the computation: the shares and the counts behind them. */
export interface StoredIndicators {
  satisfaction: number | null;
  onTime: number | null;
  noticeCompliance: number | null;
  standardisation: number | null;
  counts: AssessmentCountsValues;
}

export interface AssessmentCountsValues {
  evaluations: number;
  satisfied: number;
  completed: number;
  completedOnTime: number;
  noticed: number;
  repeatNoticed: number;
  places: number;
  standardised: number;
}

export interface AssessmentRow {
  id: string;
  county_id: number;
  period: string;
  scheme_version: number;
  status: AssessmentStatus;
  created_at: Date;
  computed_at: Date;
  published_at: Date | null;
  /** Materialised path of the county. */
  path: string;
}

export interface ScoreRow {
  assessment_id: string;
  township_id: number;
  indicators: StoredIndicators;
  evaluations: number;
  /** numeric columns arrive as strings */
  inspection_score: string | null;
  total: string | null;
  rank: number | null;
  insufficient: boolean;
  code: string;
}

@ObjectType({ description: 'The indicators of a township, each a share 0..1; null = no data in the period' })
export class AssessmentIndicatorValues {
  @Field(() => Float, { nullable: true, description: '满意率: non-excluded ratings ≥ 3 ÷ all ratings' }) satisfaction: number | null;
  @Field(() => Float, { nullable: true, description: '按时办结率: completed by the due date ÷ completed' }) onTime: number | null;
  @Field(() => Float, { nullable: true, description: '1 − applications with a repeat notice ÷ applications with any notice (1 when none)' }) noticeCompliance: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of the township and its villages whose centre is standardised' }) standardisation: number | null;
  @Field(() => Float, { nullable: true, description: 'The inspection score ÷ 100; null until entered' }) inspection: number | null;
}

@ObjectType({ description: 'The counts behind the indicators' })
export class AssessmentCounts {
  @Field(() => Int) evaluations: number;
  @Field(() => Int, { description: 'Ratings ≥ 3' }) satisfied: number;
  @Field(() => Int) completed: number;
  @Field(() => Int) completedOnTime: number;
  @Field(() => Int, { description: 'Applications with a deficiency notice in the period' }) noticed: number;
  @Field(() => Int, { description: '… of which with a repeat notice' }) repeatNoticed: number;
  @Field(() => Int, { description: 'The township and its villages' }) places: number;
  @Field(() => Int, { description: '… whose centre is standardised' }) standardised: number;
}

@ObjectType({ description: "A township's result in an assessment" })
export class AssessmentScore {
  @Field(() => AssessmentIndicatorValues) indicators: AssessmentIndicatorValues;
  @Field(() => AssessmentCounts) counts: AssessmentCounts;
  @Field(() => Int, { description: 'Evaluations counted (excluded ones left out)' }) evaluations: number;
  @Field(() => Float, { nullable: true, description: 'Entered by the county, 0–100' }) inspectionScore: number | null;
  @Field(() => Float, { nullable: true, description: '0–100; an indicator without data is left out and the other weights scaled up' }) total: number | null;
  @Field(() => Int, { nullable: true, description: 'Within the county; null when not ranked (too few evaluations)' }) rank: number | null;
  @Field({ description: 'Fewer evaluations than the minimum sample: shown, not ranked' }) insufficient: boolean;
  townshipId: number;
}

@ObjectType({ description: '考评: a county scores its township centres for a quarter' })
export class Assessment {
  @Field(() => ID) id: string;
  @Field({ description: 'A quarter, e.g. 2026-Q3' }) period: string;
  @Field(() => AssessmentStatus) status: AssessmentStatus;
  @Field({ description: 'When the indicators were last computed' }) computedAt: Date;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  row: AssessmentRow;
}

export function toAssessment(r: AssessmentRow): Assessment {
  const a = new Assessment();
  a.row = r;
  a.id = r.id;
  a.period = r.period;
  a.status = r.status;
  a.computedAt = r.computed_at;
  a.createdAt = r.created_at;
  a.publishedAt = r.published_at;
  return a;
}

export function toScore(r: ScoreRow): AssessmentScore {
  const s = new AssessmentScore();
  const inspection = r.inspection_score == null ? null : Number(r.inspection_score);
  s.townshipId = r.township_id;
  s.indicators = {
    satisfaction: r.indicators.satisfaction,
    onTime: r.indicators.onTime,
    noticeCompliance: r.indicators.noticeCompliance,
    standardisation: r.indicators.standardisation,
    inspection: inspection == null ? null : inspection / 100,
  };
  s.counts = r.indicators.counts;
  s.evaluations = r.evaluations;
  s.inspectionScore = inspection;
  s.total = r.total == null ? null : Number(r.total);
  s.rank = r.rank;
  s.insufficient = r.insufficient;
  return s;
}
