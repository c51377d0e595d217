/**
 * Uploaded materials: size and type limits, type sniffed from the content (never the name), sha256, and downloads
 * that check the same access as the application the file belongs to.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@weimin/domain';
import { coversPath, hasRole, type Viewer } from '../../common/context';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import type { FileStore } from './file.store';
import { isUuid } from '../../common/validation';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function fileTooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, { field: 'file', maxBytes: MAX_FILE_BYTES, maxMegabytes: MAX_FILE_BYTES / 1024 / 1024 }, 'file.tooLarge');
}

/** What may be uploaded, by the type sniffed from the bytes. OFD (the Chinese e-document format) is a zip package. */
const ALLOWED: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/ofd': 'OFD',
};

/** What a blank application form may be: a PDF or a Word document (DOCX, an Office Open XML package). */
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const BLANK_FORM_TYPES = ['application/pdf', DOCX];

/** Why a file is uploaded: a material of an application (the default), or a blank form of a directory item. */
export type UploadPurpose = 'material' | 'blank-form';

export interface StoredFile {
  id: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

/** The sniffed MIME type, or null. OFD: a zip whose package holds OFD.xml at its root. */
export async function sniff(body: Buffer): Promise<string | null> {
  const { fileTypeFromBuffer } = await import('file-type');
  const t = await fileTypeFromBuffer(body);
  if (!t) return null;
  if (t.mime === 'application/zip') {
    const { default: JSZip } = await import('jszip');
    try {
      const zip = await JSZip.loadAsync(body);
      return zip.file('OFD.xml') ? 'application/ofd' : null;
    } catch {
      return null;
    }
  }
  return t.mime;
}

/**
 * A file name as shown and offered for download: no path separators, no control characters (C0, DEL, C1) and no
 * bidi controls or invisible formatting (a right-to-left override makes "\u202Efdp.exe" read as "exe.pdf").
 */
export function cleanFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g, '')
    .replace(/[\\/]/g, '_')
    .trim();
  return [...cleaned].slice(0, 200).join('') || 'file';
}

export class FileService {
  constructor(
    private readonly ds: DataSource,
    private readonly store: FileStore,
  ) {}

  async upload(viewer: Viewer | null, originalName: string, body: Buffer, purpose: UploadPurpose = 'material'): Promise<StoredFile> {
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Please log in to upload files', {}, 'auth.loginRequired');
    if (body.length === 0) throw new InputError('file', 'is empty', {}, 'file.empty');
    if (body.length > MAX_FILE_BYTES) throw fileTooLarge();
    const mime = await sniff(body);
    if (purpose === 'blank-form') {
      if (!hasRole(viewer, [Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN])) throw new ForbiddenError('Only directory administrators attach blank forms', 'file.formsByDirectoryAdmin');
      if (!mime || !BLANK_FORM_TYPES.includes(mime)) {
        throw new InputError('file', `a blank form must be a PDF or Word (DOCX) file (the content is ${mime ?? 'not a recognised type'})`, {}, 'file.notAForm');
      }
    } else if (!mime || !ALLOWED[mime]) {
      throw new InputError('file', `must be a PDF, JPEG, PNG or OFD file (the content is ${mime ?? 'not a recognised type'})`, {}, 'file.badType');
    }
    return this.storeAs(viewer.id, originalName, mime, body);
  }

  /** Stores checked bytes for this owner (the uploader, or the system for generated demo forms). */
  async storeAs(ownerId: string, originalName: string, mime: string, body: Buffer): Promise<StoredFile> {
    const id = randomUUID();
    const sha256 = createHash('sha256').update(body).digest('hex');
    const key = `${sha256.slice(0, 2)}/${id}`;
    const name = cleanFileName(originalName);
    await this.store.put(key, body);
    try {
      const [row] = await this.ds.query(
      `INSERT INTO stored_file (id, owner_id, original_name, mime_type, size_bytes, sha256, storage_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, original_name AS "originalName", mime_type AS "mimeType", size_bytes AS "sizeBytes", sha256, created_at AS "createdAt"`,
        [id, ownerId, name, mime, body.length, sha256, key],
      );
      return row;
    } catch (err) {
      await this.store.remove(key);
      throw err;
    }
  }

  /** Files the viewer may use in an application: only their own uploads. */
  async assertOwned(viewer: Viewer, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const bad = ids.find((id) => !isUuid(id));
    if (bad !== undefined) throw new InputError('input.materials', `${bad.slice(0, 40)} is not a file id`, {}, 'input.badId');
    const rows: Array<{ id: string }> = await this.ds.query(`SELECT id FROM stored_file WHERE id = ANY($1::uuid[]) AND owner_id = $2`, [ids, viewer.id]);
    const have = new Set(rows.map((r) => r.id));
    const missing = ids.find((id) => !have.has(id));
    if (missing) throw new InputError('input.materials', `file ${missing} is not one of your uploads`, {}, 'file.notYours');
  }

  /** Who may download: the uploader, the applicant of an application citing it, and handling staff in scope. */
  async openForDownload(viewer: Viewer | null, id: string) {
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Please log in', {}, 'auth.loginRequired');
    if (!isUuid(id)) throw new NotFoundError('File', id.slice(0, 40));
    const rows: Array<{ storage_key: string; mime_type: string; original_name: string; owner_id: string }> = await this.ds.query(
      `SELECT storage_key, mime_type, original_name, owner_id FROM stored_file WHERE id = $1`,
      [id],
    );
    const f = rows[0];
    if (!f) throw new NotFoundError('File', id);
    if (f.owner_id !== viewer.id) {
      const apps: Array<{ applicant_user_id: string | null; path: string }> = await this.ds.query(
        `SELECT a.applicant_user_id, j.path FROM application_material m JOIN application a ON a.id = m.application_id
           JOIN jurisdiction j ON j.id = a.jurisdiction_id WHERE m.file_id = $1`,
        [id],
      );
      const allowed = apps.some(
        (a) => a.applicant_user_id === viewer.id || coversPath(viewer, [Role.CLERK, Role.SUPERVISOR, Role.SYSTEM_ADMIN], a.path),
      );
      if (!allowed) throw new ForbiddenError('You may not open this file', 'file.notYoursToOpen');
    }
    return { stream: this.store.open(f.storage_key), mimeType: f.mime_type, name: f.original_name };
  }

  /** A blank form anyone may download: one attached to a material of a published item version. */
  async openBlankForm(id: string) {
    if (!isUuid(id)) throw new NotFoundError('Form', id.slice(0, 40));
    const rows: Array<{ storage_key: string; mime_type: string; original_name: string; size_bytes: number }> = await this.ds.query(
      `SELECT f.storage_key, f.mime_type, f.original_name, f.size_bytes FROM stored_file f
        WHERE f.id = $1 AND EXISTS (SELECT 1 FROM service_item_version v WHERE v.content->'materials' @> $2::jsonb)`,
      [id, JSON.stringify([{ blankFormFileId: id }])],
    );
    const f = rows[0];
    if (!f) throw new NotFoundError('Form', id);
    return { stream: this.store.open(f.storage_key), mimeType: f.mime_type, name: f.original_name, size: f.size_bytes };
  }
}
