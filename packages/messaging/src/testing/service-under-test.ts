import { testing } from '@course-platform/service-kit';
import type { DomainEvent } from '@course-platform/shared-kernel';
import { envelopeOf } from './envelope-of';
import { EventProbe, publishRaw } from './event-probe';

export const TEST_EXCHANGE = 'videos';

export interface ServiceUnderTest<S> extends testing.TestService<S> {
  /** Sees every event on the service's exchange from the moment the service was ready. */
  probe: EventProbe;
  /** Publishes an event as its producing service does: routing key and AMQP type = event name, messageId = id. */
  publish(event: DomainEvent, producer: string): Promise<void>;
}

export interface ServiceUnderTestOptions extends testing.TestServiceOptions {
  exchange?: string;
}

/**
 * The real service (startTestService) once its bus has declared its topology, with a probe on its exchange:
 * HTTP in, events out. Closing stops the probe first, then the service, its vhost and its database.
 */
export async function startServiceUnderTest<S extends { port: number; stop(): Promise<void>; bus: { whenReady(): Promise<void> } }>(
  start: (env: NodeJS.ProcessEnv) => Promise<S>,
  options: ServiceUnderTestOptions,
): Promise<ServiceUnderTest<S>> {
  const exchange = options.exchange ?? TEST_EXCHANGE;
  const running = await testing.startTestService(start, { ...options, env: { EVENTS_EXCHANGE: exchange, ...options.env } });
  await running.service.bus.whenReady();
  const probe = await EventProbe.start(running.vhost.url, exchange);
  return {
    ...running,
    probe,
    publish: (event, producer) =>
      publishRaw(running.vhost.url, exchange, event.type, envelopeOf(event, producer), { messageId: event.id, type: event.type }),
    close: async () => {
      await probe.stop();
      await running.close();
    },
  };
}
