import { testing } from '@course-platform/service-kit';
import { startTracing, type SpanProcessor } from '@course-platform/service-kit/tracing';
import { SpanKind, trace } from '@opentelemetry/api';
import { eventTraceCarrier, PermanentHandlerError, replayDeadLetters, type EventBus, type EventHandler } from '../../src';
import { MessageRecords } from '../../src/admin/message-records';
import { createHarness, exchange, recordingHandler, videoCreated, type Harness } from '../support/harness';

// The trace context through the outbox and the broker, with service-kit's SDK recording the spans this
// process ends: the outbox row, the publish span, the process span, and a dead letter's replay.

type EndedSpan = Parameters<SpanProcessor['onEnd']>[0];
const ended: EndedSpan[] = [];
const recorder: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (span) => void ended.push(span),
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
let sdk: ReturnType<typeof startTracing>;
let h: Harness;
let bus: EventBus;
/** Events the handler refuses for good while their id is here. */
const refused = new Set<string>();
const handler = recordingHandler('courses.add_video_on_video_created', (event) => {
  if (refused.has(event.id)) throw new PermanentHandlerError('refused by the test');
});

beforeAll(async () => {
  sdk = startTracing('messaging-test', { spanProcessors: [recorder] });
  h = await createHarness();
  bus = await h.startBus([handler]);
});
afterAll(async () => {
  await h.cleanup();
  await sdk.shutdown();
});

/** Appends one event in a transaction inside a span of its own, as a request does; returns both. */
async function appendInSpan(): Promise<{ eventId: string; traceId: string; spanId: string }> {
  const event = videoCreated();
  return trace.getTracer('test').startActiveSpan('request', async (span) => {
    await h.knex.transaction((trx) => bus.outbox.append(trx, [event]));
    span.end();
    return { eventId: event.id, ...span.spanContext() };
  });
}

const spanWhere = (predicate: (span: EndedSpan) => boolean) => testing.eventually(() => ended.find(predicate) ?? false, { timeoutMs: 15_000 });
const ids = (span: EndedSpan) => ({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, parentSpanId: span.parentSpanContext?.spanId });

test('the outbox keeps the context of its transaction; the publish span is its child, the process span the publish span’s', async () => {
  const request = await appendInSpan();
  const row = await h.knex('outbox').where({ event_id: request.eventId }).first('traceparent');
  expect(row.traceparent).toBe(`00-${request.traceId}-${request.spanId}-01`);
  // What the console's journey links to.
  expect((await new MessageRecords(h.knex, []).outboxRecord(request.eventId))?.traceId).toBe(request.traceId);

  const publish = await spanWhere((s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.message.id'] === request.eventId);
  expect(publish.name).toBe(`publish ${exchange}`);
  expect(ids(publish)).toMatchObject({ traceId: request.traceId, parentSpanId: request.spanId });
  const processed = await spanWhere((s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.message.id'] === request.eventId);
  expect(processed.name).toBe(`process ${handler.queue}`);
  expect(ids(processed)).toMatchObject({ traceId: request.traceId, parentSpanId: ids(publish).spanId });
  expect(processed.attributes).toMatchObject({ 'messaging.destination.name': handler.queue, 'handler.attempt': 1, 'handler.inbox': 'new', 'handler.result': 'ack' });
});

test('a dead-lettered message, replayed, is handled again in the same trace', async () => {
  const request = await appendInSpan();
  refused.add(request.eventId);
  const deadLettered = await spanWhere((s) => s.attributes['messaging.message.id'] === request.eventId && s.attributes['handler.result'] === 'dead_letter');
  expect(ids(deadLettered).traceId).toBe(request.traceId);

  refused.delete(request.eventId);
  expect(await replayDeadLetters(h.vhost.url, handler.queue)).toBe(1);
  const replayed = await spanWhere((s) => s.attributes['messaging.message.id'] === request.eventId && s.attributes['handler.result'] === 'ack');
  expect(ids(replayed)).toMatchObject({ traceId: request.traceId, parentSpanId: ids(deadLettered).parentSpanId });
});

test('in a batch taken whole, each message keeps its process span, verdict and result; the batch call runs in none of them', async () => {
  const spansOfBatchCalls: Array<string | undefined> = [];
  /** What eventTraceCarrier gave the batch call for each of its events. */
  const carriers = new Map<string, string | undefined>();
  const batched = recordingHandler('courses.traced_batch_on_video_created');
  const batchHandler: EventHandler = {
    ...batched,
    async handleBatch(events, trx) {
      spansOfBatchCalls.push(trace.getActiveSpan()?.spanContext().spanId);
      for (const event of events) carriers.set(event.id, eventTraceCarrier(event).traceparent);
      await trx('applied').insert(events.map((event) => ({ handler: batched.queue, event_id: event.id })));
    },
  };
  // A linger long enough for the five events of one commit to make one batch.
  await h.startBus([batchHandler], { consumerBatchLingerMs: 200 });
  const events = Array.from({ length: 5 }, () => videoCreated());
  await h.knex.transaction((trx) => bus.outbox.append(trx, events));

  for (const event of events) {
    const processed = await spanWhere(
      (s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.message.id'] === event.id && s.attributes['messaging.destination.name'] === batched.queue,
    );
    expect(processed.attributes).toMatchObject({ 'handler.attempt': 1, 'handler.inbox': 'new', 'handler.result': 'ack' });
    // Work the batch call leaves for later (an email to send) can join the trace of the message it came in.
    if (carriers.has(event.id)) expect(carriers.get(event.id)).toBe(`00-${ids(processed).traceId}-${ids(processed).spanId}-01`);
  }
  expect(carriers.size).toBeGreaterThan(1);
  expect(spansOfBatchCalls.length).toBeGreaterThan(0);
  expect(spansOfBatchCalls.every((spanId) => spanId === undefined)).toBe(true);
});
