import { randomUUID } from 'node:crypto';
import type { FreshInfra } from '../fresh-infra';
import { generateLoad } from '../load/load-generator';
import type { LoadResult } from '../load/load-job';
import type { BenchSettings } from '../settings';
import type { MeasuredWindow } from '../tracing-cost/cpu-timeline';
import { bindQueue } from '../support/broker-queue';
import { baseUrl, videosService } from '../support/platform-services';
import { videoBody } from '../support/video-events';

export interface HttpWritePathResult extends LoadResult {
  /** Outbox rows the relay had not published yet when the load stopped: whether it kept up. */
  outboxBacklogAtEnd: number;
  /** The load's measured run, after its warm-up, as this process's clock saw it end. */
  window: MeasuredWindow;
}

/**
 * B2: PUT /videos/:id on the real videos service (validation, aggregate, repository, outbox, one
 * transaction), every request a new video, while its relay publishes what the requests commit.
 */
export async function httpWritePath(infra: FreshInfra, settings: BenchSettings): Promise<HttpWritePathResult> {
  await bindQueue(infra.vhost.url, 'bench.videos_sink', 'videos.#');
  const videos = await videosService(infra);
  try {
    const load = await generateLoad({
      kind: 'closed',
      url: baseUrl(videos),
      pathPrefix: '/videos/',
      body: videoBody(randomUUID()),
      connections: settings.connections,
      seconds: settings.httpSeconds,
      warmupSeconds: settings.warmupSeconds,
    });
    const to = performance.now();
    const backlog = await videos.knex('outbox').whereNull('published_at').count<Array<{ count: string }>>('* as count').first();
    return { ...load, outboxBacklogAtEnd: Number(backlog?.count ?? 0), window: { from: to - load.seconds * 1000, to } };
  } finally {
    await videos.stop();
  }
}
