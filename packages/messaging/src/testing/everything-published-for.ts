import { testing, type Knex } from '@course-platform/service-kit';
import { CourseCreated, type EventEnvelope } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';
import type { ServiceUnderTest } from './service-under-test';

/**
 * Every event of an aggregate the service will ever publish for what it was asked so far, as the probe saw it.
 * It waits until the outbox holds nothing of the aggregate still unconfirmed, then sends a marker event after
 * them and waits for it: the probe's queue is FIFO, so once the marker is in, everything confirmed before it is.
 * The marker is a courses.created of a course nobody asked for: a service that consumes courses.created sees it too.
 */
export async function everythingPublishedFor(sut: ServiceUnderTest<{ knex: Knex }>, aggregateId: string): Promise<EventEnvelope[]> {
  await testing.eventually(async () => {
    const rows = await sut.service.knex<{ envelope: string }>('outbox').whereNull('published_at');
    const pending = rows.filter((row) => (JSON.parse(row.envelope) as { aggregateId: string }).aggregateId === aggregateId);
    if (pending.length > 0) throw new Error(`${pending.length} events of ${aggregateId} not yet published`);
  });
  const markerId = randomUUID();
  const marker = CourseCreated.create(markerId, { courseId: markerId, title: 'probe marker', description: '' });
  await sut.publish(marker, 'courses');
  await sut.probe.waitFor(marker.type, { aggregateId: markerId });
  return sut.probe.received.filter((event) => event.aggregateId === aggregateId);
}
