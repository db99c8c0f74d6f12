/**
 * Preloaded before main.ts (`node -r`): OpenTelemetry must patch http and pg before the service
 * loads them. Configured by the OTEL_* variables alone (see the README's Tracing section).
 */
import { startTracing } from '@course-platform/service-kit/tracing';

startTracing('videos');
