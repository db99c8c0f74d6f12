import { activeTraceCarrier, type TraceCarrier } from '@course-platform/service-kit';
import type { Knex } from 'knex';
import type { EmailMessage } from '../domain/email-message';
import type { DueNotification, Notification, NotificationStatus } from '../domain/notification';
import type { CourseEmail, NotificationRepository } from '../domain/notification-repository';

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

/**
 * The emails of many events in one statement, however many students their courses have: nothing is loaded
 * into memory, and the text is the same for any number of events (one array per column).
 */
const QUEUE_FOR_ENROLLED_USERS = `insert into notifications (event_id, user_id, email, subject, text_body, html_body, traceparent, tracestate)
  select email.event_id, users.id, users.email, email.subject, email.text_body, email.html_body, email.traceparent, email.tracestate
    from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
           as email (event_id, course_id, subject, text_body, html_body, traceparent, tracestate)
    join enrollments on enrollments.course_id = email.course_id
    join users on users.id = enrollments.user_id
  on conflict (event_id, user_id) do nothing`;

export class KnexNotificationRepository implements NotificationRepository {
  /**
   * `traceOf` gives the trace context each event's rows keep, for the send that happens after the handler:
   * by default the active one (the handler's, when it handles one event).
   */
  constructor(
    private readonly db: Knex | Knex.Transaction,
    private readonly traceOf: (eventId: string) => TraceCarrier = () => activeTraceCarrier(),
  ) {}

  async queueForEnrolledUsers(eventId: string, courseId: string, message: EmailMessage): Promise<number> {
    return this.queueForEnrolledUsersOfEach([{ eventId, courseId, message }]);
  }

  async queueForEnrolledUsersOfEach(emails: readonly CourseEmail[]): Promise<number> {
    if (emails.length === 0) return 0;
    const traces = emails.map(({ eventId }) => this.traceOf(eventId));
    const result = await this.db.raw<{ rowCount: number }>(QUEUE_FOR_ENROLLED_USERS, [
      emails.map((email) => email.eventId),
      emails.map((email) => email.courseId),
      emails.map((email) => email.message.subject),
      emails.map((email) => email.message.text),
      emails.map((email) => email.message.html),
      // pg sends each JS array as one Postgres array, nulls included; knex's types know no null in an array.
      traces.map((trace) => trace.traceparent ?? null) as Knex.Value,
      traces.map((trace) => trace.tracestate ?? null) as Knex.Value,
    ]);
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
