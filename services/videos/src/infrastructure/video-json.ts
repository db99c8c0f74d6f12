import { z } from 'zod';
import type { Video } from '../domain/video';
import type { VideoComment } from '../domain/video-comment';

// The HTTP representations, one schema each: responses are built from them and documented by them.

export const videoJson = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  description: z.string(),
  durationSeconds: z.number().int(),
  revision: z.number().int().meta({ description: '1 at creation, +1 with every change' }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export function toVideoJson(video: Video): z.infer<typeof videoJson> {
  const p = video.toPrimitives();
  return {
    id: p.id,
    courseId: p.courseId,
    title: p.title,
    description: p.description,
    durationSeconds: p.durationSeconds,
    revision: p.revision,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export const commentJson = z.object({
  id: z.uuid(),
  videoId: z.uuid(),
  authorId: z.uuid(),
  content: z.string(),
  createdAt: z.iso.datetime(),
});

export function toCommentJson(comment: VideoComment): z.infer<typeof commentJson> {
  const p = comment.toPrimitives();
  return { id: p.id, videoId: p.videoId, authorId: p.authorId, content: p.content, createdAt: p.createdAt.toISOString() };
}
