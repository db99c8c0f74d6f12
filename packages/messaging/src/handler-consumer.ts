import { EnvelopeError, parseEnvelope, type EventEnvelope } from '@course-platform/shared-kernel';
import { isDependencyUnavailable, withCorrelation } from '@course-platform/service-kit';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { bindEventToSpan } from './batch-trace';
import { Batcher } from './batcher';
import { handleWithin, HandlerTimeoutError } from './handler-deadline';
import { insertInbox, recordDuplicates } from './inbox';
import { HandlingSpan, type HandlingResult } from './message-tracing';
import type { MessagingMetrics } from './messaging-metrics';
import { publishConfirmed } from './publish-confirmed';
import { PermanentHandlerError, type EventHandler } from './subscription';
import { deadLetterQueueName, declareTopology, retryExchangeName, retryQueueName, type Topology } from './topology';
import { UnackedTags } from './unacked-tags';

export interface HandlerConsumerOptions {
  handler: EventHandler;
  /** The handler's queue, retry queues and dead-letter queue: declared again on every attach. */
  topology: Topology;
  knex: Knex;
  logger: Logger;
  metrics: MessagingMetrics;
  retryDelaysMs: readonly number[];
  prefetch: number;
  /**
   * Transactions this consumer runs at once. Messages that arrive while all of them are busy wait, and the
   * next free one handles them together (up to `batchSize`): one inbox insert and one commit for all.
   */
  concurrency: number;
  /** Messages one transaction handles at most (CONSUMER_BATCH_SIZE). */
  batchSize: number;
  /** How long a free transaction waits for a batch to fill before it takes what is there (CONSUMER_BATCH_LINGER_MS). */
  batchLingerMs: number;
  /** How long one call of the handler may take before it is cut off and its message retried. */
  timeoutMs: number;
  confirmTimeoutMs?: number;
}

export const ATTEMPT_HEADER = 'x-attempt';
/** Retries because a dependency was down: they grow the delay but spend no attempt. */
export const UNAVAILABLE_HEADER = 'x-unavailable-retries';

type Outcome = 'handled' | 'duplicate';

/** The dead-letter reason of a handler that failed on every attempt: the last failure's kind. */
const failureReason = (error: unknown) => (error instanceof HandlerTimeoutError ? error.reason : 'HANDLER_FAILED');

/**
 * Enough to amortise a transaction's round trips; few enough that a batch holds its locks briefly. B4 (a
 * backlog drained) measured about 10 % more events a second with 200 than with 100, in interleaved runs.
 */
export const DEFAULT_BATCH_SIZE = 200;

interface Delivery {
  channel: ConfirmChannel;
  message: ConsumeMessage;
  envelope: EventEnvelope;
  attempt: number;
  span: HandlingSpan;
  done: { resolve(): void; reject(error: unknown): void };
}

/** Kept through every retry, so a dead letter tells when its trouble began as well as when it gave up. */
export const FIRST_FAILED_HEADER = 'x-first-failed-at';
const firstFailedAt = (message: ConsumeMessage): unknown => message.properties.headers?.[FIRST_FAILED_HEADER] ?? new Date().toISOString();
/** When a copy entered its retry queue: with the queue's delay, when it goes back to its handler. */
export const RETRIED_AT_HEADER = 'x-retried-at';

/** A retried copy comes back through the default exchange: its first routing key travels in a header. */
const originalRoutingKey = (message: ConsumeMessage): unknown => message.properties.headers?.['x-original-routing-key'] ?? message.fields.routingKey;

/**
 * Consumes one handler queue. Each message is parsed with its contract, then handled in a transaction that
 * first records (handler, event id) in the inbox, so a redelivery is acked and skipped. Under load, the
 * messages that queued up while every transaction was busy share the next one: their inbox rows and effects
 * commit together and are acked after that commit. If a handler of such a batch fails, the batch rolls back
 * and each of its messages is handled again alone, so only the failing one takes the failure path. A failure
 * is republished to the retry queue for its attempt, or past the last one to the dead-letter queue, and only
 * then is the original acked: at every instant the message exists on the broker until its effect committed.
 */
export class HandlerConsumer {
  private channel: ConfirmChannel | null = null;
  private connection: ChannelModel | null = null;
  private consumerTag: string | null = null;
  private stopping = false;
  private reattachFailures = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly batcher: Batcher<Delivery>;
  /** Per channel: what an ack with `multiple` may cover. A closed channel's record goes with it. */
  private readonly unacked = new WeakMap<ConfirmChannel, UnackedTags>();
  private readonly log: Logger;

  constructor(private readonly options: HandlerConsumerOptions) {
    this.log = options.logger.child({ queue: options.handler.queue });
    this.batcher = new Batcher({
      size: options.batchSize,
      lingerMs: options.batchLingerMs,
      concurrency: options.concurrency,
      run: (batch) => this.runBatch(batch),
    });
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
      this.forgetDeliveries(channel);
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
    const unacked = new UnackedTags();
    this.unacked.set(channel, unacked);
    const { consumerTag } = await channel.consume(this.queue, (message) => {
      if (message === null) {
        // The broker cancelled us (queue deleted, failover): the channel's close re-attaches and re-declares.
        this.log.warn('consumer cancelled by the broker');
        void channel.close().catch(() => undefined);
        return;
      }
      unacked.add(message.fields.deliveryTag);
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
    const span = new HandlingSpan(this.queue, message, attempt);
    let envelope: EventEnvelope;
    try {
      envelope = this.parse(message);
    } catch (error) {
      const reason = error instanceof EnvelopeError ? error.reason : 'INVALID_ENVELOPE';
      await span.run(() => this.deadLetter(channel, message, reason, (error as Error).message, attempt)).then(
        () => span.end('dead_letter', error),
        (republishError: unknown) => {
          span.end(undefined, republishError);
          throw republishError;
        },
      );
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.batcher.add({ channel, message, envelope, attempt, span, done: { resolve, reject } });
    });
  }

  private async runBatch(batch: Delivery[]): Promise<void> {
    let stuck: { delivery: Delivery; error: HandlerTimeoutError } | undefined;
    if (batch.length > 1) {
      try {
        const outcomes = await this.handle(batch);
        this.settleBatch(batch, outcomes);
        for (const delivery of batch) {
          delivery.span.end('ack');
          delivery.done.resolve();
        }
        return;
      } catch (error) {
        this.log.debug({ err: error, size: batch.length }, 'a batch failed; handling its messages one by one');
        // The message whose handler ran out of time has had its turn: alone, it would hold a transaction as long again.
        if (error instanceof HandlerTimeoutError) {
          const delivery = batch.find((d) => d.envelope.id === error.eventId);
          if (delivery) stuck = { delivery, error };
        }
      }
    }
    for (const delivery of batch) {
      const settled = delivery === stuck?.delivery ? this.failDelivery(delivery, stuck.error) : this.handleAlone(delivery);
      await settled.then(delivery.done.resolve, delivery.done.reject);
    }
  }

  private async handleAlone(delivery: Delivery): Promise<void> {
    let outcome: Outcome | undefined;
    try {
      [outcome] = await this.handle([delivery]);
    } catch (error) {
      await this.failDelivery(delivery, error);
      return;
    }
    this.settle(delivery.channel, delivery.message, outcome ?? 'handled');
    delivery.span.end('ack');
  }

  /** The failure path, its log lines in the message's span, which ends with where the message went. */
  private async failDelivery({ channel, message, envelope, attempt, span }: Delivery, error: unknown): Promise<void> {
    let result: HandlingResult;
    try {
      result = await span.run(() => this.fail(channel, message, envelope, error, attempt));
    } catch (republishError) {
      span.end(undefined, republishError);
      throw republishError;
    }
    span.end(result, error);
  }

  /** A closed channel's unacked messages go back to the queue: handling them now would only repeat the work. */
  private forgetDeliveries(channel: ConfirmChannel): void {
    for (const delivery of this.batcher.remove((d) => d.channel === channel)) {
      delivery.span.end(undefined);
      delivery.done.resolve();
    }
  }

  private parse(message: ConsumeMessage): EventEnvelope {
    const envelope = parseEnvelope(message.content);
    const expected = this.options.handler.events.some((e) => e.name === envelope.type && e.version === envelope.version);
    if (!expected) throw new EnvelopeError('UNKNOWN_EVENT', `${this.queue} does not handle ${envelope.type} v${envelope.version}`);
    return envelope;
  }

  /**
   * One transaction: the inbox rows of every delivery, then the handler for the ones not seen before — all of
   * them in one call of `handleBatch` where the handler has it and more than one is new, else each in a call of
   * `handle` — each call within the handler's time. A call cut off ends the transaction's session: it fails
   * with the timeout.
   */
  private async handle(batch: readonly Delivery[]): Promise<Outcome[]> {
    const { knex, handler, timeoutMs } = this.options;
    let timedOut: HandlerTimeoutError | undefined;
    // A message alone owns its transaction, whose statements (BEGIN, the inbox insert, COMMIT) join its span;
    // those of a shared one belong to no single message and are left out of every trace.
    const lone = batch.length === 1 ? batch[0]?.span : undefined;
    const inSpan = <T>(fn: () => T): T => (lone ? lone.run(fn) : fn());
    try {
      return await inSpan(() => knex.transaction(async (trx: Knex.Transaction) => {
        // The database answers uuids in lower case; an id repeated within the batch is a duplicate too.
        const inboxed = await insertInbox(trx, this.queue, batch.map(({ envelope }) => envelope.id));
        const fresh = batch.filter(({ envelope }) => inboxed.delete(envelope.id.toLowerCase()));
        const isFresh = new Set(fresh);
        const outcomes = batch.map((delivery): Outcome => (isFresh.has(delivery) ? 'handled' : 'duplicate'));
        await recordDuplicates(trx, this.queue, batch.filter((delivery) => !isFresh.has(delivery)).map(({ envelope }) => envelope.id));
        batch.forEach(({ span }, i) => span.inbox(outcomes[i] === 'handled' ? 'new' : 'duplicate'));
        const within = (eventId: string | undefined, call: () => Promise<void>) =>
          handleWithin(knex, trx, { eventId, timeoutMs }, call, (error) =>
            this.log.error({ err: error, eventId }, 'could not end the session of a handler that timed out'),
          ).catch((error: unknown) => {
            if (error instanceof HandlerTimeoutError) timedOut = this.timedOut(error);
            throw error;
          });
        if (handler.handleBatch && fresh.length > 1) {
          // Its statements, like the transaction's, belong to no single message: no span, no correlation.
          for (const { envelope, span } of fresh) bindEventToSpan(envelope, span);
          const events = fresh.map(({ envelope }) => envelope);
          await within(undefined, () => handler.handleBatch!(events, trx));
          return outcomes;
        }
        for (const { envelope, span } of fresh) {
          const correlation = { correlationId: envelope.meta.correlationId, causationId: envelope.id };
          await within(envelope.id, () => span.run(() => withCorrelation(correlation, () => handler.handle(envelope, trx))));
        }
        return outcomes;
      }));
    } catch (error) {
      // The rollback of an ended session fails with a connection error: what happened is the timeout.
      throw timedOut ?? error;
    }
  }

  private timedOut(error: HandlerTimeoutError): HandlerTimeoutError {
    this.options.metrics.handlerTimeouts.inc({ queue: this.queue });
    this.log.warn({ eventId: error.eventId, timeoutMs: error.timeoutMs }, 'handler timed out; its transaction was rolled back and its session ended');
    return error;
  }

  private settle(channel: ConfirmChannel, message: ConsumeMessage, outcome: Outcome | 'retried' | 'dead_lettered'): void {
    if (this.ack(channel, message)) this.options.metrics.consumed.inc({ queue: this.queue, outcome });
  }

  /**
   * Acks a committed batch with one `multiple` ack of its last delivery when nothing else unacked lies below it
   * on the channel; otherwise (the other transaction's batch sits between, a message still waits) one by one,
   * since a `multiple` ack would take those with it and, should this process die, lose them.
   */
  private settleBatch(batch: readonly Delivery[], outcomes: readonly Outcome[]): void {
    const channel = batch[0]?.channel;
    // The batch is in delivery order: its last delivery has its highest tag.
    const last = batch.at(-1);
    const tags = batch.map(({ message }) => message.fields.deliveryTag);
    const together = batch.every((d) => d.channel === channel) && channel && this.unacked.get(channel)?.ackableTogether(tags);
    if (!together || !last) {
      batch.forEach((delivery, i) => this.settle(delivery.channel, delivery.message, outcomes[i] ?? 'handled'));
      return;
    }
    if (!this.ack(channel, last.message, tags)) return;
    for (const outcome of outcomes) this.options.metrics.consumed.inc({ queue: this.queue, outcome });
  }

  /** Acks one message, or with `together` every tag up to its own, which must be exactly those. */
  private ack(channel: ConfirmChannel, message: ConsumeMessage, together?: readonly number[]): boolean {
    try {
      channel.ack(message, together !== undefined);
    } catch {
      // The channel closed under us: the broker redelivers and the inbox makes the repeat harmless.
      this.log.warn({ messageId: message.properties.messageId }, 'ack failed on a closed channel; it will be redelivered');
      return false;
    }
    const unacked = this.unacked.get(channel);
    for (const tag of together ?? [message.fields.deliveryTag]) unacked?.delete(tag);
    return true;
  }

  private async fail(channel: ConfirmChannel, message: ConsumeMessage, envelope: EventEnvelope, error: unknown, attempt: number): Promise<HandlingResult> {
    const delays = this.options.retryDelaysMs;
    const text = error instanceof Error ? error.message : String(error);
    // A database that is down is not the message's fault: retry without spending one of its attempts.
    const counts = !isDependencyUnavailable(error);
    const permanent = error instanceof PermanentHandlerError;
    if (permanent || (counts && attempt > delays.length)) {
      this.log.error({ err: error, eventId: envelope.id, attempt }, 'handler failed for good; dead-lettering');
      await this.deadLetter(channel, message, permanent ? 'HANDLER_REJECTED' : failureReason(error), text, attempt);
      return 'dead_letter';
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
      [FIRST_FAILED_HEADER]: firstFailedAt(message),
      [RETRIED_AT_HEADER]: new Date().toISOString(),
    });
    this.settle(channel, message, 'retried');
    return 'retry';
  }

  private async deadLetter(channel: ConfirmChannel, message: ConsumeMessage, reason: string, detail: string, attempt: number): Promise<void> {
    if (!reason.startsWith('HANDLER_')) {
      this.log.error({ reason, detail, messageId: message.properties.messageId }, 'rejected message; dead-lettering');
    }
    await this.republish(channel, message, deadLetterQueueName(this.queue), {
      'x-dead-letter-reason': reason,
      'x-error': detail.slice(0, 2_000),
      'x-original-queue': this.queue,
      'x-original-routing-key': originalRoutingKey(message),
      'x-attempts': attempt,
      [FIRST_FAILED_HEADER]: firstFailedAt(message),
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
