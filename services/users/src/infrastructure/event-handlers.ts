import { eventTraceCarrier, type EventHandler } from '@course-platform/messaging';
import type { Knex } from 'knex';
import type { CourseCreated, CourseUpdated, EventEnvelope, EventOf, VideoCreated } from '@course-platform/shared-kernel';
import { SendEmailOnVideoCreated } from '../application/send-email-on-video-created';
import { StoreCourseOnCourseCreated } from '../application/store-course-on-course-created';
import { UpdateCourseOnCourseUpdated } from '../application/update-course-on-course-updated';
import { KnexCourseCatalog } from './knex-course-catalog';
import { KnexNotificationRepository } from './knex-notification-repository';
import { sendEmailOnVideoCreated, storeCourseOnCourseCreated, updateCourseOnCourseUpdated } from './subscriptions';

// The bus has parsed the envelope with the contract of its queue's event, so its data has that shape.
const typed = <E>(envelope: EventEnvelope): E => envelope as unknown as E;

/** The users service's handlers, each working through repositories bound to the transaction of its message. */
export function eventHandlers(options: { onNotificationsQueued: () => void }): EventHandler[] {
  /** One event handled alone, or a batch: each event's emails keep the trace of the message that delivered it. */
  const sendEmails = async (events: readonly EventEnvelope[], trx: Knex.Transaction) => {
    const byId = new Map(events.map((event) => [event.id, event]));
    const notifications = new KnexNotificationRepository(trx, (eventId) => eventTraceCarrier(byId.get(eventId) as EventEnvelope));
    const queued = await new SendEmailOnVideoCreated(new KnexCourseCatalog(trx), notifications).handleAll(events.map(typed<EventOf<typeof VideoCreated>>));
    // The emails go out once the rows are committed; wake the dispatcher then, not before.
    if (queued > 0) trx.executionPromise.then(options.onNotificationsQueued, () => undefined);
  };
  return [
    {
      ...storeCourseOnCourseCreated,
      handle: (event, trx) => new StoreCourseOnCourseCreated(new KnexCourseCatalog(trx)).handle(typed<EventOf<typeof CourseCreated>>(event)),
    },
    {
      ...updateCourseOnCourseUpdated,
      handle: (event, trx) => new UpdateCourseOnCourseUpdated(new KnexCourseCatalog(trx)).handle(typed<EventOf<typeof CourseUpdated>>(event)),
    },
    {
      ...sendEmailOnVideoCreated,
      handle: (event, trx) => sendEmails([event], trx),
      handleBatch: sendEmails,
    },
  ];
}
