// The part of every service's composition root that does not depend on the service: logging, metrics, the
// database and its migrations, the HTTP app with readiness, and starting and stopping in a fixed order.
import { Registry } from 'prom-client';
import type { ServiceConfig } from './config';
import { createKnex, migrate, pingDatabase, type Knex, type Migration } from './database';
import { adminStatusRoute } from './http/admin-status';
import { createHttpApp, type ReadinessCheck } from './http/http-app';
import { listen, type RunningHttpServer } from './http/http-server';
import type { Route } from './http/route';
import { mainPackageVersion } from './package-version';
import { stopInOrder, type StopStep } from './lifecycle';
import { createLogger, type Logger } from './logger';

/** Something the service runs beside its HTTP server: the event bus, a dispatcher, a pool to close. */
export interface ServiceComponent {
  name: string;
  /** Absent for what only needs closing at the end. */
  start?(): void | Promise<void>;
  stop(): Promise<void>;
  /** Reported by /ready next to the database. */
  readiness?: ReadinessCheck;
}

export interface ServiceContext {
  knex: Knex;
  logger: Logger;
  metrics: Registry;
}

/** What a service builds on the context: its routes and its components, plus whatever it hands back to its caller. */
export interface ServiceWiring {
  routes: Route[];
  /** Started in this order before the server listens, and stopped in this order after it has closed. */
  components: ServiceComponent[];
}

export interface ServiceHostOptions<W extends ServiceWiring> {
  service: string;
  /** The service's own schema: the search path, and where its migration table lives. */
  schema: string;
  config: Pick<ServiceConfig, 'PORT' | 'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'LOG_LEVEL' | 'SHUTDOWN_TIMEOUT_MS' | 'ADMIN_TOKEN'>;
  /** Reported by /admin/status; by default the version in the package.json of the process's main module. */
  version?: string;
  migrations: Migration[];
  build(context: ServiceContext): W | Promise<W>;
}

/** What a running service hands its callers (runService, tests, benchmarks); services add their own parts. */
export interface ServiceHost {
  port: number;
  /** Closes HTTP first, then the components in order, then the database pool. */
  stop(): Promise<void>;
  logger: Logger;
  shutdownTimeoutMs: number;
  knex: Knex;
}

const stepsOf = (components: ServiceComponent[]): StopStep[] =>
  components.map((component) => ({ name: component.name, stop: () => component.stop() }));

/**
 * Migrates the service's schema, builds the service on a logger, a metrics registry and a knex pool, serves
 * it over HTTP with readiness of the database and its components, and returns how to stop it. What fails
 * half-way releases what was already opened.
 */
export async function startServiceHost<W extends ServiceWiring>(options: ServiceHostOptions<W>): Promise<ServiceHost & { wiring: W }> {
  const { service, schema, config } = options;
  const startedAt = new Date();
  const version = options.version ?? mainPackageVersion();
  const logger = createLogger({ service, level: config.LOG_LEVEL });
  const metrics = new Registry();
  const knex = createKnex({ url: config.DATABASE_URL, schema, poolMax: config.DATABASE_POOL_MAX, logger });
  const database: StopStep = { name: 'database', stop: () => knex.destroy() };
  let wiring: W;
  try {
    await migrate(knex, schema, options.migrations);
    wiring = await options.build({ knex, logger, metrics });
  } catch (error) {
    await knex.destroy();
    throw error;
  }

  const readiness = [
    { name: 'database', check: () => pingDatabase(knex) },
    ...wiring.components.flatMap((component) => component.readiness ?? []),
  ];
  const routes = [adminStatusRoute({ service, version, startedAt }), ...wiring.routes];
  const app = createHttpApp({ service, version, logger, metrics, routes, readiness, adminToken: config.ADMIN_TOKEN });

  for (const component of wiring.components) await component.start?.();
  let http: RunningHttpServer;
  try {
    http = await listen(app, config.PORT);
  } catch (error) {
    await stopInOrder([...stepsOf(wiring.components), database], logger);
    throw error;
  }
  logger.info({ port: http.port }, `${service} service listening`);

  const stop = () => stopInOrder([{ name: 'http', stop: () => http.close() }, ...stepsOf(wiring.components), database], logger);
  return { port: http.port, stop, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, knex, wiring };
}
