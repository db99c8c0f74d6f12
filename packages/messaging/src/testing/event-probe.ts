import { parseEnvelope, type EventEnvelope } from '@course-platform/shared-kernel';
import { testing } from '@course-platform/service-kit';
import type amqp from 'amqplib';
import type { Channel, ChannelModel } from 'amqplib';
import { connectToBroker } from '../broker-connection';

/**
 * Listens to every event on an exchange through its own exclusive queue, so tests can assert on what a
 * service published: each message is parsed with its shared-kernel contract, as a real consumer would.
 */
export class EventProbe {
  readonly received: EventEnvelope[] = [];
  readonly rejected: Array<{ body: string; error: string }> = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async start(url: string, exchange: string, pattern = '#'): Promise<EventProbe> {
    const connection = await connectToBroker(url);
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, pattern);
    const probe = new EventProbe(connection, channel);
    await channel.consume(
      queue,
      (message) => {
        if (!message) return;
        try {
          probe.received.push(parseEnvelope(message.content));
        } catch (error) {
          probe.rejected.push({ body: message.content.toString(), error: (error as Error).message });
        }
      },
      { noAck: true },
    );
    return probe;
  }

  of(type: string, aggregateId?: string): EventEnvelope[] {
    return this.received.filter((e) => e.type === type && (aggregateId === undefined || e.aggregateId === aggregateId));
  }

  /** Waits until at least `count` events of the type (and aggregate) have arrived, and returns them. */
  async waitFor(type: string, options: { aggregateId?: string; count?: number; timeoutMs?: number } = {}): Promise<EventEnvelope[]> {
    const count = options.count ?? 1;
    return testing.eventually(
      () => {
        const found = this.of(type, options.aggregateId);
        if (found.length < count) throw new Error(`${found.length}/${count} ${type} events received`);
        return found;
      },
      { timeoutMs: options.timeoutMs ?? 10_000 },
    );
  }

  async stop(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}

/** Publishes one raw message on the exchange with a confirm, as a foreign producer (or a test) would. */
export async function publishRaw(
  url: string,
  exchange: string,
  routingKey: string,
  body: string | Buffer | object,
  options: amqp.Options.Publish = {},
): Promise<void> {
  const connection = await connectToBroker(url);
  try {
    const channel = await connection.createConfirmChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const content = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    channel.publish(exchange, routingKey, content, { persistent: true, contentType: 'application/json', ...options });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}
