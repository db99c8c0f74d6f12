import { managementGet, vhostOf, type ManagementApiOptions } from '@course-platform/messaging';
import type { BrokerStats, QueueFigures } from '../application/ports';

interface ManagementQueue {
  name: string;
  messages?: number;
  consumers?: number;
  message_stats?: { publish_details?: { rate?: number }; deliver_get_details?: { rate?: number }; ack_details?: { rate?: number } };
}

/** Queue depths, consumers and rates of the platform's vhost, from RabbitMQ's management API. */
export class ManagementBrokerStats implements BrokerStats {
  constructor(private readonly options: ManagementApiOptions) {}

  async queues(): Promise<QueueFigures[]> {
    const columns = 'name,messages,consumers,message_stats';
    const queues = await managementGet<ManagementQueue[]>(this.options, `api/queues/${encodeURIComponent(vhostOf(this.options.amqpUrl))}?columns=${columns}`);
    return queues.map((queue) => ({
      name: queue.name,
      messages: queue.messages ?? 0,
      consumers: queue.consumers ?? 0,
      rateIn: queue.message_stats?.publish_details?.rate ?? 0,
      rateOut: queue.message_stats?.ack_details?.rate ?? queue.message_stats?.deliver_get_details?.rate ?? 0,
    }));
  }
}
