/**
 * The HTTP server: GraphQL at /graphql, health probes, and the built SPA at /. One Fastify instance per process;
 * tests and the benchmark build it the same way `main.ts` does.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { DataSource } from 'typeorm';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Config } from './config';
import type { RequestContext } from './common/context';
import { ServiceUnavailableError, makeFormatError, pgErrorCode } from './common/errors';
import { isDatabaseUnavailable, type DatabaseHealth } from './db/health';
import { sqlCountEnabled, sqlCounter } from './common/sql-counter';
import { readRouting, type ReplicaRouter } from './db/read-routing';
import { SESSION_COOKIE, buildRequestContext, sendAppError } from './common/http';
import { registerDirectoryRoutes } from './modules/catalogue/directory.routes';
import { registerFileRoutes } from './modules/file/file.routes';
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes';
import { registerUserRoutes } from './modules/user/user.routes';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { getSchema } from './schema';
import { singleTrackingRule } from './modules/application/tracking-guard';
import { inputGuardPlugin } from './common/input-guard';
import { webShell } from './common/web-shell';
import { webSnapshot } from './common/web-snapshot';
import { createLoaders } from './common/loaders';
import { createServices, type Services } from './services';


/** The web's largest document has under 200 tokens; refusing at 5,000 bounds any parse to about a millisecond. */
export const MAX_TOKENS = 5_000;

const reportLimit = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)],
};

/** A request that is one directory import: a short mutation whose large part is the workbook variable. */
function isDirectoryImport(body: unknown): boolean {
  const q = (body as { query?: unknown } | null)?.query;
  return typeof q === 'string' && q.length <= 2000 && /^\s*mutation\b[^{]*\{\s*importDirectory\s*\(/.test(q);
}

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
}

export interface BuildOptions {
  /** Whether the database answers (main.ts keeps it current); without it every request tries the database. */
  health?: DatabaseHealth;
  /** The read replica (DATABASE_REPLICA_URL), for the reading services. */
  replica?: ReplicaRouter;
}

export async function buildApp(ds: DataSource, config: Config, options: BuildOptions = {}): Promise<BuiltApp> {
  const { health, replica } = options;
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // Only behind a proxy may X-Forwarded-For name the client (the per-IP login limit depends on it).
    trustProxy: config.trustProxy,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64 ? req.headers['x-request-id'] : randomUUID()),
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: process.env.REQUEST_LOGGING === 'false' }),
  });
  const services = createServices(ds, config, { log: (obj, msg) => app.log.info(obj, msg), warn: (obj, msg) => app.log.warn(obj, msg), reads: replica?.view(ds) });

  await app.register(fastifyCookie);
  // Brotli or gzip for every text response that is not already compressed (GraphQL, JSON, CSV); the web build's
  // files are pre-compressed and sent as they are (below). Quality 4: fast enough to run per request.
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 256,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  // The security headers of every response, built once: @fastify/helmet builds helmet's middleware again on each
  // request (its directives parsed each time, a few percent of a busy server's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd injects its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // helmet adds upgrade-insecure-requests by default: over plain HTTP (a township office reaching
        // http://weimin.county.local) it would turn every asset request into https and leave a blank page
        upgradeInsecureRequests: config.https ? [] : null,
      },
    },
    // HSTS only when the site is served over HTTPS (HTTPS=true)
    hsts: config.https,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));

  // /graphql bodies stay small (a document costs what its size allows); only the directory import, a workbook in
  // base64 with a short document, may use the upload limit (bodyLimitBytes).
  // A declared length over the limit is refused before the body is read; the web marks its directory imports.
  app.addHook('onRequest', async (req, reply) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (req.url.startsWith('/graphql') && length > config.graphqlBodyLimitBytes && req.headers['x-weimin-import'] !== 'directory') {
      return reply.code(413).header('cache-control', 'no-store')
        .send({ error: 'Request body is too large', code: 'PAYLOAD_TOO_LARGE', messageKey: 'request.tooLarge', maxBytes: config.graphqlBodyLimitBytes });
    }
  });
  const jsonParser = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: config.bodyLimitBytes }, (req, body, done) => {
    const text = body as string;
    void jsonParser(req, text, (err, parsed) => {
      if (err) return done(err, undefined);
      if (text.length > config.graphqlBodyLimitBytes && !isDirectoryImport(parsed)) {
        return done(Object.assign(new Error('Request body is too large'), { statusCode: 413 }), undefined);
      }
      done(null, parsed);
    });
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // During a database outage the API answers at once with a retryable 503 rather than queueing on the pool.
  app.addHook('onRequest', async (req, reply) => {
    if (health && !health.ready && (req.url.startsWith('/graphql') || req.url.startsWith('/api/'))) {
      const e = new ServiceUnavailableError();
      reply.code(503).header('retry-after', String(e.details.retryAfterSeconds)).header('cache-control', 'no-store');
      if (req.url.startsWith('/graphql')) {
        return reply.send({ errors: [{ message: e.message, extensions: { code: e.code, messageKey: e.messageKey, params: e.details, ...e.details } }] });
      }
      return reply.send({ error: e.message, code: e.code, messageKey: e.messageKey, ...e.details });
    }
  });
  // REST routes: domain errors keep their status and code; anything else is masked like GraphQL's internal errors.
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    try {
      return sendAppError(reply, err);
    } catch {
      // not a domain error
    }
    if (isDatabaseUnavailable(err)) return sendAppError(reply, new ServiceUnavailableError());
    const pgCode = pgErrorCode(err);
    if (pgCode && /^(22\w{3}|54000)$/.test(pgCode)) {
      // a value PostgreSQL refused: the client's to fix, without the database's words
      req.log.error({ err, pgCode }, 'input refused by the database (an edge check is missing)');
      return reply.code(400).header('cache-control', 'no-store').send({ error: 'A value in the request is not acceptable', code: 'BAD_USER_INPUT', messageKey: 'input.invalid' });
    }
    const status = err.statusCode;
    if (status && status >= 400 && status < 500) {
      // Fastify's own refusals (body too large, bad JSON, bad content type): the client's to fix, no internals
      return reply.code(status).header('cache-control', 'no-store').send({ error: status === 413 ? 'Request body is too large' : 'Bad request', code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', statusCode: status });
    }
    const errorId = randomUUID();
    req.log.error({ errorId, err }, 'internal error');
    return reply.code(500).header('cache-control', 'no-store').send({ error: `Internal server error (id ${errorId})`, code: 'INTERNAL_SERVER_ERROR', errorId });
  });
  if (replica) {
    // Reads of a request may go to the replica; anything but GET (REST writes, uploads) stays on the primary, and a
    // GraphQL mutation is marked below once its operation is known.
    app.addHook('onRequest', (req, _reply, done) => {
      readRouting.run({ primary: req.method !== 'GET' && req.url.split('?')[0] !== '/graphql' }, done);
    });
  }
  if (sqlCountEnabled()) {
    const stores = new WeakMap<object, { statements: number; replica?: number }>();
    app.addHook('onRequest', (req, _reply, done) => {
      const store = { statements: 0 };
      stores.set(req, store);
      sqlCounter.run(store, done);
    });
    app.addHook('onSend', async (req, reply) => {
      reply.header('x-sql-statements', String(stores.get(req)?.statements ?? 0));
      if (replica) reply.header('x-sql-replica-statements', String(stores.get(req)?.replica ?? 0));
    });
  }

  const apollo = new ApolloServer<RequestContext>({
    schema: await getSchema(),
    introspection: !config.production,
    csrfPrevention: true,
    // main.ts owns the signals and shuts down in order (HTTP, worker, database)
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // no "Did you mean …?" hints about the schema in production
    hideSchemaDetailsFromClientErrors: config.production,
    // a document is refused after this many tokens, before its parse costs more than a few milliseconds
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: makeFormatError(app.log),
    // The limits report through the validation context (a thrown error would surface as an internal error).
    validationRules: [
      maxDepthRule({ n: 10, ...reportLimit }),
      maxAliasesRule({ n: 15, ...reportLimit }),
      costLimitRule({ maxCost: 20000, ...reportLimit }),
      singleTrackingRule,
    ],
    // Fastify's close() drains in-flight requests; Apollo is stopped from its onClose hook below (Apollo's fastify
    // drain plugin would call close() again from inside close() and never finish).
    // No HTTP cache hints are used, and the cache-control plugin would otherwise hook every field resolution.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      inputGuardPlugin(),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      {
        // A request the database outage cut short: HTTP 503 so clients and proxies know to retry.
        async requestDidStart() {
          return {
            // Read-your-writes: a mutation reads on the primary, and so does its author for a while after it.
            async didResolveOperation({ operation, contextValue }) {
              if (!replica) return;
              const routing = readRouting.getStore();
              const viewer = contextValue.viewer?.id;
              if (operation?.operation === 'mutation') {
                if (routing) routing.primary = true;
                if (viewer) replica.wrote(viewer);
              } else if (routing && viewer && replica.wroteRecently(viewer)) routing.primary = true;
            },
            // A flood (directives, aliases, unknown fields) answers one error, not one per offending node.
            async willSendResponse({ response, operation, contextValue }) {
              // Read-your-writes again after the commit: the replica's lag counts from the write, not the request's start.
              if (replica && operation?.operation === 'mutation' && contextValue.viewer) replica.wrote(contextValue.viewer.id);
              if (response.body.kind !== 'single') return;
              const result = response.body.singleResult;
              const errors = result.errors;
              if (!errors || errors.length < 2 || result.data !== undefined) return;
              if (!errors.every((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) return;
              result.errors = [{ ...errors[0], extensions: { ...errors[0].extensions, moreErrors: errors.length - 1 } }];
            },
            async didEncounterErrors(rc) {
              if (rc.errors.some((e) => isDatabaseUnavailable(e.originalError ?? e))) {
                health?.markDown('a request failed on the database connection');
                rc.response.http.status = 503;
                rc.response.http.headers.set('retry-after', '2');
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/' };

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: (req: FastifyRequest, reply: FastifyReply): Promise<RequestContext> =>
      buildRequestContext(services, req, {
        setSessionCookie: (value, expires) => void reply.setCookie(SESSION_COOKIE, value, { ...cookieOptions, expires }),
        clearSessionCookie: () => void reply.clearCookie(SESSION_COOKIE, cookieOptions),
      }).catch((err: unknown) => {
        // The session lookup met the outage: a retryable 503, not a 500.
        if (!isDatabaseUnavailable(err)) throw err;
        health?.markDown('a request failed on the database connection');
        const e = new ServiceUnavailableError();
        throw new GraphQLError(e.message, {
          extensions: { code: e.code, messageKey: e.messageKey, params: e.details, ...e.details, http: { status: 503, headers: new Map([['retry-after', '2']]) } },
        });
      }),
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (health && !health.ready) return reply.code(503).send({ status: 'database unreachable' });
    try {
      await ds.query('SELECT 1');
      if (await ds.showMigrations()) return reply.code(503).send({ status: 'migrations pending' });
      // The replica is not needed to serve (its reads fall back to the primary): reported, never a reason to refuse.
      // Nor is the session cache's listener (without it every request looks its session up).
      const sessionCache = services.accounts.sessionCacheState;
      return replica ? { status: 'ready', sessionCache, replica: await replica.status() } : { status: 'ready', sessionCache };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });
  registerDirectoryRoutes(app, services);
  await registerFileRoutes(app, services);
  registerDashboardRoutes(app, services);
  registerUserRoutes(app, services);
  registerAuditRoutes(app, services);

  const web = config.webDist;
  if (web && fs.existsSync(path.join(web, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: web,
      wildcard: false,
      // `/` is a client route like the others (below)
      index: false,
      // the build writes file.br and file.gz next to each text file: sent with Content-Encoding and Vary
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        // /assets/ holds content-hashed file names: cached for a year; everything else is revalidated
        const hashed = file.startsWith(path.join(web, 'assets') + path.sep);
        res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Client-side routes: anything that is not an API or a file gets the SPA shell; a missing asset is a real 404
    // (an old chunk name must fail loudly, not run the HTML as a script). The public pages come rendered
    // (web-snapshot.ts): the shell with the page and its data inside.
    const shell = webShell(web);
    const snapshot = config.webSnapshot
      ? webSnapshot({
          entry: config.webSnapshot,
          shell,
          execute: async (query, variables) => {
            const contextValue: RequestContext = {
              requestId: randomUUID(),
              ip: '127.0.0.1',
              userAgent: 'page-snapshot',
              viewer: null,
              sessionTokenHash: null,
              services,
              loaders: createLoaders(services),
              setSessionCookie: () => undefined,
              clearSessionCookie: () => undefined,
            };
            const res = await apollo.executeOperation({ query, variables }, { contextValue });
            if (res.body.kind !== 'single') throw new Error('an incremental answer to a page snapshot query');
            return res.body.singleResult;
          },
          itemToken: (id) => services.catalogue.publishedToken(id),
          onChange: (listener) => void services.publicChanges.subscribe(listener),
          warn: (obj, msg) => app.log.warn(obj, msg),
        })
      : null;
    app.setNotFoundHandler(async (req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/graphql') && !req.url.startsWith('/assets/')) {
        const [pathname, search = ''] = req.url.split('?', 2);
        const answer = snapshot
          ? await snapshot.answer({ pathname, query: new URLSearchParams(search), cookies: req.cookies ?? {} })
          : ({ kind: 'shell' } as const);
        if (answer.kind === 'redirect') return reply.code(303).header('cache-control', 'no-store').redirect(answer.location, 303);
        const page = answer.kind === 'page' ? answer.page : shell.shell(pathname);
        // the page depends on the language and 长辈版 cookies; revalidated on every visit
        reply.header('cache-control', 'no-cache').header('vary', answer.kind === 'page' ? 'Accept-Encoding, Cookie' : 'Accept-Encoding').type('text/html; charset=utf-8');
        if (answer.kind === 'page') {
          reply.header('etag', answer.page.etag);
          const match = String(req.headers['if-none-match'] ?? '');
          if (match.split(/\s*,\s*/).includes(answer.page.etag)) return reply.code(304).send();
        }
        // compressed once per page (the not-found handler is not a route: @fastify/compress does not reach it)
        const accepts = String(req.headers['accept-encoding'] ?? '');
        const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
        if (encoding) reply.header('content-encoding', encoding);
        return reply.send(encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.html);
      }
      return reply.code(404).send({ error: 'Not found' });
    });
  } else {
    app.log.warn({ web }, 'the web app is not built; serving the API only');
  }

  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  return { app, services };
}
