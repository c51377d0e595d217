/**
 * A county directory as an Excel workbook: export of the working copies, and import that checks the whole file
 * first and then saves it in one transaction (new codes become drafts, changed items get a new working copy;
 * nothing is published).
 */
import type { DataSource } from 'typeorm';
import { ServiceItemStatus, type ItemContent } from '@weimin/domain';
import { coversPath, type RequestContext } from '../../common/context';
import { ForbiddenError, InputError, UnauthenticatedError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service';
import { normaliseContent, readDirectoryWorkbook, sameContent, writeDirectoryWorkbook, type DirectoryContent } from './directory-excel';
import { WORKING_READER_ROLES, type ServiceItemService } from './service-item.service';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ITEMS = 2000;
/** How many problems an import error carries; the message gives the total. */
const MAX_REPORTED_PROBLEMS = 500;

export interface DirectoryImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

interface ExistingRow {
  id: string;
  code: string;
  status: ServiceItemStatus;
  version: number;
  content: ItemContent;
}

/** Today in China (the date users expect in a file name, whatever the server's zone). */
function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The imported content with each material's blank form taken from the material of the same name before. */
function withBlankForms(content: DirectoryContent, before: ItemContent): DirectoryContent {
  const forms = new Map((before.materials ?? []).filter((m) => m.blankForm).map((m) => [m.name, m]));
  return {
    ...content,
    materials: content.materials.map((m) => {
      const had = forms.get(m.name);
      return had ? { ...m, blankFormFileId: had.blankFormFileId ?? had.blankForm!.fileId, blankForm: had.blankForm } : m;
    }),
  };
}

export class DirectoryService {
  constructor(
    private readonly ds: DataSource,
    private readonly jurisdictions: JurisdictionService,
    private readonly catalogue: ServiceItemService,
    private readonly audit: AuditService,
  ) {}

  /** The working copies of every item of exactly this directory, whatever their status. */
  async export(ctx: RequestContext, ownerId: number): Promise<{ filename: string; body: Buffer }> {
    if (!ctx.viewer) throw new UnauthenticatedError();
    const owner = await this.jurisdictions.get(ownerId);
    if (!coversPath(ctx.viewer, WORKING_READER_ROLES, owner.path)) {
      throw new ForbiddenError(`You may not read the working directory of ${owner.name}`, 'directory.notYours', { name: owner.name });
    }
    const rows: Array<{ code: string; status: string; version_no: number | null; content: ItemContent }> = await this.ds.query(
      `SELECT i.code, i.status, v.version_no, i.content
         FROM service_item i LEFT JOIN service_item_version v ON v.id = i.published_version_id
        WHERE i.owner_id = $1
        ORDER BY i.code`,
      [owner.id],
    );
    const body = await writeDirectoryWorkbook(
      owner.name,
      rows.map((r) => ({ code: r.code, status: r.status, versionNo: r.version_no, content: r.content })),
    );
    return { filename: `${owner.name}-事项目录-${todayInChina()}.xlsx`, body };
  }

  /**
   * Checks the whole file, then saves it in one transaction: an existing code gets its working copy replaced
   * (unless identical), a new code becomes a DRAFT. Items of the directory missing from the file are left alone.
   */
  async import(ctx: RequestContext, ownerId: number, file: Buffer): Promise<DirectoryImportCounts> {
    if (!ctx.viewer) throw new UnauthenticatedError();
    const owner = await this.jurisdictions.get(ownerId);
    this.catalogue.assertEditor(ctx, owner.path, owner.name);
    if (!file.length) throw new InputError('fileBase64', 'the file is empty', {}, 'file.empty');
    if (file.length > MAX_IMPORT_BYTES) {
      throw new InputError('fileBase64', `the file is ${(file.length / 1024 / 1024).toFixed(1)} MB; at most 5 MB can be imported at once: split the directory into several files`, {
        maxBytes: MAX_IMPORT_BYTES,
        maxMb: 5,
      }, 'file.tooLargeMb');
    }
    const { items, problems } = await readDirectoryWorkbook(file, { ownerLevel: owner.level });
    if (items.length > MAX_IMPORT_ITEMS) {
      throw new InputError('fileBase64', `the file holds ${items.length} items; at most ${MAX_IMPORT_ITEMS} can be imported at once: split it into several files`, {
        maxItems: MAX_IMPORT_ITEMS,
      }, 'directory.tooManyItems');
    }
    if (problems.length) {
      throw new InputError('fileBase64', `${problems.length} problem(s) in the file; nothing was saved`, {
        problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
        problemCount: problems.length,
      }, 'directory.importProblems');
    }
    if (!items.length) throw new InputError('fileBase64', `sheet 事项 holds no items; nothing was saved`, {}, 'directory.noItems');

    return this.ds.transaction(async (m) => {
      const existing: ExistingRow[] = await m.query(
        `SELECT id, code, status, version, content FROM service_item WHERE owner_id = $1 AND code = ANY($2::text[]) ORDER BY code FOR UPDATE`,
        [owner.id, items.map((i) => i.code)],
      );
      const byCode = new Map(existing.map((r) => [r.code, r]));
      const updates: Array<{ before: ExistingRow; content: ItemContent }> = [];
      const creates: Array<{ code: string; content: ItemContent }> = [];
      let unchanged = 0;
      for (const item of items) {
        const content: DirectoryContent = normaliseContent(item.content);
        const before = byCode.get(item.code);
        if (!before) creates.push({ code: item.code, content: { ...content, demo: false } });
        else if (sameContent(before.content, content)) unchanged++;
        // The workbook has no columns for the handling chain nor for blank forms: an imported row keeps the item's
        // chain, and each material keeps the form attached to the material of the same name.
        else updates.push({ before, content: { ...withBlankForms(content, before.content), demo: !!before.content.demo, chain: before.content.chain ?? null, extensionLimit: before.content.extensionLimit ?? null } });
      }
      const userId = ctx.viewer?.id ?? null;

      if (updates.length) {
        // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
        const [saved]: [Array<{ id: string; version: number; status: ServiceItemStatus }>, number] = await m.query(
          `UPDATE service_item i
              SET content = u.content, version = i.version + 1, has_unpublished_changes = true, updated_at = now(), updated_by = $2
             FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, content jsonb)
            WHERE i.id = u.id
        RETURNING i.id, i.version, i.status`,
          [JSON.stringify(updates.map((u) => ({ id: u.before.id, content: u.content }))), userId],
        );
        const after = new Map(saved.map((r) => [r.id, r]));
        for (const u of updates) {
          const s = after.get(u.before.id)!;
          await this.audit.record(m, ctx, {
            action: 'importServiceItem',
            entity: 'ServiceItem',
            entityId: u.before.id,
            jurisdictionId: owner.id,
            before: { code: u.before.code, status: u.before.status, version: u.before.version, content: u.before.content },
            after: { code: u.before.code, status: s.status, version: s.version, content: u.content },
          });
        }
      }

      if (creates.length) {
        const saved: Array<{ id: string; code: string; version: number; status: ServiceItemStatus }> = await m.query(
          `INSERT INTO service_item (owner_id, code, content, updated_by)
           SELECT $1::int, u.code, u.content, $3::uuid FROM jsonb_to_recordset($2::jsonb) AS u(code text, content jsonb)
           ON CONFLICT (owner_id, code) DO NOTHING
           RETURNING id, code, version, status`,
          [owner.id, JSON.stringify(creates), userId],
        );
        if (saved.length !== creates.length) {
          const made = new Set(saved.map((r) => r.code));
          const clash = creates.filter((c) => !made.has(c.code)).map((c) => c.code);
          throw new InputError('fileBase64', `${clash.join(', ')} was added to the directory of ${owner.name} by someone else during the import; nothing was saved: import the file again`, { codes: clash.join(', ') }, 'directory.codeClash');
        }
        const contentOf = new Map(creates.map((c) => [c.code, c.content]));
        for (const s of saved) {
          await this.audit.record(m, ctx, {
            action: 'importServiceItem',
            entity: 'ServiceItem',
            entityId: s.id,
            jurisdictionId: owner.id,
            after: { code: s.code, status: s.status, version: s.version, content: contentOf.get(s.code) },
          });
        }
      }
      return { created: creates.length, updated: updates.length, unchanged };
    });
  }
}
