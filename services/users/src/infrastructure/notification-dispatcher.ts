import type { Logger } from '@course-platform/service-kit';
import { Counter, type Registry } from 'prom-client';
import type { DeliverDueNotifications } from '../application/deliver-due-notifications';

export interface NotificationDispatcherOptions {
  deliver: DeliverDueNotifications;
  logger: Logger;
  metrics: Registry;
  /** How often to look for due notifications without being woken: retries, other replicas' rows. */
  pollIntervalMs: number;
}

/**
 * Sends pending notifications after the transactions that queued them have committed. It runs batch after
 * batch while there are due notifications, then sleeps until woken (a handler's commit) or the next poll.
 */
export class NotificationDispatcher {
  private readonly log: Logger;
  private readonly sent: Counter;
  private readonly failed: Counter;
  private running: Promise<void> | null = null;
  private stopped = true;
  private woken = false;
  private interrupt: (() => void) | null = null;

  constructor(private readonly options: NotificationDispatcherOptions) {
    this.log = options.logger.child({ component: 'notification-dispatcher' });
    this.sent = new Counter({ name: 'users_notifications_sent_total', help: 'Emails the SMTP server accepted.', registers: [options.metrics] });
    this.failed = new Counter({ name: 'users_notification_send_failures_total', help: 'Email send attempts that failed and will be retried.', registers: [options.metrics] });
  }

  /** Makes the dispatcher look for due notifications now; cheap to call often. */
  readonly wake = (): void => {
    this.woken = true;
    this.interrupt?.();
  };

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** Lets the batch in flight finish (its sends and marks), then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      try {
        await this.drain();
      } catch (error) {
        this.log.warn({ err: error }, 'delivering notifications failed; retrying at the next poll');
      }
      if (!this.stopped && !this.woken) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const report = await this.options.deliver.deliverBatch();
      this.sent.inc(report.sent);
      this.failed.inc(report.failures.length);
      const [first] = report.failures;
      // One line per batch: while the SMTP server is down, every email of the batch fails the same way.
      if (first) this.log.warn({ failed: report.failures.length, notificationId: first.id, attempts: first.attempts, error: first.error }, 'emails not accepted; will retry');
      if (report.claimed === 0) return;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.interrupt?.(), ms);
      this.interrupt = () => {
        clearTimeout(timer);
        this.interrupt = null;
        resolve();
      };
    });
  }
}
