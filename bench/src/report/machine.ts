import { testing } from '@course-platform/service-kit';
import amqp from 'amqplib';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { Client } from 'pg';

const brokerUrl = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  rabbitmq: string;
  erlang: string;
}

/** The machine and the versions every figure of the run was measured with. */
export async function describeMachine(): Promise<Machine> {
  const client = new Client({ connectionString: testing.testSuperuserUrl });
  await client.connect();
  const postgres = await client.query<{ server_version: string }>('show server_version').finally(() => client.end());
  const overview = await new testing.RabbitAdmin().request<{ rabbitmq_version: string; erlang_version: string }>('GET', '/overview');
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    postgres: postgres.rows[0]?.server_version ?? 'unknown',
    rabbitmq: overview.rabbitmq_version,
    erlang: overview.erlang_version,
  };
}

export interface RunConditions {
  /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  /** A connection held open for the whole run was closed by the broker: it restarted or dropped clients. */
  brokerInterrupted: boolean;
  /** Postgres started again during the run. */
  databaseRestarted: boolean;
}

async function postmasterStart(): Promise<string> {
  const client = new Client({ connectionString: testing.testSuperuserUrl });
  await client.connect();
  const result = await client.query<{ started: Date }>('select pg_postmaster_start_time() as started').finally(() => client.end());
  return result.rows[0]?.started.toISOString() ?? '';
}

/**
 * Notes the machine's state now and holds a broker connection open; `finish()` tells whether anything
 * disturbed the run (a busy machine, a broker or database restart), so a report never hides it.
 */
export async function watchConditions(): Promise<{ finish(): Promise<RunConditions> }> {
  const loadAverageAtStart = loadavg()[0] ?? 0;
  const databaseStartedAt = await postmasterStart();
  const connection = await amqp.connect(brokerUrl);
  let brokerInterrupted = false;
  connection.on('error', () => undefined);
  connection.on('close', () => {
    brokerInterrupted = true;
  });
  return {
    async finish() {
      const conditions = {
        loadAverageAtStart,
        loadAverageAtEnd: loadavg()[0] ?? 0,
        brokerInterrupted,
        databaseRestarted: (await postmasterStart()) !== databaseStartedAt,
      };
      connection.removeAllListeners('close');
      await connection.close().catch(() => undefined);
      return conditions;
    },
  };
}
