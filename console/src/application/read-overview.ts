// The overview page's figures: every replica's state and outbox, and each handler queue's traffic.
import { deadLetterQueueName } from '@course-platform/messaging';
import type { PlatformMap } from '../domain/platform-map';
import { redactedText } from '../domain/redacted-url';
import type { BrokerStats, QueueFigures, ReplicaStatus, ServiceDirectory } from './ports';

export interface QueueRow {
  queue: string;
  service: string;
  events: string[];
  depth: number;
  consumers: number;
  rateIn: number;
  rateOut: number;
  /** Copies waiting in the queue's retry queues. */
  retrying: number;
  deadLetters: number;
}

export interface Overview {
  at: string;
  services: Array<{ service: string; replicas: ReplicaStatus[] }>;
  queues: QueueRow[];
  /** When the queue figures were read; older than `at` when the broker did not answer this time. */
  queuesAsOf: string | null;
  brokerProblem: string | null;
}

const sum = (figures: QueueFigures[]) => figures.reduce((total, queue) => total + queue.messages, 0);

export class ReadOverview {
  private lastQueues: { rows: QueueRow[]; at: string } | null = null;

  constructor(
    private readonly map: PlatformMap,
    private readonly directory: ServiceDirectory,
    private readonly broker: BrokerStats,
  ) {}

  async execute(): Promise<Overview> {
    const [services, queues] = await Promise.all([this.directory.statusOfAll(), this.queueRows()]);
    return {
      at: new Date().toISOString(),
      services,
      queues: queues.rows ?? this.lastQueues?.rows ?? [],
      queuesAsOf: this.lastQueues?.at ?? null,
      brokerProblem: queues.problem,
    };
  }

  private async queueRows(): Promise<{ rows: QueueRow[] | null; problem: string | null }> {
    let figures: QueueFigures[];
    try {
      figures = await this.broker.queues();
    } catch (error) {
      return { rows: null, problem: redactedText(error instanceof Error ? error.message : String(error)) };
    }
    const byName = new Map(figures.map((queue) => [queue.name, queue]));
    const rows = this.map.handlerQueues.map(({ queue, service, events }) => {
      const own = byName.get(queue);
      return {
        queue,
        service,
        events,
        depth: own?.messages ?? 0,
        consumers: own?.consumers ?? 0,
        rateIn: own?.rateIn ?? 0,
        rateOut: own?.rateOut ?? 0,
        retrying: sum(figures.filter((other) => other.name.startsWith(`${queue}.retry.`))),
        deadLetters: byName.get(deadLetterQueueName(queue))?.messages ?? 0,
      };
    });
    this.lastQueues = { rows, at: new Date().toISOString() };
    return { rows, problem: null };
  }
}
