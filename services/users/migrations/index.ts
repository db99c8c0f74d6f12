import { messagingMigrations } from '@course-platform/messaging';
import type { Migration } from '@course-platform/service-kit';
import { createUsers } from './001-users';
import { createCourses } from './002-courses';
import { createEnrollments } from './003-enrollments';
import { createNotifications } from './004-notifications';
import { addNotificationTraceContext } from './005-notification-trace-context';

export const migrations: Migration[] = [...messagingMigrations, createUsers, createCourses, createEnrollments, createNotifications, addNotificationTraceContext];
