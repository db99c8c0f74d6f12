import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '@course-platform/shared-kernel';
import { DeleteVideo } from '../../src/application/delete-video';
import { ListVideos } from '../../src/application/list-videos';
import { SaveVideo } from '../../src/application/save-video';
import { InMemoryVideoRepository } from '../support/in-memory-video-repository';
import { aVideoCommand } from '../support/mothers';

async function collect(list: ListVideos, query: { courseId?: string; limit?: number }): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list.execute({ ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((video) => video.id.value));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('ListVideos', () => {
  const courseId = randomUUID();
  const videos = new InMemoryVideoRepository();
  const created: string[] = [];
  // Two videos share each instant, so the id has to break the tie for the order to be total.
  const instants = [0, 0, 1, 1, 2, 2, 3].map((minute) => new Date(Date.UTC(2025, 0, 1, 0, minute)));

  beforeAll(async () => {
    for (const at of instants) {
      const command = aVideoCommand({ courseId });
      await new SaveVideo(videos, () => at).execute(command);
      created.push(command.videoId);
    }
    await new SaveVideo(videos).execute(aVideoCommand());
  });

  const expectedOrder = () =>
    created
      .map((id) => ({ id, at: videos.rows.get(id)?.createdAt.getTime() ?? 0 }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
      .map((v) => v.id);

  it('walks a course in (createdAt, id) order, page by page, with no duplicates or gaps', async () => {
    expect(await collect(new ListVideos(videos), { courseId, limit: 2 })).toEqual(expectedOrder());
  });

  it('ends with a null cursor and defaults to pages of 20', async () => {
    const page = await new ListVideos(videos).execute({ courseId });
    expect(page.items).toHaveLength(instants.length);
    expect(page.nextCursor).toBeNull();
  });

  it('leaves deleted videos out', async () => {
    const [gone] = created;
    await new DeleteVideo(videos).execute(gone as string);
    expect(await collect(new ListVideos(videos), { courseId, limit: 3 })).toEqual(expectedOrder().filter((id) => id !== gone));
  });

  it.each([0, 101, 2.5])('rejects a limit of %p', async (limit) => {
    await expect(new ListVideos(videos).execute({ limit })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it.each(['garbage', Buffer.from('["yesterday","x"]').toString('base64url'), Buffer.from('{}').toString('base64url')])(
    'rejects a cursor it did not hand out (%s)',
    async (cursor) => {
      await expect(new ListVideos(videos).execute({ cursor })).rejects.toMatchObject({ code: 'INVALID_CURSOR', field: 'cursor' });
    },
  );
});
