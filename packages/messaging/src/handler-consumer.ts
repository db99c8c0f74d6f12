import { EnvelopeError, parseEnvelope, type EventEnvelope } from '@course-platform/shared-kernel';
import { isDependencyUnavailable, withCorrelation } from '@course-platform/service-kit';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { MessagingMetrics } from './messaging-metrics';
import { publishConfirmed } from './publish-confirmed';
import { PermanentHandlerError, type EventHandler } from './subscription';
import { deadLetterQueueName, declareTopology, retryExchangeName, retryQueueName, type Topology } from './topology';

export interface HandlerConsumerOptions {
  handler: EventHandler;
  /** The handler's queue, retry queues and dead-letter queue: declared again on every attach. */
  topology: Topology;
  knex: Knex;
  logger: Logger;
  metrics: MessagingMetrics;
  retryDelaysMs: readonly number[];
  prefetch: number;
  confirmTimeoutMs?: number;
}

export const ATTEMPT_HEADER = 'x-attempt';
/** Retries because a dependency was down: they grow the delay but spend no attempt. */
export const UNAVAILABLE_HEADER = 'x-unavailable-retries';

type Outcome = 'handled' | 'duplicate';

/** A retried copy comes back through the default exchange: its first routing key travels in a header. */
const originalRoutingKey = (message: ConsumeMessage): unknown => message.properties.headers?.['x-original-routing-key'] ?? message.fields.routingKey;

/**
 * Consumes one handler queue. Each message is parsed with its contract, then handled in a transaction that
 * first records (handler, event id) in the inbox, so a redelivery is acked and skipped. A failure is
 * republished to the retry queue for its attempt, or past the last one to the dead-letter queue, and only
 * then is the original acked: at every instant the message exists on the broker until its effect committed.
 */
export class HandlerConsumer {
  private channel: ConfirmChannel | null = null;
  private connection: ChannelModel | null = null;
  private consumerTag: string | null = null;
  private stopping = false;
  private reattachFailures = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: Logger;

  constructor(private readonly options: HandlerConsumerOptions) {
    this.log = options.logger.child({ queue: options.handler.queue });
  }

  get queue(): string {
    return this.options.handler.queue;
  }

  /** Consuming right now: what readiness reports. */
  get attached(): boolean {
    return this.consumerTag !== null;
  }

  /**
   * Declares the handler's queues and starts consuming on a fresh channel of a (re)opened connection. Stop
   * is final: an attach still under way when it comes closes its channel instead of consuming.
   */
  async attach(connection: ChannelModel): Promise<void> {
    if (this.stopping) return;
    this.connection = connection;
    const channel = await connection.createConfirmChannel();
    channel.on('error', (error: Error) => this.log.warn({ err: error }, 'consumer channel error'));
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = null;
      this.consumerTag = null;
      // Only the channel died (a cancel, a confirm timeout): re-attach on the same connection. When the
      // whole connection died, the bus re-attaches every consumer once it has reconnected.
      this.scheduleReattach(connection);
    });
    // Declared here, not only by the bus at connect: a queue deleted under a live connection comes back.
    await declareTopology(channel, this.options.topology);
    await channel.prefetch(this.options.prefetch);
    if (this.stopping) {
      await channel.close().catch(() => undefined);
      return;
    }
    this.channel = channel;
    const { consumerTag } = await channel.consume(this.queue, (message) => {
      if (message === null) {
        // The broker cancelled us (queue deleted, failover): the channel's close re-attaches and re-declares.
        this.log.warn('consumer cancelled by the broker');
        void channel.close().catch(() => undefined);
        return;
      }
      const work = this.process(channel, message)
        .catch((error: unknown) => this.log.warn({ err: error, messageId: message.properties.messageId }, 'message left unacked; it will be redelivered'))
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    this.consumerTag = consumerTag;
    this.reattachFailures = 0;
    if (this.stopping) await this.stop();
  }

  private scheduleReattach(connection: ChannelModel): void {
    if (this.stopping) return;
    const delay = Math.min(30_000, 1_000 * 2 ** Math.min(this.reattachFailures, 5));
    setTimeout(() => {
      if (this.stopping || this.channel || this.connection !== connection) return;
      this.attach(connection).catch((error: unknown) => {
        // The connection may be dying (then the bus re-attaches after reconnecting) or only the channel failed:
        // keep trying on this connection while it is the current one.
        this.reattachFailures += 1;
        this.log.warn({ err: error, failures: this.reattachFailures }, 're-attach failed; trying again');
        this.scheduleReattach(connection);
      });
    }, delay).unref();
  }

  /** Stops taking messages, lets the ones in flight finish and be acked, then closes the channel. */
  async stop(): Promise<void> {
    this.stopping = true;
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    this.channel = null;
    await channel?.close().catch(() => undefined);
  }

  private async process(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const attempt = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 1) || 1;
    let envelope: EventEnvelope;
    try {
      envelope = this.parse(message);
    } catch (error) {
      const reason = error instanceof EnvelopeError ? error.reason : 'INVALID_ENVELOPE';
      await this.deadLetter(channel, message, reason, (error as Error).message, attempt);
      return;
    }
    try {
      const outcome = await withCorrelation({ correlationId: envelope.meta.correlationId, causationId: envelope.id }, () =>
        this.handle(envelope),
      );
      this.settle(channel, message, outcome);
    } catch (error) {
      await this.fail(channel, message, envelope, error, attempt);
    }
  }

  private parse(message: ConsumeMessage): EventEnvelope {
    const envelope = parseEnvelope(message.content);
    const expected = this.options.handler.events.some((e) => e.name === envelope.type && e.version === envelope.version);
    if (!expected) throw new EnvelopeError('UNKNOWN_EVENT', `${this.queue} does not handle ${envelope.type} v${envelope.version}`);
    return envelope;
  }

  private handle(envelope: EventEnvelope): Promise<Outcome> {
    return this.options.knex.transaction(async (trx: Knex.Transaction) => {
      const inserted = await trx('inbox')
        .insert({ handler: this.queue, event_id: envelope.id })
        .onConflict(['handler', 'event_id'])
        .ignore()
        .returning('event_id');
      if (inserted.length === 0) return 'duplicate';
      await this.options.handler.handle(envelope, trx);
      return 'handled';
    });
  }

  private settle(channel: ConfirmChannel, message: ConsumeMessage, outcome: Outcome | 'retried' | 'dead_lettered'): void {
    try {
      channel.ack(message);
      this.options.metrics.consumed.inc({ queue: this.queue, outcome });
    } catch {
      // The channel closed under us: the broker redelivers and the inbox makes the repeat harmless.
      this.log.warn({ messageId: message.properties.messageId }, 'ack failed on a closed channel; it will be redelivered');
    }
  }

  private async fail(channel: ConfirmChannel, message: ConsumeMessage, envelope: EventEnvelope, error: unknown, attempt: number): Promise<void> {
    const delays = this.options.retryDelaysMs;
    const text = error instanceof Error ? error.message : String(error);
    // A database that is down is not the message's fault: retry without spending one of its attempts.
    const counts = !isDependencyUnavailable(error);
    const permanent = error instanceof PermanentHandlerError;
    if (permanent || (counts && attempt > delays.length)) {
      this.log.error({ err: error, eventId: envelope.id, attempt }, 'handler failed for good; dead-lettering');
      await this.deadLetter(channel, message, permanent ? 'HANDLER_REJECTED' : 'HANDLER_FAILED', text, attempt);
      return;
    }
    // While a dependency stays down, its retries walk up the same delays (and stay at the longest).
    const unavailable = Number(message.properties.headers?.[UNAVAILABLE_HEADER] ?? 0) || 0;
    const step = counts ? attempt : unavailable + 1;
    const delay = delays[Math.min(step, delays.length) - 1] ?? 1_000;
    this.log.warn({ err: error, eventId: envelope.id, attempt, delayMs: delay }, 'handler failed; retrying');
    await this.republish(channel, message, retryQueueName(this.queue, delay), {
      [ATTEMPT_HEADER]: counts ? attempt + 1 : attempt,
      [UNAVAILABLE_HEADER]: counts ? unavailable : unavailable + 1,
      'x-original-routing-key': originalRoutingKey(message),
      'x-last-error': text.slice(0, 1_000),
    });
    this.settle(channel, message, 'retried');
  }

  private async deadLetter(channel: ConfirmChannel, message: ConsumeMessage, reason: string, detail: string, attempt: number): Promise<void> {
    if (reason !== 'HANDLER_FAILED' && reason !== 'HANDLER_REJECTED') {
      this.log.error({ reason, detail, messageId: message.properties.messageId }, 'rejected message; dead-lettering');
    }
    await this.republish(channel, message, deadLetterQueueName(this.queue), {
      'x-dead-letter-reason': reason,
      'x-error': detail.slice(0, 2_000),
      'x-original-queue': this.queue,
      'x-original-routing-key': originalRoutingKey(message),
      'x-attempts': attempt,
      'x-dead-lettered-at': new Date().toISOString(),
    });
    this.settle(channel, message, 'dead_lettered');
  }

  /** Copies the message to a queue of ours through our retry exchange and waits for the broker's confirm. */
  private async republish(channel: ConfirmChannel, message: ConsumeMessage, queue: string, headers: Record<string, unknown>): Promise<void> {
    const { properties } = message;
    await publishConfirmed(
      channel,
      [
        {
          exchange: retryExchangeName(this.queue),
          routingKey: queue,
          content: message.content,
          options: {
            messageId: properties.messageId,
            type: properties.type,
            contentType: properties.contentType,
            correlationId: properties.correlationId,
            persistent: true,
            mandatory: true,
            headers: { ...properties.headers, ...headers },
          },
        },
      ],
      // A missing retry or dead-letter queue must fail the copy, or the original would be acked into nowhere.
      { timeoutMs: this.options.confirmTimeoutMs ?? 10_000, rejectReturned: true },
    );
  }
}
