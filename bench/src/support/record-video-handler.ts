import type { EventHandler } from '@course-platform/messaging';
import { VideoCreated, type EventEnvelope, type EventOf } from '@course-platform/shared-kernel';

export const RECORD_VIDEO_QUEUE = 'bench.record_video_on_video_created';

const videoWrite = (event: EventEnvelope) => {
  const { data } = event as EventOf<typeof VideoCreated>;
  return { event_id: event.id, video_id: data.videoId, title: data.title };
};

/** The consumer scenarios' handler: one write in the transaction that holds the inbox row, one for a whole batch. */
export const recordVideoHandler: EventHandler = {
  queue: RECORD_VIDEO_QUEUE,
  events: [VideoCreated],
  async handle(event, trx) {
    await trx('video_writes').insert(videoWrite(event));
  },
  async handleBatch(events, trx) {
    await trx('video_writes').insert(events.map(videoWrite));
  },
};
