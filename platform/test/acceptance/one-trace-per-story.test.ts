import { randomUUID } from 'node:crypto';
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { Client } from 'pg';
import { ChildService } from '../../src/launcher/child-service';
import type { ServiceLaunch } from '../../src/launcher/platform-env';
import { platformExchange } from '../../src/platform-subscriptions';
import { mailEnv } from '../support/in-process-services';

// Issue 15's story, as deployed: three service processes with tracing preloaded, exporting over OTLP/HTTP to
// a receiver of this test. One trace must hold the request, the relay's publish, both handlers and the email.

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;
const SEND_EMAIL = 'process users.send_email_on_video_created';
const ADD_VIDEO = 'process courses.add_video_on_video_created';

let db: testing.TestDatabase;
let vhost: testing.TestVhost;
let sink: testing.SmtpSink;
let receiver: testing.OtlpReceiver;
const logLines: string[] = [];
const services = new Map<ServiceLaunch['name'], ChildService>();

async function put(name: ServiceLaunch['name'], path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${services.get(name)!.url}${path}`, {
    method: 'PUT',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  [db, vhost, sink, receiver] = await Promise.all([testing.createTestDatabase(), testing.createTestVhost(), testing.SmtpSink.start(), testing.OtlpReceiver.start()]);
  const common = {
    RABBITMQ_URL: vhost.url,
    EVENTS_EXCHANGE: platformExchange,
    // Long enough for the late course of the retry story to arrive before the attempts run out.
    RETRY_DELAYS_MS: '500,1000,2000,4000,8000',
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    // The batch processor's default is 5 s: spans reach the receiver sooner, and the test waits less.
    OTEL_BSP_SCHEDULE_DELAY: '100',
  };
  for (const name of ['videos', 'courses', 'users'] as const) {
    const env = { ...common, PORT: String(await testing.freePort()), DATABASE_URL: db.urlFor(`${name}_service`), ...(name === 'users' ? mailEnv(sink.url) : {}) };
    const service = new ChildService({ name, port: Number(env.PORT), env }, (line) => logLines.push(line), false);
    services.set(name, service);
    service.start();
  }
  await Promise.all([...services.values()].map((service) => service.waitReady(90_000)));
}, 180_000);

afterAll(async () => {
  await Promise.all([...services.values()].map((service) => service.stop()));
  await Promise.all([receiver?.stop(), sink?.stop()]);
  await vhost?.drop();
  await db?.drop();
});

/** The span a predicate finds in the receiver, once it has arrived. */
const spanWhere = (predicate: (span: testing.ReceivedSpan) => boolean) =>
  testing.eventually(() => receiver.spans.find(predicate) ?? false, { timeoutMs: 30_000 });

/** The videos service's server span of one request. */
const requestSpan = (path: string) =>
  spanWhere((s) => s.service === 'videos' && s.kind === SERVER && (s.attributes['url.path'] ?? s.attributes['http.target']) === path);

/** Whether `span` descends from `ancestor`, within the spans of its trace. */
function descendsFrom(span: testing.ReceivedSpan, ancestor: testing.ReceivedSpan): boolean {
  const byId = new Map(receiver.trace(span.traceId).map((s) => [s.spanId, s]));
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) if (parent.spanId === ancestor.spanId) return true;
  return false;
}

test('one trace holds the request, the publish, both handlers and the email; a duplicate sends nothing more', async () => {
  const [courseId, studentId, videoId] = [randomUUID(), randomUUID(), randomUUID()];
  const email = `traced.${studentId.slice(0, 8)}@example.com`;
  expect(await put('courses', `/courses/${courseId}`, { title: 'Tracing', description: 'One trace per story.' })).toBe(201);
  expect(await put('users', `/users/${studentId}`, { name: 'Traced Student', username: `t_${studentId.slice(0, 12)}`, email })).toBe(201);
  await testing.eventually(async () => expect(await put('users', `/users/${studentId}/enrollments/${courseId}`)).toBe(201), { timeoutMs: 30_000 });
  expect(await put('videos', `/videos/${videoId}`, { title: 'Spans', description: 'Across processes.', courseId, durationSeconds: 300 })).toBe(201);
  await testing.eventually(() => expect(sink.to(email)).toHaveLength(1), { timeoutMs: 30_000 });

  const request = await requestSpan(`/videos/${videoId}`);
  expect(request.attributes['http.route']).toBe('/videos/:id');
  const publish = await spanWhere((s) => s.traceId === request.traceId && s.kind === PRODUCER);
  expect(publish).toMatchObject({ service: 'videos', name: `publish ${platformExchange}` });
  expect(publish.attributes).toMatchObject({ 'messaging.system': 'rabbitmq', 'messaging.destination.name': platformExchange, 'messaging.rabbitmq.destination.routing_key': 'videos.created' });
  expect(descendsFrom(publish, request)).toBe(true);

  const courses = await spanWhere((s) => s.traceId === request.traceId && s.name === ADD_VIDEO);
  const users = await spanWhere((s) => s.traceId === request.traceId && s.name === SEND_EMAIL);
  for (const [span, service] of [[courses, 'courses'], [users, 'users']] as const) {
    expect(span).toMatchObject({ service, kind: CONSUMER, parentSpanId: publish.spanId });
    expect(span.attributes).toMatchObject({ 'handler.attempt': 1, 'handler.inbox': 'new', 'handler.result': 'ack', 'messaging.message.id': publish.attributes['messaging.message.id'] });
  }
  const smtp = await spanWhere((s) => s.traceId === request.traceId && s.name === 'smtp send');
  expect(smtp).toMatchObject({ service: 'users', parentSpanId: users.spanId });
  // The handler's SQL is its children: the notifications insert among them.
  await spanWhere((s) => s.parentSpanId === users.spanId && String(s.attributes['db.query.text'] ?? s.attributes['db.statement']).includes('insert into notifications'));

  // The broker delivers the same event again, with the headers it had: both handlers see a duplicate.
  const client = new Client({ connectionString: db.urlFor('videos_service') });
  await client.connect();
  const { rows } = await client.query<{ envelope: string }>("select envelope from videos.outbox where type = 'videos.created' and envelope::jsonb->>'aggregateId' = $1", [videoId]);
  await client.end();
  const headers = { traceparent: `00-${publish.traceId}-${publish.spanId}-01` };
  await messagingTesting.publishRaw(vhost.url, platformExchange, 'videos.created', rows[0]!.envelope, { messageId: String(publish.attributes['messaging.message.id']), type: 'videos.created', headers });
  const duplicate = await spanWhere((s) => s.traceId === request.traceId && s.name === SEND_EMAIL && s.attributes['handler.inbox'] === 'duplicate');
  expect(duplicate).toMatchObject({ parentSpanId: publish.spanId, attributes: expect.objectContaining({ 'handler.result': 'ack' }) });
  await spanWhere((s) => s.traceId === request.traceId && s.name === ADD_VIDEO && s.attributes['handler.inbox'] === 'duplicate');
  // The email's sender is not asked again: its span would have arrived with the duplicate's.
  expect(receiver.trace(request.traceId).filter((s) => s.name === 'smtp send')).toHaveLength(1);
  expect(sink.to(email)).toHaveLength(1);
});

test('a message that failed and was retried stays in its trace, and the logs of its failure carry the trace id', async () => {
  // The video comes before its course: users cannot queue its email yet, fails, and retries after a delay.
  const [courseId, videoId] = [randomUUID(), randomUUID()];
  expect(await put('videos', `/videos/${videoId}`, { title: 'Early', description: 'Before its course.', courseId, durationSeconds: 60 })).toBe(201);
  const request = await requestSpan(`/videos/${videoId}`);
  const failed = await spanWhere((s) => s.traceId === request.traceId && s.name === SEND_EMAIL && s.attributes['handler.result'] === 'retry');
  expect(failed.attributes['handler.attempt']).toBe(1);
  expect(await put('courses', `/courses/${courseId}`, { title: 'Late', description: 'After its video.' })).toBe(201);

  const handled = await spanWhere((s) => s.traceId === request.traceId && s.name === SEND_EMAIL && s.attributes['handler.result'] === 'ack');
  expect(handled.attributes['handler.attempt']).toBeGreaterThan(1);
  // Every attempt is a child of the same publish span: the retried copy kept the original's headers.
  expect(handled.parentSpanId).toBe(failed.parentSpanId);
  const retryLog = logLines.find((line) => line.startsWith('[users') && line.includes('handler failed; retrying') && line.includes(`trace_id=${request.traceId}`));
  expect(retryLog).toContain(`span_id=${failed.spanId}`);
});
