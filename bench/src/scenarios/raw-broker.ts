import amqp from 'amqplib';
import type { FreshInfra } from '../fresh-infra';
import type { BenchSettings } from '../settings';
import { publishPipelined } from '../support/publish-pipelined';
import { outboxRow, videoCreated } from '../support/video-events';

export interface RawBrokerResult {
  messages: number;
  publishPerSecond: number;
  consumePerSecond: number;
}

const EXCHANGE = 'bench.raw';
const QUEUE = 'bench.raw_queue';
const PREFETCH = 300;

/**
 * B1 (b): what the broker does for bare amqplib on this machine. Persistent messages of the size of our
 * envelopes go through a durable topic exchange to a durable queue with pipelined publisher confirms; then
 * one consumer takes them with manual acks and a prefetch of 300.
 */
export async function rawBroker(infra: FreshInfra, settings: BenchSettings): Promise<RawBrokerResult> {
  const connection = await amqp.connect(infra.vhost.url);
  try {
    const setup = await connection.createChannel();
    await setup.assertExchange(EXCHANGE, 'topic', { durable: true });
    await setup.assertQueue(QUEUE, { durable: true });
    await setup.bindQueue(QUEUE, EXCHANGE, 'videos.*');
    const messages = Array.from({ length: settings.rawMessages }, () => ({
      routingKey: 'videos.created',
      body: Buffer.from(outboxRow(videoCreated()).envelope),
    }));

    const publisher = await connection.createConfirmChannel();
    const publishStart = performance.now();
    await publishPipelined(publisher, EXCHANGE, messages);
    const publishSeconds = (performance.now() - publishStart) / 1000;

    const consumer = await connection.createChannel();
    await consumer.prefetch(PREFETCH);
    let consumed = 0;
    const consumeStart = performance.now();
    await new Promise<void>((resolve, reject) => {
      consumer
        .consume(QUEUE, (message) => {
          if (!message) return;
          consumer.ack(message);
          consumed += 1;
          if (consumed === messages.length) resolve();
        })
        .catch(reject);
    });
    const consumeSeconds = (performance.now() - consumeStart) / 1000;
    return {
      messages: messages.length,
      publishPerSecond: messages.length / publishSeconds,
      consumePerSecond: messages.length / consumeSeconds,
    };
  } finally {
    await connection.close();
  }
}
