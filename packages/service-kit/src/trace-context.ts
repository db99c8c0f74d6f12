import { context, propagation, ROOT_CONTEXT, trace, type Context, type TracerProvider } from '@opentelemetry/api';

/**
 * The W3C trace context (`traceparent`, `tracestate`) as it travels where no live span can: in an outbox or
 * notification row, in a message's headers. Empty when no SDK runs (tests in process), then nothing is stored.
 */
export type TraceCarrier = Record<string, string>;

/** The context of the active span, to be stored with a row written now and resumed by whoever reads it. */
export function activeTraceCarrier(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The context a carrier holds; the root context (a new trace) for an empty one. */
export function contextOf(carrier: Readonly<Record<string, unknown>> | undefined): Context {
  const headers: TraceCarrier = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = carrier?.[name];
    if (typeof value === 'string') headers[name] = value;
    else if (Buffer.isBuffer(value)) headers[name] = value.toString();
  }
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** trace_id and span_id of the active span, for a log line; nothing outside a request or handler. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Long enough for a reachable collector; short of the exporter's own 10 s, which would eat a stop's deadline. */
const FLUSH_LIMIT_MS = 2_000;

/**
 * Sends the spans still buffered, before the process exits: the SDK's batch processor would lose them. A
 * no-op without an SDK. A collector that is down or silent must not turn a clean stop into a failed or late
 * one: past the limit, or on an error, those spans are given up.
 */
export async function flushTraces(): Promise<void> {
  const provider = trace.getTracerProvider() as TracerProvider & { getDelegate?: () => TracerProvider & { forceFlush?: () => Promise<void> } };
  const flushed = provider.getDelegate?.().forceFlush?.();
  if (!flushed) return;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_LIMIT_MS)));
  await Promise.race([flushed.catch(() => undefined), limit]);
  clearTimeout(timer);
}
