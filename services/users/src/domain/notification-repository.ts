import type { EmailMessage } from './email-message';
import type { DueNotification, Notification } from './notification';

/** One event's email, for every student enrolled in its course. */
export interface CourseEmail {
  eventId: string;
  courseId: string;
  message: EmailMessage;
}

export interface NotificationRepository {
  /**
   * Queues one pending notification per user enrolled in the course, keyed by (eventId, userId): calling it
   * again for the same event adds nothing. Resolves with the number of notifications added.
   */
  queueForEnrolledUsers(eventId: string, courseId: string, message: EmailMessage): Promise<number>;
  /** `queueForEnrolledUsers` for each email, at once. */
  queueForEnrolledUsersOfEach(emails: readonly CourseEmail[]): Promise<number>;
  /** The newest notifications of a user first. */
  listByUser(userId: string, limit: number): Promise<Notification[]>;
  /** Every notification one event queued, one per student. */
  listByEvent(eventId: string): Promise<Notification[]>;
  /**
   * Claims up to `limit` pending notifications that are due, oldest first, and hides them from other claims
   * for `leaseMs`, so two dispatchers never send the same one at the same time. Times are the store's clock.
   */
  claimDue(limit: number, leaseMs: number): Promise<DueNotification[]>;
  /** Marks the notifications of a dispatched batch whose mails the server accepted: one write for all. */
  markSent(ids: readonly string[], at: Date): Promise<void>;
  /** Records a failed attempt; the notification stays pending and is due again after `retryAfterMs`. */
  markFailed(id: string, attempts: number, retryAfterMs: number, error: string): Promise<void>;
}
