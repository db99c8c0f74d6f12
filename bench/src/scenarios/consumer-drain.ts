import { connectToBroker, declareTopology, topologyOf } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import type { FreshInfra } from '../fresh-infra';
import type { BenchSettings } from '../settings';
import type { MeasuredWindow } from '../tracing-cost/cpu-timeline';
import { benchBus, benchDatabase, videoWritesTable } from '../support/bench-bus';
import { counterValue } from '../support/counter-value';
import { publishPipelined } from '../support/publish-pipelined';
import { recordVideoHandler } from '../support/record-video-handler';
import { EXCHANGE, outboxRow, videoCreated } from '../support/video-events';

export interface ConsumerDrainResult {
  events: number;
  /** The events handled after the bus was ready: the ones its rate counts. */
  counted: number;
  seconds: number;
  perSecond: number;
  /** From bus.start() until it was ready (connected, queues declared, consumer attached): not in the rate. */
  startSeconds: number;
  /** From the bus ready to the last event handled. */
  window: MeasuredWindow;
}

/** Fills the handler's queue (topology declared as the bus declares it) before any consumer exists. */
async function queueEvents(url: string, count: number, queueType: 'classic' | 'quorum'): Promise<void> {
  const connection = await connectToBroker(url);
  try {
    const channel = await connection.createConfirmChannel();
    await declareTopology(channel, topologyOf([recordVideoHandler], { exchange: EXCHANGE, queueType }));
    const messages = Array.from({ length: count }, () => {
      const row = outboxRow(videoCreated());
      return { routingKey: row.type, body: Buffer.from(row.envelope), messageId: row.event_id };
    });
    await publishPipelined(channel, EXCHANGE, messages);
  } finally {
    await connection.close();
  }
}

/**
 * B4: a queue of videos.created events drained by a freshly started EventBus whose handler does the inbox
 * insert and one write, each message in its transaction, acked after the commit. Timed from the bus ready
 * (connected, queues declared, consumer attached) until every event is handled, as B1b's raw consumer is
 * timed from its `consume` on an open channel; the events handled before it was ready are not counted.
 */
export async function consumerDrain(infra: FreshInfra, settings: BenchSettings, queueType: 'classic' | 'quorum' = 'classic'): Promise<ConsumerDrainResult> {
  const knex = await benchDatabase(infra, [videoWritesTable]);
  try {
    await queueEvents(infra.vhost.url, settings.consumerEvents, queueType);
    const { bus, metrics } = benchBus(infra, knex, [recordVideoHandler], { queueType });
    const handled = () => counterValue(metrics, 'messaging_messages_consumed_total', { outcome: 'handled' });
    const start = performance.now();
    bus.start();
    try {
      await bus.whenReady();
      const ready = performance.now();
      const counted = settings.consumerEvents - (await handled());
      await testing.eventually(async () => (await handled()) >= settings.consumerEvents, { timeoutMs: 300_000, intervalMs: 5 });
      const end = performance.now();
      const seconds = (end - ready) / 1000;
      const written = Number((await knex('video_writes').count<Array<{ count: string }>>('* as count').first())?.count);
      if (written !== settings.consumerEvents) throw new Error(`consumer: ${written} of ${settings.consumerEvents} events written`);
      return { events: settings.consumerEvents, counted, seconds, perSecond: counted / seconds, startSeconds: (ready - start) / 1000, window: { from: ready, to: end } };
    } finally {
      await bus.stop();
    }
  } finally {
    await knex.destroy();
  }
}
