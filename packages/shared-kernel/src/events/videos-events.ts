import { z } from 'zod';
import { defineEvent } from './event-contract';

const title = z.string().min(1).max(200);
const description = z.string().max(5000);
/**
 * The largest value the producer's integer columns hold: no v1 event can ever have carried more, so this
 * bound describes v1 as it always was rather than tightening it (the videos service itself accepts at most
 * 86,400 seconds; older v1 events up to this bound stay valid for every consumer).
 */
const INT4_MAX = 2_147_483_647;
const durationSeconds = z
  .number()
  .int()
  .positive()
  .max(INT4_MAX)
  .meta({ description: 'whole seconds; the videos service accepts 1 to 86,400 (24 hours)' });
/** Increases by one with every change of a video, so consumers can discard stale or replayed events. */
const revision = z.number().int().positive().max(INT4_MAX);

export const VideoCreated = defineEvent({
  name: 'videos.created',
  version: 1,
  description: 'A video was added to a course.',
  schema: z.object({
    videoId: z.uuid(),
    courseId: z.uuid(),
    title,
    description,
    durationSeconds,
    revision,
  }),
});

export const VideoUpdated = defineEvent({
  name: 'videos.updated',
  version: 1,
  description: 'A video changed; `changes` holds only the fields that changed.',
  schema: z.object({
    videoId: z.uuid(),
    courseId: z.uuid(),
    revision,
    changes: z
      .object({ title: title.optional(), description: description.optional(), durationSeconds: durationSeconds.optional() })
      .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'at least one field changes'),
  }),
});

export const VideoDeleted = defineEvent({
  name: 'videos.deleted',
  version: 1,
  description: 'A video was removed.',
  schema: z.object({ videoId: z.uuid(), courseId: z.uuid(), revision }),
});

export const VideoCommentAdded = defineEvent({
  name: 'videos.comment_added',
  version: 1,
  description: 'A student commented on a video.',
  schema: z.object({
    commentId: z.uuid(),
    videoId: z.uuid(),
    authorId: z.uuid(),
    content: z.string().min(1).max(2000),
  }),
});
