/**
 * `POST /api/files` (multipart, one file, size and type limits, content sniffed; `?purpose=blank-form` for a
 * directory's blank PDF/DOCX forms), `GET /api/files/:id` (the uploader, the applicant and handling staff only) and
 * `GET /api/forms/:id` (public: the blank forms of published items). The mutation that uses a file carries its id.
 */
import type { FastifyInstance } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { buildRequestContext, sendAppError } from '../../common/http';
import { InputError } from '../../common/errors';
import type { Services } from '../../services';
import { MAX_FILE_BYTES, fileTooLarge } from './file.service';
import { StorageError } from './file.store';

/** Types a browser shows by itself without running anything of the file's: the preview frame's content. */
export const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * An uploaded file is someone else's content: it may load nothing, run no script, submit no form, and only this
 * site may frame it (the preview). `sandbox` makes an opened image an opaque origin, so nothing in it could reach
 * the session or the API. A PDF gets the same policy without `sandbox`: Chromium refuses to show a PDF in a
 * sandboxed document (its viewer counts as a plugin), and its viewer runs in its own origin anyway; `nosniff`
 * keeps either from ever being read as HTML.
 */
export function previewPolicy(mimeType: string): string {
  const policy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";
  return mimeType === 'application/pdf' ? policy : `sandbox; ${policy}`;
}

export async function registerFileRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 } });

  app.post<{ Querystring: { purpose?: string } }>('/api/files', async (req, reply) => {
    try {
      // Like Apollo's CSRF prevention: a plain cross-site form cannot set this header.
      if (!req.headers['x-requested-with']) throw new InputError('x-requested-with', 'header is required for uploads', {}, 'file.headerRequired');
      const ctx = await buildRequestContext(services, req);
      if (!req.isMultipart()) throw new InputError('file', 'send the file as multipart/form-data', {}, 'file.multipart');
      const part = await req.file();
      if (!part) throw new InputError('file', 'no file in the request', {}, 'file.noFile');
      const body = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
        throw e;
      });
      // busboy may mark the file truncated only after its last chunk was read: never store a cut-off file
      if (part.file.truncated || body.length > MAX_FILE_BYTES) throw fileTooLarge();
      const purpose = req.query.purpose ?? 'material';
      if (purpose !== 'material' && purpose !== 'blank-form') throw new InputError('purpose', 'must be material or blank-form', {}, 'file.badPurpose');
      const stored = await services.files.upload(ctx.viewer, part.filename, body, purpose);
      return reply.code(201).send(stored);
    } catch (e) {
      // the log keeps what the client must not see (paths, errno)
      if (e instanceof StorageError) req.log.error({ err: e.failure }, 'the file store refused an upload');
      return sendAppError(reply, e);
    }
  });

  // A blank form of a published item: anyone may download it; the id names immutable bytes, so caches keep it.
  app.get<{ Params: { id: string } }>('/api/forms/:id', async (req, reply) => {
    try {
      const form = await services.files.openBlankForm(req.params.id);
      return reply
        .header('content-type', form.mimeType)
        .header('content-length', form.size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', previewPolicy(''))
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(form.name)}`)
        .send(form.stream);
    } catch (e) {
      return sendAppError(reply, e);
    }
  });

  app.get<{ Params: { id: string }; Querystring: { download?: string } }>('/api/files/:id', async (req, reply) => {
    try {
      const ctx = await buildRequestContext(services, req);
      const file = await services.files.openForDownload(ctx.viewer, req.params.id);
      // PDFs and images open in the page (a clerk's preview); anything else, or ?download=1, is saved instead
      const inline = PREVIEWABLE.has(file.mimeType) && req.query.download !== '1';
      return reply
        .header('content-type', file.mimeType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', previewPolicy(file.mimeType))
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.stream);
    } catch (e) {
      return sendAppError(reply, e);
    }
  });
}
