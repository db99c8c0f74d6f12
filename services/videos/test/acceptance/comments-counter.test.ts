import { randomUUID } from 'node:crypto';
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { aCommentBody, aVideoCommand } from '../support/mothers';
import { call, EXCHANGE, startVideosService, type VideosServiceUnderTest } from '../support/videos-service';

const QUEUE = 'videos.increment_comments_counter_on_video_comment_added';
let sut: VideosServiceUnderTest;

beforeAll(async () => {
  sut = await startVideosService();
});

afterAll(() => sut.close());

/** How many messages the counter's consumer has settled with this outcome, from the service's own metrics. */
const consumed = (outcome: 'handled' | 'duplicate'): Promise<number> => messagingTesting.consumedCount(sut, QUEUE, outcome);

const totalComments = async (videoId: string) =>
  (await call(sut.baseUrl, 'GET', `/videos/${videoId}/comments-count`)).body.totalComments as number;

describe('the comments counter', () => {
  it('counts 100 concurrent comments exactly, and redelivering their events changes nothing', async () => {
    const { videoId, ...video } = aVideoCommand();
    await call(sut.baseUrl, 'PUT', `/videos/${videoId}`, video);
    const commentIds = Array.from({ length: 100 }, () => randomUUID());
    const answers = await Promise.all(commentIds.map((id) => call(sut.baseUrl, 'PUT', `/videos/${videoId}/comments/${id}`, aCommentBody())));
    expect(answers.map((a) => a.status)).toEqual(Array<number>(100).fill(201));

    await testing.eventually(async () => expect(await totalComments(videoId)).toBe(100), { timeoutMs: 20_000 });

    const envelopes = await sut.probe.waitFor('videos.comment_added', { count: 100 });
    const ours = envelopes.filter((e) => (e.data as { videoId: string }).videoId === videoId);
    expect(ours.map((e) => e.aggregateId).sort()).toEqual([...commentIds].sort());
    const settled = async () => (await consumed('handled')) + (await consumed('duplicate'));
    const [settledBefore, duplicatesBefore] = [await settled(), await consumed('duplicate')];
    await Promise.all(
      ours.map((envelope) => messagingTesting.publishRaw(sut.vhost.url, EXCHANGE, envelope.type, envelope, { messageId: envelope.id, type: envelope.type })),
    );

    // Waits until the consumer has settled every copy, then checks it recognised each as already handled.
    await testing.eventually(async () => expect(await settled()).toBeGreaterThanOrEqual(settledBefore + 100), { timeoutMs: 20_000 });
    expect(await consumed('duplicate')).toBe(duplicatesBefore + 100);
    expect(await totalComments(videoId)).toBe(100);
  });
});
