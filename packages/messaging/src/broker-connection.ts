import { EventEmitter } from 'node:events';
import amqp, { type ChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import { withHeartbeat } from './heartbeat-url';

export interface BrokerConnectionOptions {
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
 */
export class BrokerConnection extends EventEmitter<{ connected: [ChannelModel]; disconnected: [] }> {
  private connection: ChannelModel | null = null;
  private stopped = false;
  private blocked = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: BrokerConnectionOptions) {
    super();
    this.setMaxListeners(100);
  }

  get current(): ChannelModel | null {
    return this.connection;
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
    const { url, logger, name } = this.options;
    try {
      const connection = await amqp.connect(withHeartbeat(url, this.options.heartbeatSeconds ?? 10), {
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
      logger.info({ connection: name }, 'broker connected');
      this.emit('connected', connection);
    } catch (error) {
      logger.warn({ err: error, attempt: this.attempt }, 'broker connection failed');
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
      this.options.logger.warn('broker connection closed; reconnecting');
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const min = this.options.minBackoffMs ?? 200;
    const max = this.options.maxBackoffMs ?? 10_000;
    // Full jitter, so that every process of the platform does not reconnect in lockstep.
    const ceiling = Math.min(max, min * 2 ** (this.attempt + 1));
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
