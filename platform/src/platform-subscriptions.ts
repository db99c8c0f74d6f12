import type { ServiceSubscriptions } from '@course-platform/messaging';
import { subscriptions as courses } from '@course-platform/courses';
import { subscriptions as users } from '@course-platform/users';
import { subscriptions as videos } from '@course-platform/videos';

/** Every service's subscriptions, read from the services' own code: the source of all platform docs. */
export const platformSubscriptions: readonly ServiceSubscriptions[] = [
  { service: 'videos', subscriptions: videos },
  { service: 'courses', subscriptions: courses },
  { service: 'users', subscriptions: users },
];

export const platformExchange = 'videos';
