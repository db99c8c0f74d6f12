import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  text: string;
}

type Refusal = 'none' | 'rcpt' | 'data';

function headerOf(headers: string, name: string): string {
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headers);
  return match?.[1]?.trim() ?? '';
}

/** A real SMTP server in the test process that records what it accepts, and can refuse mail with a 4xx. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Recipients refused so far, one entry per refusal. */
  readonly refused: string[] = [];
  refusing: Refusal = 'none';
  /** How long the server takes to accept a message: a slow server keeps sends in flight longer. */
  acceptDelayMs = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  /** A port nobody listens on (yet): for a mail server that is down at first. */
  static async freePort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  static async start(port = 0): Promise<SmtpSink> {
    let sink: SmtpSink | null = null;
    const tempFailure = (message: string) => Object.assign(new Error(message), { responseCode: 451 });
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // The service's pooled connections may still be open when a test stops the sink.
      closeTimeout: 1_000,
      onRcptTo(address, _session, callback) {
        if (sink?.refusing === 'rcpt') {
          sink.refused.push(address.address);
          return callback(tempFailure('mailbox busy, try again later'));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
          if (sink?.refusing === 'data') {
            sink.refused.push(...to);
            return callback(tempFailure('queue full, try again later'));
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const split = raw.search(/\r?\n\r?\n/);
          const headers = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
          sink?.received.push({ to, subject: headerOf(headers, 'Subject'), messageId: headerOf(headers, 'Message-ID'), text: raw.slice(split) });
          setTimeout(() => callback(), sink?.acceptDelayMs ?? 0);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = (server.server.address() as AddressInfo).port;
    sink = new SmtpSink(server, address);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
