import {
  ApplicationStatus,
  DEFAULT_ASSESSMENT_WEIGHTS,
  EVALUATION_INDICATORS,
  GRADES,
  GRADE_LABELS_EN,
  GRADE_LABELS_ZH,
  RectificationAction,
  RectificationStatus,
  Role,
  isBadGrade,
  isEvaluable,
  isGrade,
  isRectificationOverdue,
  parsePeriod,
  periodOf,
  rankWithTies,
  rectificationActions,
  satisfactionRate,
  scoreTownship,
  validateAssessmentWeights,
  assessmentWeightProblems,
} from './index';

describe('grades and indicators', () => {
  it('has the five fixed labels, best first', () => {
    expect(GRADES.map((g) => `${g} ${GRADE_LABELS_ZH[g]}`)).toEqual(['5 非常满意', '4 满意', '3 基本满意', '2 不满意', '1 非常不满意']);
    expect(GRADE_LABELS_EN[1]).toBe('Very dissatisfied');
    expect(isGrade(3)).toBe(true);
    expect(isGrade(0)).toBe(false);
    expect(isGrade(2.5)).toBe(false);
  });
  it('names the five national indicators', () => {
    expect(EVALUATION_INDICATORS.map((i) => i.zh)).toEqual(['总体满意度', '办事效率', '办事指南准确性', '办事便利度', '平台易用性']);
    expect(EVALUATION_INDICATORS.map((i) => i.field)).toEqual(['overall', 'efficiency', 'guideAccuracy', 'convenience', 'easeOfUse']);
  });
  it('calls 1 and 2 bad, 3 and up not', () => {
    expect([1, 2, 3, 4, 5].map(isBadGrade)).toEqual([true, true, false, false, false]);
  });
  it('lets an application be rated only once it has ended', () => {
    expect(Object.values(ApplicationStatus).filter(isEvaluable).sort()).toEqual(['COMPLETED', 'DELIVERED', 'REJECTED']);
  });
  it('computes the satisfaction rate as ratings ≥ 3 over all, and nothing over nothing', () => {
    expect(satisfactionRate([5, 4, 3, 2])).toBe(0.75);
    expect(satisfactionRate([1, 1])).toBe(0);
    expect(satisfactionRate([])).toBeNull();
  });
});

describe('rectification', () => {
  it('goes OPEN → RESPONDED (clerk) → CLOSED (clerk or supervisor)', () => {
    expect(rectificationActions(RectificationStatus.OPEN, [Role.CLERK])).toEqual([RectificationAction.RESPOND]);
    expect(rectificationActions(RectificationStatus.OPEN, [Role.SUPERVISOR])).toEqual([]);
    expect(rectificationActions(RectificationStatus.RESPONDED, [Role.SUPERVISOR])).toEqual([RectificationAction.CLOSE]);
    expect(rectificationActions(RectificationStatus.CLOSED, [Role.CLERK, Role.SUPERVISOR])).toEqual([]);
  });
  it('is overdue after the deadline day until closed', () => {
    expect(isRectificationOverdue(RectificationStatus.OPEN, '2026-03-10', '2026-03-10')).toBe(false);
    expect(isRectificationOverdue(RectificationStatus.RESPONDED, '2026-03-10', '2026-03-11')).toBe(true);
    expect(isRectificationOverdue(RectificationStatus.CLOSED, '2026-03-10', '2026-03-11')).toBe(false);
  });
});

describe('assessment scoring', () => {
  const all = { satisfaction: 0.9, onTime: 0.8, noticeCompliance: 1, standardisation: 0.5, inspection: 0.7 };

  it('weights the indicators 40/30/10/10/10 by default', () => {
    const s = scoreTownship(all);
    expect(s.parts).toEqual({ satisfaction: 36, onTime: 24, noticeCompliance: 10, standardisation: 5, inspection: 7 });
    expect(s.total).toBe(82);
    expect(scoreTownship({ satisfaction: 1, onTime: 1, noticeCompliance: 1, standardisation: 1, inspection: 1 }).total).toBe(100);
    expect(scoreTownship({ satisfaction: 0, onTime: 0, noticeCompliance: 0, standardisation: 0, inspection: 0 }).total).toBe(0);
  });
  it('scales the other weights up over an indicator without a value, instead of counting it 0 or 100', () => {
    const s = scoreTownship({ ...all, inspection: null });
    expect(s.parts.inspection).toBeNull();
    expect(s.total).toBe(Math.round(((36 + 24 + 10 + 5) / 90) * 100 * 100) / 100);
    expect(scoreTownship({ satisfaction: null, onTime: null, noticeCompliance: null, standardisation: null, inspection: null }).total).toBeNull();
  });
  it('follows other weights', () => {
    const w = { satisfaction: 100, onTime: 0, noticeCompliance: 0, standardisation: 0, inspection: 0 };
    expect(scoreTownship(all, w).total).toBe(90);
  });
  it('refuses shares outside 0..1', () => {
    expect(() => scoreTownship({ ...all, inspection: 70 })).toThrow(RangeError);
  });
  it('checks weights: whole numbers adding up to 100, known indicators only', () => {
    expect(validateAssessmentWeights(DEFAULT_ASSESSMENT_WEIGHTS)).toEqual([]);
    expect(validateAssessmentWeights({ ...DEFAULT_ASSESSMENT_WEIGHTS, inspection: 20 })).toEqual(['the weights must add up to 100, not 110']);
    expect(validateAssessmentWeights({ ...DEFAULT_ASSESSMENT_WEIGHTS, onTime: -1 })[0]).toMatch(/onTime/);
    expect(validateAssessmentWeights({ ...DEFAULT_ASSESSMENT_WEIGHTS, speed: 0 })).toContain('speed is not an indicator');
    // each problem a message key with its values and the field it is about
    expect(assessmentWeightProblems({ ...DEFAULT_ASSESSMENT_WEIGHTS, inspection: 20 }).map(({ field, messageKey, params }) => ({ field, messageKey, params }))).toEqual([
      { field: 'input.weights', messageKey: 'policy.weightsSum', params: { sum: 110 } },
    ]);
    expect(assessmentWeightProblems({ ...DEFAULT_ASSESSMENT_WEIGHTS, onTime: 101, speed: 0 }).map((p) => [p.field, p.messageKey, p.params.indicator])).toEqual([
      ['input.weights.onTime', 'policy.weightRange', 'onTime'],
      ['input.weights.speed', 'policy.notIndicator', 'speed'],
    ]);
  });
});

describe('ranking', () => {
  it('ranks highest first, ties share a rank and the next rank is skipped', () => {
    expect(rankWithTies([70, 90, 80, 90])).toEqual([4, 1, 3, 1]);
  });
  it('leaves out townships without a score', () => {
    expect(rankWithTies([null, 50, null, 60])).toEqual([null, 2, null, 1]);
    expect(rankWithTies([])).toEqual([]);
  });
  it('treats scores equal to the cent as ties', () => {
    expect(rankWithTies([0.1 + 0.2, 0.3])).toEqual([1, 1]);
  });
});

describe('periods', () => {
  it('maps a quarter to its China calendar days', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ period: '2026-Q3', from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2024-Q1')?.to).toBe('2024-03-31');
    expect(parsePeriod('2026-Q5')).toBeNull();
    expect(parsePeriod('2026Q1')).toBeNull();
    expect(parsePeriod('1999-Q1')).toBeNull();
  });
  it('finds the quarter of a day', () => {
    expect(periodOf('2026-01-01')).toBe('2026-Q1');
    expect(periodOf('2026-09-30')).toBe('2026-Q3');
    expect(periodOf('2026-10-01')).toBe('2026-Q4');
  });
});
