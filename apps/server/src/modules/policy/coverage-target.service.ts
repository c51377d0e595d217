/**
 * Each city's coverage targets (建设目标): per level, the built rate and the standardised rate its centres must
 * reach. Versioned like the assessment scheme: a change adds a version (table `coverage_target_version`); a city's
 * latest counts, else the platform default's (a version without a city). Kept by the city's SYSTEM_ADMIN or
 * DIRECTORY_ADMIN (or a province's, above it); every change audited.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { JurisdictionLevel, LEVEL_ORDER, Role } from '@weimin/domain';
import { type RequestContext } from '../../common/context';
import { ForbiddenError, InputError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { PolicyCity, PolicyService } from './policy.service';

export type TargetMap = Partial<Record<JurisdictionLevel, { built: number | null; standardized: number | null }>>;

export interface CoverageTargetRow {
  version: number;
  targets: TargetMap;
  createdAt: Date;
  /** The city the targets are read for (null: the platform default). */
  city?: PolicyCity | null;
}

const KEEPERS = [Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN] as const;
const READERS = [Role.SUPERVISOR, Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN] as const;

/** A city's latest version, else the platform default's latest (null: the platform default itself). */
export async function currentTargets(m: EntityManager | DataSource, cityId: number | null): Promise<CoverageTargetRow> {
  const [row] = await m.query(
    `SELECT version, targets, created_at AS "createdAt" FROM coverage_target_version
      WHERE city_id = $1 OR city_id IS NULL ORDER BY city_id NULLS LAST, version DESC LIMIT 1`,
    [cityId],
  );
  return row ? { ...row, targets: cleanTargets(row.targets) } : { version: 0, targets: {}, createdAt: new Date(0) };
}

export interface CoverageTargetLevelValue {
  level: JurisdictionLevel;
  built?: number | null;
  standardized?: number | null;
}

const share = (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : null);

/** The stored value as a clean map: anything missing or malformed is "not set". */
export function cleanTargets(value: unknown): TargetMap {
  const out: TargetMap = {};
  if (!value || typeof value !== 'object') return out;
  for (const level of LEVEL_ORDER) {
    const t = (value as Record<string, unknown>)[level];
    if (t && typeof t === 'object') {
      const o = t as Record<string, unknown>;
      out[level] = { built: share(o.built), standardized: share(o.standardized) };
    }
  }
  return out;
}

export class CoverageTargetService {
  constructor(
    private readonly ds: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  /** The targets of a city (the only city's without one). */
  async current(cityId?: number | null): Promise<CoverageTargetRow> {
    const city = cityId === undefined ? ((await this.policy.cities()).length === 1 ? (await this.policy.cities())[0].id : null) : cityId;
    return currentTargets(this.ds, city);
  }

  /** The targets a viewer reads: of the city given, or their own. */
  async currentFor(ctx: RequestContext, cityId: number | null | undefined): Promise<CoverageTargetRow> {
    const city = await this.policy.resolveCity(ctx, cityId, READERS);
    this.policy.assertMayRead(ctx, city, READERS);
    return { ...(await currentTargets(this.ds, city?.id ?? null)), city };
  }

  /** A new version of a city's targets from the levels given (levels left out keep their figures; a null figure clears it). */
  async update(ctx: RequestContext, levels: CoverageTargetLevelValue[], cityId?: number | null): Promise<CoverageTargetRow> {
    const city = await this.policy.resolveCity(ctx, cityId, KEEPERS);
    if (!(await this.policy.mayKeep(ctx, city, KEEPERS))) {
      throw new ForbiddenError('Coverage targets are kept by the city’s system or directory administrator', 'policy.coverageCityOnly');
    }
    const seen = new Set<string>();
    levels.forEach((l, i) => {
      if (seen.has(l.level)) throw new InputError(`input.levels.${i}.level`, 'is given twice', {}, 'settings.levelTwice');
      seen.add(l.level);
      for (const key of ['built', 'standardized'] as const) {
        const v = l[key];
        if (v != null && (!Number.isFinite(v) || v < 0 || v > 1)) {
          throw new InputError(`input.levels.${i}.${key}`, 'must be a share from 0 to 1', { min: 0, max: 1 }, 'settings.shareRange');
        }
      }
    });
    await this.ds.transaction(async (m) => {
      await m.query(`LOCK TABLE coverage_target_version IN SHARE ROW EXCLUSIVE MODE`);
      // A city's first version starts from the default it read until now.
      const before = (await currentTargets(m, city?.id ?? null)).targets;
      const next: TargetMap = { ...before };
      for (const l of levels) {
        const old = before[l.level] ?? { built: null, standardized: null };
        next[l.level] = { built: l.built === undefined ? old.built : l.built, standardized: l.standardized === undefined ? old.standardized : l.standardized };
      }
      const [{ version }] = await m.query(
        `INSERT INTO coverage_target_version (version, city_id, targets, created_by)
         SELECT coalesce(max(version), 0) + 1, $1, $2::jsonb, $3 FROM coverage_target_version RETURNING version`,
        [city?.id ?? null, JSON.stringify(next), ctx.viewer!.id],
      );
      await this.audit.record(m, ctx, { action: 'updateCoverageTargets', entity: 'CoverageTargets', entityId: String(version), jurisdictionId: city?.id ?? null, before, after: next });
    });
    return { ...(await currentTargets(this.ds, city?.id ?? null)), city };
  }
}
