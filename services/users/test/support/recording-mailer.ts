import type { Mailer, OutgoingMail } from '../../src/application/mailer';

/** An in-memory mail server: accepts mail unless told to refuse, and keeps what it accepted. */
export class RecordingMailer implements Mailer {
  readonly accepted: OutgoingMail[] = [];
  refusing = false;

  async send(mail: OutgoingMail): Promise<void> {
    if (this.refusing) throw new Error('451 try again later');
    this.accepted.push(mail);
  }
}
