import type { Socket } from 'node:net';
import type { EventEnvelope } from '@course-platform/shared-kernel';
import { createLogger } from '@course-platform/service-kit';
import type { ChannelModel } from 'amqplib';
import { Registry } from 'prom-client';
import { connectToBroker, handlerTopology, topologyOf, type EventHandler } from '../../src';
import { HandlerConsumer, type HandlerConsumerOptions } from '../../src/handler-consumer';
import { MessagingMetrics } from '../../src/messaging-metrics';
import { exchange, type Harness } from './harness';

const retryDelaysMs = [50, 100, 200];

/**
 * One handler's consumer on a connection of the test's own, so that the test can kill that connection at the
 * instant it chooses, as a process that dies does: the broker requeues whatever it had not acked.
 */
export interface OwnConsumer {
  registry: Registry;
  /** Every ack the consumer sent, in order: the delivery tag, and whether it covered every tag up to it. */
  acks: Array<{ tag: number; multiple: boolean }>;
  /** Destroys the connection's socket, as a dying process does: no frame of this consumer reaches the broker any more. */
  crash(): void;
  /** Lets what is in flight finish (or fail) and closes the connection. */
  stop(): Promise<void>;
}

export async function startOwnConsumer(
  h: Harness,
  handler: EventHandler,
  settings: Pick<HandlerConsumerOptions, 'prefetch' | 'concurrency' | 'batchSize' | 'batchLingerMs'>,
): Promise<OwnConsumer> {
  const connection: ChannelModel = await connectToBroker(h.vhost.url);
  const acks: OwnConsumer['acks'] = [];
  const createConfirmChannel = connection.createConfirmChannel.bind(connection);
  connection.createConfirmChannel = async () => {
    const channel = await createConfirmChannel();
    const ack = channel.ack.bind(channel);
    channel.ack = (message, allUpTo) => {
      acks.push({ tag: message.fields.deliveryTag, multiple: allUpTo ?? false });
      ack(message, allUpTo);
    };
    return channel;
  };
  const registry = new Registry();
  const consumer = new HandlerConsumer({
    handler,
    topology: handlerTopology(topologyOf([handler], { exchange, retryDelaysMs }), handler.queue),
    knex: h.knex,
    logger: createLogger({ service: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    metrics: new MessagingMetrics(registry, h.knex),
    retryDelaysMs,
    timeoutMs: 10_000,
    ...settings,
  });
  await consumer.attach(connection);
  // A destroyed socket also fails the connection's heartbeats and close: its errors are the crash's, expected.
  connection.on('error', () => undefined);
  return {
    registry,
    acks,
    crash: () => (connection as unknown as { connection: { stream: Socket } }).connection.stream.destroy(new Error('the process died')),
    async stop() {
      await consumer.stop();
      await connection.close().catch(() => undefined);
    },
  };
}

/** Publishes the envelopes on one channel, so that the broker delivers them in this order. */
export async function publishInOrder(url: string, envelopes: readonly EventEnvelope[]): Promise<void> {
  const connection = await connectToBroker(url);
  try {
    const channel = await connection.createConfirmChannel();
    for (const envelope of envelopes) {
      channel.publish(exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), { persistent: true, messageId: envelope.id, contentType: 'application/json' });
    }
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}
