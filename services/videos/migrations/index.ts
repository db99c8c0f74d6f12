import { messagingMigrations } from '@course-platform/messaging';
import type { Migration } from '@course-platform/service-kit';
import { createVideos } from './001-videos';
import { createVideoComments } from './002-video-comments';
import { createVideoCommentsCounters } from './003-video-comments-counters';

export const migrations: Migration[] = [...messagingMigrations, createVideos, createVideoComments, createVideoCommentsCounters];
