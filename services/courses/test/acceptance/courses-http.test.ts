import { CourseCreated, CourseUpdated } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';
import { call, everythingPublishedFor, startCoursesService, type CoursesServiceUnderTest } from '../support/courses-service';

let sut: CoursesServiceUnderTest;

beforeAll(async () => {
  sut = await startCoursesService();
});

afterAll(() => sut.close());

describe('PUT /courses/:id', () => {
  it('creates (201, courses.created), changes (200, courses.updated) and leaves as is (200, nothing)', async () => {
    const id = randomUUID();
    const created = await call(sut.baseUrl, 'PUT', `/courses/${id}`, { title: ' Event-driven ', description: 'v1' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/courses/${id}`);
    expect(created.body).toEqual({ id, title: 'Event-driven', description: 'v1', revision: 1 });

    const changed = await call(sut.baseUrl, 'PUT', `/courses/${id}`, { title: 'Event-driven', description: 'v2' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ description: 'v2', revision: 2 });

    const unchanged = await call(sut.baseUrl, 'PUT', `/courses/${id}`, { title: 'Event-driven', description: 'v2' });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ revision: 2 });

    const events = await everythingPublishedFor(sut, id);
    expect(events.map((e) => e.type)).toEqual(['courses.created', 'courses.updated']);
    expect(CourseCreated.schema.parse(events[0]?.data)).toEqual({ courseId: id, title: 'Event-driven', description: 'v1' });
    expect(CourseUpdated.schema.parse(events[1]?.data)).toEqual({ courseId: id, changes: { description: 'v2' } });
    expect(sut.probe.of('courses.created', id)[0]?.meta.producer).toBe('courses');
  });

  it('creates one course and publishes one courses.created for concurrent identical PUTs', async () => {
    const id = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call(sut.baseUrl, 'PUT', `/courses/${id}`, { title: 'Once', description: '' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect((await everythingPublishedFor(sut, id)).map((e) => e.type)).toEqual(['courses.created']);
  });

  it.each([
    ['a missing title', { description: '' }],
    ['a title that is not a string', { title: 7, description: '' }],
    ['a blank title', { title: '   ', description: '' }],
    ['a title over 200 characters', { title: 'x'.repeat(201), description: '' }],
    ['a description over 5,000 characters', { title: 'ok', description: 'x'.repeat(5001) }],
  ])('answers %s with problem+json and writes nothing', async (_name, body) => {
    const id = randomUUID();
    const answer = await call(sut.baseUrl, 'PUT', `/courses/${id}`, body);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect((await call(sut.baseUrl, 'GET', `/courses/${id}`)).status).toBe(404);
    expect(await everythingPublishedFor(sut, id)).toEqual([]);
  });

  it('refuses an id that is not a UUID', async () => {
    const answer = await call(sut.baseUrl, 'PUT', '/courses/not-a-uuid', { title: 'T', description: '' });
    expect(answer).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});

describe('GET /courses/:id', () => {
  it('answers a new course with an empty list and zero counters', async () => {
    const id = randomUUID();
    await call(sut.baseUrl, 'PUT', `/courses/${id}`, { title: 'Fresh', description: 'd' });
    const answer = await call(sut.baseUrl, 'GET', `/courses/${id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id, title: 'Fresh', description: 'd', videos: [], videoCount: 0, totalDurationSeconds: 0, studentCount: 0 });
  });

  it('answers 404 COURSE_NOT_FOUND as problem+json for an unknown course', async () => {
    const answer = await call(sut.baseUrl, 'GET', `/courses/${randomUUID()}`);
    expect(answer.status).toBe(404);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('COURSE_NOT_FOUND');
  });
});

describe('GET /courses', () => {
  it('pages through courses with an opaque cursor, oldest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const id = randomUUID();
      await call(sut.baseUrl, 'PUT', `/courses/${id}`, { title: `Paged ${i}`, description: '' });
      ids.push(id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await call(sut.baseUrl, 'GET', `/courses${query}`);
      expect(page.status).toBe(200);
      const items = page.body.items as Array<{ id: string }>;
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items.map((c) => c.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    ['limit=0', 400, 'VALIDATION_FAILED'],
    ['limit=101', 400, 'VALIDATION_FAILED'],
    ['limit=ten', 400, 'VALIDATION_FAILED'],
    ['cursor=bm90LWEtY3Vyc29y', 422, 'INVALID_CURSOR'],
  ])('refuses %s', async (query, status, code) => {
    expect(await call(sut.baseUrl, 'GET', `/courses?${query}`)).toMatchObject({ status, body: { code } });
  });
});

describe('documentation', () => {
  it('serves OpenAPI with every route, and the docs page', async () => {
    const openapi = await call(sut.baseUrl, 'GET', '/openapi.json');
    const paths = openapi.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/courses/{id}'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(paths['/courses'] ?? {})).toEqual(['get']);
    const docs = await fetch(`${sut.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  });

  it('reports ready once the database and the broker answer', async () => {
    expect(await call(sut.baseUrl, 'GET', '/ready')).toMatchObject({ status: 200, body: { checks: { database: 'up', broker: 'up' } } });
  });
});
