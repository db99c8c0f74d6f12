/** One binding as RabbitMQ's management API lists it. */
export interface BrokerBinding {
  source: string;
  destination: string;
  destination_type: 'queue' | 'exchange';
  routing_key: string;
  arguments: Record<string, unknown>;
}

export interface ManagementApiOptions {
  /** RABBITMQ_MANAGEMENT_URL, e.g. http://rabbitmq:15672; without a user in it, RABBITMQ_URL's user is used. */
  url: string;
  /** The broker URL of the service: its vhost, and its user unless the management URL names one. */
  amqpUrl: string;
  timeoutMs?: number;
}

/** The vhost an amqp URL names, read as amqplib reads it: the path without its slash, "/" when empty. */
export function vhostOf(amqpUrl: string): string {
  return decodeURIComponent(new URL(amqpUrl).pathname.slice(1)) || '/';
}

/** The management URL without its user, ending in a slash: a path prefix (management.path_prefix) is kept. */
function apiBase(url: string): URL {
  const base = new URL(url);
  base.username = '';
  base.password = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

function authorization({ url, amqpUrl }: ManagementApiOptions): string {
  const management = new URL(url);
  const user = management.username ? management : new URL(amqpUrl);
  return `Basic ${Buffer.from(`${decodeURIComponent(user.username)}:${decodeURIComponent(user.password)}`).toString('base64')}`;
}

/** One GET on the management API as the service's (or the console's) user; the answer's JSON. */
export async function managementGet<T>(options: ManagementApiOptions, path: string): Promise<T> {
  const response = await fetch(new URL(path, apiBase(options.url)), {
    headers: { authorization: authorization(options) },
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  });
  if (!response.ok) throw new Error(`RabbitMQ management API answered ${response.status} to GET ${path}`);
  return (await response.json()) as T;
}

/**
 * The bindings whose source is `exchange` in the service's vhost. AMQP 0-9-1 cannot list bindings; the
 * management API can, for a user with the `management` tag (infra/rabbitmq/definitions.json gives it to each
 * service's user, whose permissions stay what they are).
 */
export async function bindingsFrom(options: ManagementApiOptions, exchange: string): Promise<BrokerBinding[]> {
  return managementGet(options, `api/exchanges/${encodeURIComponent(vhostOf(options.amqpUrl))}/${encodeURIComponent(exchange)}/bindings/source`);
}
