/**
 * Plain HTTP for what GraphQL does not carry well: the directory workbook as a file download
 * (`GET /api/directories/:ownerId/export.xlsx`), authenticated like /graphql (bearer token or session cookie).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../common/context';
import { createLoaders } from '../../common/loaders';
import type { Services } from '../../services';

/** The session cookie set by login (app.ts SESSION_COOKIE; not imported from there to avoid an import cycle). */
const SESSION_COOKIE = 'weimin_session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
};

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return h && h.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
}

/** RFC 5987 encoding for `filename*`: everything outside attr-char percent-encoded. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

async function requestContext(services: Services, req: FastifyRequest): Promise<RequestContext> {
  const token = bearer(req) ?? req.cookies?.[SESSION_COOKIE] ?? null;
  const found = token ? await services.accounts.viewerForToken(token) : null;
  return {
    requestId: req.id,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    viewer: found?.viewer ?? null,
    sessionTokenHash: found?.tokenHash ?? null,
    services,
    loaders: createLoaders(services),
    // A download never logs anyone in or out.
    setSessionCookie: () => undefined,
    clearSessionCookie: () => undefined,
  };
}

function sendError(reply: FastifyReply, e: AppError) {
  const status = STATUS[e.code] ?? 400;
  return reply.code(status).header('cache-control', 'no-store').send({ error: e.message, code: e.code });
}

export function registerDirectoryRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { ownerId: string } }>('/api/directories/:ownerId/export.xlsx', async (req, reply) => {
    try {
      const ctx = await requestContext(services, req);
      const raw = req.params.ownerId;
      const ownerId = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
      if (!ctx.viewer) return sendError(reply, new AppError('UNAUTHENTICATED', 'Please log in first'));
      if (!Number.isSafeInteger(ownerId) || ownerId <= 0) return sendError(reply, new AppError('NOT_FOUND', `Jurisdiction ${raw} was not found`));
      const { filename, body } = await services.directories.export(ctx, ownerId);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeRfc5987(filename)}`)
        // Working copies include unpublished drafts: never cached.
        .header('cache-control', 'no-store')
        .send(body);
    } catch (e) {
      if (e instanceof AppError) return sendError(reply, e);
      throw e;
    }
  });
}
