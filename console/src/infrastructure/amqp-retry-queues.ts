import { findRetryingCopy } from '@course-platform/messaging';
import type { RetryQueues } from '../application/ports';

/** The retry queues on the broker, read as the dead letters are, through the messaging package. */
export class AmqpRetryQueues implements RetryQueues {
  constructor(private readonly rabbitmqUrl: string) {}

  async find(queues: readonly string[], eventId: string) {
    return queues.length === 0 ? null : findRetryingCopy(this.rabbitmqUrl, queues, eventId);
  }
}
