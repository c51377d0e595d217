/**
 * The service catalogue: county (and city) directories of items, their working copies and immutable published
 * versions, and what a citizen can apply for at any jurisdiction.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  ITEM_CODE_PATTERN,
  type ItemContent,
  type Problem,
  Role,
  ServiceItemStatus,
  validateItemContent,
} from '@weimin/domain';
import { coversPath, scopePaths, type RequestContext } from '../../common/context';
import { AppError, ForbiddenError, InputError, NotFoundError, VersionConflictError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../common/pagination';
import type { PublicChanges } from '../../common/public-changes';
import type { AuditService } from '../audit/audit.service';
import { BLANK_FORM_TYPES } from '../file/file.service';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service';
import type { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import { ServiceItem, ServiceItemEdition, type ServiceItemContentFields, type ServiceItemFilter } from './service-item.types';

/** Who may edit a directory, and who may read its working copies. */
export const EDITOR_ROLES = [Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN] as const;
export const WORKING_READER_ROLES = [Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN, Role.SUPERVISOR] as const;

interface ItemRow {
  id: string;
  code: string;
  status: ServiceItemStatus;
  version: number;
  has_unpublished_changes: boolean;
  updated_at: Date;
  withdrawn_reason: string | null;
  owner_id: number;
  content: ItemContent;
  version_no: number | null;
  published_at: Date | null;
}

// The owner jurisdiction comes along in the same statement and is attached to each item, so a list that
// shows `owner { name }` costs one statement, not two.
const OWNER_COLUMNS = `owner_j.code AS owner_code, owner_j.name AS owner_name, owner_j.level AS owner_level,
         owner_j.parent_id AS owner_parent_id, owner_j.path AS owner_path, owner_j.depth AS owner_depth`;

const PUBLISHED_SELECT = `
  SELECT v.item_id AS id, v.code, i.status, i.version, i.has_unpublished_changes, i.updated_at, i.withdrawn_reason,
         v.owner_id, v.content, v.version_no, v.published_at, ${OWNER_COLUMNS}
    FROM service_item_version v JOIN service_item i ON i.published_version_id = v.id
    JOIN jurisdiction owner_j ON owner_j.id = v.owner_id`;

const WORKING_SELECT = `
  SELECT i.id, i.code, i.status, i.version, i.has_unpublished_changes, i.updated_at, i.withdrawn_reason,
         i.owner_id, i.content, v.version_no, v.published_at, ${OWNER_COLUMNS}
    FROM service_item i LEFT JOIN service_item_version v ON v.id = i.published_version_id
    JOIN jurisdiction owner_j ON owner_j.id = i.owner_id`;

interface OwnerColumns {
  owner_code?: string;
  owner_name?: string;
  owner_level?: Jurisdiction['level'];
  owner_parent_id?: number | null;
  owner_path?: string;
  owner_depth?: number;
}

function ownerOf(r: ItemRow & OwnerColumns): Jurisdiction | undefined {
  if (r.owner_code == null) return undefined;
  return {
    id: r.owner_id, code: r.owner_code, name: r.owner_name as string, level: r.owner_level as Jurisdiction['level'],
    parentId: r.owner_parent_id ?? null, path: r.owner_path as string, depth: r.owner_depth as number,
  };
}

function toItem(r: ItemRow, edition: ServiceItemEdition): ServiceItem {
  const item = Object.assign(new ServiceItem(), r.content) as ServiceItem;
  item.id = r.id;
  item.code = r.code;
  item.status = r.status;
  item.edition = edition;
  item.version = r.version;
  item.versionNo = r.version_no;
  item.hasUnpublishedChanges = r.has_unpublished_changes;
  item.publishedAt = r.published_at;
  item.updatedAt = r.updated_at;
  item.withdrawnReason = r.withdrawn_reason;
  item.ownerId = r.owner_id;
  item.demo = !!r.content.demo;
  return item;
}

/** A plain content object from an input, keeping only known fields, with optional lists defaulted. */
export function contentFromInput(input: ServiceItemContentFields, demo = false): ItemContent {
  return {
    name: input.name?.trim(),
    type: input.type,
    category: input.category,
    handlingLevel: input.handlingLevel,
    handlingDepartment: input.handlingDepartment?.trim(),
    delegation: input.delegation ? { entrustingDepartment: input.delegation.entrustingDepartment, document: input.delegation.document } : null,
    legalBasis: input.legalBasis,
    conditions: input.conditions,
    serviceObject: input.serviceObject,
    materials: (input.materials ?? []).map((m) => ({
      name: m.name?.trim(),
      form: m.form,
      medium: m.medium,
      copies: m.copies,
      necessity: m.necessity,
      condition: m.condition ?? null,
      acceptanceStandard: m.acceptanceStandard ?? null,
      notes: m.notes ?? null,
      blankFormFileId: m.blankFormFileId ?? null,
    })),
    procedure: (input.procedure ?? []).map((s) => ({ title: s.title, description: s.description ?? null })),
    statutoryLimit: input.statutoryLimit ?? null,
    statutoryUnit: input.statutoryLimit == null ? null : (input.statutoryUnit ?? null),
    promisedLimit: input.promisedLimit,
    promisedUnit: input.promisedUnit,
    handlingKind: input.handlingKind,
    fee: { free: input.fee?.free, items: input.fee?.free ? [] : (input.fee?.items ?? []).map((f) => ({ name: f.name, standard: f.standard, basis: f.basis })) },
    visitsRequired: input.visitsRequired,
    onlineCapable: input.onlineCapable,
    consultationPhone: input.consultationPhone?.trim(),
    supervisionPhone: input.supervisionPhone?.trim(),
    location: input.location,
    officeHours: input.officeHours,
    faq: (input.faq ?? []).map((q) => ({ question: q.question, answer: q.answer })),
    exemption: input.exemption
      ? { document: input.exemption.document, office: input.exemption.office, address: input.exemption.address, phone: input.exemption.phone }
      : null,
    demo,
    chain: input.chain?.length ? input.chain.map((x) => ({ kind: x.kind, level: x.level, name: x.name?.trim(), limit: x.limit, unit: x.unit })) : null,
    extensionLimit: input.extensionLimit ?? null,
  };
}

/** The first problem names the field (with its message key and values); all of them come along as `problems`. */
function throwProblems(problems: Problem[]): void {
  if (!problems.length) return;
  const [first] = problems;
  throw new InputError(first.field, first.message, { ...(first.params ?? {}), problems }, first.messageKey);
}

export class ServiceItemService {
  constructor(
    private readonly ds: DataSource,
    private readonly jurisdictions: JurisdictionService,
    private readonly audit: AuditService,
    private readonly publicChanges?: PublicChanges,
  ) {}

  /**
   * What the public guide of an item is made of right now: its status and published version ("none" when there is
   * no such item). A snapshot of the guide is current while this is unchanged.
   */
  async publishedToken(id: string): Promise<string> {
    if (!UUID.test(id)) return 'none';
    const rows: Array<{ status: string; v: string | null }> = await this.ds.query(
      `SELECT status, published_version_id::text AS v FROM service_item WHERE id = $1`,
      [id],
    );
    return rows.length ? `${rows[0].status}.${rows[0].v ?? ''}` : 'none';
  }

  async get(ctx: RequestContext, id: string, edition: ServiceItemEdition): Promise<ServiceItem | null> {
    if (!isUuid(id)) return null;
    if (edition === ServiceItemEdition.PUBLISHED) {
      const rows: ItemRow[] = await this.ds.query(`${PUBLISHED_SELECT} WHERE i.id = $1`, [id]);
      const r = rows[0];
      if (!r) return null;
      if (r.status !== ServiceItemStatus.PUBLISHED && !(await this.mayReadWorking(ctx, r.owner_id))) return null;
      return toItem(r, edition);
    }
    const rows: ItemRow[] = await this.ds.query(`${WORKING_SELECT} WHERE i.id = $1`, [id]);
    const r = rows[0];
    if (!r || !(await this.mayReadWorking(ctx, r.owner_id))) return null;
    return toItem(r, edition);
  }

  /** Published versions by version id, as they were published (for applications that pinned one). */
  async versionsByIds(ids: readonly string[]): Promise<Map<string, ServiceItem>> {
    const rows: Array<ItemRow & { version_id: string }> = await this.ds.query(
      `SELECT v.id AS version_id, v.item_id AS id, v.code, i.status, i.version, i.has_unpublished_changes, i.updated_at,
              i.withdrawn_reason, v.owner_id, v.content, v.version_no, v.published_at
         FROM service_item_version v JOIN service_item i ON i.id = v.item_id WHERE v.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.version_id, toItem(r, ServiceItemEdition.PUBLISHED)]));
  }

  async list(
    ctx: RequestContext,
    filter: ServiceItemFilter,
    opts: { first?: number | null; after?: string | null; edition: ServiceItemEdition; withCount: boolean },
  ): Promise<Connection<ServiceItem>> {
    const take = pageSize(opts.first);
    const published = opts.edition === ServiceItemEdition.PUBLISHED;
    const t = published ? 'v' : 'i';
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const content = (key: string) => (published ? `v.${snake(key)}` : `(i.content->>'${key}')`);
    let join = '';
    if (published) where.push(`i.status = 'PUBLISHED'`);
    else {
      const paths = scopePaths(ctx.viewer, WORKING_READER_ROLES);
      if (!paths.length) throw new ForbiddenError('The working edition is for directory administrators and supervisors', 'forbidden.workingEdition');
      join = ' JOIN jurisdiction scope ON scope.id = i.owner_id';
      where.push(`(${paths.map((p) => `scope.path LIKE ${param(p + '%')}`).join(' OR ')})`);
      if (filter.status) where.push(`i.status = ${param(filter.status)}`);
    }
    if (filter.status && published && filter.status !== ServiceItemStatus.PUBLISHED) {
      throw new InputError('filter.status', 'the published edition only lists PUBLISHED items; ask for the WORKING edition', {}, 'catalogue.publishedOnly');
    }
    if (filter.availableAt != null) {
      if (!published) throw new InputError('filter.availableAt', 'applies to the published edition only', {}, 'catalogue.availableAtPublished');
      const at = param(intId(filter.availableAt, 'filter.availableAt'));
      // Owned by the jurisdiction or one of its ancestors, and accepted or collected at its level (a village station
      // carries the township and county items whose chain collects there): one statement, no lookups.
      join += ` JOIN jurisdiction at_j ON at_j.id = ${at}`;
      where.push(`v.owner_id = ANY(string_to_array(rtrim(at_j.path, '.'), '.')::int[])`, `(v.handling_level = at_j.level OR v.collect_level = at_j.level)`);
    }
    if (filter.ownerId != null) where.push(`${t}.owner_id = ${param(intId(filter.ownerId, 'filter.ownerId'))}`);
    if (filter.ownerWithin != null) {
      const within = await this.jurisdictions.get(intId(filter.ownerWithin, 'filter.ownerWithin') as number);
      join += ` JOIN jurisdiction own ON own.id = ${t}.owner_id`;
      where.push(`own.path LIKE ${param(within.path + '%')}`);
    }
    if (filter.level) where.push(`${content('handlingLevel')} = ${param(filter.level)}`);
    if (filter.category) where.push(`${content('category')} = ${param(filter.category)}`);
    if (filter.type) where.push(`${content('type')} = ${param(filter.type)}`);
    if (filter.search?.trim()) {
      const s = param(`%${filter.search.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      where.push(`(${content('name')} ILIKE ${s} OR ${t}.code ILIKE ${s})`);
    }
    const base = `${published ? PUBLISHED_SELECT : WORKING_SELECT}${join} WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    const after = decodeCursor(opts.after);
    let page = base;
    if (after != null) {
      const [code, id] = splitCursor(after);
      page += ` AND (${t}.code, ${published ? 'v.item_id' : 'i.id'}) > (${param(code)}, ${param(id)}::uuid)`;
    }
    page += ` ORDER BY ${t}.code, ${published ? 'v.item_id' : 'i.id'} LIMIT ${param(take + 1)}`;
    const [rows, count] = await Promise.all([
      this.ds.query(page, params) as Promise<ItemRow[]>,
      opts.withCount ? (this.ds.query(`SELECT count(*)::int AS n FROM (${base}) x`, countParams) as Promise<Array<{ n: number }>>) : null,
    ]);
    const nodes = rows.slice(0, take).map((r) => {
      const item = toItem(r, opts.edition);
      item.owner = ownerOf(r);
      return item;
    });
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      totalCount: count ? count[0].n : -1,
      pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(`${last.code}\u0000${last.id}`) : null },
    };
  }

  async create(ctx: RequestContext, ownerIdRaw: string, code: string, content: ItemContent): Promise<ServiceItem> {
    const owner = await this.jurisdictions.get(intId(ownerIdRaw, 'input.ownerId') as number);
    this.assertEditor(ctx, owner.path, owner.name);
    if (!ITEM_CODE_PATTERN.test(code ?? '')) throw new InputError('input.code', 'must be 3–64 letters, digits, "-" or "_"', {}, 'catalogue.codeFormat');
    throwProblems(validateItemContent(content, owner.level).map((p) => ({ ...p, field: `input.${p.field}` })));
    return this.ds.transaction(async (m) => {
      await this.resolveBlankForms(m, ctx, content, null);
      const clash = await m.query(`SELECT 1 FROM service_item WHERE owner_id = $1 AND code = $2`, [owner.id, code]);
      if (clash.length) throw new InputError('input.code', `${code} is already used in the directory of ${owner.name}`, { code }, 'catalogue.codeTaken');
      const [{ id }] = await m.query(
        `INSERT INTO service_item (owner_id, code, content, updated_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [owner.id, code, JSON.stringify(content), ctx.viewer?.id ?? null],
      );
      const saved = await this.working(m, id);
      await this.audit.record(m, ctx, { action: 'createServiceItem', entity: 'ServiceItem', entityId: id, jurisdictionId: owner.id, after: saved });
      return saved;
    });
  }

  async update(ctx: RequestContext, id: string, version: number, content: ItemContent): Promise<ServiceItem> {
    return this.ds.transaction(async (m) => {
      const before = await this.lockForEdit(m, ctx, id);
      if (before.version !== version) throw new VersionConflictError(`Item ${before.code}`, version, before.version);
      const owner = await this.jurisdictions.get(before.ownerId);
      content.demo = before.demo;
      throwProblems(validateItemContent(content, owner.level).map((p) => ({ ...p, field: `input.${p.field}` })));
      await this.resolveBlankForms(m, ctx, content, before as unknown as ItemContent);
      await m.query(
        `UPDATE service_item SET content = $2, version = version + 1, has_unpublished_changes = true, updated_at = now(), updated_by = $3 WHERE id = $1`,
        [id, JSON.stringify(content), ctx.viewer?.id ?? null],
      );
      const saved = await this.working(m, id);
      await this.audit.record(m, ctx, { action: 'updateServiceItem', entity: 'ServiceItem', entityId: id, jurisdictionId: owner.id, before, after: saved });
      return saved;
    });
  }

  /**
   * Each material's blank form: one already on the item stays as it is; a new one must be a PDF or DOCX the
   * editor uploaded as a blank form (POST /api/files?purpose=blank-form). Name, type and size are kept beside the
   * id, so the guide lists them without another query.
   */
  private async resolveBlankForms(m: EntityManager, ctx: RequestContext, content: ItemContent, before: ItemContent | null): Promise<void> {
    const known = new Map((before?.materials ?? []).filter((x) => x.blankForm).map((x) => [x.blankForm!.fileId, x.blankForm!]));
    for (const [i, material] of content.materials.entries()) {
      const id = material.blankFormFileId ?? null;
      material.blankForm = null;
      if (!id) continue;
      const field = `input.materials.${i}.blankFormFileId`;
      if (known.has(id)) {
        material.blankForm = known.get(id)!;
        continue;
      }
      if (!isUuid(id)) throw new InputError(field, 'is not a file id', {}, 'input.badId');
      const [f]: Array<{ original_name: string; mime_type: string; size_bytes: number }> = await m.query(
        `SELECT original_name, mime_type, size_bytes FROM stored_file WHERE id = $1 AND owner_id = $2 AND mime_type = ANY($3)`,
        [id, ctx.viewer?.id ?? null, BLANK_FORM_TYPES],
      );
      if (!f) throw new InputError(field, 'is not a PDF or Word form you uploaded', {}, 'catalogue.notAForm');
      material.blankForm = { fileId: id, fileName: f.original_name, mimeType: f.mime_type, sizeBytes: f.size_bytes };
    }
  }

  /** Freezes the working copy as the next published version; the previous version stays for pinned applications. */
  async publish(ctx: RequestContext, id: string, version: number | null): Promise<ServiceItem> {
    const saved = await this.ds.transaction(async (m) => {
      const before = await this.lockForEdit(m, ctx, id);
      if (version != null && before.version !== version) throw new VersionConflictError(`Item ${before.code}`, version, before.version);
      if (before.status === ServiceItemStatus.PUBLISHED && !before.hasUnpublishedChanges) {
        throw new AppError('INVALID_TRANSITION', `Item ${before.code} is already published and has no unpublished changes`, { code: before.code }, 'catalogue.nothingToPublish');
      }
      if (before.hasUnpublishedChanges || before.versionNo == null) {
        const owner = await this.jurisdictions.get(before.ownerId);
        const c: ItemContent = { ...(before as unknown as ItemContent) };
        throwProblems(validateItemContent(c, owner.level));
        const [{ id: versionId }] = await m.query(
          `INSERT INTO service_item_version (item_id, version_no, owner_id, code, name, type, category, handling_level, content, published_by)
           SELECT i.id, coalesce((SELECT max(version_no) FROM service_item_version WHERE item_id = i.id), 0) + 1,
                  i.owner_id, i.code, i.content->>'name', i.content->>'type', i.content->>'category', i.content->>'handlingLevel', i.content, $2
             FROM service_item i WHERE i.id = $1
           RETURNING id`,
          [id, ctx.viewer?.id ?? null],
        );
        await m.query(
          `UPDATE service_item SET status = 'PUBLISHED', published_version_id = $2, has_unpublished_changes = false,
                  withdrawn_reason = NULL, updated_at = now() WHERE id = $1`,
          [id, versionId],
        );
      } else {
        // Withdrawn and unchanged since: the same version goes live again.
        await m.query(`UPDATE service_item SET status = 'PUBLISHED', withdrawn_reason = NULL, updated_at = now() WHERE id = $1`, [id]);
      }
      const saved = await this.working(m, id);
      await this.audit.record(m, ctx, { action: 'publishServiceItem', entity: 'ServiceItem', entityId: id, jurisdictionId: before.ownerId, before: { status: before.status, versionNo: before.versionNo }, after: { status: saved.status, versionNo: saved.versionNo } });
      return saved;
    });
    this.publicChanges?.notify();
    return saved;
  }

  async withdraw(ctx: RequestContext, id: string, reason: string): Promise<ServiceItem> {
    if (!reason?.trim()) throw new InputError('reason', 'is required: say why the item is withdrawn', {}, 'input.required');
    if (reason.length > 500) throw new InputError('reason', 'must be at most 500 characters', { max: 500 }, 'input.tooLong');
    const saved = await this.ds.transaction(async (m) => {
      const before = await this.lockForEdit(m, ctx, id);
      if (before.status !== ServiceItemStatus.PUBLISHED) {
        throw new AppError('INVALID_TRANSITION', `Only a published item can be withdrawn; ${before.code} is ${before.status}`, { code: before.code, status: before.status }, 'catalogue.notPublished');
      }
      await m.query(`UPDATE service_item SET status = 'WITHDRAWN', withdrawn_reason = $2, updated_at = now() WHERE id = $1`, [id, reason.trim()]);
      const saved = await this.working(m, id);
      await this.audit.record(m, ctx, { action: 'withdrawServiceItem', entity: 'ServiceItem', entityId: id, jurisdictionId: before.ownerId, before: { status: before.status }, after: { status: saved.status, reason } });
      return saved;
    });
    this.publicChanges?.notify();
    return saved;
  }

  async mayReadWorking(ctx: RequestContext, ownerId: number): Promise<boolean> {
    if (!ctx.viewer) return false;
    const owner = await ctx.loaders.jurisdiction.load(ownerId);
    return !!owner && coversPath(ctx.viewer, WORKING_READER_ROLES, owner.path);
  }

  assertEditor(ctx: RequestContext, path: string, name: string): void {
    if (!coversPath(ctx.viewer, EDITOR_ROLES, path)) throw new ForbiddenError(`You do not administer the directory of ${name}`, 'directory.notYours', { name });
  }

  private async lockForEdit(m: EntityManager, ctx: RequestContext, id: string): Promise<ServiceItem> {
    if (!isUuid(id)) throw new NotFoundError('ServiceItem', id);
    const rows: Array<{ owner_id: number }> = await m.query(`SELECT owner_id FROM service_item WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows.length) throw new NotFoundError('ServiceItem', id);
    const owner = await this.jurisdictions.get(rows[0].owner_id);
    // Out of scope looks the same as missing: another county's drafts are not even confirmed to exist.
    if (!coversPath(ctx.viewer, WORKING_READER_ROLES, owner.path)) throw new NotFoundError('ServiceItem', id);
    this.assertEditor(ctx, owner.path, owner.name);
    return this.working(m, id);
  }

  private async working(m: EntityManager, id: string): Promise<ServiceItem> {
    const rows: ItemRow[] = await m.query(`${WORKING_SELECT} WHERE i.id = $1`, [id]);
    return toItem(rows[0], ServiceItemEdition.WORKING);
  }
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

function intId(raw: string | null | undefined, field: string): number | null {
  if (raw == null) return null;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InputError(field, 'is not a jurisdiction id', {}, 'input.badId');
  return n;
}

function splitCursor(key: string): [string, string] {
  const i = key.indexOf('\u0000');
  const id = key.slice(i + 1);
  if (i < 0 || !isUuid(id)) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
  return [key.slice(0, i), id];
}

