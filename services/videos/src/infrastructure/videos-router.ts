import { checkedBy, defineRoute, pageCursor, type Route } from '@course-platform/service-kit';
import { z } from 'zod';
import type { DeleteVideo } from '../application/delete-video';
import type { FindVideo } from '../application/find-video';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ListVideos } from '../application/list-videos';
import type { SaveVideo } from '../application/save-video';
import { VideoDescription } from '../domain/video-description';
import { VideoDuration } from '../domain/video-duration';
import { VideoTitle } from '../domain/video-title';
import { toVideoJson, videoJson } from './video-json';

const tag = 'videos';
const idParams = z.object({ id: z.uuid() });

const videoBody = z.object({
  title: z.string().superRefine(checkedBy((v) => new VideoTitle(v))).meta({ description: '1 to 200 characters, trimmed' }),
  description: z.string().superRefine(checkedBy((v) => new VideoDescription(v))).meta({ description: 'up to 5,000 characters' }),
  courseId: z.uuid().meta({ description: 'fixed at creation; another value later is a 409' }),
  // The rule is the domain's; the bounds are repeated in the metadata only so /openapi.json shows them.
  durationSeconds: z
    .number()
    .superRefine(checkedBy((v) => new VideoDuration(v)))
    .meta({ description: 'whole seconds, 1 to 86,400 (24 hours)', type: 'integer', minimum: 1, maximum: VideoDuration.MAX_SECONDS }),
});

const pageQuery = z.object({
  courseId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: pageCursor,
});

const problems = {
  400: { description: 'the request does not match the schema' },
  404: { description: 'no such video (VIDEO_NOT_FOUND)' },
};

export interface VideosUseCases {
  saveVideo: SaveVideo;
  findVideo: FindVideo;
  listVideos: ListVideos;
  deleteVideo: DeleteVideo;
}

export function videosRoutes(useCases: VideosUseCases): Route[] {
  return [
    defineRoute({
      method: 'put',
      path: '/videos/:id',
      summary: 'Create a video, or change it',
      tag,
      params: idParams,
      body: videoBody,
      responses: {
        201: { description: 'created; publishes videos.created', schema: videoJson },
        200: { description: 'changed (publishes videos.updated), or already as sent (publishes nothing)', schema: videoJson },
        400: problems[400],
        409: { description: 'VIDEO_COURSE_IMMUTABLE, VIDEO_DELETED or VIDEO_CONCURRENTLY_MODIFIED' },
        422: { description: 'a value breaks a domain rule' },
      },
      handle: async ({ params, body }) => {
        const { outcome, video } = await useCases.saveVideo.execute({ videoId: params.id, ...body });
        if (outcome === 'created') return { status: 201, body: toVideoJson(video), headers: { location: `/videos/${video.id.value}` } };
        return { status: 200, body: toVideoJson(video) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/videos/:id',
      summary: 'Read a video',
      tag,
      params: idParams,
      responses: { 200: { description: 'the video', schema: videoJson }, ...problems },
      handle: async ({ params }) => ({ status: 200, body: toVideoJson(await useCases.findVideo.execute(params.id)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/videos',
      summary: 'List videos, oldest first, one keyset page at a time',
      tag,
      query: pageQuery,
      responses: {
        200: { description: 'a page; nextCursor is null on the last one', schema: z.object({ items: z.array(videoJson), nextCursor: z.string().nullable() }) },
        400: problems[400],
        422: { description: 'INVALID_CURSOR' },
      },
      handle: async ({ query }) => {
        const page = await useCases.listVideos.execute(query);
        return { status: 200, body: { items: page.items.map(toVideoJson), nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/videos/:id',
      summary: 'Delete a video (idempotent)',
      tag,
      params: idParams,
      responses: { 204: { description: 'deleted now (publishes videos.deleted) or before (publishes nothing)' }, ...problems },
      handle: async ({ params }) => {
        await useCases.deleteVideo.execute(params.id);
        return { status: 204 };
      },
    }),
  ];
}
