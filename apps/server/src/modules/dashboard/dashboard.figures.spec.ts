import { addRow, addYears, checkRange, emptyTotals, percentile, periods, segments, toFigures } from './dashboard.figures';

describe('percentile from a histogram', () => {
  /** PostgreSQL's percentile_disc over the expanded observations. */
  const disc = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * values.length)) - 1];

  it('agrees with percentile_disc (nearest rank), floating point included', () => {
    for (let n = 1; n <= 60; n++) {
      const values = Array.from({ length: n }, (_, i) => (i * 7) % 13);
      const hist = new Array(62).fill(0);
      for (const v of values) hist[v]++;
      for (const p of [0.5, 0.9, 0.1, 1]) expect({ n, p, v: percentile(hist, p) }).toEqual({ n, p, v: disc(values, p) });
    }
  });

  it('is null for no observations', () => {
    expect(percentile(new Array(62).fill(0), 0.5)).toBeNull();
  });
});

describe('figures', () => {
  it('sums rows with histograms of any length and gives null rates over nothing', () => {
    const t = emptyTotals();
    addRow(t, { ...emptyTotals(), received: 2, accepted: 2, completed: 1, completed_on_time: 1, hist: [0, 1] });
    addRow(t, { ...emptyTotals(), completed: 2, hist: [0, 0, 0, 2] });
    addRow(t, { ...emptyTotals(), evaluations: 2, satisfied: 1, grade_sum: 7, hist: null });
    const f = toFigures(t);
    expect(f).toMatchObject({ received: 2, completed: 3, completionRate: 1.5, onTimeRate: 1 / 3, medianHandlingDays: 3, p90HandlingDays: 3 });
    expect(f).toMatchObject({ satisfactionRate: 0.5, averageGrade: 3.5, deficiencyRate: 0 });
    expect(toFigures(emptyTotals())).toMatchObject({ completionRate: null, onTimeRate: null, satisfactionRate: null, averageGrade: null, medianHandlingDays: null });
  });
});

describe('ranges', () => {
  it('reads whole months from the monthly rows and the rest day by day', () => {
    expect(segments('2025-01-01', '2025-12-31')).toEqual({ months: ['2025-01-01', '2025-12-01'], days: [] });
    expect(segments('2025-01-15', '2025-04-10')).toEqual({ months: ['2025-02-01', '2025-03-01'], days: [['2025-01-15', '2025-01-31'], ['2025-04-01', '2025-04-10']] });
    expect(segments('2025-02-03', '2025-02-27')).toEqual({ months: null, days: [['2025-02-03', '2025-02-27']] });
    expect(segments('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02-01', '2024-02-01'], days: [] });
    expect(segments('2025-01-31', '2025-02-01')).toEqual({ months: null, days: [['2025-01-31', '2025-02-01']] });
  });

  it('cuts trend periods to the range; weeks start on Monday', () => {
    expect(periods('2026-11-05', '2026-11-18', 'WEEK')).toEqual([
      { start: '2026-11-05', end: '2026-11-08' },
      { start: '2026-11-09', end: '2026-11-15' },
      { start: '2026-11-16', end: '2026-11-18' },
    ]);
    expect(periods('2026-01-20', '2026-03-02', 'MONTH').map((p) => p.start)).toEqual(['2026-01-20', '2026-02-01', '2026-03-01']);
    expect(periods('2024-02-27', '2024-03-01', 'DAY')).toHaveLength(4);
  });

  it('allows from ≤ to within three years', () => {
    expect(() => checkRange('2026-01-02', '2026-01-01')).toThrow(/to: must be on or after from/);
    expect(() => checkRange('2023-01-01', '2026-01-01')).toThrow(/3 years/);
    expect(() => checkRange('2023-01-01', '2025-12-31')).not.toThrow();
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
  });
});
