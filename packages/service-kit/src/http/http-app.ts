import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { type Registry } from 'prom-client';
import swaggerUi from 'swagger-ui-express';
import type { Logger } from 'pino';
import { withCorrelation } from '../correlation';
import { ADMIN_PATH, adminGuard } from './admin-guard';
import { RequestValidationError, toProblem, UnsupportedMediaTypeError } from './error-mapping';
import { httpMetrics } from './http-metrics';
import { buildOpenApi } from './openapi';
import { problem, sendProblem } from './problem';
import type { Route } from './route';

export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects or returns false when it does not. */
  check(): Promise<boolean>;
}

export interface HttpAppOptions {
  service: string;
  version?: string;
  logger: Logger;
  metrics: Registry;
  routes: Route[];
  readiness: ReadinessCheck[];
  bodyLimit?: string;
  /** Guards /admin/*; see adminGuard. */
  adminToken?: string;
}

const CORRELATION_HEADER = 'x-correlation-id';

async function runChecks(checks: ReadinessCheck[]): Promise<Record<string, 'up' | 'down'>> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => [name, (await check().catch(() => false)) ? 'up' : 'down'] as const),
  );
  return Object.fromEntries(results);
}

/**
 * Names the request's trace span after its route (`PUT /videos/:id`, `http.route`), as the HTTP
 * instrumentation reads it when the response ends: what the express instrumentation would do, without its
 * wrapper around every middleware of every request. A no-op without tracing.
 */
function nameTraceSpan(path: string): void {
  const rpc = getRPCMetadata(context.active());
  if (rpc?.type === RPCType.HTTP) rpc.route = path;
}

function mount(app: Express, route: Route): void {
  app[route.method](route.path, async (req: Request, res: Response) => {
    nameTraceSpan(route.path);
    if (route.body && req.body === undefined) throw new UnsupportedMediaTypeError();
    const parse = (part: 'params' | 'query' | 'body', schema: Route['params']) => {
      if (!schema) return req[part];
      const result = schema.safeParse(req[part]);
      if (!result.success) throw new RequestValidationError(part, result.error);
      return result.data;
    };
    const input = { params: parse('params', route.params), query: parse('query', route.query), body: parse('body', route.body), req, res };
    const out = await route.handle(input);
    for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
    if (out.body === undefined) res.status(out.status).end();
    else res.status(out.status).json(out.body);
  });
}

/**
 * A path the app serves, asked with a method it does not serve there: 405 with the `Allow` header (RFC 9110),
 * rather than the 404 of a path that does not exist. OPTIONS too: the services serve no CORS preflight.
 */
function answerOtherMethods(app: Express, routes: ReadonlyArray<Pick<Route, 'method' | 'path'>>): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { method, path } of routes) {
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    // Express answers HEAD with the GET route.
    if (method === 'get') methods.add('HEAD');
    methodsByPath.set(path, methods);
  }
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods].join(', ');
    app.all(path, (req, res) => {
      res.setHeader('allow', allow);
      sendProblem(res, problem(405, 'METHOD_NOT_ALLOWED', `${req.method} is not served on ${req.path}; allowed: ${allow}`));
    });
  }
}

/**
 * The express app every service serves: JSON only, correlation ids, problem+json errors, health, readiness,
 * metrics and OpenAPI docs around the service's own routes.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const { logger, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(httpMetrics(metrics));
  app.use((req, res, next) => {
    const incoming = req.header(CORRELATION_HEADER);
    const correlationId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader(CORRELATION_HEADER, correlationId);
    withCorrelation({ correlationId, causationId: null }, next);
  });
  app.use(express.json({ limit: options.bodyLimit ?? '64kb', strict: false }));

  app.get('/health', (_req, res) => {
    res.json({ status: 'up', service: options.service });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await runChecks(options.readiness);
    const ready = Object.values(checks).every((state) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  const openapi = buildOpenApi({ title: `${options.service} service`, version: options.version ?? '1.0.0' }, options.routes);
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi));

  app.use(ADMIN_PATH, adminGuard(options.adminToken));
  for (const route of options.routes) mount(app, route);
  const builtIn = ['/health', '/ready', '/metrics', '/openapi.json'].map((path) => ({ method: 'get' as const, path }));
  answerOtherMethods(app, [...builtIn, ...options.routes]);

  app.use((req, res) => {
    sendProblem(res, problem(404, 'ROUTE_NOT_FOUND', `no route for ${req.method} ${req.path}`));
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const mapped = toProblem(error);
    if (mapped) {
      if (mapped.status >= 500) logger.warn({ err: error, path: req.path }, 'dependency unavailable');
      sendProblem(res, mapped);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(res, problem(500, 'INTERNAL_ERROR', 'an unexpected error occurred'));
  });
  return app;
}
