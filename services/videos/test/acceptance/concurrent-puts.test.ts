import { aVideoCommand } from '../support/mothers';
import { call, everythingPublishedFor, startVideosService, type VideosServiceUnderTest } from '../support/videos-service';

let sut: VideosServiceUnderTest;

beforeAll(async () => {
  sut = await startVideosService();
});

afterAll(() => sut.close());

describe('concurrent PUTs of one video', () => {
  it('20 identical PUTs at once create one video and publish exactly one videos.created', async () => {
    const { videoId, ...body } = aVideoCommand();
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(sut.baseUrl, 'PUT', `/videos/${videoId}`, body)));

    expect(answers.map((a) => a.status).sort((a, b) => a - b)).toEqual([...Array<number>(19).fill(200), 201]);
    for (const answer of answers) expect(answer.body).toMatchObject({ id: videoId, ...body, revision: 1 });
    const rows = await sut.service.knex('videos').where({ id: videoId });
    expect(rows).toHaveLength(1);
    expect((await everythingPublishedFor(sut, videoId)).map((e) => e.type)).toEqual(['videos.created']);
  });

  it('20 different PUTs at once each land once, in a chain of revisions without gaps', async () => {
    const { videoId, ...body } = aVideoCommand();
    await call(sut.baseUrl, 'PUT', `/videos/${videoId}`, body);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(sut.baseUrl, 'PUT', `/videos/${videoId}`, { ...body, title: `Take ${i}` })),
    );

    // Each writer either won a revision or, after losing every retry, was told so: nothing is lost silently.
    const applied = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    for (const answer of refused) expect(answer.body.code).toBe('VIDEO_CONCURRENTLY_MODIFIED');
    const events = await everythingPublishedFor(sut, videoId);
    const revisions = events.map((e) => (e.data as { revision: number }).revision);
    expect(revisions).toEqual(Array.from({ length: applied.length + 1 }, (_, i) => i + 1));
  });
});
