import { retryDelayMs, type BackoffPolicy } from '../domain/delivery-backoff';
import type { DueNotification } from '../domain/notification';
import type { NotificationRepository } from '../domain/notification-repository';
import type { Mailer } from './mailer';

export interface DeliveryOptions {
  batchSize: number;
  /** How long a claimed notification stays hidden from other dispatchers; longer than a send may take. */
  leaseMs: number;
  backoff: BackoffPolicy;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  failures: Array<{ id: string; attempts: number; error: string }>;
}

/**
 * Sends one batch of due notifications. A failed send is never dropped: it is retried after a growing delay.
 * The mails the server accepted are marked sent together, once the batch's sends have ended: one write per
 * batch, not one per mail. Delivery is at least once: a crash between the server's acceptance and that
 * write sends those mails again when their lease runs out, with the same Message-ID.
 */
export class DeliverDueNotifications {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly mailer: Mailer,
    private readonly options: DeliveryOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deliverBatch(): Promise<DeliveryReport> {
    const due = await this.notifications.claimDue(this.options.batchSize, this.options.leaseMs);
    const report: DeliveryReport = { claimed: due.length, sent: 0, failures: [] };
    const results = await Promise.allSettled(due.map((notification) => this.deliver(notification, report)));
    const sent = due.filter((_, i) => results[i]?.status === 'fulfilled' && results[i].value).map(({ id }) => id);
    // Marked even when recording another mail's failure broke: what the server accepted is not sent again.
    if (sent.length > 0) await this.notifications.markSent(sent, this.now());
    report.sent = sent.length;
    const broken = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (broken) throw broken.reason;
    return report;
  }

  /** Sends one mail: true when the server accepted it; a refusal is recorded as a failed attempt. */
  private async deliver(notification: DueNotification, report: DeliveryReport): Promise<boolean> {
    try {
      await this.mailer.send({
        id: notification.id,
        to: notification.email,
        subject: notification.subject,
        text: notification.text,
        html: notification.html,
        ...(notification.trace && { trace: notification.trace }),
      });
    } catch (error) {
      const attempts = notification.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      await this.notifications.markFailed(notification.id, attempts, retryDelayMs(attempts, this.options.backoff), message);
      report.failures.push({ id: notification.id, attempts, error: message });
      return false;
    }
    return true;
  }
}
