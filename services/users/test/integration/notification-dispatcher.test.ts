import { createServer, type Socket } from 'node:net';
import { createLogger, testing } from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import { DeliverDueNotifications } from '../../src/application/deliver-due-notifications';
import { KnexNotificationRepository } from '../../src/infrastructure/knex-notification-repository';
import { NotificationDispatcher } from '../../src/infrastructure/notification-dispatcher';
import { SmtpMailer } from '../../src/infrastructure/smtp-mailer';
import { aVideoCreated } from '../support/mothers';
import { seedCourseWithStudents } from '../support/seed';
import { SmtpSink } from '../support/smtp-sink';
import { createUsersDatabase, type UsersDatabase } from '../support/users-database';

let database: UsersDatabase;
const running: Array<() => Promise<void>> = [];

beforeAll(async () => {
  database = await createUsersDatabase();
});
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});
afterAll(() => database.close());

/** A dispatcher as main.ts builds one, with short delays so that retries happen within the test. */
function startDispatcher(smtpUrl: string, batchSize = 10): NotificationDispatcher {
  const mailer = new SmtpMailer({ url: smtpUrl, from: 'courses@platform.test', timeoutsMs: { connection: 1_000, greeting: 300, socket: 2_000 } });
  const deliver = new DeliverDueNotifications(new KnexNotificationRepository(database.knex), mailer, {
    batchSize,
    leaseMs: 60_000,
    backoff: { baseMs: 50, maxMs: 400 },
  });
  const dispatcher = new NotificationDispatcher({ deliver, logger: createLogger({ service: 'users', level: 'silent' }), metrics: new Registry(), pollIntervalMs: 50 });
  dispatcher.start();
  running.push(async () => {
    await dispatcher.stop();
    mailer.close();
  });
  return dispatcher;
}

async function startSink(port?: number): Promise<SmtpSink> {
  const sink = await SmtpSink.start(port);
  running.push(() => sink.stop());
  return sink;
}

/** Queues one "new video" email for each of `students` new students, as the handler does. */
async function queueEmails(students: number) {
  const { courseId, userIds } = await seedCourseWithStudents(database.knex, students, 'Reliable messaging');
  const event = aVideoCreated(courseId, { title: 'Retries' });
  await new KnexNotificationRepository(database.knex).queueForEnrolledUsers(event.id, courseId, {
    subject: `New video in Reliable messaging: ${event.data.title}`,
    text: 'text',
    html: '<p>html</p>',
  });
  const rows = () => database.knex('notifications').where({ event_id: event.id }).select<Array<{ id: string; email: string; status: string; attempts: number; sent_at: Date | null }>>();
  const emails = (await rows()).map((row) => row.email);
  expect(emails).toHaveLength(userIds.length);
  return { rows, emails };
}

async function expectEachDeliveredOnce(sink: SmtpSink, queued: Awaited<ReturnType<typeof queueEmails>>) {
  // Once every row is marked sent, nothing will send them again: the counts below are final.
  await testing.eventually(async () => expect((await queued.rows()).every((row) => row.status === 'sent' && row.sent_at !== null)).toBe(true), { timeoutMs: 20_000 });
  for (const email of queued.emails) expect(sink.to(email)).toHaveLength(1);
}

test('every pending email is delivered once, with its subject, recipient and a Message-ID from its id', async () => {
  const sink = await startSink();
  const queued = await queueEmails(25);
  startDispatcher(sink.url);
  await expectEachDeliveredOnce(sink, queued);
  for (const row of await queued.rows()) {
    const [mail] = sink.to(row.email);
    expect(mail).toMatchObject({ to: [row.email], subject: 'New video in Reliable messaging: Retries', messageId: `<${row.id}@platform.test>` });
  }
});

test.each(['rcpt', 'data'] as const)('a server that refuses at %s for a while, then accepts, gets every email exactly once', async (refusing) => {
  const sink = await startSink();
  sink.refusing = refusing;
  const queued = await queueEmails(12);
  startDispatcher(sink.url);
  // Every email has been refused at least twice: the dispatcher retries and keeps them all.
  await testing.eventually(() => queued.emails.every((email) => sink.refused.filter((r) => r === email).length >= 2), { timeoutMs: 20_000 });
  expect(sink.received.filter((mail) => queued.emails.includes(mail.to[0] as string))).toEqual([]);
  sink.refusing = 'none';
  await expectEachDeliveredOnce(sink, queued);
  expect((await queued.rows()).every((row) => row.attempts >= 2)).toBe(true);
});

test('a server that is not listening at first gets every email exactly once when it comes up', async () => {
  const port = await SmtpSink.freePort();
  const queued = await queueEmails(8);
  startDispatcher(`smtp://127.0.0.1:${port}`);
  await testing.eventually(async () => expect((await queued.rows()).every((row) => row.attempts >= 2 && row.status === 'pending')).toBe(true), { timeoutMs: 20_000 });
  const sink = await startSink(port);
  await expectEachDeliveredOnce(sink, queued);
});

test('two dispatchers (two replicas) never send the same email twice', async () => {
  const sink = await startSink();
  // Slow acceptance keeps each dispatcher's batch in flight while the other claims.
  sink.acceptDelayMs = 20;
  const queued = await queueEmails(200);
  // Different batch sizes keep the two out of step, so one claims while the other's batch is in flight.
  startDispatcher(sink.url, 10);
  startDispatcher(sink.url, 3);
  await expectEachDeliveredOnce(sink, queued);
});

test('a server that accepts the connection and then stays silent is given up on at the greeting timeout, and the email kept', async () => {
  const silent: Socket[] = [];
  const server = createServer((socket) => void silent.push(socket));
  const port = await SmtpSink.freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  running.push(async () => {
    for (const socket of silent) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const queued = await queueEmails(3);
  startDispatcher(`smtp://127.0.0.1:${port}`);
  await testing.eventually(async () => expect((await queued.rows()).every((row) => row.attempts >= 2 && row.status === 'pending')).toBe(true), { timeoutMs: 20_000 });
  const [failed] = await database.knex('notifications').whereIn('email', queued.emails).select<Array<{ last_error: string }>>('last_error');
  expect(failed?.last_error).toMatch(/greeting/i);
});
