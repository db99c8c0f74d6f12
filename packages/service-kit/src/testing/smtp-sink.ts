import type { AddressInfo } from 'node:net';
import type { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** One copy the sink accepted. A resent copy keeps its Message-ID: that is how a duplicate shows. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  /** The message as it arrived, when the sink keeps them (`keepRaw`). */
  raw?: Buffer;
}

/** Where the sink answers "451 try again later": at RCPT TO (a busy mailbox) or after DATA (a full queue). */
export type SmtpRefusal = 'none' | 'rcpt' | 'data';

const tempFailure = (message: string) => Object.assign(new Error(message), { responseCode: 451 });

/** The header block of a raw message, with folded lines unfolded. */
function headersOf(raw: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  return (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
}

function headerOf(headers: string, name: string): string {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
}

/**
 * A real SMTP server (smtp-server) in this process that records every copy it accepts, so a test or the
 * fault suite can count emails per recipient, subject and Message-ID. It can refuse for a while with a 4xx,
 * and accept slowly, to show that the sender retries and never sends a copy twice.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Recipients refused so far, one entry per refusal. */
  readonly refused: string[] = [];
  refusing: SmtpRefusal = 'none';
  /** How long the sink takes to accept a message: a slow server keeps sends in flight longer. */
  acceptDelayMs = 0;
  /** Keeps each message's text for a test that parses it; off for the bench's thousands of mails. */
  keepRaw = false;
  private server: SMTPServer | null = null;

  private constructor(private listeningOn: number) {}

  /** Listens on `port`, or on a random one; `freePort()` picks a port for a sink that starts only later. */
  static async start(port = 0): Promise<SmtpSink> {
    const sink = new SmtpSink(port);
    await sink.listen();
    return sink;
  }

  get port(): number {
    return this.listeningOn;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The copies accepted for `address`. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async listen(): Promise<void> {
    // Loaded here, not at the top: every service imports service-kit, and none of them needs an SMTP server.
    const { SMTPServer } = await import('smtp-server');
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // A stopped or killed sender may leave pooled connections open; they must not hold up the stop.
      closeTimeout: 1_000,
      onRcptTo: (address, _session, callback) => {
        if (this.refusing !== 'rcpt') return callback();
        this.refused.push(address.address);
        callback(tempFailure('mailbox busy, try again later'));
      },
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listeningOn, '127.0.0.1', () => resolve());
    });
    // A sender that dies mid-session (a SIGKILLed service) resets its socket: the server reports it as an
    // 'error' event, which would end this process if nobody listened.
    server.on('error', () => undefined);
    this.server = server;
    this.listeningOn = (server.server.address() as AddressInfo).port;
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
      if (this.refusing === 'data') {
        this.refused.push(...to);
        return callback(tempFailure('queue full, try again later'));
      }
      const raw = Buffer.concat(chunks);
      const headers = headersOf(raw.toString('utf8'));
      this.received.push({ to, subject: headerOf(headers, 'Subject'), messageId: headerOf(headers, 'Message-ID'), ...(this.keepRaw && { raw }) });
      setTimeout(() => callback(), this.acceptDelayMs);
    });
  }
}
