// The raw RFC 5322 / MIME text of one notification email, built in one pass with nodemailer's own encoders:
// nodemailer's general composer (a tree of MIME nodes and streams per mail) cost more CPU than the SMTP
// conversation itself.
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';

export interface MimeMessageParts {
  /** Plain addresses (`name@domain`, ASCII: both are validated as such before they reach the mailer). */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The whole header value, `<id@domain>`. */
  messageId: string;
  date: Date;
}

const CRLF = '\r\n';

/**
 * An unstructured header line: a newline in the value cannot start a header of its own. Non-ASCII values are
 * encoded whole, as nodemailer does (some clients lose the spaces around an encoded word), folded at 76.
 */
function header(name: string, value: string): string {
  const oneLine = value.replace(/\r?\n|\r/g, ' ');
  const encoded = mimeFuncs.isPlainText(oneLine) ? oneLine : mimeFuncs.encodeWord(oneLine, 'Q', 52);
  return mimeFuncs.foldLines(`${name}: ${encoded}`, 76).replace(/\r\n$/, '');
}

/** A UTF-8 part in quoted-printable: any text, lines of at most 76 characters, and no `=_` in it. */
function part(contentType: string, body: string): string {
  const encoded = qp.wrap(qp.encode(Buffer.from(body.replace(/\r?\n|\r/g, CRLF), 'utf8')), 76);
  return [`Content-Type: ${contentType}; charset=utf-8`, 'Content-Transfer-Encoding: quoted-printable', '', encoded].join(CRLF);
}

/** A multipart/alternative message with a text and an html part. */
export function mimeMessage(parts: MimeMessageParts): Buffer {
  // Quoted-printable writes every `=` as `=3D`, so no encoded part can contain this boundary; the Message-ID's
  // left part (the notification id) keeps it short.
  const boundary = `=_${parts.messageId.replace(/@.*$|[^\w.-]/g, '')}`.slice(0, 70);
  const lines = [
    `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"`,
    `From: ${parts.from}`,
    `To: ${parts.to}`,
    header('Subject', parts.subject),
    `Message-ID: ${parts.messageId}`,
    `Date: ${parts.date.toUTCString().replace(/GMT/, '+0000')}`,
    'MIME-Version: 1.0',
    '',
    `--${boundary}`,
    part('text/plain', parts.text),
    `--${boundary}`,
    part('text/html', parts.html),
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join(CRLF), 'utf8');
}
