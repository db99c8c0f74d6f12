import type { Subscription } from '@course-platform/messaging';
import { UserEnrolled, VideoCreated, VideoDeleted, VideoUpdated } from '@course-platform/shared-kernel';

export const addVideoOnVideoCreated = { queue: 'courses.add_video_on_video_created', events: [VideoCreated] } satisfies Subscription;
export const updateVideoOnVideoUpdated = { queue: 'courses.update_video_on_video_updated', events: [VideoUpdated] } satisfies Subscription;
export const removeVideoOnVideoDeleted = { queue: 'courses.remove_video_on_video_deleted', events: [VideoDeleted] } satisfies Subscription;
export const incrementStudentsOnUserEnrolled = {
  queue: 'courses.increment_students_on_user_enrolled',
  events: [UserEnrolled],
} satisfies Subscription;

/** Every queue of the courses service; the topology tooling imports this list. */
export const subscriptions: readonly Subscription[] = [
  addVideoOnVideoCreated,
  updateVideoOnVideoUpdated,
  removeVideoOnVideoDeleted,
  incrementStudentsOnUserEnrolled,
];
