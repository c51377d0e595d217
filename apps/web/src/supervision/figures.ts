/** The dashboard's figures: their kind (count, share, days, grade) and the groups they are shown and charted in. */
import type { FigureKind } from './format';

export type FigureKey =
  | 'received'
  | 'accepted'
  | 'rejected'
  | 'completed'
  | 'completedOnTime'
  | 'completionRate'
  | 'onTimeRate'
  | 'overdueOpen'
  | 'warningOpen'
  | 'medianHandlingDays'
  | 'p90HandlingDays'
  | 'evaluations'
  | 'satisfied'
  | 'satisfactionRate'
  | 'averageGrade'
  | 'badReviews'
  | 'rectifiedInTime'
  | 'overdueRectifications'
  | 'deficient'
  | 'deficiencyRate'
  | 'repeatNotices';

export type Figures = { [K in FigureKey]?: number | null };

export const KIND: Record<FigureKey, FigureKind> = {
  received: 'count',
  accepted: 'count',
  rejected: 'count',
  completed: 'count',
  completedOnTime: 'count',
  completionRate: 'share',
  onTimeRate: 'share',
  overdueOpen: 'count',
  warningOpen: 'count',
  medianHandlingDays: 'days',
  p90HandlingDays: 'days',
  evaluations: 'count',
  satisfied: 'count',
  satisfactionRate: 'share',
  averageGrade: 'grade',
  badReviews: 'count',
  rectifiedInTime: 'count',
  overdueRectifications: 'count',
  deficient: 'count',
  deficiencyRate: 'share',
  repeatNotices: 'count',
};

export type GroupKey = 'volume' | 'timeliness' | 'satisfaction' | 'reviews' | 'notices';

export interface Group {
  key: GroupKey;
  /** The headline cards of the group. */
  cards: FigureKey[];
  /** The series of its charts: one kind per group, so they share an axis. */
  series: FigureKey[];
}

export const GROUPS: readonly Group[] = [
  { key: 'volume', cards: ['received', 'accepted', 'rejected', 'completed'], series: ['received', 'accepted', 'completed'] },
  {
    key: 'timeliness',
    cards: ['completionRate', 'onTimeRate', 'overdueOpen', 'warningOpen', 'medianHandlingDays', 'p90HandlingDays'],
    series: ['completionRate', 'onTimeRate'],
  },
  { key: 'satisfaction', cards: ['evaluations', 'satisfactionRate', 'averageGrade'], series: ['satisfactionRate'] },
  { key: 'reviews', cards: ['badReviews', 'rectifiedInTime', 'overdueRectifications'], series: ['badReviews', 'rectifiedInTime'] },
  { key: 'notices', cards: ['deficient', 'deficiencyRate', 'repeatNotices'], series: ['deficient', 'repeatNotices'] },
];

/** The columns of the children table. */
export const TABLE_FIGURES: readonly FigureKey[] = [
  'received',
  'accepted',
  'completed',
  'completionRate',
  'onTimeRate',
  'overdueOpen',
  'warningOpen',
  'medianHandlingDays',
  'p90HandlingDays',
  'evaluations',
  'satisfactionRate',
  'averageGrade',
  'badReviews',
  'rectifiedInTime',
  'overdueRectifications',
  'deficiencyRate',
  'repeatNotices',
];

/** Figures that are live counts (now), not of the chosen range. */
export const LIVE: ReadonlySet<FigureKey> = new Set(['overdueOpen', 'warningOpen', 'overdueRectifications']);
