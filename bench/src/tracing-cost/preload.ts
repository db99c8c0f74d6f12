// A traced scenario's process loads tracing as each service's src/tracing.ts does, before anything else.
import { startTracing } from '@course-platform/service-kit/tracing';

startTracing('bench');
