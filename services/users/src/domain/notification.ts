export type NotificationStatus = 'pending' | 'sent';

/** One email to one student because of one event: unique by (eventId, userId), so a redelivery adds none. */
export interface Notification {
  id: string;
  eventId: string;
  userId: string;
  email: string;
  subject: string;
  status: NotificationStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

/** A notification claimed for delivery, with everything the mail needs. */
export interface DueNotification {
  id: string;
  email: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  /** Where the event that queued it was traced (W3C headers), opaque here: the send's span joins that trace. */
  trace?: Readonly<Record<string, string>>;
}
