import { activeTraceCarrier, type TraceCarrier } from '@course-platform/service-kit';
import type { EventEnvelope } from '@course-platform/shared-kernel';
import type { HandlingSpan } from './message-tracing';

/** The process span of the message that delivered each event of a batch, while the batch is handled. */
const spans = new WeakMap<EventEnvelope, HandlingSpan>();

/** Called by the consumer before it hands a batch to `handleBatch`. */
export function bindEventToSpan(event: EventEnvelope, span: HandlingSpan): void {
  spans.set(event, span);
}

/**
 * The W3C trace context of the message that delivered `event`. A `handleBatch` runs in no single message's
 * span, so a row it writes for one event of the batch to act on later (an email to send) takes its context
 * from here and the later work joins that message's trace. Outside a batch: the active context, which
 * inside `handle` is the message's own.
 */
export function eventTraceCarrier(event: EventEnvelope): TraceCarrier {
  const span = spans.get(event);
  return span ? span.run(activeTraceCarrier) : activeTraceCarrier();
}
