/**
 * Uploading materials: `POST /api/files` (multipart, one `file` field, the anti-CSRF header, the session cookie),
 * and the files of each material while a form is filled — each upload's progress and, when it fails, why, in words.
 */
import { useCallback, useMemo, useState } from 'react';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';
const ALLOWED_NAME = /\.(pdf|jpe?g|png|ofd)$/i;
const ALLOWED_TYPE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'application/ofd']);

/** Why an upload failed: an i18n key under `upload.` (the server's own message is kept for the rest). */
export type UploadProblem = 'type' | 'size' | 'empty' | 'login' | 'network' | 'server';

export class UploadError extends Error {
  constructor(
    readonly problem: UploadProblem,
    message: string = problem,
  ) {
    super(message);
  }
}

export interface StoredFile {
  id: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
}

/** Checks what the browser can tell before sending (the server sniffs the content anyway). */
export function precheck(file: File): UploadProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_FILE_BYTES) return 'size';
  if (!ALLOWED_NAME.test(file.name) && !ALLOWED_TYPE.has(file.type)) return 'type';
  return null;
}

/** What a blank application form may be (a directory's upload): PDF or Word (DOCX). */
export const FORM_ACCEPT = '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function uploadFile(file: File, purpose: 'material' | 'blank-form' = 'material'): Promise<StoredFile> {
  const problem = purpose === 'blank-form' ? (file.size === 0 ? 'empty' : file.size > MAX_FILE_BYTES ? 'size' : /\.(pdf|docx)$/i.test(file.name) ? null : 'type') : precheck(file);
  if (problem) throw new UploadError(problem);
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(purpose === 'blank-form' ? '/api/files?purpose=blank-form' : '/api/files', { method: 'POST', body, credentials: 'same-origin', headers: { 'x-requested-with': 'weimin' } });
  } catch {
    throw new UploadError('network');
  }
  const json = (await res.json().catch(() => null)) as (StoredFile & { error?: string; code?: string }) | null;
  if (res.status === 201 && json?.id) return json;
  if (res.status === 401 || json?.code === 'UNAUTHENTICATED') throw new UploadError('login');
  const message = json?.error ?? `HTTP ${res.status}`;
  if (res.status === 413 || /larger than/i.test(message)) throw new UploadError('size', message);
  if (/must be a PDF|blank form must be/i.test(message)) throw new UploadError('type', message);
  if (/is empty/i.test(message)) throw new UploadError('empty', message);
  throw new UploadError('server', message);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export interface FileEntry {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'failed';
  fileId?: string;
  problem?: UploadProblem;
  /** The server's message, for problems it alone can explain. */
  detail?: string;
}

let seq = 0;

/** The files chosen for each material (by requirement name), uploaded as soon as they are chosen. */
export function useMaterialFiles() {
  const [files, setFiles] = useState<Record<string, FileEntry[]>>({});

  const patch = useCallback((requirement: string, key: string, change: Partial<FileEntry>) => {
    setFiles((all) => ({ ...all, [requirement]: (all[requirement] ?? []).map((f) => (f.key === key ? { ...f, ...change } : f)) }));
  }, []);

  const add = useCallback(
    (requirement: string, list: FileList | File[]) => {
      for (const file of Array.from(list)) {
        const key = `f${++seq}`;
        setFiles((all) => ({ ...all, [requirement]: [...(all[requirement] ?? []), { key, name: file.name, size: file.size, state: 'uploading' }] }));
        uploadFile(file).then(
          (stored) => patch(requirement, key, { state: 'done', fileId: stored.id }),
          (e: unknown) =>
            patch(requirement, key, {
              state: 'failed',
              problem: e instanceof UploadError ? e.problem : 'server',
              detail: e instanceof Error ? e.message : String(e),
            }),
        );
      }
    },
    [patch],
  );

  const remove = useCallback((requirement: string, key: string) => {
    setFiles((all) => ({ ...all, [requirement]: (all[requirement] ?? []).filter((f) => f.key !== key) }));
  }, []);

  const reset = useCallback(() => setFiles({}), []);

  return useMemo(() => {
    const uploaded = (requirement: string) => (files[requirement] ?? []).filter((f) => f.state === 'done' && f.fileId);
    const uploading = Object.values(files).some((l) => l.some((f) => f.state === 'uploading'));
    /** The materials with at least one uploaded file, as the API takes them. */
    const materials = () =>
      Object.keys(files)
        .map((requirement) => ({ requirement, fileIds: uploaded(requirement).map((f) => f.fileId as string) }))
        .filter((m) => m.fileIds.length > 0);
    return { files, add, remove, reset, uploaded, uploading, materials };
  }, [files, add, remove, reset]);
}

export type MaterialFiles = ReturnType<typeof useMaterialFiles>;
