import { randomUUID } from 'node:crypto';
import { UserId, VideoCommentAdded, VideoId } from '@course-platform/shared-kernel';
import { CommentContent } from '../../src/domain/comment-content';
import { CommentId } from '../../src/domain/comment-id';
import { VideoComment } from '../../src/domain/video-comment';

const now = new Date('2025-02-01T10:00:00.000Z');

function post(overrides: Partial<{ id: string; videoId: string; authorId: string; content: string }> = {}) {
  const p = { id: randomUUID(), videoId: randomUUID(), authorId: randomUUID(), content: 'Great explanation', ...overrides };
  return { p, comment: VideoComment.post(new CommentId(p.id), new VideoId(p.videoId), new UserId(p.authorId), new CommentContent(p.content), now) };
}

describe('VideoComment', () => {
  it('records videos.comment_added, the comment being its aggregate, valid against its contract', () => {
    const { p, comment } = post();
    const [event, ...rest] = comment.pullDomainEvents();
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'videos.comment_added', version: 1, aggregateId: p.id, occurredOn: now.toISOString() });
    expect(VideoCommentAdded.schema.parse(event?.data)).toEqual({ commentId: p.id, videoId: p.videoId, authorId: p.authorId, content: p.content });
  });

  it('tells a retry of the same posting from another comment under the same id', () => {
    const { p, comment } = post();
    expect(comment.isSamePostingAs(post(p).comment)).toBe(true);
    expect(comment.isSamePostingAs(post({ ...p, content: 'Other words' }).comment)).toBe(false);
    expect(comment.isSamePostingAs(post({ ...p, authorId: randomUUID() }).comment)).toBe(false);
    expect(comment.isSamePostingAs(post({ ...p, videoId: randomUUID() }).comment)).toBe(false);
  });
});
