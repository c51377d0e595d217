/**
 * Policy as configuration, owned by the city: the rectification deadline, the optional default grade, the warning
 * window of applications (table `policy_setting`, one JSON value per key), and the versioned assessment scheme
 * (table `assessment_scheme`: weights and minimum sample; a change adds a version). Values are cached per process
 * and reloaded after an edit here and at least every minute, so several server processes agree within a minute.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  ASSESSMENT_INDICATOR_KEYS,
  DEFAULT_ASSESSMENT_MINIMUM_EVALUATIONS,
  DEFAULT_ASSESSMENT_WEIGHTS,
  DEFAULT_RECTIFICATION_DEADLINE_DAYS,
  Role,
  validateAssessmentWeights,
  type AssessmentWeights,
} from '@weimin/domain';
import { coversPath, type RequestContext } from '../../common/context';
import { ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';

const TTL_MS = 60_000;

export interface PolicyValues {
  /** Working days a centre has to deal with a bad rating. */
  rectificationDeadlineDays: number;
  /** Calendar days after completion without a rating before a default 非常满意 is recorded; null = off. */
  defaultGradeAfterDays: number | null;
  /** Working days before the due date from which an application shows a warning. */
  warningWorkingDays: number;
  /** Minimum evaluations in a period for a township to be ranked (kept in the current assessment scheme). */
  assessmentMinimumEvaluations: number;
}

/** The keys of `policy_setting` this service reads and writes. */
type StoredKey = 'rectificationDeadlineDays' | 'defaultGradeAfterDays' | 'warningWorkingDays';
const STORED_KEYS: readonly StoredKey[] = ['rectificationDeadlineDays', 'defaultGradeAfterDays', 'warningWorkingDays'];

export interface AssessmentSchemeRow {
  version: number;
  weights: AssessmentWeights;
  minimumEvaluations: number;
  createdAt: Date;
}

export type PolicyUpdate = { [K in keyof PolicyValues]?: PolicyValues[K] | null };

const LIMITS: Record<keyof PolicyValues, [number, number]> = {
  rectificationDeadlineDays: [1, 60],
  defaultGradeAfterDays: [1, 365],
  warningWorkingDays: [0, 30],
  assessmentMinimumEvaluations: [0, 100_000],
};

export class PolicyService {
  private cached: { at: number; values: PolicyValues } | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    /** Values used when nothing is stored (the warning window comes from the process configuration). */
    private readonly defaults: { warningWorkingDays: number },
    /** Fixed values that win over the stored ones (tests running jobs beside other suites). */
    private readonly fixed: Partial<PolicyValues> = {},
  ) {}

  async settings(): Promise<PolicyValues> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.values;
    const rows: Array<{ key: string; value: unknown }> = await this.ds.query(`SELECT key, value FROM policy_setting WHERE key = ANY($1)`, [STORED_KEYS]);
    const stored = new Map(rows.map((r) => [r.key, r.value]));
    const int = (key: StoredKey, fallback: number | null): number | null => {
      if (!stored.has(key)) return fallback;
      const v = stored.get(key);
      return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
    };
    const scheme = await this.currentScheme();
    const values: PolicyValues = {
      rectificationDeadlineDays: int('rectificationDeadlineDays', DEFAULT_RECTIFICATION_DEADLINE_DAYS) ?? DEFAULT_RECTIFICATION_DEADLINE_DAYS,
      defaultGradeAfterDays: stored.has('defaultGradeAfterDays') ? int('defaultGradeAfterDays', null) : null,
      warningWorkingDays: int('warningWorkingDays', this.defaults.warningWorkingDays) ?? this.defaults.warningWorkingDays,
      assessmentMinimumEvaluations: scheme.minimumEvaluations,
      ...this.fixed,
    };
    this.cached = { at: Date.now(), values };
    return values;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** City system administrators only. Fields left out keep their value; `defaultGradeAfterDays: null` turns it off. */
  async update(ctx: RequestContext, input: PolicyUpdate): Promise<PolicyValues> {
    await this.assertCityAdmin(ctx);
    for (const key of Object.keys(LIMITS) as Array<keyof PolicyValues>) {
      const v = input[key];
      if (v === undefined || (v === null && key === 'defaultGradeAfterDays')) continue;
      const [lo, hi] = LIMITS[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new InputError(`input.${key}`, `must be a whole number from ${lo} to ${hi}`, { min: lo, max: hi }, 'input.wholeNumberRange');
    }
    this.invalidate();
    const before = await this.settings();
    await this.ds.transaction(async (m) => {
      for (const key of STORED_KEYS) {
        if (input[key] === undefined) continue;
        await m.query(
          `INSERT INTO policy_setting (key, value, updated_by) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
          [key, JSON.stringify(input[key]), ctx.viewer!.id],
        );
      }
      if (input.assessmentMinimumEvaluations != null && input.assessmentMinimumEvaluations !== before.assessmentMinimumEvaluations) {
        const scheme = await this.currentScheme(m);
        await this.addScheme(m, ctx, scheme.weights, input.assessmentMinimumEvaluations);
      }
      const changed = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      await this.audit.record(m, ctx, {
        action: 'updatePolicySettings',
        entity: 'PolicySetting',
        entityId: null,
        jurisdictionId: null,
        before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof PolicyValues]])),
        after: changed,
      });
    });
    this.invalidate();
    return this.settings();
  }

  // ---------- assessment schemes ----------

  async currentScheme(m: EntityManager | DataSource = this.ds): Promise<AssessmentSchemeRow> {
    const rows = await m.query(
      `SELECT version, weights, minimum_evaluations AS "minimumEvaluations", created_at AS "createdAt" FROM assessment_scheme ORDER BY version DESC LIMIT 1`,
    );
    // The migration seeds version 1; the fallback only matters for a hand-emptied table.
    return rows[0] ?? { version: 1, weights: DEFAULT_ASSESSMENT_WEIGHTS, minimumEvaluations: DEFAULT_ASSESSMENT_MINIMUM_EVALUATIONS, createdAt: new Date(0) };
  }

  async schemesByVersion(versions: readonly number[]): Promise<Map<number, AssessmentSchemeRow>> {
    const rows: AssessmentSchemeRow[] = await this.ds.query(
      `SELECT version, weights, minimum_evaluations AS "minimumEvaluations", created_at AS "createdAt" FROM assessment_scheme WHERE version = ANY($1::int[])`,
      [versions],
    );
    return new Map(rows.map((r) => [r.version, r]));
  }

  async scheme(version: number): Promise<AssessmentSchemeRow> {
    const found = (await this.schemesByVersion([version])).get(version);
    if (!found) throw new NotFoundError('AssessmentScheme', version);
    return found;
  }

  /** A new version of the weights (and minimum sample); assessments already computed keep theirs. */
  async updateScheme(ctx: RequestContext, weights: Record<string, number>, minimumEvaluations: number | null | undefined): Promise<AssessmentSchemeRow> {
    await this.assertCityAdmin(ctx);
    const problems = validateAssessmentWeights(weights);
    if (problems.length) throw new InputError('input.weights', problems.join('; '), { problems }, 'policy.weights');
    const [lo, hi] = LIMITS.assessmentMinimumEvaluations;
    if (minimumEvaluations != null && (!Number.isInteger(minimumEvaluations) || minimumEvaluations < lo || minimumEvaluations > hi)) {
      throw new InputError('input.minimumEvaluations', `must be a whole number from ${lo} to ${hi}`, { min: lo, max: hi }, 'input.wholeNumberRange');
    }
    const version = await this.ds.transaction(async (m) => {
      const current = await this.currentScheme(m);
      const clean = Object.fromEntries(ASSESSMENT_INDICATOR_KEYS.map((k) => [k, weights[k]])) as unknown as AssessmentWeights;
      return this.addScheme(m, ctx, clean, minimumEvaluations ?? current.minimumEvaluations);
    });
    this.invalidate();
    return this.scheme(version);
  }

  private async addScheme(m: EntityManager, ctx: RequestContext, weights: AssessmentWeights, minimumEvaluations: number): Promise<number> {
    // The table lock makes two concurrent edits take consecutive versions instead of colliding.
    await m.query(`LOCK TABLE assessment_scheme IN SHARE ROW EXCLUSIVE MODE`);
    const [{ version }] = await m.query(
      `INSERT INTO assessment_scheme (version, weights, minimum_evaluations, created_by)
       SELECT coalesce(max(version), 0) + 1, $1::jsonb, $2, $3 FROM assessment_scheme RETURNING version`,
      [JSON.stringify(weights), minimumEvaluations, ctx.viewer!.id],
    );
    await this.audit.record(m, ctx, {
      action: 'addAssessmentScheme',
      entity: 'AssessmentScheme',
      entityId: String(version),
      jurisdictionId: null,
      after: { weights, minimumEvaluations },
    });
    return version;
  }

  private async assertCityAdmin(ctx: RequestContext): Promise<void> {
    if (!(await this.calendar.coversWholeTree(ctx.viewer, [Role.SYSTEM_ADMIN]))) {
      throw new ForbiddenError('Policy settings are kept by the city system administrator', 'policy.cityAdminOnly');
    }
  }
}
