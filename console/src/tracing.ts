/**
 * Preloaded before main.ts (`node -r`), as in every service: the image runs each app with the same command,
 * and the console's own pages then show up in the same trace viewer as the services it reads.
 */
import { startTracing } from '@course-platform/service-kit/tracing';

startTracing('console');
