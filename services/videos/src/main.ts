import { eventBusFromConfig, messagingAdminRoutes, type EventBus } from '@course-platform/messaging';
import { loadConfig, runService, startServiceHost, type ServiceHost } from '@course-platform/service-kit';
import { migrations } from '../migrations';
import { AddVideoComment } from './application/add-video-comment';
import { CountVideoComments } from './application/count-video-comments';
import { DeleteVideo } from './application/delete-video';
import { FindVideo } from './application/find-video';
import { ListVideos } from './application/list-videos';
import { SaveVideo } from './application/save-video';
import { SERVICE_NAME, VIDEOS_SCHEMA, videosConfigSchema } from './config';
import { eventHandlers } from './infrastructure/event-handlers';
import { KnexCommentsCounter } from './infrastructure/knex-comments-counter';
import { KnexVideoCommentRepository } from './infrastructure/knex-video-comment-repository';
import { KnexVideoRepository } from './infrastructure/knex-video-repository';
import { subscriptions } from './infrastructure/subscriptions';
import { videoCommentsRoutes } from './infrastructure/video-comments-router';
import { videosRoutes } from './infrastructure/videos-router';

export { subscriptions };

export interface RunningVideosService extends ServiceHost {
  bus: EventBus;
}

/** The composition root: builds the service from its configuration and starts serving and consuming. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<RunningVideosService> {
  const config = loadConfig(videosConfigSchema, env);
  const { wiring, ...host } = await startServiceHost({
    service: SERVICE_NAME,
    schema: VIDEOS_SCHEMA,
    config,
    migrations,
    build: ({ knex, logger, metrics }) => {
      const bus = eventBusFromConfig(config, { service: SERVICE_NAME, knex, handlers: eventHandlers(), logger, metrics });
      const videos = new KnexVideoRepository(knex, bus.outbox);
      const comments = new KnexVideoCommentRepository(knex, bus.outbox);
      const counter = new KnexCommentsCounter(knex);
      const routes = [
        ...videosRoutes({
          saveVideo: new SaveVideo(videos),
          findVideo: new FindVideo(videos),
          listVideos: new ListVideos(videos),
          deleteVideo: new DeleteVideo(videos),
        }),
        ...videoCommentsRoutes({
          addVideoComment: new AddVideoComment(videos, comments),
          countVideoComments: new CountVideoComments(videos, counter),
        }),
        ...messagingAdminRoutes(knex, subscriptions),
      ];
      return { routes, components: [{ name: 'bus', start: () => bus.start(), stop: () => bus.stop(), readiness: bus.readiness }], bus };
    },
  });
  return { ...host, bus: wiring.bus };
}

if (require.main === module) void runService(() => start());
