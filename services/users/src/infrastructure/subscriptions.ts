import type { Subscription } from '@course-platform/messaging';
import { CourseCreated, CourseUpdated, VideoCreated } from '@course-platform/shared-kernel';

export const storeCourseOnCourseCreated = { queue: 'users.store_course_on_course_created', events: [CourseCreated] } as const satisfies Subscription;
export const updateCourseOnCourseUpdated = { queue: 'users.update_course_on_course_updated', events: [CourseUpdated] } as const satisfies Subscription;
export const sendEmailOnVideoCreated = { queue: 'users.send_email_on_video_created', events: [VideoCreated] } as const satisfies Subscription;

/** Every queue of the users service and the events it binds; the topology tooling imports this list. */
export const subscriptions: readonly Subscription[] = [storeCourseOnCourseCreated, updateCourseOnCourseUpdated, sendEmailOnVideoCreated];
