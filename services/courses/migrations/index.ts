import { messagingMigrations } from '@course-platform/messaging';
import type { Migration } from '@course-platform/service-kit';
import { createCourses } from './001-courses';
import { createCourseVideos } from './002-course-videos';

export const migrations: Migration[] = [...messagingMigrations, createCourses, createCourseVideos];
