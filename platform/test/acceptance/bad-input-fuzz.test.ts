import { randomUUID } from 'node:crypto';
import * as fc from 'fast-check';
import { testing } from '@course-platform/service-kit';
import { junkString, notUuid } from '../support/bad-values';
import { startInProcess, mailEnv, type InProcessService, type ServiceName } from '../support/in-process-services';
import { badQuery, byIds, describeRequest, idChoice, putWithBody, unknownRoutes, type FuzzRequest } from '../support/malformed-requests';
import { snapshotSchema } from '../support/schema-snapshot';

// Every endpoint of every service, fed generated requests that each carry at least one defect: every answer
// is a 4xx problem+json with a code, never a 5xx, and no table of the service's schema changes.

// Bodies have many more ways to be wrong than ids and queries: they get more runs.
const RUNS = { body: 100, other: 35 };
const names: ServiceName[] = ['videos', 'courses', 'users'];
const seeded = { videoId: randomUUID(), courseId: randomUUID(), userId: randomUUID() };
const valid = {
  video: { title: 'Seeded video', description: 'Kept as it is.', courseId: seeded.courseId, durationSeconds: 60 },
  comment: { authorId: seeded.userId, content: 'Nice one' },
  course: { title: 'Seeded course', description: 'Kept as it is.' },
  user: { name: 'Ada Seed', username: `ada_${seeded.userId.slice(0, 8)}`, email: `ada.${seeded.userId.slice(0, 8)}@example.com` },
};

const goodLimit = (max: number) => fc.integer({ min: 1, max }).map(String);
const badLimit = (max: number) =>
  fc.oneof(
    fc.constantFrom('0', '-1', String(max + 1), '1.5', 'abc', '', ' ', '1e9', 'Infinity', 'NaN'),
    junkString.filter((value) => !(Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= max)),
  );
// No cursor was handed out, so every cursor is bad: malformed ones (400) or well-formed foreign ones (422).
const badCursor = fc.oneof(junkString, fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }), fc.string({ unit: 'grapheme-ascii', minLength: 513, maxLength: 700 }));
const get = (path: string): FuzzRequest => ({ method: 'GET', path, headers: {} });

const endpoints: Array<{ service: ServiceName; route: string; requests: fc.Arbitrary<FuzzRequest>; runs?: number }> = [
  {
    service: 'videos',
    route: 'PUT /videos/:id',
    runs: RUNS.body,
    requests: putWithBody(([id]) => `/videos/${id}`, [idChoice([seeded.videoId])], {
      fields: { title: 'title', description: 'description', courseId: 'uuid', durationSeconds: 'duration' },
      valid: valid.video,
    }),
  },
  { service: 'videos', route: 'GET /videos/:id', requests: byIds('GET', ([id]) => `/videos/${id}`, [idChoice()]) },
  {
    service: 'videos',
    route: 'GET /videos',
    requests: badQuery({ courseId: { bad: notUuid, good: fc.uuid({ version: 4 }) }, limit: { bad: badLimit(100), good: goodLimit(100) }, cursor: { bad: badCursor } }).map((q) => get(`/videos?${q}`)),
  },
  { service: 'videos', route: 'DELETE /videos/:id', requests: byIds('DELETE', ([id]) => `/videos/${id}`, [idChoice()]) },
  {
    service: 'videos',
    route: 'PUT /videos/:videoId/comments/:commentId',
    runs: RUNS.body,
    requests: putWithBody(([video, comment]) => `/videos/${video}/comments/${comment}`, [idChoice([seeded.videoId]), idChoice()], {
      fields: { authorId: 'uuid', content: 'content' },
      valid: valid.comment,
    }),
  },
  { service: 'videos', route: 'GET /videos/:id/comments-count', requests: byIds('GET', ([id]) => `/videos/${id}/comments-count`, [idChoice()]) },
  {
    service: 'courses',
    route: 'PUT /courses/:id',
    runs: RUNS.body,
    requests: putWithBody(([id]) => `/courses/${id}`, [idChoice([seeded.courseId])], { fields: { title: 'title', description: 'description' }, valid: valid.course }),
  },
  { service: 'courses', route: 'GET /courses/:id', requests: byIds('GET', ([id]) => `/courses/${id}`, [idChoice()]) },
  { service: 'courses', route: 'GET /courses', requests: badQuery({ limit: { bad: badLimit(100), good: goodLimit(100) }, cursor: { bad: badCursor } }).map((q) => get(`/courses?${q}`)) },
  {
    service: 'users',
    route: 'PUT /users/:id',
    runs: RUNS.body,
    requests: putWithBody(([id]) => `/users/${id}`, [idChoice([seeded.userId])], { fields: { name: 'name', username: 'username', email: 'email' }, valid: valid.user }),
  },
  { service: 'users', route: 'GET /users/:id', requests: byIds('GET', ([id]) => `/users/${id}`, [idChoice()]) },
  // The users service knows no course (its projection is fed by events, and none come): every enrollment is refused.
  {
    service: 'users',
    route: 'PUT /users/:id/enrollments/:courseId',
    requests: byIds('PUT', ([user, course]) => `/users/${user}/enrollments/${course}`, [idChoice([seeded.userId]), idChoice()]),
  },
  { service: 'users', route: 'GET /users/:id/enrollments', requests: byIds('GET', ([id]) => `/users/${id}/enrollments`, [idChoice()]) },
  {
    service: 'users',
    route: 'GET /users/:id/notifications',
    requests: fc.oneof(
      byIds('GET', ([id]) => `/users/${id}/notifications`, [idChoice()]),
      badQuery({ limit: { bad: badLimit(500), good: goodLimit(500) } }).map((q) => get(`/users/${seeded.userId}/notifications?${q}`)),
    ),
  },
  {
    service: 'videos',
    route: 'unknown methods and paths',
    requests: unknownRoutes([`/videos/${seeded.videoId}`, '/videos', `/videos/${seeded.videoId}/comments/${randomUUID()}`, `/videos/${seeded.videoId}/comments-count`]),
  },
  { service: 'courses', route: 'unknown methods and paths', requests: unknownRoutes([`/courses/${seeded.courseId}`, '/courses']) },
  {
    service: 'users',
    route: 'unknown methods and paths',
    requests: unknownRoutes([`/users/${seeded.userId}`, `/users/${seeded.userId}/enrollments/${seeded.courseId}`, `/users/${seeded.userId}/enrollments`, `/users/${seeded.userId}/notifications`]),
  },
];

const running = new Map<ServiceName, { service: InProcessService; db: testing.TestDatabase; vhost: testing.TestVhost }>();
const sent = new Map<string, number>();
let sink: testing.SmtpSink;

function runningOf(name: ServiceName) {
  const found = running.get(name);
  if (!found) throw new Error(`${name} is not running`);
  return found;
}

async function put(name: ServiceName, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${runningOf(name).service.baseUrl}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
}

/** The seeded rows' events are published (the relay writes published_at), so nothing moves in the schemas after. */
async function outboxPublished(name: ServiceName): Promise<void> {
  await testing.eventually(async () => expect(await runningOf(name).service.knex('outbox').whereNull('published_at').count({ n: '*' })).toEqual([{ n: '0' }]));
}

beforeAll(async () => {
  sink = await testing.SmtpSink.start();
  for (const name of names) {
    const db = await testing.createTestDatabase();
    const vhost = await testing.createTestVhost();
    running.set(name, { db, vhost, service: await startInProcess(name, db, vhost, name === 'users' ? mailEnv(sink.url) : {}) });
  }
  await put('videos', `/videos/${seeded.videoId}`, valid.video);
  await put('courses', `/courses/${seeded.courseId}`, valid.course);
  await put('users', `/users/${seeded.userId}`, valid.user);
  await Promise.all(names.map(outboxPublished));
});

afterAll(async () => {
  for (const { service, db, vhost } of running.values()) {
    await service.stop();
    await vhost.drop();
    await db.drop();
  }
  await sink?.stop();
});

/** Why an answer is not a 4xx problem+json with a code, or null when it is one. */
async function defectOf(response: Response): Promise<string | null> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  let body: { status?: unknown; code?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `HTTP ${response.status} ${type}, not JSON: ${text.slice(0, 200)}`;
  }
  const ok = response.status >= 400 && response.status < 500 && type.startsWith('application/problem+json') && typeof body.code === 'string' && body.status === response.status;
  return ok ? null : `HTTP ${response.status} ${type} ${text.slice(0, 300)}`;
}

test.each(endpoints.map((endpoint) => [`${endpoint.service} ${endpoint.route}`, endpoint] as const))(
  '%s answers every malformed request with a 4xx problem and writes nothing',
  async (label, endpoint) => {
    const { service, db } = runningOf(endpoint.service);
    const before = await snapshotSchema(db.superuserUrl, endpoint.service);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['outbox', 'inbox']));
    await fc.assert(
      fc.asyncProperty(endpoint.requests, async (request) => {
        const response = await fetch(`${service.baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual' });
        sent.set(label, (sent.get(label) ?? 0) + 1);
        const defect = await defectOf(response);
        if (defect) throw new Error(`${describeRequest(request)}\n  -> ${defect}`);
      }),
      { numRuns: endpoint.runs ?? RUNS.other },
    );
    expect(await snapshotSchema(db.superuserUrl, endpoint.service)).toEqual(before);
  },
);

test('at least 500 malformed requests went to the endpoints, every endpoint of every service among them', () => {
  expect([...sent.keys()].sort()).toEqual(endpoints.map((e) => `${e.service} ${e.route}`).sort());
  expect([...sent.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(500);
});
