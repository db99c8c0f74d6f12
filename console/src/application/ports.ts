// What the console asks of the outside: each service replica's admin endpoints, the broker's figures, the
// dead letters (the same code as `make dlq`), the copies waiting in retry queues and the audit log. The
// adapters live in infrastructure/.
import type { DeadLetter, InboxRecord, OutboxBacklog, OutboxRecord, RetryingCopy } from '@course-platform/messaging';

export interface ReplicaStatus {
  url: string;
  ready: boolean;
  /** Each readiness check's state, e.g. { database: 'up', broker: 'down' }; empty when unreachable. */
  checks: Record<string, string>;
  /** Why it is not ready or could not be asked, in words. */
  problem: string | null;
  version: string | null;
  instance: string | null;
  uptimeSeconds: number | null;
  outbox: OutboxBacklog | null;
}

export interface EventRecords {
  service: string;
  outbox: OutboxRecord | null;
  inbox: InboxRecord[];
}

export interface EmailRecord {
  email: string;
  status: string;
  attempts: number;
  sentAt: string | null;
}

/** The admin endpoints of every replica of every service. */
export interface ServiceDirectory {
  statusOfAll(): Promise<Array<{ service: string; replicas: ReplicaStatus[] }>>;
  eventRecords(eventId: string): Promise<EventRecords[]>;
  search(term: string): Promise<Array<OutboxRecord & { service: string }>>;
  emailsOf(eventId: string): Promise<EmailRecord[]>;
}

export interface QueueFigures {
  name: string;
  messages: number;
  consumers: number;
  rateIn: number;
  rateOut: number;
}

export interface BrokerStats {
  queues(): Promise<QueueFigures[]>;
}

export interface DeadLetterStore {
  list(handlerQueue: string): Promise<{ count: number; messages: DeadLetter[] }>;
  retryOne(handlerQueue: string, eventId: string): Promise<boolean>;
  retryAll(handlerQueue: string): Promise<number>;
  discardOne(handlerQueue: string, eventId: string): Promise<boolean>;
}

/** The copies waiting in retry queues between two attempts of their handler (the same walk as the dead letters). */
export interface RetryQueues {
  /** The copy of this event in the first of `queues` that holds one; null when none does. Every copy stays. */
  find(queues: readonly string[], eventId: string): Promise<RetryingCopy | null>;
}

export interface AuditEntry {
  at: string;
  action: 'retry one' | 'retry all' | 'discard one';
  queue: string;
  eventId: string | null;
  outcome: string;
  /** The operator's address and browser, as the request said. */
  from: string;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  newestFirst(limit: number): Promise<AuditEntry[]>;
}
