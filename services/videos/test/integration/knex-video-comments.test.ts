import { randomUUID } from 'node:crypto';
import { Outbox } from '@course-platform/messaging';
import type { Knex } from '@course-platform/service-kit';
import { UserId, VideoId } from '@course-platform/shared-kernel';
import { CommentContent } from '../../src/domain/comment-content';
import { CommentId } from '../../src/domain/comment-id';
import { Video } from '../../src/domain/video';
import { VideoComment } from '../../src/domain/video-comment';
import { videoDetails } from '../../src/domain/video-details';
import { KnexCommentsCounter } from '../../src/infrastructure/knex-comments-counter';
import { KnexVideoCommentRepository } from '../../src/infrastructure/knex-video-comment-repository';
import { KnexVideoRepository } from '../../src/infrastructure/knex-video-repository';
import { aVideoCommand } from '../support/mothers';
import { openVideosDatabase, outboxTypesFor } from '../support/videos-database';

let database: Awaited<ReturnType<typeof openVideosDatabase>>;
let knex: Knex;
let comments: KnexVideoCommentRepository;
let videoId: VideoId;

beforeAll(async () => {
  database = await openVideosDatabase();
  knex = database.knex;
  const outbox = new Outbox('videos');
  comments = new KnexVideoCommentRepository(knex, outbox);
  const command = aVideoCommand();
  videoId = new VideoId(command.videoId);
  await new KnexVideoRepository(knex, outbox).add(Video.create(videoId, videoDetails(command), new Date()));
});

afterAll(() => database.close());

function aComment(onVideo: VideoId = videoId, content = 'Helpful, thanks'): VideoComment {
  return VideoComment.post(new CommentId(randomUUID()), onVideo, new UserId(randomUUID()), new CommentContent(content), new Date());
}

describe('KnexVideoCommentRepository', () => {
  it('stores a comment and its videos.comment_added event together', async () => {
    const comment = aComment(videoId, '  spaced 💬 ');
    expect(await comments.add(comment)).toBe(true);
    expect((await comments.find(comment.id))?.toPrimitives()).toEqual(comment.toPrimitives());
    expect(await outboxTypesFor(knex, comment.id.value)).toEqual(['videos.comment_added']);
  });

  it('refuses a taken comment id, writing nothing', async () => {
    const comment = aComment();
    await comments.add(comment);
    const again = VideoComment.fromPrimitives({ ...comment.toPrimitives(), content: 'other' });
    expect(await comments.add(again)).toBe(false);
    expect(await outboxTypesFor(knex, comment.id.value)).toEqual(['videos.comment_added']);
  });

  it('cannot store a comment on a video it does not have', async () => {
    const orphan = aComment(new VideoId(randomUUID()));
    await expect(comments.add(orphan)).rejects.toThrow(/foreign key/);
    expect(await outboxTypesFor(knex, orphan.id.value)).toEqual([]);
  });
});

describe('KnexCommentsCounter', () => {
  it('answers 0 for a video never counted', async () => {
    expect(await new KnexCommentsCounter(knex).totalFor(new VideoId(randomUUID()))).toBe(0);
  });

  it('loses no increment under concurrency, including the first one', async () => {
    const counted = new VideoId(randomUUID());
    await Promise.all(Array.from({ length: 50 }, () => knex.transaction((trx) => new KnexCommentsCounter(trx).increment(counted))));
    expect(await new KnexCommentsCounter(knex).totalFor(counted)).toBe(50);
  });

  it('counts nothing when the handler transaction rolls back', async () => {
    const counted = new VideoId(randomUUID());
    const failure = knex.transaction(async (trx) => {
      await new KnexCommentsCounter(trx).increment(counted);
      throw new Error('handler failed after counting');
    });
    await expect(failure).rejects.toThrow('handler failed');
    expect(await new KnexCommentsCounter(knex).totalFor(counted)).toBe(0);
  });
});
