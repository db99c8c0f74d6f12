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
    const course = await this.courses.find(event.data.courseId);
    // The course's own event has not arrived yet: failing sends this one down the retry path, to come back
    // once the projection has caught up.
    if (!course) throw new CourseNotFoundError(event.data.courseId);
    const message = newVideoEmail(course, event.data);
    return this.notifications.queueForEnrolledUsers(event.id, course.id, message);
  }
}
