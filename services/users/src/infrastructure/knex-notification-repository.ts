import { activeTraceCarrier } from '@course-platform/service-kit';
import type { Knex } from 'knex';
import type { EmailMessage } from '../domain/email-message';
import type { DueNotification, Notification, NotificationStatus } from '../domain/notification';
import type { NotificationRepository } from '../domain/notification-repository';

interface NotificationRow {
  id: string;
  event_id: string;
  user_id: string;
  email: string;
  subject: string;
  status: NotificationStatus;
  attempts: number;
  created_at: Date;
  sent_at: Date | null;
}

interface DueRow {
  id: string;
  email: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  traceparent: string | null;
  tracestate: string | null;
}

/** Notifications in Postgres; bound to the knex of the service or to the transaction of an event handler. */
const LISTED_COLUMNS = ['id', 'event_id', 'user_id', 'email', 'subject', 'status', 'attempts', 'created_at', 'sent_at'];

const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  eventId: row.event_id,
  userId: row.user_id,
  email: row.email,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at,
  sentAt: row.sent_at,
});

export class KnexNotificationRepository implements NotificationRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async queueForEnrolledUsers(eventId: string, courseId: string, message: EmailMessage): Promise<number> {
    // One statement inside the database, however many students the course has: nothing is loaded into memory.
    // Each row keeps the handler's trace context, for the send that happens after the handler.
    const { traceparent = null, tracestate = null } = activeTraceCarrier();
    const result = await this.db.raw<{ rowCount: number }>(
      `insert into notifications (event_id, user_id, email, subject, text_body, html_body, traceparent, tracestate)
       select ?, users.id, users.email, ?, ?, ?, ?::text, ?::text
         from enrollments join users on users.id = enrollments.user_id
        where enrollments.course_id = ?
       on conflict (event_id, user_id) do nothing`,
      [eventId, message.subject, message.text, message.html, traceparent, tracestate, courseId],
    );
    return result.rowCount;
  }

  async listByUser(userId: string, limit: number): Promise<Notification[]> {
    const rows = await this.db('notifications')
      .where({ user_id: userId })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }])
      .limit(limit)
      .select<NotificationRow[]>(...LISTED_COLUMNS);
    return rows.map(toNotification);
  }

  async listByEvent(eventId: string): Promise<Notification[]> {
    // The (event_id, user_id) unique index serves this lookup.
    const rows = await this.db('notifications').where({ event_id: eventId }).orderBy('email').select<NotificationRow[]>(...LISTED_COLUMNS);
    return rows.map(toNotification);
  }

  async claimDue(limit: number, leaseMs: number): Promise<DueNotification[]> {
    // SKIP LOCKED lets dispatchers of several replicas claim side by side; the lease (next_attempt_at moved
    // ahead) keeps a claimed row from everyone else after this statement commits.
    const result = await this.db.raw<{ rows: DueRow[] }>(
      `with due as (
         select id from notifications
          where status = 'pending' and next_attempt_at <= now()
          order by next_attempt_at
          limit ?
          for update skip locked
       )
       update notifications set next_attempt_at = now() + ? * interval '1 millisecond'
         from due where notifications.id = due.id
       returning notifications.id, email, subject, text_body, html_body, attempts, traceparent, tracestate`,
      [limit, leaseMs],
    );
    return result.rows.map((row) => ({
      id: row.id,
      email: row.email,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      attempts: row.attempts,
      ...(row.traceparent && { trace: { traceparent: row.traceparent, ...(row.tracestate && { tracestate: row.tracestate }) } }),
    }));
  }

  async markSent(ids: readonly string[], at: Date): Promise<void> {
    await this.db('notifications').whereIn('id', ids).update({ status: 'sent', sent_at: at });
  }

  async markFailed(id: string, attempts: number, retryAfterMs: number, error: string): Promise<void> {
    await this.db('notifications')
      .where({ id, status: 'pending' })
      .update({
        attempts,
        last_error: error.slice(0, 2_000),
        next_attempt_at: this.db.raw("now() + ? * interval '1 millisecond'", [retryAfterMs]),
      });
  }
}
