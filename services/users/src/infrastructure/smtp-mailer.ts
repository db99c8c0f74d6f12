import { contextOf } from '@course-platform/service-kit';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Mailer, OutgoingMail } from '../application/mailer';
import { mimeMessage } from './mime-message';
import { connectWithoutDelay } from './smtp-socket';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:port or smtps://... */
  url: string;
  from: string;
  maxConnections?: number;
  /** Together shorter than the dispatcher's lease (MAIL_LEASE_MS; the config checks it). */
  timeoutsMs: { connection: number; greeting: number; socket: number };
}

function transportOptions(options: SmtpMailerOptions): SMTPPool.Options {
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  // nodemailer's defaults when the URL names no port.
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  return {
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    host: url.hostname,
    port,
    secure,
    getSocket: connectWithoutDelay(url.hostname, port, options.timeoutsMs.connection),
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: options.timeoutsMs.connection,
    greetingTimeout: options.timeoutsMs.greeting,
    socketTimeout: options.timeoutsMs.socket,
  };
}

const tracer = trace.getTracer('@course-platform/users');

/** The Mailer port over SMTP, through a small pool of nodemailer connections; each send a span of the mail's trace. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;
  private readonly server: Record<string, string | number>;

  constructor(private readonly options: SmtpMailerOptions) {
    this.transport = nodemailer.createTransport(transportOptions(options));
    this.messageIdDomain = options.from.split('@').pop() as string;
    const url = new URL(options.url);
    this.server = { 'server.address': url.hostname, ...(url.port && { 'server.port': Number(url.port) }) };
  }

  async send(mail: OutgoingMail): Promise<void> {
    const span = tracer.startSpan('smtp send', { kind: SpanKind.CLIENT, attributes: { ...this.server, 'mail.message_id': mail.id } }, contextOf(mail.trace));
    try {
      await this.deliver(mail);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  }

  private async deliver(mail: OutgoingMail): Promise<void> {
    const { from } = this.options;
    await this.transport.sendMail({
      envelope: { from, to: mail.to },
      raw: mimeMessage({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Stable across attempts: if a crash repeats a mail the server had already accepted, mailboxes and
        // mail servers that dedupe by Message-ID show it once.
        messageId: `<${mail.id}@${this.messageIdDomain}>`,
        date: new Date(),
      }),
    });
  }

  close(): void {
    this.transport.close();
  }
}
