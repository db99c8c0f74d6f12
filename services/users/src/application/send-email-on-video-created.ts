import type { EventOf, VideoCreated } from '@course-platform/shared-kernel';
import type { CourseCatalog } from '../domain/course-catalog';
import { CourseNotFoundError } from '../domain/course-errors';
import { newVideoEmail } from '../domain/new-video-email';
import type { NotificationRepository } from '../domain/notification-repository';

/**
 * Queues the "new video" email for every student enrolled in the video's course. The emails are sent after
 * the handler's transaction commits, by the notification dispatcher; here they only become pending rows.
 */
export class SendEmailOnVideoCreated {
  constructor(
    private readonly courses: CourseCatalog,
    private readonly notifications: NotificationRepository,
  ) {}

  async handle(event: EventOf<typeof VideoCreated>): Promise<number> {
    return this.handleAll([event]);
  }

  /**
   * `handle` for each event, with one read of their courses and one write of all their emails. A course whose
   * own event has not arrived yet fails them all: the bus then handles each alone, and only that event takes
   * the retry path, to come back once the projection has caught up.
   */
  async handleAll(events: ReadonlyArray<EventOf<typeof VideoCreated>>): Promise<number> {
    const courses = new Map((await this.courses.findMany([...new Set(events.map((event) => event.data.courseId))])).map((course) => [course.id, course]));
    const emails = events.map((event) => {
      const course = courses.get(event.data.courseId);
      if (!course) throw new CourseNotFoundError(event.data.courseId);
      return { eventId: event.id, courseId: course.id, message: newVideoEmail(course, event.data) };
    });
    return this.notifications.queueForEnrolledUsersOfEach(emails);
  }
}
