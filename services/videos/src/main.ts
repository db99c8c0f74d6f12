import { EventBus } from '@course-platform/messaging';
import {
  createHttpApp,
  createKnex,
  createLogger,
  listen,
  type Knex,
  type Logger,
  loadConfig,
  migrate,
  pingDatabase,
  runService,
  stopInOrder,
} from '@course-platform/service-kit';
import { Registry } from 'prom-client';
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

export interface RunningVideosService {
  port: number;
  stop(): Promise<void>;
  logger: Logger;
  shutdownTimeoutMs: number;
  knex: Knex;
  bus: EventBus;
}

/** The composition root: builds the service from its configuration and starts serving and consuming. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<RunningVideosService> {
  const config = loadConfig(videosConfigSchema, env);
  const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
  const metrics = new Registry();
  const knex = createKnex({ url: config.DATABASE_URL, schema: VIDEOS_SCHEMA, poolMax: config.DATABASE_POOL_MAX });
  try {
    await migrate(knex, VIDEOS_SCHEMA, migrations);
  } catch (error) {
    await knex.destroy();
    throw error;
  }

  const bus = new EventBus({
    service: SERVICE_NAME,
    url: config.RABBITMQ_URL,
    exchange: config.EVENTS_EXCHANGE,
    knex,
    handlers: eventHandlers(),
    logger,
    metrics,
    prefetch: config.CONSUMER_PREFETCH,
    retryDelaysMs: config.RETRY_DELAYS_MS,
    queueType: config.QUEUE_TYPE,
  });
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
  ];
  const readiness = [{ name: 'database', check: () => pingDatabase(knex) }, bus.readiness];
  const app = createHttpApp({ service: SERVICE_NAME, logger, metrics, routes, readiness });

  bus.start();
  let http: Awaited<ReturnType<typeof listen>>;
  try {
    http = await listen(app, config.PORT);
  } catch (error) {
    await stopInOrder([{ name: 'bus', stop: () => bus.stop() }, { name: 'database', stop: () => knex.destroy() }], logger);
    throw error;
  }
  logger.info({ port: http.port }, 'videos service listening');

  const stop = () =>
    stopInOrder(
      [
        { name: 'http', stop: () => http.close() },
        { name: 'bus', stop: () => bus.stop() },
        { name: 'database', stop: () => knex.destroy() },
      ],
      logger,
    );
  return { port: http.port, stop, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, knex, bus };
}

if (require.main === module) void runService(() => start());
