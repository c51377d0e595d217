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
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { DataSource } from 'typeorm';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Config } from './config';
import type { RequestContext } from './common/context';
import { makeFormatError } from './common/errors';
import { sqlCountEnabled, sqlCounter } from './common/sql-counter';
import { SESSION_COOKIE, buildRequestContext } from './common/http';
import { registerDirectoryRoutes } from './modules/catalogue/directory.routes';
import { registerFileRoutes } from './modules/file/file.routes';
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes';
import { getSchema } from './schema';
import { webShell } from './common/web-shell';
import { createServices, type Services } from './services';


const reportLimit = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)],
};

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
}

export async function buildApp(ds: DataSource, config: Config): Promise<BuiltApp> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // Only behind a proxy may X-Forwarded-For name the client (the per-IP login limit depends on it).
    trustProxy: config.trustProxy,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64 ? req.headers['x-request-id'] : randomUUID()),
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: process.env.REQUEST_LOGGING === 'false' }),
  });
  const services = createServices(ds, config, { log: (obj, msg) => app.log.info(obj, msg) });

  await app.register(fastifyCookie);
  // Brotli or gzip for every text response that is not already compressed (GraphQL, JSON, CSV); the web build's
  // files are pre-compressed and sent as they are (below). Quality 4: fast enough to run per request.
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 256,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd injects its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
    // plain HTTP on a local machine must keep working: HSTS only behind TLS in production
    hsts: config.production,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  if (sqlCountEnabled()) {
    const stores = new WeakMap<object, { statements: number }>();
    app.addHook('onRequest', (req, _reply, done) => {
      const store = { statements: 0 };
      stores.set(req, store);
      sqlCounter.run(store, done);
    });
    app.addHook('onSend', async (req, reply) => {
      reply.header('x-sql-statements', String(stores.get(req)?.statements ?? 0));
    });
  }

  const apollo = new ApolloServer<RequestContext>({
    schema: await getSchema(),
    introspection: !config.production,
    csrfPrevention: true,
    // main.ts owns the signals and shuts down in order (HTTP, worker, database)
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: makeFormatError(app.log),
    // The limits report through the validation context (a thrown error would surface as an internal error).
    validationRules: [
      maxDepthRule({ n: 10, ...reportLimit }),
      maxAliasesRule({ n: 15, ...reportLimit }),
      costLimitRule({ maxCost: 20000, ...reportLimit }),
    ],
    // Fastify's close() drains in-flight requests; Apollo is stopped from its onClose hook below (Apollo's fastify
    // drain plugin would call close() again from inside close() and never finish).
    // No HTTP cache hints are used, and the cache-control plugin would otherwise hook every field resolution.
    plugins: [ApolloServerPluginCacheControlDisabled(), ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await apollo.start();

  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/' };

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: (req: FastifyRequest, reply: FastifyReply): Promise<RequestContext> =>
      buildRequestContext(services, req, {
        setSessionCookie: (value, expires) => void reply.setCookie(SESSION_COOKIE, value, { ...cookieOptions, expires }),
        clearSessionCookie: () => void reply.clearCookie(SESSION_COOKIE, cookieOptions),
      }),
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await ds.query('SELECT 1');
      if (await ds.showMigrations()) return reply.code(503).send({ status: 'migrations pending' });
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });
  registerDirectoryRoutes(app, services);
  await registerFileRoutes(app, services);
  registerDashboardRoutes(app, services);

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
    // (an old chunk name must fail loudly, not run the HTML as a script).
    const shell = webShell(web);
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/graphql') && !req.url.startsWith('/assets/')) {
        const page = shell(req.url.split('?')[0]);
        // compressed once per route (the not-found handler is not a route: @fastify/compress does not reach it)
        const accepts = String(req.headers['accept-encoding'] ?? '');
        const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
        reply.header('cache-control', 'no-cache').header('vary', 'Accept-Encoding').type('text/html; charset=utf-8');
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
