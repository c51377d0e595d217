/**
 * Evaluations (好差评), rectification of bad ones (差评整改) and the county's assessment of its townships (考评):
 * the fixed grade labels, the five national online indicators, the rectification steps as data, the satisfaction
 * rate, quarters, and the scoring and ranking of an assessment. See DESIGN.md "Evaluations, rectification,
 * assessment" and GLOSSARY.md "Evaluation and supervision".
 */
import { ApplicationStatus } from './application';
import { Role } from './enums';

// ---------------------------------------------------------------------------------------------------------------
// Grades and indicators
// ---------------------------------------------------------------------------------------------------------------

export type Grade = 1 | 2 | 3 | 4 | 5;

/** Best first, as the rating widget shows them. */
export const GRADES: readonly Grade[] = Object.freeze([5, 4, 3, 2, 1] as Grade[]);

export const GRADE_LABELS_ZH: Readonly<Record<Grade, string>> = Object.freeze({
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
});

export const GRADE_LABELS_EN: Readonly<Record<Grade, string>> = Object.freeze({
  5: 'Very satisfied',
  4: 'Satisfied',
  3: 'Fairly satisfied',
  2: 'Dissatisfied',
  1: 'Very dissatisfied',
});

export function isGrade(g: unknown): g is Grade {
  return typeof g === 'number' && Number.isInteger(g) && g >= 1 && g <= 5;
}

/** A bad rating (差评): 不满意 or 非常不满意. It opens a rectification. */
export function isBadGrade(g: number): boolean {
  return g <= 2;
}

/** The five national indicators of online service evaluation (政务服务“好差评”). */
export enum EvaluationIndicator {
  OVERALL = 'OVERALL',
  EFFICIENCY = 'EFFICIENCY',
  GUIDE_ACCURACY = 'GUIDE_ACCURACY',
  CONVENIENCE = 'CONVENIENCE',
  EASE_OF_USE = 'EASE_OF_USE',
}

export interface IndicatorInfo {
  indicator: EvaluationIndicator;
  /** The field name in the API and the rating form. */
  field: 'overall' | 'efficiency' | 'guideAccuracy' | 'convenience' | 'easeOfUse';
  zh: string;
  en: string;
}

export const EVALUATION_INDICATORS: readonly IndicatorInfo[] = Object.freeze([
  { indicator: EvaluationIndicator.OVERALL, field: 'overall', zh: '总体满意度', en: 'Overall satisfaction' },
  { indicator: EvaluationIndicator.EFFICIENCY, field: 'efficiency', zh: '办事效率', en: 'Efficiency' },
  { indicator: EvaluationIndicator.GUIDE_ACCURACY, field: 'guideAccuracy', zh: '办事指南准确性', en: 'Accuracy of the service guide' },
  { indicator: EvaluationIndicator.CONVENIENCE, field: 'convenience', zh: '办事便利度', en: 'Convenience' },
  { indicator: EvaluationIndicator.EASE_OF_USE, field: 'easeOfUse', zh: '平台易用性', en: 'Ease of use of the platform' },
] as IndicatorInfo[]);

/** An application may be rated once it has ended: decided (and perhaps delivered), or refused. */
export const EVALUABLE_STATUSES: readonly ApplicationStatus[] = Object.freeze([
  ApplicationStatus.COMPLETED,
  ApplicationStatus.DELIVERED,
  ApplicationStatus.REJECTED,
]);

export function isEvaluable(status: ApplicationStatus): boolean {
  return EVALUABLE_STATUSES.includes(status);
}

export const MAX_EVALUATION_COMMENT = 500;

/** 满意率: ratings ≥ 3 ÷ all ratings; null when there are none ("no data", never 0 or 100%). */
export function satisfactionRate(grades: readonly number[]): number | null {
  if (!grades.length) return null;
  return grades.filter((g) => g >= 3).length / grades.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Rectification (差评整改)
// ---------------------------------------------------------------------------------------------------------------

export enum RectificationStatus {
  OPEN = 'OPEN',
  RESPONDED = 'RESPONDED',
  CLOSED = 'CLOSED',
}

export enum RectificationAction {
  /** The handling centre verifies the complaint and answers it (核实、整改、答复). */
  RESPOND = 'RESPOND',
  /** After the follow-up with the citizen (回访), the rectification is closed. */
  CLOSE = 'CLOSE',
}

export interface RectificationTransition {
  readonly from: RectificationStatus;
  readonly to: RectificationStatus;
  /** Staff roles that may take the step, in scope of the handling centre. */
  readonly by: readonly Role[];
}

export const RECTIFICATION_TRANSITIONS: Readonly<Record<RectificationAction, RectificationTransition>> = Object.freeze({
  RESPOND: Object.freeze({ from: RectificationStatus.OPEN, to: RectificationStatus.RESPONDED, by: Object.freeze([Role.CLERK]) }),
  CLOSE: Object.freeze({ from: RectificationStatus.RESPONDED, to: RectificationStatus.CLOSED, by: Object.freeze([Role.CLERK, Role.SUPERVISOR]) }),
});

export const RECTIFICATION_STATUS_LABELS_ZH: Readonly<Record<RectificationStatus, string>> = Object.freeze({
  OPEN: '待整改',
  RESPONDED: '已答复，待回访',
  CLOSED: '已办结',
});

/** Default number of working days a centre has to deal with a bad rating. */
export const DEFAULT_RECTIFICATION_DEADLINE_DAYS = 5;

/** Past its deadline (the deadline day itself is still in time) and not yet closed. */
export function isRectificationOverdue(status: RectificationStatus, deadline: string, today: string): boolean {
  return status !== RectificationStatus.CLOSED && deadline < today;
}

/** What a holder of these roles may do next with a rectification in this status. */
export function rectificationActions(status: RectificationStatus, roles: readonly Role[]): RectificationAction[] {
  return (Object.keys(RECTIFICATION_TRANSITIONS) as RectificationAction[]).filter((a) => {
    const t = RECTIFICATION_TRANSITIONS[a];
    return t.from === status && t.by.some((r) => roles.includes(r));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Assessment (考评)
// ---------------------------------------------------------------------------------------------------------------

/** DRAFT can be recomputed and the inspection scores entered; PUBLISHED is locked. */
export enum AssessmentStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

/** The indicators of a township's assessment, each a share 0..1. */
export interface AssessmentIndicators {
  /** 满意率 of the non-excluded evaluations of the period. */
  satisfaction: number | null;
  /** 按时办结率: completed on or before the due date ÷ completed in the period. */
  onTime: number | null;
  /** One-time-notice compliance: 1 − applications with a repeat notice ÷ applications with any notice. */
  noticeCompliance: number | null;
  /** Share of the township's centre and village stations that are standardised. */
  standardisation: number | null;
  /** The inspection score (0..100) entered by the county, as a share. */
  inspection: number | null;
}

export type AssessmentIndicatorKey = keyof AssessmentIndicators;

export const ASSESSMENT_INDICATOR_KEYS: readonly AssessmentIndicatorKey[] = Object.freeze([
  'satisfaction',
  'onTime',
  'noticeCompliance',
  'standardisation',
  'inspection',
] as AssessmentIndicatorKey[]);

export const ASSESSMENT_INDICATOR_LABELS_ZH: Readonly<Record<AssessmentIndicatorKey, string>> = Object.freeze({
  satisfaction: '群众满意率',
  onTime: '按时办结率',
  noticeCompliance: '一次性告知落实率',
  standardisation: '规范化建设率',
  inspection: '督查评分',
});

/** Points per indicator; a scheme's weights add up to 100. */
export type AssessmentWeights = Readonly<Record<AssessmentIndicatorKey, number>>;

export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = Object.freeze({
  satisfaction: 40,
  onTime: 30,
  noticeCompliance: 10,
  standardisation: 10,
  inspection: 10,
});

/** Townships with fewer evaluations than this in the period are shown but not ranked. */
export const DEFAULT_ASSESSMENT_MINIMUM_EVALUATIONS = 10;

/**
 * A problem with a set of weights: the field it is about (`input.weights.<indicator>`, or `input.weights` for the
 * sum), a message key of the web's catalogue (`policy.…`) with its values, and English words for logs.
 */
export interface WeightProblem {
  field: string;
  messageKey: string;
  params: { indicator?: string; sum?: number };
  message: string;
}

function weightProblem(key: 'weightRange' | 'notIndicator' | 'weightsSum', field: string, params: WeightProblem['params'], message: string): WeightProblem {
  const messageKey = `policy.${key}`;
  return { field, messageKey, params, message };
}

/** Problems with a set of weights (empty when it is sound): each a whole number 0–100, together 100. */
export function assessmentWeightProblems(w: Readonly<Record<string, unknown>>): WeightProblem[] {
  const problems: WeightProblem[] = [];
  for (const k of ASSESSMENT_INDICATOR_KEYS) {
    const v = w[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100) problems.push(weightProblem('weightRange', `input.weights.${k}`, { indicator: k }, `${k} must be a whole number 0–100`));
  }
  for (const k of Object.keys(w)) {
    if (!ASSESSMENT_INDICATOR_KEYS.includes(k as AssessmentIndicatorKey)) problems.push(weightProblem('notIndicator', `input.weights.${k}`, { indicator: k }, `${k} is not an indicator`));
  }
  if (!problems.length) {
    const sum = ASSESSMENT_INDICATOR_KEYS.reduce((s, k) => s + (w[k] as number), 0);
    if (sum !== 100) problems.push(weightProblem('weightsSum', 'input.weights', { sum }, `the weights must add up to 100, not ${sum}`));
  }
  return problems;
}

/** The same problems in English words (logs, API users). */
export function validateAssessmentWeights(w: Readonly<Record<string, unknown>>): string[] {
  return assessmentWeightProblems(w).map((p) => p.message);
}

export interface TownshipScore {
  /** 0..100, rounded to two decimals; null when no indicator has a value. */
  total: number | null;
  /** Points earned per indicator (weight × share, rescaled when some indicator has no value); null for no value. */
  parts: Record<AssessmentIndicatorKey, number | null>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A township's total. An indicator without a value (nothing completed, no inspection yet) counts neither as 0
 * nor as full marks: the other indicators' weights are scaled up to fill the 100 points.
 */
export function scoreTownship(indicators: AssessmentIndicators, weights: AssessmentWeights = DEFAULT_ASSESSMENT_WEIGHTS): TownshipScore {
  let available = 0;
  for (const k of ASSESSMENT_INDICATOR_KEYS) {
    const v = indicators[k];
    if (v != null && (!Number.isFinite(v) || v < 0 || v > 1)) throw new RangeError(`${k} must be a share between 0 and 1, got ${v}`);
    if (v != null) available += weights[k];
  }
  const parts = {} as Record<AssessmentIndicatorKey, number | null>;
  if (available <= 0) {
    for (const k of ASSESSMENT_INDICATOR_KEYS) parts[k] = null;
    return { total: null, parts };
  }
  const scale = 100 / available;
  let total = 0;
  for (const k of ASSESSMENT_INDICATOR_KEYS) {
    const v = indicators[k];
    const p = v == null ? null : weights[k] * scale * v;
    parts[k] = p == null ? null : round2(p);
    if (p != null) total += p;
  }
  return { total: round2(total), parts };
}

/**
 * Competition ranking (1, 2, 2, 4), highest score first; equal scores (to the cent) share a rank; null scores
 * (not ranked) get a null rank. Returns ranks in the order of the input.
 */
export function rankWithTies(scores: ReadonlyArray<number | null>): Array<number | null> {
  const keyed = scores.map((s, i) => ({ s: s == null ? null : round2(s), i }));
  const ranked = keyed.filter((x): x is { s: number; i: number } => x.s != null).sort((a, b) => b.s - a.s);
  const out: Array<number | null> = scores.map(() => null);
  ranked.forEach((x, pos) => {
    out[x.i] = pos > 0 && ranked[pos - 1].s === x.s ? (out[ranked[pos - 1].i] as number) : pos + 1;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Periods (quarters, China calendar days)
// ---------------------------------------------------------------------------------------------------------------

export const PERIOD_PATTERN = /^(\d{4})-Q([1-4])$/;

export interface PeriodRange {
  period: string;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

/** `2026-Q3` → 2026-07-01 … 2026-09-30; null when it is not a quarter written that way (years 2000–2999). */
export function parsePeriod(period: string): PeriodRange | null {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return null;
  const q = Number(m[2]);
  return { period, from: `${m[1]}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${m[1]}-${QUARTER_END[q - 1]}` };
}

/** The quarter a calendar day (YYYY-MM-DD) falls in, e.g. `2026-Q3`. */
export function periodOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}
