/** Service centres of the tree: reads for anyone, edits by directory administrators within their subtree. */
import type { DataSource } from 'typeorm';
import { JurisdictionLevel, Role, isStandardized, officialCenterName } from '@weimin/domain';
import { coversPath, type RequestContext } from '../../common/context';
import { ForbiddenError, InputError, VersionConflictError } from '../../common/errors';
import type { PublicChanges } from '../../common/public-changes';
import { AuditService } from '../audit/audit.service';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service';
import { ServiceCenter } from './service-center.entity';
import type { ServiceCenterInput } from './service-center.types';

/** An appeal body as typed: omitted keeps the stored one, empty clears it (the centre above then speaks). */
function appealBody(value: string | null | undefined, stored: string | null | undefined, field: string): string | null {
  if (value === undefined) return stored ?? null;
  const v = value?.trim() ?? '';
  if (!v) return null;
  if (v.length < 2) throw new InputError(field, 'must be at least 2 characters', { min: 2 }, 'input.tooShort');
  return v;
}

export class ServiceCenterService {
  constructor(
    private readonly ds: DataSource,
    private readonly jurisdictions: JurisdictionService,
    private readonly audit: AuditService,
    private readonly publicChanges?: PublicChanges,
  ) {}

  async byJurisdictionIds(ids: readonly number[]): Promise<Map<number, ServiceCenter>> {
    const rows = await this.ds.getRepository(ServiceCenter).createQueryBuilder('c').where('c.jurisdictionId = ANY(:ids)', { ids }).getMany();
    return new Map(rows.map((c) => [c.jurisdictionId, c]));
  }

  standardized(center: ServiceCenter, level: JurisdictionLevel): boolean {
    return isStandardized({ ...center, level });
  }

  /** Creates the centre when the jurisdiction has none yet (a village station being set up). */
  async update(ctx: RequestContext, jurisdictionId: number, input: ServiceCenterInput): Promise<ServiceCenter> {
    const j = await this.jurisdictions.get(jurisdictionId);
    if (!coversPath(ctx.viewer, [Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN], j.path)) {
      throw new ForbiddenError(`You do not administer ${j.name}`, 'forbidden.notYourJurisdiction', { name: j.name });
    }
    const result = await this.ds.transaction(async (m) => {
      const repo = m.getRepository(ServiceCenter);
      const before = await repo.createQueryBuilder('c').setLock('pessimistic_write').where('c.jurisdictionId = :id', { id: j.id }).getOne();
      if (before && input.version != null && input.version !== before.version) {
        throw new VersionConflictError(`The centre of ${j.name}`, input.version, before.version);
      }
      let cityName: string | undefined;
      if (!before && j.level === JurisdictionLevel.COUNTY) cityName = (await this.jurisdictions.ancestorsOf([j]))[0][0]?.name;
      const values = {
        name: input.name?.trim() || before?.name || officialCenterName(j.name, j.level, cityName),
        status: input.status,
        hallArea: input.hallArea ?? null,
        facilities: [...input.facilities].sort(),
        windows: input.windows,
        address: input.address ?? null,
        phone: input.phone ?? null,
        openingHours: input.openingHours ?? null,
        reviewBody: appealBody(input.reviewBody, before?.reviewBody, 'input.reviewBody'),
        court: appealBody(input.court, before?.court, 'input.court'),
        updatedAt: new Date(),
      };
      let saved: ServiceCenter;
      if (before) {
        await repo.update({ id: before.id }, { ...values, version: before.version + 1 });
        saved = { ...before, ...values, version: before.version + 1 };
      } else {
        saved = await repo.save(repo.create({ ...values, jurisdictionId: j.id, version: 1 }));
      }
      await this.audit.record(m, ctx, {
        action: before ? 'updateServiceCenter' : 'createServiceCenter',
        entity: 'ServiceCenter',
        entityId: String(saved.id),
        jurisdictionId: j.id,
        before,
        after: saved,
      });
      return saved;
    });
    this.publicChanges?.notify();
    return result;
  }
}
