// Preloaded in each service process of B5 and B7, as the images preload the service's own
// `dist/src/tracing.js`: tracing starts before the service loads http and pg. The bench gives no OTLP
// endpoint, so, as a deployment without a collector, spans keep their ids for the logs and none is exported.
import { startTracing } from '@course-platform/service-kit/tracing';

startTracing(process.env.BENCH_SERVICE ?? 'bench');
