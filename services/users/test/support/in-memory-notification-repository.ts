import { randomUUID } from 'node:crypto';
import type { EmailMessage } from '../../src/domain/email-message';
import type { DueNotification, Notification } from '../../src/domain/notification';
import type { CourseEmail, NotificationRepository } from '../../src/domain/notification-repository';
import type { UserRepository } from '../../src/domain/user-repository';
import type { InMemoryEnrollmentRepository } from './in-memory-enrollment-repository';

interface Row extends Notification, EmailMessage {
  dueAt: Date;
  lastError: string | null;
}

export class InMemoryNotificationRepository implements NotificationRepository {
  readonly rows: Row[] = [];

  constructor(
    private readonly users: UserRepository,
    private readonly enrollments: InMemoryEnrollmentRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async queueForEnrolledUsers(eventId: string, courseId: string, message: EmailMessage): Promise<number> {
    let added = 0;
    for (const userId of this.enrollments.usersIn(courseId)) {
      const user = await this.users.find(userId);
      if (!user || this.rows.some((row) => row.eventId === eventId && row.userId === userId)) continue;
      const createdAt = this.now();
      this.rows.push({ id: randomUUID(), eventId, userId, email: user.email, ...message, status: 'pending', attempts: 0, createdAt, sentAt: null, dueAt: createdAt, lastError: null });
      added += 1;
    }
    return added;
  }

  async queueForEnrolledUsersOfEach(emails: readonly CourseEmail[]): Promise<number> {
    let added = 0;
    for (const { eventId, courseId, message } of emails) added += await this.queueForEnrolledUsers(eventId, courseId, message);
    return added;
  }

  async listByUser(userId: string, limit: number): Promise<Notification[]> {
    return this.rows.filter((row) => row.userId === userId).reverse().slice(0, limit);
  }

  async listByEvent(eventId: string): Promise<Notification[]> {
    return this.rows.filter((row) => row.eventId === eventId);
  }

  async claimDue(limit: number, leaseMs: number): Promise<DueNotification[]> {
    const now = this.now();
    const due = this.rows.filter((row) => row.status === 'pending' && row.dueAt <= now).slice(0, limit);
    for (const row of due) row.dueAt = new Date(now.getTime() + leaseMs);
    return due.map(({ id, email, subject, text, html, attempts }) => ({ id, email, subject, text, html, attempts }));
  }

  async markSent(ids: readonly string[], at: Date): Promise<void> {
    for (const id of ids) Object.assign(this.row(id), { status: 'sent', sentAt: at });
  }

  async markFailed(id: string, attempts: number, retryAfterMs: number, error: string): Promise<void> {
    Object.assign(this.row(id), { attempts, dueAt: new Date(this.now().getTime() + retryAfterMs), lastError: error });
  }

  private row(id: string): Row {
    const row = this.rows.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`no notification ${id}`);
    return row;
  }
}
