import { randomUUID } from 'node:crypto';
import { testing } from '@course-platform/service-kit';
import { VideoCommentAdded } from '@course-platform/shared-kernel';
import { aCommentBody, aVideoCommand } from '../support/mothers';
import { call, everythingPublishedFor, startVideosService, type VideosServiceUnderTest } from '../support/videos-service';

let sut: VideosServiceUnderTest;

beforeAll(async () => {
  sut = await startVideosService();
});

afterAll(() => sut.close());

async function aVideo(): Promise<string> {
  const { videoId, ...body } = aVideoCommand();
  expect((await call(sut.baseUrl, 'PUT', `/videos/${videoId}`, body)).status).toBe(201);
  return videoId;
}

const putComment = (videoId: string, commentId: string, body: unknown) => call(sut.baseUrl, 'PUT', `/videos/${videoId}/comments/${commentId}`, body);
const count = (videoId: string) => call(sut.baseUrl, 'GET', `/videos/${videoId}/comments-count`);

describe('PUT /videos/:videoId/comments/:commentId', () => {
  it('posts the comment (201) and publishes videos.comment_added, valid against its contract', async () => {
    const videoId = await aVideo();
    const commentId = randomUUID();
    const body = aCommentBody();
    const answer = await putComment(videoId, commentId, body);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ id: commentId, videoId, ...body });

    const [event] = await sut.probe.waitFor('videos.comment_added', { aggregateId: commentId });
    expect(VideoCommentAdded.schema.parse(event?.data)).toEqual({ commentId, videoId, ...body });
    expect(event?.meta.producer).toBe('videos');
    expect(sut.probe.rejected).toEqual([]);
  });

  it('is idempotent on the comment id: the same PUT again is 200 and publishes nothing', async () => {
    const videoId = await aVideo();
    const commentId = randomUUID();
    const body = aCommentBody();
    const first = await putComment(videoId, commentId, body);
    const again = await putComment(videoId, commentId, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await everythingPublishedFor(sut, commentId)).map((e) => e.type)).toEqual(['videos.comment_added']);
  });

  it('answers 409 COMMENT_CONFLICT for other content under a taken comment id', async () => {
    const videoId = await aVideo();
    const commentId = randomUUID();
    const body = aCommentBody();
    await putComment(videoId, commentId, body);
    const answer = await putComment(videoId, commentId, { ...body, content: 'Something else' });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('COMMENT_CONFLICT');
    const elsewhere = await putComment(await aVideo(), commentId, body);
    expect(elsewhere.body.code).toBe('COMMENT_CONFLICT');
    expect((await everythingPublishedFor(sut, commentId)).map((e) => e.type)).toEqual(['videos.comment_added']);
  });

  it('answers 404 VIDEO_NOT_FOUND for an unknown or deleted video', async () => {
    expect((await putComment(randomUUID(), randomUUID(), aCommentBody())).body.code).toBe('VIDEO_NOT_FOUND');
    const videoId = await aVideo();
    await call(sut.baseUrl, 'DELETE', `/videos/${videoId}`);
    const answer = await putComment(videoId, randomUUID(), aCommentBody());
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('VIDEO_NOT_FOUND');
  });

  it('rejects a blank comment or a malformed author with 400 naming the fields', async () => {
    const answer = await putComment(await aVideo(), randomUUID(), { authorId: 'someone', content: '  ' });
    expect(answer.status).toBe(400);
    expect((answer.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['body.authorId', 'body.content']);
  });
});

describe('GET /videos/:id/comments-count', () => {
  it('answers 0 for a video without comments, then counts each comment once', async () => {
    const videoId = await aVideo();
    expect((await count(videoId)).body).toEqual({ videoId, totalComments: 0 });
    const commentId = randomUUID();
    const body = aCommentBody();
    await putComment(videoId, commentId, body);
    await putComment(videoId, commentId, body);
    await putComment(videoId, randomUUID(), aCommentBody());
    await testing.eventually(async () => expect((await count(videoId)).body).toEqual({ videoId, totalComments: 2 }));
  });

  it('answers 404 for an unknown video', async () => {
    const answer = await count(randomUUID());
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('VIDEO_NOT_FOUND');
  });
});
