import type { ServiceConfig } from '@course-platform/service-kit';
import { EventBus, type EventBusOptions } from './event-bus';

const hours = (n: number) => n * 60 * 60 * 1000;

/** The bus of a service process, with the broker settings every service reads from its environment. */
export function eventBusFromConfig(config: ServiceConfig, parts: Pick<EventBusOptions, 'service' | 'knex' | 'handlers' | 'logger' | 'metrics'>): EventBus {
  return new EventBus({
    ...parts,
    url: config.RABBITMQ_URL,
    managementUrl: config.RABBITMQ_MANAGEMENT_URL,
    exchange: config.EVENTS_EXCHANGE,
    prefetch: config.CONSUMER_PREFETCH,
    consumerConcurrency: config.CONSUMER_CONCURRENCY,
    consumerBatchSize: config.CONSUMER_BATCH_SIZE,
    consumerBatchLingerMs: config.CONSUMER_BATCH_LINGER_MS,
    relay: { lanes: config.RELAY_LANES, batchSize: config.RELAY_BATCH_SIZE },
    retention: { outboxMs: hours(config.OUTBOX_RETENTION_HOURS), inboxMs: hours(config.INBOX_RETENTION_HOURS) },
    retryDelaysMs: config.RETRY_DELAYS_MS,
    handlerTimeoutMs: config.HANDLER_TIMEOUT_MS,
    queueType: config.QUEUE_TYPE,
    deliveryLimit: config.QUEUE_DELIVERY_LIMIT,
  });
}
