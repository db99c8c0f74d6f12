import { randomUUID } from 'node:crypto';
import { VideoCreated, VideoDeleted, VideoUpdated } from '@course-platform/shared-kernel';
import { aVideoCommand } from '../support/mothers';
import { call, everythingPublishedFor, startVideosService, type VideosServiceUnderTest } from '../support/videos-service';

let sut: VideosServiceUnderTest;

beforeAll(async () => {
  sut = await startVideosService();
});

afterAll(() => sut.close());

function aVideo() {
  const { videoId, ...body } = aVideoCommand();
  return { videoId, body };
}

const put = (id: string, body: unknown) => call(sut.baseUrl, 'PUT', `/videos/${id}`, body);
const get = (id: string) => call(sut.baseUrl, 'GET', `/videos/${id}`);
const del = (id: string) => call(sut.baseUrl, 'DELETE', `/videos/${id}`);

const eventsOf = (videoId: string) => everythingPublishedFor(sut, videoId);

describe('PUT /videos/:id', () => {
  it('creates the video (201) and publishes videos.created, valid against its contract', async () => {
    const { videoId, body } = aVideo();
    const answer = await put(videoId, body);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ id: videoId, ...body, revision: 1 });

    const [event] = await sut.probe.waitFor('videos.created', { aggregateId: videoId });
    expect(VideoCreated.schema.parse(event?.data)).toEqual({ videoId, ...body, revision: 1 });
    expect(event?.meta).toMatchObject({ producer: 'videos', correlationId: answer.correlationId, causationId: null });
    expect(sut.probe.rejected).toEqual([]);
  });

  it('changes the video (200) and publishes videos.updated with the changed fields only', async () => {
    const { videoId, body } = aVideo();
    await put(videoId, body);
    const answer = await put(videoId, { ...body, title: '  Renamed  ' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ title: 'Renamed', revision: 2 });

    const [event] = await sut.probe.waitFor('videos.updated', { aggregateId: videoId });
    expect(VideoUpdated.schema.parse(event?.data)).toEqual({ videoId, courseId: body.courseId, revision: 2, changes: { title: 'Renamed' } });
  });

  it('answers 200 and publishes nothing when nothing changes', async () => {
    const { videoId, body } = aVideo();
    await put(videoId, body);
    const again = await put(videoId, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revision: 1 });
    expect((await eventsOf(videoId)).map((e) => e.type)).toEqual(['videos.created']);
  });

  it('rejects invalid input with 400 naming every bad field, writing and publishing nothing', async () => {
    const videoId = randomUUID();
    const answer = await put(videoId, { title: '   ', description: 'd'.repeat(5001), courseId: 'nope', durationSeconds: 0 });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    const fields = (answer.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['body.courseId', 'body.description', 'body.durationSeconds', 'body.title']);
    expect((await get(videoId)).status).toBe(404);
    expect(await eventsOf(videoId)).toEqual([]);
  });

  it('rejects a body missing fields or of the wrong types', async () => {
    const answer = await put(randomUUID(), { title: 12 });
    expect(answer.status).toBe(400);
    const fields = (answer.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['body.courseId', 'body.description', 'body.durationSeconds', 'body.title']);
  });

  it.each([86_401, 10 ** 12, 1e308])('rejects durationSeconds %p with 400 naming its bounds, writing and publishing nothing', async (durationSeconds) => {
    const { videoId, body } = aVideo();
    const answer = await put(videoId, { ...body, durationSeconds });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'body.durationSeconds', message: 'durationSeconds must be whole seconds from 1 to 86400 (24 hours)' }]);
    expect((await get(videoId)).status).toBe(404);
    expect(await eventsOf(videoId)).toEqual([]);
  });

  it('rejects a field it does not know (a typo) with 400 naming it, writing and publishing nothing', async () => {
    const { videoId, body } = aVideo();
    const { durationSeconds, ...rest } = body;
    const answer = await put(videoId, { ...rest, durationSecs: durationSeconds });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { field: 'body.durationSeconds', message: expect.any(String) },
      { field: 'body.durationSecs', message: 'is not a field of this request' },
    ]);
    expect((await get(videoId)).status).toBe(404);
    expect(await eventsOf(videoId)).toEqual([]);
  });

  it('shows the bounds of durationSeconds and the closed body in /openapi.json', async () => {
    type Document = { paths: Record<string, { put: { requestBody: { content: Record<string, { schema: BodySchema }> } } }> };
    type BodySchema = { additionalProperties: unknown; properties: Record<string, unknown> };
    const document = (await call(sut.baseUrl, 'GET', '/openapi.json')).body as Document;
    const schema = document.paths['/videos/{id}']?.put.requestBody.content['application/json']?.schema;
    expect(schema?.additionalProperties).toBe(false);
    expect(schema?.properties.durationSeconds).toMatchObject({ type: 'integer', minimum: 1, maximum: 86_400 });
  });

  it('answers 409 VIDEO_COURSE_IMMUTABLE when the course changes, and publishes nothing', async () => {
    const { videoId, body } = aVideo();
    await put(videoId, body);
    const answer = await put(videoId, { ...body, title: 'Moved', courseId: randomUUID() });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('VIDEO_COURSE_IMMUTABLE');
    expect((await get(videoId)).body).toMatchObject({ title: body.title, courseId: body.courseId, revision: 1 });
    expect((await eventsOf(videoId)).map((e) => e.type)).toEqual(['videos.created']);
  });
});

describe('GET /videos/:id', () => {
  it('reads a video', async () => {
    const { videoId, body } = aVideo();
    const created = await put(videoId, body);
    const answer = await get(videoId);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(created.body);
    expect(answer.body).toMatchObject({ createdAt: expect.any(String), updatedAt: expect.any(String) });
  });

  it('answers 404 problem+json for an unknown video and 400 for a malformed id', async () => {
    const answer = await get(randomUUID());
    expect(answer.status).toBe(404);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('VIDEO_NOT_FOUND');
    expect((await get('not-a-uuid')).status).toBe(400);
  });
});

describe('DELETE /videos/:id', () => {
  it('deletes (204, videos.deleted once); again is 204 without an event; then the video is gone for good', async () => {
    const { videoId, body } = aVideo();
    await put(videoId, body);
    expect((await del(videoId)).status).toBe(204);
    const [event] = await sut.probe.waitFor('videos.deleted', { aggregateId: videoId });
    expect(VideoDeleted.schema.parse(event?.data)).toEqual({ videoId, courseId: body.courseId, revision: 2 });

    expect((await del(videoId)).status).toBe(204);
    expect((await get(videoId)).body.code).toBe('VIDEO_NOT_FOUND');
    const reused = await put(videoId, body);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('VIDEO_DELETED');
    expect((await eventsOf(videoId)).map((e) => e.type)).toEqual(['videos.created', 'videos.deleted']);
  });

  it('answers 404 for an id never used', async () => {
    const answer = await del(randomUUID());
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('VIDEO_NOT_FOUND');
  });
});

describe('the service surface', () => {
  it('documents every route in /openapi.json and serves /docs', async () => {
    const openapi = await call(sut.baseUrl, 'GET', '/openapi.json');
    expect(Object.keys(openapi.body.paths as object).sort()).toEqual([
      '/admin/events',
      '/admin/events/{id}',
      '/admin/outbox',
      '/admin/status',
      '/videos',
      '/videos/{id}',
      '/videos/{id}/comments-count',
      '/videos/{videoId}/comments/{commentId}',
    ]);
    expect(Object.keys((openapi.body.paths as Record<string, object>)['/videos/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    expect((await fetch(`${sut.baseUrl}/docs/`)).status).toBe(200);
  });

  it('reports itself ready with the database and the broker up', async () => {
    const ready = await call(sut.baseUrl, 'GET', '/ready');
    expect(ready).toMatchObject({ status: 200, body: { checks: { database: 'up', broker: 'up' } } });
  });
});
