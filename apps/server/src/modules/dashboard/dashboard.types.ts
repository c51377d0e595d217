/** GraphQL shapes of the dashboards, coverage, public statistics and published results. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JurisdictionLevel } from '@weimin/domain';
import { DateScalar } from '../../common/scalars';
import { PageInfo } from '../../common/pagination';
import { DecisionResult } from '../application/application.types';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import type { Figures as FigureValues } from './dashboard.figures';

export enum TrendGranularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(TrendGranularity, { name: 'TrendGranularity', description: 'Weeks start on Monday; the first and last period are cut to the range' });

@ObjectType('Figures')
export abstract class Figures implements FigureValues {
  @Field(() => Int, { description: 'Applications first submitted in the period' }) received: number;
  @Field(() => Int, { description: 'Applications accepted in the period (deemed acceptances included)' }) accepted: number;
  @Field(() => Int, { description: 'Applications rejected (不予受理) in the period' }) rejected: number;
  @Field(() => Int, { description: 'Applications completed (办结) in the period' }) completed: number;
  @Field(() => Int, { description: 'Of those, completed on or before their due date' }) completedOnTime: number;
  @Field(() => Float, { nullable: true, description: 'completed ÷ accepted (办结率), by the days each happened; null = no data' })
  completionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'completedOnTime ÷ completed (按时办结率); null = no data' }) onTimeRate: number | null;
  @Field(() => Int, { nullable: true, description: 'Median working days from acceptance to completion of the completed ones; 61 means more than 60' })
  medianHandlingDays: number | null;
  @Field(() => Int, { nullable: true, description: '90th percentile of the same (nearest rank); 61 means more than 60' }) p90HandlingDays: number | null;
  @Field(() => Int, { description: 'Ratings given in the period, excluded (malicious) ones left out' }) evaluations: number;
  @Field(() => Int, { description: 'Ratings of 3 (基本满意) or better' }) satisfied: number;
  @Field(() => Float, { nullable: true, description: 'satisfied ÷ evaluations (满意率); null = no data' }) satisfactionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean grade, 1–5; null = no data' }) averageGrade: number | null;
  @Field(() => Int, { description: 'Ratings of 1 or 2 (差评)' }) badReviews: number;
  @Field(() => Int, { description: 'Bad reviews of the period whose rectification was responded to (or closed) by its deadline' })
  rectifiedInTime: number;
  @Field(() => Int, { description: 'Applications given a one-time deficiency notice in the period (first notices)' }) deficient: number;
  @Field(() => Float, { nullable: true, description: 'deficient ÷ received; null = no data' }) deficiencyRate: number | null;
  @Field(() => Int, { description: 'Second and later notices on the same application (a breach of the one-time rule unless the supplement changed)' })
  repeatNotices: number;
}

/** Internal: which node and range a Performance is about (for its children, items and trend). */
export interface PerformanceScope {
  node: Jurisdiction;
  from: string;
  to: string;
}

@ObjectType({ description: 'Performance of a jurisdiction and everything below it over a date range (China calendar days, inclusive)' })
export class Performance extends Figures {
  @Field(() => Jurisdiction) jurisdiction: Jurisdiction;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => Int, { description: 'Now, whatever the range: accepted applications past their due date' }) overdueOpen: number;
  @Field(() => Int, { description: 'Now: accepted applications due within the warning window (working days)' }) warningOpen: number;
  @Field(() => Int, { description: 'Now: rectifications of bad reviews still open past their deadline' }) overdueRectifications: number;
  @Field({ description: 'Every change committed before this instant is in the figures (the open counts are live)' }) generatedAt: Date;
  scope: PerformanceScope;
}

@ObjectType({ description: 'Performance of one service item within a subtree' })
export class ItemPerformance extends Figures {
  @Field(() => ID) serviceItemId: string;
  @Field() code: string;
  @Field() name: string;
  @Field({ description: 'The jurisdiction whose directory holds the item' }) ownerName: string;
  @Field(() => Int) overdueOpen: number;
  @Field(() => Int) warningOpen: number;
}

@ObjectType({ description: 'One period of a trend' })
export class TrendPoint extends Figures {
  @Field(() => DateScalar) start: string;
  @Field(() => DateScalar) end: string;
}

@ObjectType({ description: 'Centres of one level of a subtree against the targets' })
export class CoverageLevel {
  @Field(() => JurisdictionLevel) level: JurisdictionLevel;
  @Field(() => Int, { description: 'Jurisdictions of this level in the subtree' }) total: number;
  @Field(() => Int, { description: 'With a centre that is BUILT' }) built: number;
  @Field(() => Int, { description: 'Built, all ten facilities, and a hall of at least the level minimum' }) standardized: number;
  @Field(() => Float, { nullable: true }) builtRate: number | null;
  @Field(() => Float, { nullable: true }) standardizedRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Configured target; null = not set' }) builtTarget: number | null;
  @Field(() => Float, { nullable: true, description: 'Configured target; null = not set' }) standardizedTarget: number | null;
}

@ObjectType({ description: 'Built and standardised centres per level, live' })
export class Coverage {
  @Field(() => Jurisdiction) jurisdiction: Jurisdiction;
  @Field(() => [CoverageLevel], { description: 'The level of the jurisdiction and every level below it' }) levels: CoverageLevel[];
  @Field() generatedAt: Date;
}

@ObjectType({ description: 'Public figures of one jurisdiction' })
export class PublicStatisticsRow {
  @Field(() => Jurisdiction) jurisdiction: Jurisdiction;
  @Field(() => Int) completed: number;
  @Field(() => Float, { nullable: true, description: 'Completed on time ÷ completed; null = no data' }) onTimeRate: number | null;
  @Field(() => Int) evaluations: number;
  @Field(() => Float, { nullable: true, description: 'Ratings ≥ 3 ÷ all ratings; null = no data' }) satisfactionRate: number | null;
}

@ObjectType({ description: 'Satisfaction and on-time rates for the last 12 months, per county of the city or per township of a county' })
export class PublicStatistics {
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => PublicStatisticsRow, { description: 'The city (or the county) as a whole' }) total: PublicStatisticsRow;
  @Field(() => [PublicStatisticsRow]) rows: PublicStatisticsRow[];
  @Field() generatedAt: Date;
}

@ObjectType({ description: '办理结果公开: a completed application as the public sees it' })
export class PublishedResult {
  @Field() serviceItemName: string;
  @Field({ description: 'The centre (or jurisdiction) that handled it' }) handledBy: string;
  @Field(() => DateScalar, { description: 'Completed on' }) completedOn: string;
  @Field(() => DecisionResult) result: DecisionResult;
  @Field({ description: 'Masked: 张*' }) applicantName: string;
}

@ObjectType()
export class PublishedResultConnection {
  @Field(() => [PublishedResult]) nodes: PublishedResult[];
  @Field(() => Int, { description: 'All completed applications of the subtree (from the rollups: may lag by seconds)' }) totalCount: number;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
