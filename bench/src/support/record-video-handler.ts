import type { EventHandler } from '@course-platform/messaging';
import { VideoCreated, type EventOf } from '@course-platform/shared-kernel';

export const RECORD_VIDEO_QUEUE = 'bench.record_video_on_video_created';

/** The consumer scenarios' handler: one write in the transaction that holds the inbox row. */
export const recordVideoHandler: EventHandler = {
  queue: RECORD_VIDEO_QUEUE,
  events: [VideoCreated],
  async handle(event, trx) {
    const { data } = event as EventOf<typeof VideoCreated>;
    await trx('video_writes').insert({ event_id: event.id, video_id: data.videoId, title: data.title });
  },
};
