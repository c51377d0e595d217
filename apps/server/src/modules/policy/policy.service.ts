/**
 * Policy as configuration, kept per city (a province tree holds several): the rectification deadline, the optional
 * default grade, the warning window of applications (table `policy_setting`, one JSON value per key and city), and
 * the versioned assessment scheme (table `assessment_scheme`: weights and minimum sample; a change adds a version).
 * A row without a city is the platform default: a city without a value of its own reads it, and without that the
 * built-in default. The thing a consumer works on names the city: the CITY-level node on its path (`cityOf`).
 * Values are cached per process and city, reloaded after an edit here and at least every minute, so several server
 * processes agree within a minute.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  ASSESSMENT_INDICATOR_KEYS,
  DEFAULT_ASSESSMENT_MINIMUM_EVALUATIONS,
  DEFAULT_ASSESSMENT_WEIGHTS,
  DEFAULT_RECTIFICATION_DEADLINE_DAYS,
  Role,
  assessmentWeightProblems,
  type AssessmentWeights,
} from '@weimin/domain';
import { coversPath, type RequestContext, type Viewer } from '../../common/context';
import { ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';

const TTL_MS = 60_000;
/** The cache's key of the platform default (jurisdiction ids start at 1). */
const DEFAULT = 0;

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

/** A city of the tree (the CITY-level node), as the policy knows it. */
export interface PolicyCity {
  id: number;
  path: string;
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

const SCHEME_COLUMNS = `version, weights, minimum_evaluations AS "minimumEvaluations", created_at AS "createdAt"`;

interface Snapshot {
  at: number;
  cities: PolicyCity[];
  cityIds: Set<number>;
  /** Stored values by city id (DEFAULT for the platform's). */
  stored: Map<number, Map<string, unknown>>;
  /** Values worked out so far, by city id. */
  values: Map<number, PolicyValues>;
}

/** The cities the grants of these roles reach: the city a grant sits in, or every city below a grant above them. */
export function citiesOfViewer(viewer: Viewer | null, roles: readonly Role[], cities: readonly PolicyCity[]): PolicyCity[] {
  if (!viewer) return [];
  const out = new Map<number, PolicyCity>();
  for (const g of viewer.grants) {
    if (!roles.includes(g.role) || g.path == null) continue;
    for (const c of cities) if (g.path.startsWith(c.path) || c.path.startsWith(g.path)) out.set(c.id, c);
  }
  return [...out.values()];
}

export class PolicyService {
  private snap: Snapshot | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    /** Values used when nothing is stored (the warning window comes from the process configuration). */
    private readonly defaults: { warningWorkingDays: number },
    /** Fixed values that win over the stored ones (tests running jobs beside other suites). */
    private readonly fixed: Partial<PolicyValues> = {},
  ) {}

  private async snapshot(): Promise<Snapshot> {
    if (this.snap && Date.now() - this.snap.at < TTL_MS) return this.snap;
    const [cities, rows]: [PolicyCity[], Array<{ key: string; value: unknown; city_id: number | null }>] = await Promise.all([
      this.ds.query(`SELECT id, path FROM jurisdiction WHERE level = 'CITY' ORDER BY code LIMIT 10000`),
      this.ds.query(`SELECT key, value, city_id FROM policy_setting WHERE key = ANY($1)`, [STORED_KEYS]),
    ]);
    const stored = new Map<number, Map<string, unknown>>();
    for (const r of rows) {
      const city = r.city_id ?? DEFAULT;
      if (!stored.has(city)) stored.set(city, new Map());
      stored.get(city)!.set(r.key, r.value);
    }
    this.snap = { at: Date.now(), cities, cityIds: new Set(cities.map((c) => c.id)), stored, values: new Map() };
    return this.snap;
  }

  /** Every city of the tree (by code). */
  async cities(): Promise<PolicyCity[]> {
    return (await this.snapshot()).cities;
  }

  /** The city a node belongs to (the CITY-level node on its path, itself if it is one); null above the cities. */
  async cityOf(path: string): Promise<number | null> {
    const { cityIds } = await this.snapshot();
    for (const part of path.split('.')) {
      const id = Number(part);
      if (part && cityIds.has(id)) return id;
    }
    return null;
  }

  /**
   * The settings of a city (its own values, else the platform default's, else the built-in). Without a city: the
   * only city's when the tree has one, else the platform default; `null`: the platform default.
   */
  async settings(cityId?: number | null): Promise<PolicyValues> {
    const snap = await this.snapshot();
    const city = cityId === undefined ? (snap.cities.length === 1 ? snap.cities[0].id : DEFAULT) : (cityId ?? DEFAULT);
    const known = snap.values.get(city);
    if (known) return known;
    const own = snap.stored.get(city);
    const platform = snap.stored.get(DEFAULT);
    const has = (key: StoredKey) => !!own?.has(key) || !!platform?.has(key);
    const raw = (key: StoredKey) => (own?.has(key) ? own.get(key) : platform?.get(key));
    const int = (key: StoredKey, fallback: number | null): number | null => {
      if (!has(key)) return fallback;
      const v = raw(key);
      return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
    };
    const scheme = await this.currentScheme(city === DEFAULT ? null : city);
    const values: PolicyValues = {
      rectificationDeadlineDays: int('rectificationDeadlineDays', DEFAULT_RECTIFICATION_DEADLINE_DAYS) ?? DEFAULT_RECTIFICATION_DEADLINE_DAYS,
      defaultGradeAfterDays: has('defaultGradeAfterDays') ? int('defaultGradeAfterDays', null) : null,
      warningWorkingDays: int('warningWorkingDays', this.defaults.warningWorkingDays) ?? this.defaults.warningWorkingDays,
      assessmentMinimumEvaluations: scheme.minimumEvaluations,
      ...this.fixed,
    };
    // Only while the snapshot is still the current one (an edit may have replaced it meanwhile).
    if (this.snap === snap) snap.values.set(city, values);
    return values;
  }

  /** The settings of the city a node (by its path) belongs to. */
  async settingsAt(path: string): Promise<PolicyValues> {
    return this.settings(await this.cityOf(path));
  }

  /**
   * The platform's settings and those of every city with values of its own (for work over the whole tree: the
   * default-grade job, a dashboard or work queue spanning cities). Every other city reads the platform's.
   */
  async byCity(): Promise<{ platform: PolicyValues; cities: Array<PolicyCity & { values: PolicyValues }> }> {
    const snap = await this.snapshot();
    const platform = await this.settings(null);
    const cities: Array<PolicyCity & { values: PolicyValues }> = [];
    for (const c of snap.cities) {
      if (!snap.stored.has(c.id)) continue;
      cities.push({ ...c, values: await this.settings(c.id) });
    }
    return { platform, cities };
  }

  invalidate(): void {
    this.snap = null;
  }

  /**
   * The city a request is about: the one given (which must be a city), else the viewer's only city among the grants
   * of these roles, else the tree's only city. Null when the tree has no city (the platform default).
   */
  async resolveCity(ctx: RequestContext, cityId: number | null | undefined, roles: readonly Role[]): Promise<PolicyCity | null> {
    const { cities } = await this.snapshot();
    if (cityId != null) {
      const found = cities.find((c) => c.id === cityId);
      if (!found) throw new InputError('city', 'is not a city of the tree', {}, 'policy.notACity');
      return found;
    }
    const mine = citiesOfViewer(ctx.viewer, roles, cities);
    if (mine.length === 1) return mine[0];
    if (mine.length > 1) throw new InputError('city', `is required: you work for ${mine.length} cities`, { count: mine.length }, 'policy.cityRequired');
    if (cities.length === 1) return cities[0];
    if (!cities.length) return null;
    throw new InputError('city', `is required: the tree has ${cities.length} cities`, { count: cities.length }, 'policy.cityRequired');
  }

  /** Readers of a city's policy: staff of these roles in the city, or above it. */
  assertMayRead(ctx: RequestContext, city: PolicyCity | null, roles: readonly Role[]): void {
    if (!city) return;
    if (!citiesOfViewer(ctx.viewer, roles, [city]).length) throw new ForbiddenError('This city’s policy is kept outside your scope', 'policy.notYourCity');
  }

  /** The settings a viewer reads: of the city given, or their own. */
  async settingsFor(ctx: RequestContext, cityId: number | null | undefined, roles: readonly Role[]): Promise<PolicyValues & { city: PolicyCity | null }> {
    const city = await this.resolveCity(ctx, cityId, roles);
    this.assertMayRead(ctx, city, roles);
    return { ...(await this.settings(city?.id ?? null)), city };
  }

  /**
   * A city's system administrator (or one above it: a province's) only. Fields left out keep their value;
   * `defaultGradeAfterDays: null` turns it off.
   */
  async update(ctx: RequestContext, input: PolicyUpdate, cityId?: number | null): Promise<PolicyValues & { city: PolicyCity | null }> {
    const city = await this.resolveCity(ctx, cityId, [Role.SYSTEM_ADMIN]);
    if (!(await this.mayKeep(ctx, city, [Role.SYSTEM_ADMIN]))) throw new ForbiddenError('Policy settings are kept by the city’s system administrator', 'policy.cityAdminOnly');
    for (const key of Object.keys(LIMITS) as Array<keyof PolicyValues>) {
      const v = input[key];
      if (v === undefined || (v === null && key === 'defaultGradeAfterDays')) continue;
      const [lo, hi] = LIMITS[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new InputError(`input.${key}`, `must be a whole number from ${lo} to ${hi}`, { min: lo, max: hi }, 'input.wholeNumberRange');
    }
    this.invalidate();
    const before = await this.settings(city?.id ?? null);
    await this.ds.transaction(async (m) => {
      for (const key of STORED_KEYS) {
        if (input[key] === undefined) continue;
        await m.query(
          `INSERT INTO policy_setting (key, city_id, value, updated_by) VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT (key, city_id) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
          [key, city?.id ?? null, JSON.stringify(input[key]), ctx.viewer!.id],
        );
      }
      if (input.assessmentMinimumEvaluations != null && input.assessmentMinimumEvaluations !== before.assessmentMinimumEvaluations) {
        const scheme = await this.currentScheme(city?.id ?? null, m);
        await this.addScheme(m, ctx, city, scheme.weights, input.assessmentMinimumEvaluations);
      }
      const changed = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      await this.audit.record(m, ctx, {
        action: 'updatePolicySettings',
        entity: 'PolicySetting',
        entityId: city ? String(city.id) : null,
        jurisdictionId: city?.id ?? null,
        before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof PolicyValues]])),
        after: changed,
      });
    });
    this.invalidate();
    return { ...(await this.settings(city?.id ?? null)), city };
  }

  // ---------- assessment schemes ----------

  /** The scheme a city assesses with: its latest version, else the platform's latest. */
  async currentScheme(cityId: number | null = null, m: EntityManager | DataSource = this.ds): Promise<AssessmentSchemeRow> {
    const rows = await m.query(
      `SELECT ${SCHEME_COLUMNS} FROM assessment_scheme WHERE city_id = $1 OR city_id IS NULL ORDER BY city_id NULLS LAST, version DESC LIMIT 1`,
      [cityId],
    );
    // The migration seeds version 1; the fallback only matters for a hand-emptied table.
    return rows[0] ?? { version: 1, weights: DEFAULT_ASSESSMENT_WEIGHTS, minimumEvaluations: DEFAULT_ASSESSMENT_MINIMUM_EVALUATIONS, createdAt: new Date(0) };
  }

  async schemesByVersion(versions: readonly number[]): Promise<Map<number, AssessmentSchemeRow>> {
    const rows: AssessmentSchemeRow[] = await this.ds.query(`SELECT ${SCHEME_COLUMNS} FROM assessment_scheme WHERE version = ANY($1::int[])`, [versions]);
    return new Map(rows.map((r) => [r.version, r]));
  }

  async scheme(version: number): Promise<AssessmentSchemeRow> {
    const found = (await this.schemesByVersion([version])).get(version);
    if (!found) throw new NotFoundError('AssessmentScheme', version);
    return found;
  }

  /** A new version of a city's weights (and minimum sample); assessments already computed keep theirs. */
  async updateScheme(ctx: RequestContext, weights: Record<string, number>, minimumEvaluations: number | null | undefined, cityId?: number | null): Promise<AssessmentSchemeRow> {
    const city = await this.resolveCity(ctx, cityId, [Role.SYSTEM_ADMIN]);
    if (!(await this.mayKeep(ctx, city, [Role.SYSTEM_ADMIN]))) throw new ForbiddenError('Policy settings are kept by the city’s system administrator', 'policy.cityAdminOnly');
    // each problem a key with its values (the web says them in the reader's language); the first names the field
    const problems = assessmentWeightProblems(weights);
    if (problems.length) {
      const [first] = problems;
      throw new InputError(first.field, problems.map((p) => p.message).join('; '), { ...first.params, problems }, first.messageKey);
    }
    const [lo, hi] = LIMITS.assessmentMinimumEvaluations;
    if (minimumEvaluations != null && (!Number.isInteger(minimumEvaluations) || minimumEvaluations < lo || minimumEvaluations > hi)) {
      throw new InputError('input.minimumEvaluations', `must be a whole number from ${lo} to ${hi}`, { min: lo, max: hi }, 'input.wholeNumberRange');
    }
    const version = await this.ds.transaction(async (m) => {
      const current = await this.currentScheme(city?.id ?? null, m);
      const clean = Object.fromEntries(ASSESSMENT_INDICATOR_KEYS.map((k) => [k, weights[k]])) as unknown as AssessmentWeights;
      return this.addScheme(m, ctx, city, clean, minimumEvaluations ?? current.minimumEvaluations);
    });
    this.invalidate();
    return this.scheme(version);
  }

  private async addScheme(m: EntityManager, ctx: RequestContext, city: PolicyCity | null, weights: AssessmentWeights, minimumEvaluations: number): Promise<number> {
    // The table lock makes two concurrent edits take consecutive versions instead of colliding.
    await m.query(`LOCK TABLE assessment_scheme IN SHARE ROW EXCLUSIVE MODE`);
    const [{ version }] = await m.query(
      `INSERT INTO assessment_scheme (version, city_id, weights, minimum_evaluations, created_by)
       SELECT coalesce(max(version), 0) + 1, $1, $2::jsonb, $3, $4 FROM assessment_scheme RETURNING version`,
      [city?.id ?? null, JSON.stringify(weights), minimumEvaluations, ctx.viewer!.id],
    );
    await this.audit.record(m, ctx, {
      action: 'addAssessmentScheme',
      entity: 'AssessmentScheme',
      entityId: String(version),
      jurisdictionId: city?.id ?? null,
      after: { weights, minimumEvaluations },
    });
    return version;
  }

  /**
   * Edits of a city's policy: a grant of these roles at the city or above it (a province's administrator keeps its
   * cities'). On a tree without cities, whoever covers the whole tree keeps the platform default.
   */
  async mayKeep(ctx: RequestContext, city: PolicyCity | null, roles: readonly Role[]): Promise<boolean> {
    return city ? coversPath(ctx.viewer, roles, city.path) : this.calendar.coversWholeTree(ctx.viewer, roles);
  }

}
