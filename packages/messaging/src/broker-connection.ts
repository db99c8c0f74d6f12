import { EventEmitter } from 'node:events';
import { brokerNode, brokerUrls } from '@course-platform/service-kit';
import amqp, { type ChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import { withHeartbeat } from './heartbeat-url';

export interface BrokerConnectionOptions {
  /** One node's amqp URL, or the comma-separated nodes of one cluster (RABBITMQ_URL), tried in turn. */
  url: string;
  logger: Logger;
  /** Name shown in the RabbitMQ management UI. */
  name: string;
  heartbeatSeconds?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * One AMQP connection that keeps itself up: it reconnects with exponential backoff and full jitter, and
 * tells its users through 'connected' (with the new connection) and 'disconnected'. The relay and the
 * consumers open their channels on 'connected', so after any failure they re-declare and resume.
 * Given the nodes of a cluster, it connects to the first that answers and, when that connection fails or is
 * lost, tries the next one: the backoff grows with each full round of the list, not with each node, so a
 * surviving node is reached within the shortest backoff (under 400 ms) while a cluster that is down entirely
 * is not hammered.
 */
export class BrokerConnection extends EventEmitter<{ connected: [ChannelModel]; disconnected: [] }> {
  private connection: ChannelModel | null = null;
  private stopped = false;
  private blocked = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly urls: string[];
  /** The node tried last, or connected to. */
  private node = 0;

  constructor(private readonly options: BrokerConnectionOptions) {
    super();
    this.setMaxListeners(100);
    this.urls = brokerUrls(options.url).map((url) => withHeartbeat(url, options.heartbeatSeconds ?? 10));
  }

  get current(): ChannelModel | null {
    return this.connection;
  }

  /** The URL of the node tried last or connected to: its vhost and user are the cluster's. */
  get currentUrl(): string {
    return this.urls[this.node] as string;
  }

  /** Up and not blocked by the broker's resource alarms: what readiness reports. */
  get healthy(): boolean {
    return this.connection !== null && !this.blocked;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { logger, name } = this.options;
    const url = this.currentUrl;
    const node = brokerNode(url);
    try {
      const connection = await amqp.connect(url, {
        clientProperties: { connection_name: name },
        timeout: 10_000,
      });
      if (this.stopped) {
        await connection.close().catch(() => undefined);
        return;
      }
      connection.on('error', (error: Error) => logger.warn({ err: error }, 'broker connection error'));
      connection.on('close', () => this.onClose(connection));
      connection.on('blocked', (reason: string) => {
        this.blocked = true;
        logger.warn({ reason }, 'broker blocked the connection');
      });
      connection.on('unblocked', () => {
        this.blocked = false;
        logger.info('broker unblocked the connection');
      });
      this.connection = connection;
      this.blocked = false;
      logger.info({ connection: name, node }, 'broker connected');
      this.emit('connected', connection);
    } catch (error) {
      logger.warn({ err: error, node, attempt: this.attempt }, 'broker connection failed');
      this.nextNode();
      this.scheduleReconnect();
    }
  }

  /**
   * Called once the users of a new connection are set up. Until then the backoff keeps growing, so a
   * connection that opens but cannot be used (a topology conflict, say) is not retried in a tight loop.
   */
  resetBackoff(): void {
    this.attempt = 0;
  }

  private onClose(connection: ChannelModel): void {
    if (this.connection !== connection) return;
    this.connection = null;
    this.emit('disconnected');
    if (!this.stopped) {
      this.options.logger.warn({ node: brokerNode(this.currentUrl) }, 'broker connection closed; reconnecting');
      // The node may be dying: the next attempt goes to another one (to this one again, given one URL).
      this.nextNode();
      this.scheduleReconnect();
    }
  }

  private nextNode(): void {
    this.node = (this.node + 1) % this.urls.length;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const min = this.options.minBackoffMs ?? 200;
    const max = this.options.maxBackoffMs ?? 10_000;
    const round = Math.floor(this.attempt / this.urls.length);
    // Full jitter, so that every process of the platform does not reconnect in lockstep.
    const ceiling = Math.min(max, min * 2 ** (round + 1));
    this.attempt += 1;
    const delay = Math.random() * ceiling;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const connection = this.connection;
    this.connection = null;
    if (connection) await connection.close().catch(() => undefined);
  }
}

/**
 * One connection to the first node of RABBITMQ_URL's list that answers, for one-shot tools and tests (the
 * dlq CLI, probes, the fault suite), which do not reconnect: what fails after it is theirs to retry.
 */
export async function connectToBroker(list: string): Promise<ChannelModel> {
  let lastError: unknown = new Error('no broker URL');
  for (const url of brokerUrls(list)) {
    try {
      return await amqp.connect(url);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
