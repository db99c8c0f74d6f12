import { randomUUID } from 'node:crypto';
import { toEnvelope } from '@course-platform/messaging';
import { VideoCreated, type EventOf } from '@course-platform/shared-kernel';

export const EXCHANGE = 'videos';

/** A videos.created event as the videos service records it, for a new video in `courseId`. */
export function videoCreated(courseId: string = randomUUID()): EventOf<typeof VideoCreated> {
  const videoId = randomUUID();
  return VideoCreated.create(videoId, {
    videoId,
    courseId,
    title: 'Event-driven systems, part one',
    description: 'How a transactional outbox keeps the database and the broker in step.',
    durationSeconds: 600,
    revision: 1,
  });
}

/** The outbox row the Outbox appends for an event: the relay publishes `envelope` byte for byte. */
export function outboxRow(event: EventOf<typeof VideoCreated>) {
  return { event_id: event.id, type: event.type, envelope: JSON.stringify(toEnvelope(event, 'videos')) };
}

/** The body of PUT /videos/:id for a video in `courseId`. */
export function videoBody(courseId: string): string {
  return JSON.stringify({
    title: 'Event-driven systems, part one',
    description: 'How a transactional outbox keeps the database and the broker in step.',
    courseId,
    durationSeconds: 600,
  });
}
