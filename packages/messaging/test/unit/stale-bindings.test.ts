import { VideoCreated, VideoUpdated } from '@course-platform/shared-kernel';
import { staleBindings, topologyOf, vhostOf, type BrokerBinding } from '../../src';

const topology = topologyOf([{ queue: 'videos.refresh_on_video_changes', events: [VideoCreated, VideoUpdated] }], { exchange: 'videos' });
const binding = (source: string, destination: string, routingKey: string): BrokerBinding => ({
  source,
  destination,
  destination_type: 'queue',
  routing_key: routingKey,
  arguments: {},
});

test("stale: a binding from the events exchange to one of the service's queues that its topology does not have", () => {
  const onBroker: BrokerBinding[] = [
    binding('videos', 'videos.refresh_on_video_changes', 'videos.created'),
    binding('videos', 'videos.refresh_on_video_changes', 'videos.updated'),
    binding('videos', 'videos.refresh_on_video_changes', 'videos.deleted'), // the handler no longer listens to it
    binding('videos', 'videos.renamed_on_video_created', 'videos.created'), // a handler renamed or removed
    binding('videos', 'courses.add_video_on_video_created', 'videos.created'), // another service's queue
    binding('videos', 'videosx.lookalike_on_video_created', 'videos.created'), // only starts like ours
    binding('videos.retry', 'videos.renamed_on_video_created', 'videos.renamed_on_video_created'), // another exchange
    { ...binding('videos', 'videos.archive', 'videos.created'), destination_type: 'exchange' }, // not a queue
  ];
  expect(staleBindings(onBroker, topology, 'videos')).toEqual([onBroker[2], onBroker[3]]);
});

test('the vhost of a broker URL is read as amqplib reads it', () => {
  expect(vhostOf('amqp://u:p@rabbit:5672/cpt_1?heartbeat=10')).toBe('cpt_1');
  expect(vhostOf('amqp://u:p@rabbit:5672/%2F')).toBe('/');
  expect(vhostOf('amqp://rabbit')).toBe('/');
});
