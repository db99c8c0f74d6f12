import { subscriptions as courses } from '@course-platform/courses';
import type { BrokerStats, QueueFigures, ServiceDirectory } from '../../src/application/ports';
import { ReadOverview } from '../../src/application/read-overview';
import { PlatformMap } from '../../src/domain/platform-map';

const map = new PlatformMap([{ service: 'courses', subscriptions: courses }]);
const queue = 'courses.add_video_on_video_created';
const directory: ServiceDirectory = {
  statusOfAll: async () => [],
  eventRecords: async () => [],
  search: async () => [],
  emailsOf: async () => [],
};

/** A broker whose answers the test sets: figures, or a failure whose message names a password. */
class ScriptedBroker implements BrokerStats {
  answer: QueueFigures[] | Error = [];
  async queues(): Promise<QueueFigures[]> {
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

const figures = (name: string, messages: number, consumers = 1): QueueFigures => ({ name, messages, consumers, rateIn: 0, rateOut: 0 });

test("a handler queue's row adds up its retry queues and counts its dead-letter queue", async () => {
  const broker = new ScriptedBroker();
  broker.answer = [figures(queue, 4), figures(`${queue}.retry.1000ms`, 2, 0), figures(`${queue}.retry.5000ms`, 1, 0), figures(`${queue}.dead_letter`, 3, 0)];
  const overview = await new ReadOverview(map, directory, broker).execute();
  expect(overview.queues.find((row) => row.queue === queue)).toMatchObject({ depth: 4, consumers: 1, retrying: 3, deadLetters: 3 });
  expect(overview.brokerProblem).toBeNull();
});

test('when the broker does not answer, the last figures stay, marked with their time and the reason, without secrets', async () => {
  const broker = new ScriptedBroker();
  const read = new ReadOverview(map, directory, broker);
  broker.answer = [figures(queue, 7)];
  const before = await read.execute();
  broker.answer = new Error('fetch failed for http://guest:guest@rabbitmq:15672/api/queues');
  const after = await read.execute();
  expect(after.queues.find((row) => row.queue === queue)?.depth).toBe(7);
  expect(after.queuesAsOf).toBe(before.queuesAsOf);
  expect(after.brokerProblem).toBe('fetch failed for http://guest:***@rabbitmq:15672/api/queues');
});
