import { EventBus } from '@course-platform/messaging';
import {
  createHttpApp,
  createKnex,
  createLogger,
  listen,
  type Knex,
  type Logger,
  loadConfig,
  migrate,
  pingDatabase,
  runService,
  stopInOrder,
} from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import { migrations } from '../migrations';
import { GetCourse } from './application/get-course';
import { ListCourses } from './application/list-courses';
import { PutCourse } from './application/put-course';
import { COURSES_SCHEMA, SERVICE_NAME, coursesConfigSchema } from './config';
import { coursesRoutes } from './infrastructure/courses-router';
import { eventHandlers } from './infrastructure/event-handlers';
import { KnexCourseCatalog } from './infrastructure/knex-course-catalog';
import { KnexCourseRepository } from './infrastructure/knex-course-repository';
import { subscriptions } from './infrastructure/subscriptions';

export { subscriptions };

export interface RunningCoursesService {
  port: number;
  stop(): Promise<void>;
  logger: Logger;
  shutdownTimeoutMs: number;
  knex: Knex;
  bus: EventBus;
}

/** The composition root: builds the service from its configuration and starts serving and consuming. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<RunningCoursesService> {
  const config = loadConfig(coursesConfigSchema, env);
  const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
  const metrics = new Registry();
  const knex = createKnex({ url: config.DATABASE_URL, schema: COURSES_SCHEMA, poolMax: config.DATABASE_POOL_MAX });
  try {
    await migrate(knex, COURSES_SCHEMA, migrations);
  } catch (error) {
    await knex.destroy();
    throw error;
  }

  const bus = new EventBus({
    service: SERVICE_NAME,
    url: config.RABBITMQ_URL,
    exchange: config.EVENTS_EXCHANGE,
    knex,
    handlers: eventHandlers(),
    logger,
    metrics,
    prefetch: config.CONSUMER_PREFETCH,
    retryDelaysMs: config.RETRY_DELAYS_MS,
    queueType: config.QUEUE_TYPE,
  });
  const catalog = new KnexCourseCatalog(knex);
  const routes = coursesRoutes({
    putCourse: new PutCourse(new KnexCourseRepository(knex, bus.outbox)),
    getCourse: new GetCourse(catalog),
    listCourses: new ListCourses(catalog),
  });
  const readiness = [{ name: 'database', check: () => pingDatabase(knex) }, bus.readiness];
  const app = createHttpApp({ service: SERVICE_NAME, logger, metrics, routes, readiness });

  bus.start();
  let http: Awaited<ReturnType<typeof listen>>;
  try {
    http = await listen(app, config.PORT);
  } catch (error) {
    await stopInOrder([{ name: 'bus', stop: () => bus.stop() }, { name: 'database', stop: () => knex.destroy() }], logger);
    throw error;
  }
  logger.info({ port: http.port }, 'courses service listening');

  const stop = () =>
    stopInOrder(
      [
        { name: 'http', stop: () => http.close() },
        { name: 'bus', stop: () => bus.stop() },
        { name: 'database', stop: () => knex.destroy() },
      ],
      logger,
    );
  return { port: http.port, stop, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, knex, bus };
}

if (require.main === module) void runService(() => start());
