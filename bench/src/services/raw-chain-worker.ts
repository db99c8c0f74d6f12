import amqp, { type ConsumeMessage } from 'amqplib';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { Pool } from 'pg';
import { POOL_MAX, rawInsertApp } from '../scenarios/raw-http-insert';
import { epochNow } from '../support/commit-clock';
import { SqlCounter } from '../profile/sql-counter';
import { COURSES_QUEUE, USERS_QUEUE } from './chain-queues';
import type { ServiceName, ServiceReport, ServiceRequest } from './service-job';

/**
 * One process of B7 raw: a hop of B7's story made with the least code that makes it, and none of the
 * platform's guarantees (no outbox, relay, inbox, retry or dead letter, no validation, tracing or metrics).
 * - videos: B1a's express route (JSON body, one pg insert), then one publish awaited for its confirm, then
 *   the answer: the common way of B6, at a steady rate.
 * - courses: consumes its queue with the platform's prefetch, one insert per message, ack.
 * - users: the same, then one email per student to the sink through a pool of nodemailer connections.
 * It speaks the service processes' protocol (service-job.ts): the bench starts, reads and stops it as it
 * does a platform service, and it reports the same commits: a video's insert, each consumer's insert.
 */

const EXCHANGE = 'raw_chain';
const ROUTING_KEY = 'videos.created';
/** The platform's CONSUMER_BATCH_SIZE (its CONSUMER_PREFETCH is 800): measured with 200; not yet with 800. */
const PREFETCH = 200;
const FLUSH_MS = 20;
const FROM = 'bench@platform.test';
const queues = { courses: COURSES_QUEUE, users: USERS_QUEUE } as const;

const send = (report: ServiceReport) => new Promise<void>((resolve) => process.send?.(report, () => resolve()));
const committedAt = new Map<string, number>();
const stops: Array<() => Promise<unknown>> = [];
// Each service's round trips to Postgres, read with its event loop.
const sql = new SqlCounter();

function flushCommits(): Promise<void> {
  if (committedAt.size === 0) return Promise.resolve();
  const entries = [...committedAt];
  committedAt.clear();
  return send({ kind: 'commits', entries });
}

async function startVideos(env: Record<string, string>, pool: Pool): Promise<number> {
  const connection = await amqp.connect(env.RABBITMQ_URL as string);
  stops.unshift(() => connection.close());
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
  const app = await rawInsertApp(pool, (id, body) => {
    committedAt.set(id, epochNow());
    return new Promise((resolve, reject) =>
      channel.publish(EXCHANGE, ROUTING_KEY, Buffer.from(JSON.stringify({ id, ...body })), { messageId: id, persistent: true }, (error) =>
        error ? reject(new Error(`broker nacked ${id}`)) : resolve(),
      ),
    );
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  stops.unshift(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

/** nodemailer's pool over sockets with Nagle's algorithm off, as the users service opens them (smtp-socket.ts). */
function mailer(smtpUrl: string) {
  const { hostname, port } = new URL(smtpUrl);
  return nodemailer.createTransport({
    pool: true,
    host: hostname,
    port: Number(port),
    getSocket: (_options, callback) => callback(null, { connection: connect({ host: hostname, port: Number(port), noDelay: true }) }),
  });
}

async function startConsumer(service: 'courses' | 'users', env: Record<string, string>, pool: Pool): Promise<void> {
  await pool.query('create table raw_handled (event_id uuid primary key, handled_at timestamptz not null default now())');
  const students = Number(env.STUDENTS ?? 0);
  const transport = service === 'users' ? mailer(env.SMTP_URL as string) : null;
  if (transport) stops.push(async () => transport.close());
  const connection = await amqp.connect(env.RABBITMQ_URL as string);
  stops.unshift(() => connection.close());
  const channel = await connection.createChannel();
  const queue = queues[service];
  await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(queue, { durable: true });
  await channel.bindQueue(queue, EXCHANGE, ROUTING_KEY);
  await channel.prefetch(PREFETCH);
  const handle = async (message: ConsumeMessage) => {
    const id = String(message.properties.messageId);
    await pool.query('insert into raw_handled (event_id) values ($1)', [id]);
    committedAt.set(`${queue} ${id}`, epochNow());
    channel.ack(message);
    for (let i = 0; i < students; i += 1) {
      // A message of our own making sent as is, as the users service sends its own MIME text: nodemailer's
      // composer costs the process more than all the rest of a message's handling.
      const to = `student.${i}@example.com`;
      const raw = `From: ${FROM}\r\nTo: ${to}\r\nSubject: A new video\r\nMessage-ID: <${id}.${i}@platform.test>\r\n\r\nVideo ${id} is out.\r\n`;
      void transport?.sendMail({ envelope: { from: FROM, to }, raw }).catch(fail);
    }
  };
  await channel.consume(queue, (message) => {
    if (message) handle(message).catch(fail);
  });
}

async function start(service: ServiceName, env: Record<string, string>): Promise<number> {
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: POOL_MAX });
  stops.push(() => pool.end());
  if (service === 'videos') return startVideos(env, pool);
  await startConsumer(service, env, pool);
  return 0;
}

async function handle(request: ServiceRequest): Promise<void> {
  switch (request.kind) {
    case 'start': {
      const port = await start(request.service, request.env);
      setInterval(() => void flushCommits(), FLUSH_MS).unref();
      return send({ kind: 'started', port });
    }
    case 'loop': {
      await flushCommits();
      const { active, idle } = performance.eventLoopUtilization();
      return send({ kind: 'loop', reading: { active, idle, statements: sql.count() } });
    }
    case 'stop':
      for (const stop of stops.splice(0)) await stop().catch(() => undefined);
      await flushCommits();
      await send({ kind: 'stopped' });
      process.exit(0);
  }
}

/** Nothing here retries: any failure fails the process, and so the step, loudly. */
function fail(error: unknown): void {
  void send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }).finally(() =>
    process.exit(1),
  );
}

process.on('message', (request: ServiceRequest) => {
  handle(request).catch(fail);
});
process.once('disconnect', () => process.exit(0));
