import type { Mailer, OutgoingMail } from '../../src/application/mailer';

/** An in-memory mail server: accepts mail unless told to refuse (all, or one recipient), and keeps what it accepted. */
export class RecordingMailer implements Mailer {
  readonly accepted: OutgoingMail[] = [];
  refusing = false;
  refusingTo: string | undefined;

  async send(mail: OutgoingMail): Promise<void> {
    if (this.refusing || mail.to === this.refusingTo) throw new Error('451 try again later');
    this.accepted.push(mail);
  }
}
