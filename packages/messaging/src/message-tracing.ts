import { contextOf } from '@course-platform/service-kit';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { ConsumeMessage } from 'amqplib';

/**
 * The spans of the messaging layer, after OpenTelemetry's messaging conventions: a producer span per published
 * event, a consumer span per handled message. The W3C context travels as AMQP headers of the same names as
 * the outbox's columns, `traceparent` and `tracestate`. Without an SDK every call here is a no-op. The
 * queue is the process span's `messaging.destination.name`; our own attributes are `handler.*`.
 */
const tracer = trace.getTracer('@course-platform/messaging');

/** Where a message span ends: acked (done or a duplicate), sent down the retry path, or dead-lettered. */
export type HandlingResult = 'ack' | 'retry' | 'dead_letter';

export interface PublishSpan {
  span: Span;
  /** The message's trace headers: the span's own context, so each handler's span is its child. */
  headers: Record<string, string>;
}

/**
 * Starts the span of one event's publication, as a child of the transaction that appended it (the context
 * stored in its outbox row): the time the event waited in the outbox is the gap between the two.
 */
export function startPublishSpan(exchange: string, event: { eventId: string; type: string; traceparent: string | null; tracestate: string | null }): PublishSpan {
  const span = tracer.startSpan(
    `publish ${exchange}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.operation.type': 'send',
        'messaging.destination.name': exchange,
        'messaging.rabbitmq.destination.routing_key': event.type,
        'messaging.message.id': event.eventId,
      },
    },
    contextOf(event),
  );
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), headers);
  return { span, headers };
}

export function endPublishSpans(spans: readonly PublishSpan[], error?: unknown): void {
  for (const { span } of spans) {
    if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.end();
  }
}

/**
 * The span of one message's handling by one handler queue, child of the context in its headers: a retried
 * copy and a replayed dead letter carry the same headers, so every attempt joins the original trace. It
 * records the attempt, the inbox's verdict (new / duplicate) and the result; SQL and log lines written while
 * the handler runs in it (`run`) belong to it.
 */
export class HandlingSpan {
  private readonly span: Span;
  private readonly context: Context;

  constructor(queue: string, message: ConsumeMessage, attempt: number) {
    this.span = tracer.startSpan(
      `process ${queue}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'rabbitmq',
          'messaging.operation.type': 'process',
          'messaging.destination.name': queue,
          'messaging.rabbitmq.destination.routing_key': String(message.properties.headers?.['x-original-routing-key'] ?? message.fields.routingKey),
          'messaging.message.id': String(message.properties.messageId ?? ''),
          'handler.attempt': attempt,
        },
      },
      contextOf(message.properties.headers),
    );
    this.context = trace.setSpan(ROOT_CONTEXT, this.span);
  }

  run<T>(fn: () => T): T {
    return context.with(this.context, fn);
  }

  inbox(outcome: 'new' | 'duplicate'): void {
    this.span.setAttribute('handler.inbox', outcome);
  }

  /** Ends the span; a result-less end is a message left to the broker to redeliver. */
  end(result: HandlingResult | undefined, error?: unknown): void {
    if (result) this.span.setAttribute('handler.result', result);
    if (error !== undefined) {
      this.span.recordException(error instanceof Error ? error : String(error));
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    }
    this.span.end();
  }
}
