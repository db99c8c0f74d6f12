import { subscriptions as courses } from '@course-platform/courses';
import { subscriptions as users } from '@course-platform/users';
import { subscriptions as videos } from '@course-platform/videos';
import { PlatformMap } from '../../src/domain/platform-map';

const map = new PlatformMap([
  { service: 'videos', subscriptions: videos },
  { service: 'courses', subscriptions: courses },
  { service: 'users', subscriptions: users },
]);

test("an event is routed to the handler queues the services declare for it, and nowhere else", () => {
  expect(map.queuesFor('videos.created').map((handler) => handler.queue).sort()).toEqual(['courses.add_video_on_video_created', 'users.send_email_on_video_created']);
  expect(map.queuesFor('users.registered')).toEqual([]);
});

test('producers are the services whose events some handler consumes', () => {
  expect(map.producers.map((producer) => producer.service)).toEqual(['courses', 'users', 'videos']);
  expect(map.isHandlerQueue('users.send_email_on_video_created')).toBe(true);
  expect(map.isHandlerQueue('users.send_email_on_video_created.dead_letter')).toBe(false);
});
