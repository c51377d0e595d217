/** Plain HTTP routes (files, downloads) share the GraphQL request context and error codes. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services';
import type { RequestContext } from './context';
import { AppError, type ErrorCode } from './errors';
import { createLoaders } from './loaders';

export const SESSION_COOKIE = 'weimin_session';

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return h && h.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
}

/** The request context of GraphQL and REST alike: who asks (bearer token, else the session cookie), from where. */
export async function buildRequestContext(
  services: Services,
  req: FastifyRequest,
  cookies?: Pick<RequestContext, 'setSessionCookie' | 'clearSessionCookie'>,
): Promise<RequestContext> {
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
    setSessionCookie: cookies?.setSessionCookie ?? (() => undefined),
    clearSessionCookie: cookies?.clearSessionCookie ?? (() => undefined),
  };
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  PAYLOAD_TOO_LARGE: 413,
  STORAGE_UNAVAILABLE: 503,
};

/** A domain error as an HTTP answer; anything else is rethrown for Fastify's error handler (masked, logged). */
export function sendAppError(reply: FastifyReply, e: unknown) {
  if (!(e instanceof AppError)) throw e;
  if (e.code === 'SERVICE_UNAVAILABLE') reply.header('retry-after', String(e.details.retryAfterSeconds ?? 2));
  return reply
    .code(STATUS[e.code] ?? 400)
    .header('cache-control', 'no-store')
    .send({ ...e.details, error: e.message, code: e.code, messageKey: e.messageKey, params: e.details });
}
