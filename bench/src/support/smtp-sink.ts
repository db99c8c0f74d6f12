import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in this process that accepts and counts every mail, so the users service can deliver. */
export class SmtpSink {
  private constructor(
    private readonly server: SMTPServer,
    private readonly counts: { accepted: number },
    readonly url: string,
  ) {}

  get accepted(): number {
    return this.counts.accepted;
  }

  static async start(): Promise<SmtpSink> {
    const counts = { accepted: 0 };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1_000,
      onData(stream, _session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          counts.accepted += 1;
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    return new SmtpSink(server, counts, `smtp://127.0.0.1:${port}`);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
