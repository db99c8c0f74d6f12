import { randomUUID } from 'node:crypto';
import { DeliverDueNotifications } from '../../../src/application/deliver-due-notifications';
import { EnrollUser } from '../../../src/application/enroll-user';
import { RegisterUser } from '../../../src/application/register-user';
import { InMemoryCourseCatalog } from '../../support/in-memory-course-catalog';
import { InMemoryEnrollmentRepository } from '../../support/in-memory-enrollment-repository';
import { InMemoryNotificationRepository } from '../../support/in-memory-notification-repository';
import { InMemoryUserRepository } from '../../support/in-memory-user-repository';
import { ManualClock } from '../../support/manual-clock';
import { aUserCommand } from '../../support/mothers';
import { RecordingMailer } from '../../support/recording-mailer';

async function setup(pending: number) {
  const clock = new ManualClock();
  const users = new InMemoryUserRepository();
  const courses = new InMemoryCourseCatalog();
  const enrollments = new InMemoryEnrollmentRepository();
  const notifications = new InMemoryNotificationRepository(users, enrollments, clock.now);
  const courseId = randomUUID();
  await courses.add({ id: courseId, title: 'Course' });
  for (let i = 0; i < pending; i += 1) {
    const user = aUserCommand();
    await new RegisterUser(users).execute(user);
    await new EnrollUser(users, courses, enrollments).execute({ userId: user.id, courseId });
  }
  await notifications.queueForEnrolledUsers(randomUUID(), courseId, { subject: 'Subject', text: 'text', html: '<p>html</p>' });
  const mailer = new RecordingMailer();
  const options = { batchSize: 2, leaseMs: 60_000, backoff: { baseMs: 1_000, maxMs: 4_000 } };
  return { clock, notifications, mailer, deliver: new DeliverDueNotifications(notifications, mailer, options, clock.now) };
}

test('sends due notifications in batches and marks them sent', async () => {
  const { clock, notifications, mailer, deliver } = await setup(3);
  expect(await deliver.deliverBatch()).toMatchObject({ claimed: 2, sent: 2 });
  expect(await deliver.deliverBatch()).toMatchObject({ claimed: 1, sent: 1 });
  expect(await deliver.deliverBatch()).toMatchObject({ claimed: 0 });
  expect(mailer.accepted.map((mail) => mail.id).sort()).toEqual(notifications.rows.map((row) => row.id).sort());
  expect(notifications.rows.every((row) => row.status === 'sent' && row.sentAt?.getTime() === clock.now().getTime())).toBe(true);
});

test('the mails one batch got accepted are marked sent in one write; a refused one stays pending', async () => {
  const { notifications, mailer, deliver } = await setup(2);
  const [refused, accepted] = notifications.rows;
  mailer.refusingTo = refused?.email;
  const markSent = jest.spyOn(notifications, 'markSent');
  expect(await deliver.deliverBatch()).toMatchObject({ claimed: 2, sent: 1, failures: [{ id: refused?.id, attempts: 1 }] });
  expect(markSent.mock.calls.map(([ids]) => ids)).toEqual([[accepted?.id]]);
  expect(notifications.rows.map((row) => row.status)).toEqual(['pending', 'sent']);
});

test('a refused send is retried after a growing, capped delay until it is accepted', async () => {
  const { clock, notifications, mailer, deliver } = await setup(1);
  mailer.refusing = true;
  const waits: number[] = [];
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    expect(await deliver.deliverBatch()).toMatchObject({ claimed: 1, failures: [{ attempts: attempt }] });
    expect(await deliver.deliverBatch()).toMatchObject({ claimed: 0 });
    const dueAt = (notifications.rows[0] as { dueAt: Date }).dueAt.getTime();
    waits.push(dueAt - clock.now().getTime());
    clock.advance(dueAt - clock.now().getTime());
  }
  expect(waits).toEqual([1_000, 2_000, 4_000, 4_000]);
  mailer.refusing = false;
  expect(await deliver.deliverBatch()).toMatchObject({ claimed: 1, sent: 1 });
  expect(mailer.accepted).toHaveLength(1);
  expect(notifications.rows[0]).toMatchObject({ status: 'sent', attempts: 4 });
});
