import { discardDeadLetter, listDeadLetters, replayDeadLetter, replayDeadLetters } from '@course-platform/messaging';
import type { DeadLetterStore } from '../application/ports';

/** The dead letters on the broker, through the same functions `make dlq` calls. */
export class AmqpDeadLetterStore implements DeadLetterStore {
  constructor(private readonly rabbitmqUrl: string) {}

  list(handlerQueue: string) {
    return listDeadLetters(this.rabbitmqUrl, handlerQueue, 200);
  }

  retryOne(handlerQueue: string, eventId: string) {
    return replayDeadLetter(this.rabbitmqUrl, handlerQueue, eventId);
  }

  retryAll(handlerQueue: string) {
    return replayDeadLetters(this.rabbitmqUrl, handlerQueue);
  }

  discardOne(handlerQueue: string, eventId: string) {
    return discardDeadLetter(this.rabbitmqUrl, handlerQueue, eventId);
  }
}
