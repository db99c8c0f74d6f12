import { testing } from '@course-platform/service-kit';

/** How many messages a queue's consumer settled with an outcome ('handled', 'duplicate', ...), from the service's /metrics. */
export function consumedCount(target: { baseUrl: string }, queue: string, outcome: string): Promise<number> {
  return testing.metricValue(target, 'messaging_messages_consumed_total', { queue, outcome });
}
