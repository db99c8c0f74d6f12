import { checkedBy, defineRoute, type Route } from '@course-platform/service-kit';
import { z } from 'zod';
import type { AddVideoComment } from '../application/add-video-comment';
import type { CountVideoComments } from '../application/count-video-comments';
import { CommentContent } from '../domain/comment-content';
import { commentJson, toCommentJson } from './video-json';

const tag = 'comments';

export interface VideoCommentsUseCases {
  addVideoComment: AddVideoComment;
  countVideoComments: CountVideoComments;
}

export function videoCommentsRoutes(useCases: VideoCommentsUseCases): Route[] {
  return [
    defineRoute({
      method: 'put',
      path: '/videos/:videoId/comments/:commentId',
      summary: 'Comment on a video (idempotent on the comment id)',
      tag,
      params: z.object({ videoId: z.uuid(), commentId: z.uuid() }),
      body: z.object({
        authorId: z.uuid(),
        content: z.string().superRefine(checkedBy((v) => new CommentContent(v))).meta({ description: '1 to 2,000 characters, not blank' }),
      }),
      responses: {
        201: { description: 'posted; publishes videos.comment_added', schema: commentJson },
        200: { description: 'the same comment was posted before; publishes nothing', schema: commentJson },
        400: { description: 'the request does not match the schema' },
        404: { description: 'no such video (VIDEO_NOT_FOUND)' },
        409: { description: 'the comment id is taken by another comment (COMMENT_CONFLICT)' },
      },
      handle: async ({ params, body }) => {
        const { outcome, comment } = await useCases.addVideoComment.execute({ ...params, ...body });
        return { status: outcome === 'created' ? 201 : 200, body: toCommentJson(comment) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/videos/:id/comments-count',
      summary: 'How many comments a video has (eventually consistent)',
      tag,
      params: z.object({ id: z.uuid() }),
      responses: {
        200: { description: 'the count, 0 before the first comment is counted', schema: z.object({ videoId: z.uuid(), totalComments: z.number().int() }) },
        400: { description: 'the request does not match the schema' },
        404: { description: 'no such video (VIDEO_NOT_FOUND)' },
      },
      handle: async ({ params }) => ({ status: 200, body: await useCases.countVideoComments.execute(params.id) }),
    }),
  ];
}
