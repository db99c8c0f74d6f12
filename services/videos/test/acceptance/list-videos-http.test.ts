import { randomUUID } from 'node:crypto';
import { aVideoCommand } from '../support/mothers';
import { call, startVideosService, type VideosServiceUnderTest } from '../support/videos-service';

let sut: VideosServiceUnderTest;

beforeAll(async () => {
  sut = await startVideosService();
});

afterAll(() => sut.close());

const list = (query: string) => call(sut.baseUrl, 'GET', `/videos?${query}`);

async function walk(courseId: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const answer = await list(`courseId=${courseId}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status).toBe(200);
    const items = answer.body.items as Array<{ id: string; courseId: string }>;
    expect(items.length).toBeLessThanOrEqual(limit);
    ids.push(...items.map((item) => item.id));
    cursor = answer.body.nextCursor as string | null;
  } while (cursor);
  return ids;
}

describe('GET /videos', () => {
  const courseId = randomUUID();
  const ids: string[] = [];

  beforeAll(async () => {
    // Concurrent creation, so several videos may share a creation instant and the id must break ties.
    const commands = Array.from({ length: 7 }, () => aVideoCommand({ courseId }));
    await Promise.all(commands.map(({ videoId, ...body }) => call(sut.baseUrl, 'PUT', `/videos/${videoId}`, body)));
    ids.push(...commands.map((c) => c.videoId));
    const { videoId, ...other } = aVideoCommand();
    await call(sut.baseUrl, 'PUT', `/videos/${videoId}`, other);
  });

  it('walks a course page by page in a stable order, each video once, ending with a null cursor', async () => {
    const all = await list(`courseId=${courseId}&limit=100`);
    const inOrder = (all.body.items as Array<{ id: string }>).map((item) => item.id);
    expect([...inOrder].sort()).toEqual([...ids].sort());
    expect(all.body.nextCursor).toBeNull();
    expect(await walk(courseId, 3)).toEqual(inOrder);
    expect(await walk(courseId, 1)).toEqual(inOrder);
  });

  it('defaults to 20 a page and lists every course without a filter', async () => {
    const more = Array.from({ length: 14 }, () => aVideoCommand());
    await Promise.all(more.map(({ videoId, ...body }) => call(sut.baseUrl, 'PUT', `/videos/${videoId}`, body)));
    const first = await list('');
    expect((first.body.items as unknown[]).length).toBe(20);
    const second = await list(`cursor=${first.body.nextCursor as string}`);
    const listed = [...(first.body.items as Array<{ id: string }>), ...(second.body.items as Array<{ id: string }>)].map((item) => item.id);
    expect(listed).toEqual(expect.arrayContaining([...ids, ...more.map((c) => c.videoId)]));
  });

  it('leaves deleted videos out', async () => {
    const { videoId, ...body } = aVideoCommand();
    const course = body.courseId;
    await call(sut.baseUrl, 'PUT', `/videos/${videoId}`, body);
    await call(sut.baseUrl, 'DELETE', `/videos/${videoId}`);
    expect((await list(`courseId=${course}`)).body).toEqual({ items: [], nextCursor: null });
  });

  it.each(['limit=0', 'limit=101', 'limit=abc', 'courseId=nope', 'cursor=not%20base64'])('answers 400 for %s', async (query) => {
    const answer = await list(query);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers 422 INVALID_CURSOR for a cursor it did not hand out', async () => {
    const answer = await list(`cursor=${Buffer.from('{"forged":true}').toString('base64url')}`);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('INVALID_CURSOR');
  });
});
