import { randomUUID } from 'node:crypto';
import { type VideoCommentAdded, type EventOf } from '@course-platform/shared-kernel';
import { AddVideoComment } from '../../src/application/add-video-comment';
import { CountVideoComments } from '../../src/application/count-video-comments';
import { DeleteVideo } from '../../src/application/delete-video';
import { IncrementCommentsCounterOnVideoCommentAdded } from '../../src/application/increment-comments-counter-on-video-comment-added';
import { SaveVideo } from '../../src/application/save-video';
import { CommentConflictError } from '../../src/domain/comment-errors';
import { VideoNotFoundError } from '../../src/domain/video-errors';
import { InMemoryCommentsCounter } from '../support/in-memory-comments-counter';
import { InMemoryVideoCommentRepository } from '../support/in-memory-video-comment-repository';
import { InMemoryVideoRepository } from '../support/in-memory-video-repository';
import { aCommentBody, aVideoCommand } from '../support/mothers';

describe('comments on a video', () => {
  let videos: InMemoryVideoRepository;
  let comments: InMemoryVideoCommentRepository;
  let counter: InMemoryCommentsCounter;
  let addComment: AddVideoComment;
  let videoId: string;

  beforeEach(async () => {
    videos = new InMemoryVideoRepository();
    comments = new InMemoryVideoCommentRepository();
    counter = new InMemoryCommentsCounter();
    addComment = new AddVideoComment(videos, comments);
    videoId = aVideoCommand().videoId;
    await new SaveVideo(videos).execute(aVideoCommand({ videoId }));
  });

  it('posts a comment once, however often the same PUT comes', async () => {
    const command = { commentId: randomUUID(), videoId, ...aCommentBody() };
    expect((await addComment.execute(command)).outcome).toBe('created');
    expect((await addComment.execute(command)).outcome).toBe('unchanged');
    expect(comments.outbox.map((e) => [e.type, e.aggregateId])).toEqual([['videos.comment_added', command.commentId]]);
  });

  it('refuses other content under a comment id already taken', async () => {
    const command = { commentId: randomUUID(), videoId, ...aCommentBody() };
    await addComment.execute(command);
    await expect(addComment.execute({ ...command, content: 'Edited' })).rejects.toBeInstanceOf(CommentConflictError);
    expect(comments.outbox).toHaveLength(1);
  });

  it('does not comment on a video that does not exist or was deleted', async () => {
    await expect(addComment.execute({ commentId: randomUUID(), videoId: randomUUID(), ...aCommentBody() })).rejects.toBeInstanceOf(VideoNotFoundError);
    await new DeleteVideo(videos).execute(videoId);
    await expect(addComment.execute({ commentId: randomUUID(), videoId, ...aCommentBody() })).rejects.toBeInstanceOf(VideoNotFoundError);
    expect(comments.outbox).toEqual([]);
  });

  it('counts 0 before any comment event, then one per handled event', async () => {
    const count = new CountVideoComments(videos, counter);
    expect(await count.execute(videoId)).toEqual({ videoId, totalComments: 0 });
    await addComment.execute({ commentId: randomUUID(), videoId, ...aCommentBody() });
    await addComment.execute({ commentId: randomUUID(), videoId, ...aCommentBody() });
    const handler = new IncrementCommentsCounterOnVideoCommentAdded(counter);
    for (const event of comments.outbox) await handler.handle(event as EventOf<typeof VideoCommentAdded>);
    expect(await count.execute(videoId)).toEqual({ videoId, totalComments: 2 });
  });

  it('does not count for a video it does not know', async () => {
    await expect(new CountVideoComments(videos, counter).execute(randomUUID())).rejects.toBeInstanceOf(VideoNotFoundError);
  });
});
