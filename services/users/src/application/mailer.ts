/** One email to one recipient. `id` identifies it across attempts (it becomes the Message-ID). */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Hands mail to the outside world; resolves once the mail server has accepted the message. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
