import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Database } from '@jixiao/db/database';
import { createDocumentRenderer, type DocumentRenderer } from '@jixiao/export/render-thread';
import { createParsePool, type ParseLimits, type ParsePool } from '@jixiao/import/isolated/parse-pool';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { type AuthOptions, registerAuth } from './auth/auth.plugin.ts';
import { notFoundProblem, sendProblem } from './errors/problem.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { budgetYearsRoutes } from './routes/budget-years.routes.ts';
import { dashboardRoutes } from './routes/dashboard.routes.ts';
import { exAnteRoutes } from './routes/ex-ante.routes.ts';
import { exportRoutes } from './routes/export.routes.ts';
import { exportBatchRoutes } from './routes/export-batch.routes.ts';
import { findingsRoutes } from './routes/findings.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { importMappingRoutes } from './routes/import-mapping.routes.ts';
import { importsRoutes } from './routes/imports.routes.ts';
import { indicatorLibraryRoutes } from './routes/indicator-library.routes.ts';
import { loginThrottlesRoutes } from './routes/login-throttles.routes.ts';
import { monitoringRoutes } from './routes/monitoring.routes.ts';
import { organisationsRoutes } from './routes/organisations.routes.ts';
import { publicRoutes } from './routes/public.routes.ts';
import { recheckRoutes } from './routes/recheck.routes.ts';
import { rectificationRoutes } from './routes/rectification.routes.ts';
import { reviewsRoutes } from './routes/reviews.routes.ts';
import { ruleSetsRoutes } from './routes/rule-sets.routes.ts';
import { selfEvaluationRoutes } from './routes/self-evaluation.routes.ts';
import { selfEvaluationImportRoutes } from './routes/self-evaluation-import.routes.ts';
import { tablesRoutes } from './routes/tables.routes.ts';
import { usersRoutes } from './routes/users.routes.ts';
import { workbenchRoutes } from './routes/workbench.routes.ts';
import { workflowRoutes } from './routes/workflow.routes.ts';
import { registerSecurityHeaders } from './security/security-headers.ts';
import { registerWellFormedInput } from './security/well-formed-input.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Kysely database every route plugin uses (transactions via `app.db.transaction()`). */
    db: Database;
    /**
     * Where read-only pages (table lists and search, the portal, open data, dashboards) read: a streaming
     * replica when DATABASE_READ_URL names one, else `db`. What a user reads back right after a write of
     * their own (a table, its versions, the workbench) stays on `db`.
     */
    readDb: Database;
    /** Renders printed forms (HTML, Excel, Word in a worker thread; PDF through chromium). */
    documents: DocumentRenderer;
  }
}

export interface AppOptions {
  db: Database;
  /** A read replica for read-only pages (see FastifyInstance.readDb); default `db`. */
  readDb?: Database;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web UI (index.html + assets); not served when null or missing. */
  webDist?: string | null;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit?: number;
  /** Largest uploaded file accepted, in bytes. */
  uploadLimit?: number;
  /** Wall time, heap and threads of the pool that reads uploads (defaults in parse-pool.ts; tests shorten them). */
  parseLimits?: Partial<ParseLimits>;
  /** Session lifetime, lockout and sign-in rate limits (tests shorten them). */
  auth?: Partial<AuthOptions>;
  /** Called for every route as it is registered (the authorisation matrix test lists them). */
  onRoute?: (route: RouteOptions) => void;
  /**
   * Which proxies may set X-Forwarded-For/-Proto (Fastify's `trustProxy`: true, a hop count, or addresses).
   * Default: the TRUST_PROXY environment variable, else none. Trusting every hop on a server that clients
   * reach directly would let anyone pick their own address: the audit log would record it and the
   * per-address sign-in limit would not hold.
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** The clock of date-dependent answers (what is due on the workbench, submission deadlines); tests fix the day. */
  now?: () => Date;
}

/** Reads TRUST_PROXY: `true`, a hop count such as `1`, or addresses/CIDRs such as `127.0.0.1,10.0.0.0/8`. */
export function trustProxyFromEnv(value: string | undefined): FastifyServerOptions['trustProxy'] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    // A hop count: trust that many proxies in front of the server.
    const hops = Number(value);
    return (_address: string, hop: number) => hop < hops;
  }
  return value;
}

export const defaultBodyLimit = 5 * 1024 * 1024;
export const defaultUploadLimit = 20 * 1024 * 1024;

/**
 * Builds the Fastify app: zod validation and serialisation, one error mapper (problem+json), OpenAPI at
 * /api/openapi.json and docs at /api/docs, the route plugins, and the web UI with SPA fallback.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? defaultBodyLimit,
    // Behind a reverse proxy the client address comes from X-Forwarded-For (audit log, rate limits),
    // but only from the proxies the operator names (see AppOptions.trustProxy).
    trustProxy: options.trustProxy ?? trustProxyFromEnv(process.env.TRUST_PROXY),
    ajv: { customOptions: { coerceTypes: false } },
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('readDb', options.readDb ?? options.db);
  // Building a Word or Excel file of a large table takes the docx/exceljs libraries a second or more of
  // CPU: done in a worker thread, started on first use, so that it never holds the other requests.
  const documents = createDocumentRenderer();
  app.decorate('documents', documents);
  app.addHook('onClose', async () => documents.close());
  app.setErrorHandler(sendProblem);
  // First, so that its headers are set before any other hook can fail the request (CSRF, 401).
  await registerSecurityHeaders(app);
  // Before any route: request.user and the CSRF check must cover every route registered below.
  await registerAuth(app, options.auth);
  // Before any route too: text that cannot be encoded (lone surrogates) is refused with its field path.
  registerWellFormedInput(app);

  await app.register(fastifyMultipart, {
    limits: { fileSize: options.uploadLimit ?? defaultUploadLimit, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Jixiao API (绩效目标管理)',
        description:
          'Budget performance-target tables: list, edit, version, import. Errors are problem+json.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Route plugins, one line each.
  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(tablesRoutes, { prefix: '/api', now: options.now });
  // Uploads, mappings and layout templates are read in worker threads with time and memory limits, so
  // that no file holds the event loop; the workers start with the first use (most test apps never upload).
  let parsePool: ParsePool | undefined;
  const parser = () => {
    parsePool ??= createParsePool(options.parseLimits);
    return parsePool;
  };
  app.addHook('onClose', async () => parsePool?.close());
  await app.register(importsRoutes, {
    prefix: '/api',
    now: options.now,
    uploadLimit: options.uploadLimit ?? defaultUploadLimit,
    parser,
  });
  await app.register(workflowRoutes, { prefix: '/api', now: options.now });
  await app.register(reviewsRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api' });
  await app.register(usersRoutes, { prefix: '/api' });
  await app.register(loginThrottlesRoutes, { prefix: '/api' });
  await app.register(organisationsRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api' });
  await app.register(exportRoutes, { prefix: '/api' });
  await app.register(exportBatchRoutes, { prefix: '/api' });
  await app.register(findingsRoutes, { prefix: '/api' });
  await app.register(ruleSetsRoutes, { prefix: '/api' });
  await app.register(rectificationRoutes, { prefix: '/api' });
  await app.register(exAnteRoutes, { prefix: '/api' });
  await app.register(monitoringRoutes, { prefix: '/api' });
  await app.register(selfEvaluationRoutes, { prefix: '/api', now: options.now });
  await app.register(recheckRoutes, { prefix: '/api' });
  await app.register(selfEvaluationImportRoutes, { prefix: '/api' });
  await app.register(publicRoutes, { prefix: '/api' });
  await app.register(dashboardRoutes, { prefix: '/api' });
  await app.register(indicatorLibraryRoutes, { prefix: '/api' });
  await app.register(importMappingRoutes, { prefix: '/api', parser });
  await app.register(budgetYearsRoutes, { prefix: '/api' });
  await app.register(workbenchRoutes, { prefix: '/api', now: options.now ?? (() => new Date()) });

  const webDist = options.webDist;
  const indexHtml = webDist ? join(webDist, 'index.html') : null;
  const serveWeb = webDist !== null && webDist !== undefined && indexHtml !== null && existsSync(indexHtml);
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside each text asset: sent as the browser accepts, never compressed
      // per request.
      preCompressed: true,
      setHeaders: (reply, path) => {
        // Files under assets/ carry their content hash in the name: a changed file is a new name, so the
        // browser may keep them for good. Everything else (index.html) is asked again each time.
        reply.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (serveWeb && wantsPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply
      .code(404)
      .type('application/problem+json; charset=utf-8')
      .send(notFoundProblem(request.method, path));
  });

  return app;
}
