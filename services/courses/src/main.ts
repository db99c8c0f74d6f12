import { eventBusFromConfig, messagingAdminRoutes, type EventBus } from '@course-platform/messaging';
import { loadConfig, runService, startServiceHost, type ServiceHost } from '@course-platform/service-kit';
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

export interface RunningCoursesService extends ServiceHost {
  bus: EventBus;
}

/** The composition root: builds the service from its configuration and starts serving and consuming. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<RunningCoursesService> {
  const config = loadConfig(coursesConfigSchema, env);
  const { wiring, ...host } = await startServiceHost({
    service: SERVICE_NAME,
    schema: COURSES_SCHEMA,
    config,
    migrations,
    build: ({ knex, logger, metrics }) => {
      const bus = eventBusFromConfig(config, { service: SERVICE_NAME, knex, handlers: eventHandlers(), logger, metrics });
      const catalog = new KnexCourseCatalog(knex);
      const routes = [
        ...coursesRoutes({
          putCourse: new PutCourse(new KnexCourseRepository(knex, bus.outbox)),
          getCourse: new GetCourse(catalog),
          listCourses: new ListCourses(catalog),
        }),
        ...messagingAdminRoutes(knex, subscriptions),
      ];
      return { routes, components: [{ name: 'bus', start: () => bus.start(), stop: () => bus.stop(), readiness: bus.readiness }], bus };
    },
  });
  return { ...host, bus: wiring.bus };
}

if (require.main === module) void runService(() => start());
