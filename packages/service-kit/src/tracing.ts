/**
 * OpenTelemetry for a service process: `@course-platform/service-kit/tracing`, loaded with `node -r` before
 * the service's own code, because the instrumentations patch http and pg only when they are loaded after it. It imports nothing of service-kit's entry point for the same reason.
 */
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { SamplingDecision, type Sampler } from '@opentelemetry/sdk-trace';

export type SpanProcessor = NonNullable<NodeSDKConfiguration['spanProcessors']>[number];

/** Probes and scrapes, every few seconds on every replica: a trace each would bury the stories. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Receives no span (see `recordNothing`). With no exporter configured the SDK would make no tracer at all,
 * and then no trace id for the logs and no context passed on; this processor makes it build one.
 */
const keepIdsOnly: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * With nothing to export, no span is recorded: each is a non-recording span, which still has its ids (the
 * parent's trace id or a new one, a span id of its own) for the logs and for the context passed on through
 * the outbox and the broker, but no attributes, no events and no end to process. Its `traceparent` says
 * "not sampled", which is true: nothing of this process's part of the trace is kept.
 */
const recordNothing: Sampler = {
  shouldSample: () => ({ decision: SamplingDecision.NOT_RECORD }),
  toString: () => 'RecordNothing',
};

/** Exporting was asked for by the standard variables: an OTLP endpoint, or an exporter named outright. */
export function exportRequested(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_TRACES_EXPORTER);
}

/**
 * HTTP always: the request's span gives the logs their trace id and the outbox row its context. SQL only
 * when spans are kept: a statement's span would otherwise be made only to be dropped, and the pg
 * instrumentation's wrapper costs more per statement than the rest of tracing per message (bench/README.md).
 */
function tracingInstrumentations({ sql }: { sql: boolean }) {
  const http = new HttpInstrumentation({
    // Asked of every request: the path before any query string, without parsing a whole URL.
    ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '/').split('?', 1)[0] ?? '/'),
  });
  // No express instrumentation: the HTTP span is named after its route by the app itself (http-app.ts),
  // and the instrumentation's wrapper around every middleware of every request cost more CPU per request
  // than all of tracing's other work (bench/README.md, "Tracing's cost").
  if (!sql) return [http];
  // Statements are traced only inside a request or a handler: the relay's and the dispatcher's polls of an
  // idle outbox would otherwise make a trace of their own every few hundred milliseconds.
  return [http, new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true })];
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
  const exporting = options.spanProcessors !== undefined || exportRequested(env);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? service,
    instrumentations: disabled ? [] : tracingInstrumentations({ sql: exporting }),
    // Undefined: the SDK builds the exporter from the OTEL_* variables, behind a BatchSpanProcessor, and the
    // sampler from OTEL_TRACES_SAMPLER.
    spanProcessors: options.spanProcessors ?? (exporting ? undefined : [keepIdsOnly]),
    sampler: exporting ? undefined : recordNothing,
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return sdk;
}
