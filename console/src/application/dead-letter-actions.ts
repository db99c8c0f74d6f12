// Retry one, retry all, discard one: each an operator's deliberate act, each written to the audit log
// whatever its outcome.
import type { AuditEntry, AuditLog, DeadLetterStore } from './ports';

export class UnknownHandlerQueue extends Error {
  readonly code = 'UNKNOWN_HANDLER_QUEUE';
}

export class DeadLetterActions {
  constructor(
    private readonly store: DeadLetterStore,
    private readonly audit: AuditLog,
    private readonly isHandlerQueue: (queue: string) => boolean,
  ) {}

  async retryOne(queue: string, eventId: string, from: string): Promise<boolean> {
    return this.audited({ action: 'retry one', queue, eventId, from }, () => this.store.retryOne(queue, eventId));
  }

  async retryAll(queue: string, from: string): Promise<number> {
    return this.audited({ action: 'retry all', queue, eventId: null, from }, () => this.store.retryAll(queue));
  }

  async discardOne(queue: string, eventId: string, from: string): Promise<boolean> {
    return this.audited({ action: 'discard one', queue, eventId, from }, () => this.store.discardOne(queue, eventId));
  }

  private async audited<T extends boolean | number>(entry: Omit<AuditEntry, 'at' | 'outcome'>, act: () => Promise<T>): Promise<T> {
    if (!this.isHandlerQueue(entry.queue)) throw new UnknownHandlerQueue(`no handler queue ${entry.queue}`);
    const at = new Date().toISOString();
    try {
      const result = await act();
      const outcome = typeof result === 'number' ? `${result} message(s) moved` : result ? 'done' : 'not found';
      await this.audit.record({ ...entry, at, outcome });
      return result;
    } catch (error) {
      await this.audit.record({ ...entry, at, outcome: `failed: ${error instanceof Error ? error.message : String(error)}` });
      throw error;
    }
  }
}
