import type { EventHandler } from '@course-platform/messaging';
import type { EventEnvelope, EventOf, UserEnrolled, VideoCreated, VideoDeleted, VideoUpdated } from '@course-platform/shared-kernel';
import type { Knex } from 'knex';
import { AddVideoOnVideoCreated } from '../application/add-video-on-video-created';
import { IncrementStudentsOnUserEnrolled } from '../application/increment-students-on-user-enrolled';
import { RemoveVideoOnVideoDeleted } from '../application/remove-video-on-video-deleted';
import { UpdateVideoOnVideoUpdated } from '../application/update-video-on-video-updated';
import { KnexCourseCounters } from './knex-course-counters';
import { KnexCourseVideoRepository } from './knex-course-video-repository';
import {
  addVideoOnVideoCreated,
  incrementStudentsOnUserEnrolled,
  removeVideoOnVideoDeleted,
  updateVideoOnVideoUpdated,
} from './subscriptions';

// The bus parsed the envelope with the contract of its queue's only event before calling the handler.
const dataOf = <C extends typeof VideoCreated | typeof VideoUpdated | typeof VideoDeleted | typeof UserEnrolled>(event: EventEnvelope) =>
  event.data as EventOf<C>['data'];

const videosIn = (trx: Knex.Transaction) => new KnexCourseVideoRepository(trx);
const countersIn = (trx: Knex.Transaction) => new KnexCourseCounters(trx);

/** The handlers of the courses service, each writing through the transaction that records its inbox row. */
export function eventHandlers(): EventHandler[] {
  return [
    {
      ...addVideoOnVideoCreated,
      handle: (event, trx) => new AddVideoOnVideoCreated(videosIn(trx), countersIn(trx)).handle(dataOf<typeof VideoCreated>(event)),
      handleBatch: (events, trx) => new AddVideoOnVideoCreated(videosIn(trx), countersIn(trx)).handleAll(events.map(dataOf<typeof VideoCreated>)),
    },
    {
      ...updateVideoOnVideoUpdated,
      handle: (event, trx) => new UpdateVideoOnVideoUpdated(videosIn(trx), countersIn(trx)).handle(dataOf<typeof VideoUpdated>(event)),
    },
    {
      ...removeVideoOnVideoDeleted,
      handle: (event, trx) => new RemoveVideoOnVideoDeleted(videosIn(trx), countersIn(trx)).handle(dataOf<typeof VideoDeleted>(event)),
    },
    {
      ...incrementStudentsOnUserEnrolled,
      handle: (event, trx) => new IncrementStudentsOnUserEnrolled(countersIn(trx)).handle(dataOf<typeof UserEnrolled>(event)),
      handleBatch: (events, trx) => new IncrementStudentsOnUserEnrolled(countersIn(trx)).handleAll(events.map(dataOf<typeof UserEnrolled>)),
    },
  ];
}
