import nodemailer from 'nodemailer';
import { testing } from '../../src';

// The SMTP server every mail test and the fault suite count emails on: what it records has to be exactly
// what a real client delivered, and a refusal has to look like a real server's temporary failure.

const sinks: testing.SmtpSink[] = [];

async function startSink(port?: number): Promise<testing.SmtpSink> {
  const sink = await testing.SmtpSink.start(port);
  sinks.push(sink);
  return sink;
}

function send(url: string, to: string[], subject: string, messageId: string) {
  const transport = nodemailer.createTransport(url);
  return transport.sendMail({ from: 'courses@platform.test', to, subject, messageId, text: 'Watch it now.' }).finally(() => transport.close());
}

afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.stop();
});

test('records each accepted copy with its recipients, subject and Message-ID', async () => {
  const sink = await startSink();
  const subject = 'New video in Event-driven TypeScript: a rather long title that a client folds over two header lines';
  await send(sink.url, ['ada@example.com', 'alan@example.com'], subject, '<one@platform.test>');
  await send(sink.url, ['ada@example.com'], 'Second', '<two@platform.test>');

  expect(sink.received).toEqual([
    { to: ['ada@example.com', 'alan@example.com'], subject, messageId: '<one@platform.test>' },
    { to: ['ada@example.com'], subject: 'Second', messageId: '<two@platform.test>' },
  ]);
  expect(sink.to('alan@example.com').map((mail) => mail.messageId)).toEqual(['<one@platform.test>']);
  expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
});

test.each(['rcpt', 'data'] as const)('refusing at %s answers 451 and records the refusal, then accepts again', async (refusing) => {
  const sink = await startSink();
  sink.refusing = refusing;
  await expect(send(sink.url, ['grace@example.com'], 'Busy', '<busy@platform.test>')).rejects.toMatchObject({ responseCode: 451 });
  expect(sink.refused).toEqual(['grace@example.com']);
  expect(sink.received).toEqual([]);

  sink.refusing = 'none';
  await send(sink.url, ['grace@example.com'], 'Busy', '<busy@platform.test>');
  expect(sink.to('grace@example.com')).toHaveLength(1);
});

test('starts on a port chosen before it, where nothing answered until then', async () => {
  const port = await testing.freePort();
  await expect(send(`smtp://127.0.0.1:${port}`, ['linus@example.com'], 'Down', '<down@platform.test>')).rejects.toMatchObject({ code: 'ESOCKET' });
  const sink = await startSink(port);
  expect(sink.port).toBe(port);
  await send(sink.url, ['linus@example.com'], 'Up', '<up@platform.test>');
  expect(sink.to('linus@example.com').map((mail) => mail.subject)).toEqual(['Up']);
});
