// Preloaded (`node -r`) in every process of the bench that runs platform code as the images run it: tracing
// starts before http and pg are loaded, as each service's src/tracing.ts does. Configured by the OTEL_*
// variables the bench gives; named after the service a process runs (BENCH_SERVICE), else 'bench'.
import { startTracing } from '@course-platform/service-kit/tracing';

startTracing(process.env.BENCH_SERVICE ?? 'bench');
