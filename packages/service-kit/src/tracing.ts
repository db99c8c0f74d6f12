/**
 * OpenTelemetry for a service process: `@course-platform/service-kit/tracing`, loaded with `node -r` before
 * the service's own code, because the instrumentations patch http and pg only when they are loaded after it. It imports nothing of service-kit's entry point for the same reason.
 */
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';

export type SpanProcessor = NonNullable<NodeSDKConfiguration['spanProcessors']>[number];

/** Probes and scrapes, every few seconds on every replica: a trace each would bury the stories. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Ends spans without sending them anywhere. With no exporter configured the SDK would make no tracer at all,
 * and then no trace id for the logs; this keeps the ids and drops the spans.
 */
const keepIdsOnly: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** Exporting was asked for by the standard variables: an OTLP endpoint, or an exporter named outright. */
export function exportRequested(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_TRACES_EXPORTER);
}

export function tracingInstrumentations() {
  return [
    new HttpInstrumentation({
      // Asked of every request: the path before any query string, without parsing a whole URL.
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '/').split('?', 1)[0] ?? '/'),
    }),
    // No express instrumentation: the HTTP span is named after its route by the app itself (http-app.ts),
    // and the instrumentation's wrapper around every middleware of every request cost more CPU per request
    // than all of tracing's other work (bench/README.md, "Tracing's cost").
    // Statements are traced only inside a request or a handler: the relay's and the dispatcher's polls of an
    // idle outbox would otherwise make a trace of their own every few hundred milliseconds.
    new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
  ];
}

/**
 * Starts the SDK for `service` (its `service.name`). Everything else comes from the standard OTEL_*
 * variables: endpoint, protocol (http/protobuf or http/json), sampler, OTEL_SDK_DISABLED. Traces only: the
 * services' metrics are Prometheus's and their logs pino's.
 */
export function startTracing(
  service: string,
  /** A test in process hands its own processor: the OTLP exporter cannot run inside jest's module sandbox. */
  options: { env?: NodeJS.ProcessEnv; spanProcessors?: SpanProcessor[] } = {},
): NodeSDK {
  const env = options.env ?? process.env;
  // Disabled means no cost either: an instrumentation patches its module as soon as it is constructed,
  // whether or not the SDK then starts, and would wrap every request and statement for nothing.
  const disabled = /^true$/i.test(env.OTEL_SDK_DISABLED?.trim() ?? '');
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? service,
    instrumentations: disabled ? [] : tracingInstrumentations(),
    // Undefined: the SDK builds the exporter from the OTEL_* variables, behind a BatchSpanProcessor.
    spanProcessors: options.spanProcessors ?? (exportRequested(env) ? undefined : [keepIdsOnly]),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return sdk;
}
