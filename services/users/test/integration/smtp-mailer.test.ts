import { randomUUID } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import type { OutgoingMail } from '../../src/application/mailer';
import { newVideoEmail } from '../../src/domain/new-video-email';
import { SmtpMailer } from '../../src/infrastructure/smtp-mailer';
import { SmtpSink } from '../support/smtp-sink';

let sink: SmtpSink;
let mailer: SmtpMailer;

beforeAll(async () => {
  sink = await SmtpSink.start();
  sink.keepRaw = true;
  mailer = new SmtpMailer({ url: sink.url, from: 'courses@platform.test', timeoutsMs: { connection: 1_000, greeting: 1_000, socket: 2_000 } });
});
afterAll(async () => {
  mailer.close();
  await sink.stop();
});

function aMail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  const content = newVideoEmail({ title: 'Événements & files d’attente — 日本語' }, { title: 'Le « outbox » <pattern>', description: 'Ça marche. 🚀' });
  return { id: randomUUID(), to: `student.${randomUUID().slice(0, 8)}@example.com`, ...content, ...overrides };
}

/** What the sink received for `to`, as a mail client reads it. */
async function receivedBy(to: string) {
  const copies = sink.to(to);
  expect(copies).toHaveLength(1);
  const raw = copies[0]?.raw as Buffer;
  return { raw: raw.toString('utf8'), parsed: await simpleParser(raw) };
}

const address = (field: AddressObject | AddressObject[] | undefined) => [field ?? []].flat().flatMap((object) => object.value.map((entry) => entry.address));

test('a mail with non-ASCII subject and text arrives as a correct multipart/alternative message', async () => {
  const mail = aMail();
  const before = Date.now();
  await mailer.send(mail);
  const { raw, parsed } = await receivedBy(mail.to);

  expect(parsed.subject).toBe('New video in Événements & files d’attente — 日本語: Le « outbox » <pattern>');
  expect(address(parsed.from)).toEqual(['courses@platform.test']);
  expect(address(parsed.to)).toEqual([mail.to]);
  expect(parsed.messageId).toBe(`<${mail.id}@platform.test>`);
  expect(parsed.headers.get('mime-version')).toBe('1.0');
  expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative', params: { boundary: expect.any(String) } });
  expect(parsed.text).toBe(mail.text);
  expect(parsed.html).toBe(mail.html);
  // Whole seconds in the header: from the second before the send to now.
  expect(parsed.date?.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  expect(parsed.date?.getTime()).toBeLessThanOrEqual(Date.now());
  // 7-bit on the wire: the subject as encoded words, the parts in quoted-printable, every line short.
  expect(raw).toMatch(/^Subject: =\?UTF-8\?Q\?New_video_in_/m);
  expect([...raw].every((char) => char.charCodeAt(0) < 128)).toBe(true);
  expect(raw.split('\r\n').filter((line) => line.length > 78)).toEqual([]);
});

test('a long text, lines that start with a dot and a subject with a line break arrive unchanged and inject no header', async () => {
  const text = `${'A line far longer than any SMTP line may be, in words and accents: é. '.repeat(40)}\n.\n.. dots\n--=_ not a boundary\n`;
  const mail = aMail({ subject: 'Hello\r\nBcc: someone@elsewhere.test', text, html: `<p>${text}</p>` });
  await mailer.send(mail);
  const { raw, parsed } = await receivedBy(mail.to);

  expect(parsed.subject).toBe('Hello Bcc: someone@elsewhere.test');
  expect(parsed.bcc).toBeUndefined();
  expect(parsed.text).toBe(text);
  expect(parsed.html).toBe(`<p>${text}</p>`);
  expect(raw.split('\r\n').filter((line) => line.length > 78)).toEqual([]);
});

test('the Message-ID is the same on every attempt of one notification', async () => {
  const mail = aMail();
  await mailer.send(mail);
  await mailer.send({ ...mail, to: `again.${mail.to}` });
  const ids = await Promise.all([mail.to, `again.${mail.to}`].map(async (to) => (await receivedBy(to)).parsed.messageId));
  expect(ids).toEqual([`<${mail.id}@platform.test>`, `<${mail.id}@platform.test>`]);
});
