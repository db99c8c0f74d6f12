import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
}

function headerOf(headers: string, name: string): string {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
}

/**
 * A real SMTP server in this process that accepts everything and records each copy it accepted, so the
 * platform's emails can be counted per recipient, subject and Message-ID (a resent copy keeps its Message-ID).
 */
export class MailSink {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly received: readonly ReceivedMail[],
  ) {}

  static async start(): Promise<MailSink> {
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // A killed service leaves pooled connections open; do not let them hold up the stop.
      closeTimeout: 1_000,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const headers = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: headerOf(headers, 'Subject'),
            messageId: headerOf(headers, 'Message-ID'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // A client that dies mid-session (a SIGKILLed service) resets its socket: the server reports it here,
    // and an 'error' event nobody listens to would end this process.
    server.on('error', () => undefined);
    return new MailSink(server, (server.server.address() as AddressInfo).port, received);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
