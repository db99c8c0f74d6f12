import amqp, { type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { randomUUID } from 'node:crypto';
import type { FreshInfra } from '../fresh-infra';
import type { BenchSettings } from '../settings';
import { benchDatabase, savedVideosTable, videoWritesTable } from '../support/bench-bus';
import { EXCHANGE, outboxRow, videoCreated } from '../support/video-events';

export interface CommonWayResult {
  events: number;
  publishPerSecond: number;
  /** Share of the publish loop spent waiting for the broker's confirm rather than saving. */
  confirmWaitShare: number;
  consumePerSecond: number;
}

const QUEUE = 'common.record_video_on_video_created';

function publishAndWait(channel: ConfirmChannel, row: ReturnType<typeof outboxRow>): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.publish(
      EXCHANGE,
      row.type,
      Buffer.from(row.envelope),
      { persistent: true, mandatory: true, messageId: row.event_id, type: row.type, contentType: 'application/json' },
      (error) => (error ? reject(new Error(`nacked ${row.event_id}`)) : resolve()),
    );
  });
}

/**
 * B6: the same events done the way most projects do it, on the same database and broker. The producer saves
 * each video and then publishes its event and waits for that confirm before the next (publish after save,
 * no outbox). The consumer takes one message at a time (prefetch 1), does the same one write as B4's handler
 * (without an inbox) and acks.
 */
export async function commonWay(infra: FreshInfra, settings: BenchSettings): Promise<CommonWayResult> {
  const knex = await benchDatabase(infra, [savedVideosTable, videoWritesTable]);
  const connection = await amqp.connect(infra.vhost.url);
  try {
    const channel = await connection.createConfirmChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(QUEUE, { durable: true });
    await channel.bindQueue(QUEUE, EXCHANGE, 'videos.created');
    const courseId = randomUUID();
    const events = Array.from({ length: settings.commonWayEvents }, () => videoCreated(courseId));

    let confirmWait = 0;
    const publishStart = performance.now();
    for (const event of events) {
      const { videoId, title, description, durationSeconds } = event.data;
      await knex('saved_videos').insert({ id: videoId, course_id: courseId, title, description, duration_seconds: durationSeconds });
      const published = performance.now();
      await publishAndWait(channel, outboxRow(event));
      confirmWait += performance.now() - published;
    }
    const publishMs = performance.now() - publishStart;

    const consumer = await connection.createChannel();
    await consumer.prefetch(1);
    let consumed = 0;
    const consumeStart = performance.now();
    await new Promise<void>((resolve, reject) => {
      const handle = async (message: ConsumeMessage) => {
        const envelope = JSON.parse(message.content.toString()) as { id: string; data: { videoId: string; title: string } };
        await knex('video_writes').insert({ event_id: envelope.id, video_id: envelope.data.videoId, title: envelope.data.title });
        consumer.ack(message);
        consumed += 1;
        if (consumed === events.length) resolve();
      };
      consumer.consume(QUEUE, (message) => void (message && handle(message).catch(reject))).catch(reject);
    });
    const consumeMs = performance.now() - consumeStart;
    return {
      events: events.length,
      publishPerSecond: (events.length * 1000) / publishMs,
      confirmWaitShare: confirmWait / publishMs,
      consumePerSecond: (events.length * 1000) / consumeMs,
    };
  } finally {
    await connection.close();
    await knex.destroy();
  }
}
