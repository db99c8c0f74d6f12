import type { Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import { publishConfirmed } from './publish-confirmed';
import type { QueueSpec } from './topology';

export const holdingQueueName = (queue: string) => `${queue}.migrating`;

/** Where a queue's keys come from: the events exchange for its events, its service's retry exchange for its own name. */
const bindingsOf = (spec: QueueSpec, exchange: string) => [
  ...spec.bindings.map((key) => ({ exchange, key })),
  { exchange: spec.retryExchange, key: spec.name },
];

/**
 * Moves every message of `from` to `to` through the default exchange, each acked on `from` only once the
 * broker confirmed its copy: a crash mid-way duplicates at most one batch (the inboxes skip duplicates),
 * it never loses one. Headers (attempt counts, dead-letter reasons) travel with the messages.
 */
async function moveMessages(channel: ConfirmChannel, from: string, to: string): Promise<number> {
  let moved = 0;
  for (let message = await channel.get(from, { noAck: false }); message; message = await channel.get(from, { noAck: false })) {
    await publishConfirmed(channel, [{ exchange: '', routingKey: to, content: message.content, options: { ...message.properties, persistent: true, mandatory: true } }], {
      timeoutMs: 10_000,
      rejectReturned: true,
    });
    channel.ack(message);
    moved += 1;
  }
  return moved;
}

/** Runs one broker operation on a channel of its own: a failed one (404, 406) closes the channel it ran on. */
async function probe<T>(connection: ChannelModel, operation: (channel: Channel) => Promise<T>): Promise<T> {
  const channel = await connection.createChannel();
  channel.on('error', () => undefined);
  const result = await operation(channel);
  await channel.close();
  return result;
}

const failsWith = (code: number) => (error: unknown) => {
  if ((error as { code?: unknown }).code === code) return false;
  throw error;
};

/** The queue as the broker has it now fits the spec (same type and arguments), or was missing and is now declared so. */
const declaredAsSpecified = (connection: ChannelModel, spec: QueueSpec) =>
  probe(connection, (channel) => channel.assertQueue(spec.name, { durable: true, arguments: spec.arguments })).then(() => true, failsWith(406));

const exists = (connection: ChannelModel, queue: string) => probe(connection, (channel) => channel.checkQueue(queue)).then(() => true, failsWith(404));

export interface QueueMigration {
  queue: string;
  /** false when the queue already had the spec's type and arguments and no earlier run was left half-done. */
  migrated: boolean;
  /** Messages that ended in the re-created queue. */
  moved: number;
}

/**
 * Re-creates one queue with the type and arguments of `spec` (classic to quorum, say: RabbitMQ cannot change a
 * queue's type in place), keeping its messages and every message routed to it meanwhile:
 * 1. a holding queue of the new type takes the queue's bindings, so that new messages land there;
 * 2. the queue is unbound, emptied into the holding queue and deleted (only when no consumer uses it);
 * 3. the queue is declared anew and bound; the holding queue is unbound, emptied into it and deleted.
 * Its consumers must be stopped first (the services of the queue's handler): a consumer on it refuses the move.
 * A run cut short is finished by the next one: each step is idempotent, and step 3 runs whenever a holding
 * queue is left.
 */
export async function migrateQueue(connection: ChannelModel, spec: QueueSpec, exchange: string): Promise<QueueMigration> {
  const holding = holdingQueueName(spec.name);
  const bindings = bindingsOf(spec, exchange);
  if (!(await declaredAsSpecified(connection, spec))) {
    await onConfirmChannel(connection, async (channel) => {
      const { consumerCount } = await channel.checkQueue(spec.name);
      if (consumerCount > 0) throw new Error(`${spec.name} has ${consumerCount} consumer(s): stop the service that consumes it, then run the migration again`);
      const typeOnly = spec.arguments['x-queue-type'] ? { 'x-queue-type': spec.arguments['x-queue-type'] } : {};
      await channel.assertQueue(holding, { durable: true, arguments: typeOnly });
      for (const { exchange: source, key } of bindings) await channel.bindQueue(holding, source, key);
      for (const { exchange: source, key } of bindings) await channel.unbindQueue(spec.name, source, key);
      await moveMessages(channel, spec.name, holding);
      await deleteEmptied(channel, spec.name);
    });
  } else if (!(await exists(connection, holding))) {
    return { queue: spec.name, migrated: false, moved: 0 };
  }
  // A new channel: RabbitMQ 3.10's channel that read the old queue crashes (INTERNAL_ERROR) on the new one of the same name.
  const moved = await onConfirmChannel(connection, async (channel) => {
    await channel.assertQueue(spec.name, { durable: true, arguments: spec.arguments });
    for (const { exchange: source, key } of bindings) await channel.bindQueue(spec.name, source, key);
    for (const { exchange: source, key } of bindings) await channel.unbindQueue(holding, source, key);
    const count = await moveMessages(channel, holding, spec.name);
    await deleteEmptied(channel, holding);
    return count;
  });
  return { queue: spec.name, migrated: true, moved };
}

/**
 * Deletes a queue that was just emptied and unbound. Quorum queues refuse delete's if-empty and if-unused
 * flags, so the broker's counts are checked first: nothing can arrive once the queue is unbound.
 */
async function deleteEmptied(channel: ConfirmChannel, queue: string): Promise<void> {
  const { messageCount, consumerCount } = await channel.checkQueue(queue);
  if (messageCount > 0 || consumerCount > 0) throw new Error(`${queue} is not empty or has a consumer (${messageCount} messages, ${consumerCount} consumers): left in place; run the migration again`);
  await channel.deleteQueue(queue);
}

async function onConfirmChannel<T>(connection: ChannelModel, work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
  const channel = await connection.createConfirmChannel();
  channel.on('error', () => undefined);
  try {
    return await work(channel);
  } finally {
    await channel.close().catch(() => undefined);
  }
}
