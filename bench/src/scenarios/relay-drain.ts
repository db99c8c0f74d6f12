import { testing } from '@course-platform/service-kit';
import type { FreshInfra } from '../fresh-infra';
import type { BenchSettings } from '../settings';
import { benchBus, benchDatabase } from '../support/bench-bus';
import { bindQueue, queueDepth } from '../support/broker-queue';
import { counterValue } from '../support/counter-value';
import { outboxRow, videoCreated } from '../support/video-events';

export interface RelayDrainResult {
  events: number;
  /** The events published after the bus was ready: the ones its rate counts. */
  counted: number;
  seconds: number;
  perSecond: number;
  /** From bus.start() until it was ready (connected, topology declared): not in the rate. */
  startSeconds: number;
}

const QUEUE = 'bench.relay_sink';

/**
 * B3: a backlog of outbox rows, written as the Outbox writes them, drained by a freshly started EventBus.
 * Timed from the bus ready (connected, topology declared: the relay publishes nothing before) until every
 * row is marked published in the database, as B1b's raw publisher is timed on an open channel; rows
 * published before it was ready are not counted.
 */
export async function relayDrain(infra: FreshInfra, settings: BenchSettings, queueType: 'classic' | 'quorum' = 'classic'): Promise<RelayDrainResult> {
  const knex = await benchDatabase(infra);
  try {
    await bindQueue(infra.vhost.url, QUEUE, 'videos.created', queueType);
    const rows = Array.from({ length: settings.relayRows }, () => outboxRow(videoCreated()));
    for (let offset = 0; offset < rows.length; offset += 1_000) await knex('outbox').insert(rows.slice(offset, offset + 1_000));

    const { bus, metrics } = benchBus(infra, knex, []);
    const published = () => counterValue(metrics, 'messaging_events_published_total');
    const start = performance.now();
    bus.start();
    try {
      await bus.whenReady();
      const ready = performance.now();
      const counted = rows.length - (await published());
      const unpublished = async () =>
        Number((await knex('outbox').whereNull('published_at').count<Array<{ count: string }>>('* as count').first())?.count);
      await testing.eventually(
        async () => (await published()) >= rows.length && (await unpublished()) === 0,
        {
          timeoutMs: 300_000,
          intervalMs: 5,
        },
      );
      const seconds = (performance.now() - ready) / 1000;
      const routed = await queueDepth(infra.vhost.url, QUEUE);
      if (routed !== rows.length) throw new Error(`relay: ${routed} of ${rows.length} events reached the queue`);
      return { events: rows.length, counted, seconds, perSecond: counted / seconds, startSeconds: (ready - start) / 1000 };
    } finally {
      await bus.stop();
    }
  } finally {
    await knex.destroy();
  }
}
