import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { brokerUrls } from '../broker-urls';

const execFileAsync = promisify(execFile);

const managementUrl = process.env.TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672';
// One node, or a cluster's nodes separated by commas (make cluster prints them): every test vhost is on all.
const amqpBase = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A thin client of the RabbitMQ management API, for tests and tools that inspect or disturb the broker. */
export class RabbitAdmin {
  private readonly base: URL;
  private readonly auth: string;

  /** The management API's URL, with the user it acts as. */
  constructor(readonly url: string = managementUrl) {
    this.base = new URL(url);
    this.auth = `Basic ${Buffer.from(`${decodeURIComponent(this.base.username)}:${decodeURIComponent(this.base.password)}`).toString('base64')}`;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(`/api${path}`, this.base.origin), {
      method,
      headers: { authorization: this.auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok && !(method === 'DELETE' && response.status === 404)) {
      throw new Error(`RabbitMQ management ${method} ${path}: ${response.status} ${await response.text()}`);
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async queue(vhost: string, name: string): Promise<{ messages: number; messages_ready: number; messages_unacknowledged: number; consumers: number; arguments: Record<string, unknown> }> {
    return this.request('GET', `/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(name)}`);
  }

  async queues(vhost: string): Promise<Array<{ name: string; messages: number; arguments: Record<string, unknown> }>> {
    return this.request('GET', `/queues/${encodeURIComponent(vhost)}`);
  }

  async bindings(vhost: string): Promise<Array<{ source: string; destination: string; routing_key: string }>> {
    return this.request('GET', `/bindings/${encodeURIComponent(vhost)}`);
  }

  /**
   * Closes every client connection of the vhost, as a broker restart or a network cut would. Uses
   * rabbitmqctl on this machine: the management API lists new connections only after its next stats tick.
   * Returns how many the broker closed.
   */
  async closeConnections(vhost: string): Promise<number> {
    const { stdout } = await execFileAsync('rabbitmqctl', ['close_all_connections', '--vhost', vhost, '--limit', '1000', 'closed by a test']);
    return Number(/Closed (\d+)/.exec(stdout)?.[1] ?? 0);
  }

  async connectionCount(vhost: string): Promise<number> {
    const connections = await this.request<unknown[]>('GET', `/vhosts/${encodeURIComponent(vhost)}/connections`);
    return connections.length;
  }
}

export interface TestVhost {
  name: string;
  /** amqp URL of this vhost for guest: one for each node of TEST_RABBITMQ_URL, separated by commas. */
  url: string;
  admin: RabbitAdmin;
  drop(): Promise<void>;
}

/** A broker other than TEST_RABBITMQ_URL's: its amqp URL (or list of nodes) and its management API's URL. */
export interface TestBroker {
  amqpUrl: string;
  managementUrl: string;
}

/**
 * A fresh vhost, so a test run's exchanges, queues and messages never meet another run's: on the broker of
 * TEST_RABBITMQ_URL, or on `broker` (the bench compares the machine's broker with a cluster in one run).
 */
export async function createTestVhost(broker: TestBroker = { amqpUrl: amqpBase, managementUrl }): Promise<TestVhost> {
  const admin = new RabbitAdmin(broker.managementUrl);
  const name = `cpt_${randomBytes(6).toString('hex')}`;
  await admin.request('PUT', `/vhosts/${name}`, {});
  await admin.request('PUT', `/permissions/${name}/guest`, { configure: '.*', write: '.*', read: '.*' });
  return {
    name,
    url: brokerUrls(broker.amqpUrl)
      .map((base) => `${base}/${name}`)
      .join(','),
    admin,
    drop: () => admin.request('DELETE', `/vhosts/${name}`).then(() => undefined),
  };
}
