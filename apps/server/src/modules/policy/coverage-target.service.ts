/**
 * The city's coverage targets (建设目标): per level, the built rate and the standardised rate its centres must reach.
 * Versioned like the assessment scheme: a change adds a version (table `coverage_target_version`), the latest
 * counts. Kept by the city's SYSTEM_ADMIN or DIRECTORY_ADMIN; every change audited.
 */
import type { DataSource } from 'typeorm';
import { JurisdictionLevel, LEVEL_ORDER, Role } from '@weimin/domain';
import { type RequestContext } from '../../common/context';
import { ForbiddenError, InputError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';

export type TargetMap = Partial<Record<JurisdictionLevel, { built: number | null; standardized: number | null }>>;

export interface CoverageTargetRow {
  version: number;
  targets: TargetMap;
  createdAt: Date;
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
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {}

  async current(): Promise<CoverageTargetRow> {
    const [row] = await this.ds.query(`SELECT version, targets, created_at AS "createdAt" FROM coverage_target_version ORDER BY version DESC LIMIT 1`);
    return row ? { ...row, targets: cleanTargets(row.targets) } : { version: 0, targets: {}, createdAt: new Date(0) };
  }

  /** A new version from the levels given (levels left out keep their figures; a null figure clears it). */
  async update(ctx: RequestContext, levels: CoverageTargetLevelValue[]): Promise<CoverageTargetRow> {
    if (!(await this.calendar.coversWholeTree(ctx.viewer, [Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN]))) {
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
      const [prev] = await m.query(`SELECT targets FROM coverage_target_version ORDER BY version DESC LIMIT 1`);
      const before = cleanTargets(prev?.targets);
      const next: TargetMap = { ...before };
      for (const l of levels) {
        const old = before[l.level] ?? { built: null, standardized: null };
        next[l.level] = { built: l.built === undefined ? old.built : l.built, standardized: l.standardized === undefined ? old.standardized : l.standardized };
      }
      const [{ version }] = await m.query(
        `INSERT INTO coverage_target_version (version, targets, created_by)
         SELECT coalesce(max(version), 0) + 1, $1::jsonb, $2 FROM coverage_target_version RETURNING version`,
        [JSON.stringify(next), ctx.viewer!.id],
      );
      await this.audit.record(m, ctx, { action: 'updateCoverageTargets', entity: 'CoverageTargets', entityId: String(version), jurisdictionId: null, before, after: next });
    });
    return this.current();
  }
}
