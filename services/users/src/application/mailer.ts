/** One email to one recipient. `id` identifies it across attempts (it becomes the Message-ID). */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The trace the mail belongs to (W3C headers), for the mailer's span. */
  trace?: Readonly<Record<string, string>>;
}

/** Hands mail to the outside world; resolves once the mail server has accepted the message. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
