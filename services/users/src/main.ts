import { eventBusFromConfig, messagingAdminRoutes, type EventBus } from '@course-platform/messaging';
import { loadConfig, runService, startServiceHost, type ServiceHost } from '@course-platform/service-kit';
import { migrations } from '../migrations';
import { DeliverDueNotifications } from './application/deliver-due-notifications';
import { EnrollUser } from './application/enroll-user';
import { GetUser } from './application/get-user';
import { ListEnrollments } from './application/list-enrollments';
import { ListEventNotifications } from './application/list-event-notifications';
import { ListNotifications } from './application/list-notifications';
import { RegisterUser } from './application/register-user';
import { usersConfigSchema } from './config';
import { enrollmentsRouter } from './infrastructure/enrollments-router';
import { eventHandlers } from './infrastructure/event-handlers';
import { KnexCourseCatalog } from './infrastructure/knex-course-catalog';
import { KnexEnrollmentRepository } from './infrastructure/knex-enrollment-repository';
import { KnexNotificationRepository } from './infrastructure/knex-notification-repository';
import { KnexUserRepository } from './infrastructure/knex-user-repository';
import { NotificationDispatcher } from './infrastructure/notification-dispatcher';
import { notificationsRouter } from './infrastructure/notifications-router';
import { SmtpMailer } from './infrastructure/smtp-mailer';
import { subscriptions } from './infrastructure/subscriptions';
import { usersRouter } from './infrastructure/users-router';

export { subscriptions };

const SERVICE = 'users';

export interface RunningUsersService extends ServiceHost {
  bus: EventBus;
  dispatcher: NotificationDispatcher;
}

export async function start(env: NodeJS.ProcessEnv = process.env): Promise<RunningUsersService> {
  const config = loadConfig(usersConfigSchema, env);
  const { wiring, ...host } = await startServiceHost({
    service: SERVICE,
    schema: SERVICE,
    config,
    migrations,
    build: ({ knex, logger, metrics }) => {
      const mailer = new SmtpMailer({
        url: config.SMTP_URL,
        from: config.MAIL_FROM,
        timeoutsMs: { connection: config.SMTP_CONNECTION_TIMEOUT_MS, greeting: config.SMTP_GREETING_TIMEOUT_MS, socket: config.SMTP_SOCKET_TIMEOUT_MS },
      });
      const deliver = new DeliverDueNotifications(new KnexNotificationRepository(knex), mailer, {
        batchSize: config.MAIL_BATCH_SIZE,
        leaseMs: config.MAIL_LEASE_MS,
        backoff: { baseMs: config.MAIL_RETRY_BASE_MS, maxMs: config.MAIL_RETRY_MAX_MS },
      });
      const dispatcher = new NotificationDispatcher({ deliver, logger, metrics, pollIntervalMs: config.MAIL_POLL_INTERVAL_MS });
      const bus = eventBusFromConfig(config, { service: SERVICE, knex, handlers: eventHandlers({ onNotificationsQueued: dispatcher.wake }), logger, metrics });

      const users = new KnexUserRepository(knex, bus.outbox);
      const enrollments = new KnexEnrollmentRepository(knex, bus.outbox);
      const getUser = new GetUser(users);
      const routes = [
        ...usersRouter({ registerUser: new RegisterUser(users), getUser }),
        ...enrollmentsRouter({
          enrollUser: new EnrollUser(users, new KnexCourseCatalog(knex), enrollments),
          listEnrollments: new ListEnrollments(getUser, enrollments),
        }),
        ...notificationsRouter({
          listNotifications: new ListNotifications(getUser, new KnexNotificationRepository(knex)),
          listEventNotifications: new ListEventNotifications(new KnexNotificationRepository(knex)),
        }),
        ...messagingAdminRoutes(knex, subscriptions),
      ];
      // SMTP is not a readiness dependency: while it is down emails wait, and everything else works.
      const components = [
        { name: 'event bus', start: () => bus.start(), stop: () => bus.stop(), readiness: bus.readiness },
        { name: 'notification dispatcher', start: () => dispatcher.start(), stop: () => dispatcher.stop() },
        { name: 'mailer', stop: async () => mailer.close() },
      ];
      return { routes, components, bus, dispatcher };
    },
  });
  return { ...host, bus: wiring.bus, dispatcher: wiring.dispatcher };
}

if (require.main === module) void runService(() => start());
