/**
 * Plain HTTP for what GraphQL does not carry well: the directory workbook as a file download
 * (`GET /api/directories/:ownerId/export.xlsx`), authenticated like /graphql (bearer token or session cookie).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../common/errors';
import { buildRequestContext, sendAppError } from '../../common/http';
import type { Services } from '../../services';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 5987 encoding for `filename*`: everything outside attr-char percent-encoded. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function registerDirectoryRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { ownerId: string } }>('/api/directories/:ownerId/export.xlsx', async (req, reply) => {
    try {
      const ctx = await buildRequestContext(services, req);
      const raw = req.params.ownerId;
      const ownerId = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
      if (!ctx.viewer) return sendAppError(reply, new AppError('UNAUTHENTICATED', 'Please log in first', {}, 'auth.loginRequired'));
      if (!Number.isSafeInteger(ownerId) || ownerId <= 0) return sendAppError(reply, new AppError('NOT_FOUND', `Jurisdiction ${raw} was not found`, {}, 'notFound.Jurisdiction'));
      const { filename, body } = await services.directories.export(ctx, ownerId);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeRfc5987(filename)}`)
        // Working copies include unpublished drafts: never cached.
        .header('cache-control', 'no-store')
        .send(body);
    } catch (e) {
      return sendAppError(reply, e);
    }
  });
}
