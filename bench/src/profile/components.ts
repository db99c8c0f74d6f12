/**
 * Which part of the platform a profile frame belongs to, by its file: the table of bench/README.md's
 * "Where the time goes". A frame of Node's own code (streams, sockets, timers) or a native one belongs to the
 * nearest caller that has a component, so a socket write made by pg counts as pg.
 */

/** Packages, by the name under their last `node_modules/`. */
const PACKAGES: Record<string, string> = {
  helmet: 'HTTP: helmet',
  'prom-client': 'metrics (prom-client)',
  pino: 'logging (pino)',
  'pino-std-serializers': 'logging (pino)',
  'fast-redact': 'logging (pino)',
  'sonic-boom': 'logging (pino)',
  'body-parser': 'HTTP: body parsing',
  'raw-body': 'HTTP: body parsing',
  'iconv-lite': 'HTTP: body parsing',
  'type-is': 'HTTP: body parsing',
  'content-type': 'HTTP: body parsing',
  zod: 'validation (zod)',
  knex: 'knex (query building, pool)',
  tarn: 'knex (query building, pool)',
  lodash: 'knex (query building, pool)',
  pg: 'pg',
  'pg-protocol': 'pg',
  'pg-pool': 'pg',
  'pg-types': 'pg',
  'postgres-date': 'pg',
  amqplib: 'amqplib',
  'buffer-more-ints': 'amqplib',
  express: 'HTTP: express routing and response',
  router: 'HTTP: express routing and response',
  finalhandler: 'HTTP: express routing and response',
  send: 'HTTP: express routing and response',
  'on-finished': 'HTTP: express routing and response',
  etag: 'HTTP: express routing and response',
  'path-to-regexp': 'HTTP: express routing and response',
  // Only under ts-node: compiled JavaScript, as deployed, loads none of it.
  'ts-node': 'ts-node (not in compiled JS)',
  '@cspotcode/source-map-support': 'ts-node (not in compiled JS)',
  '@jridgewell/sourcemap-codec': 'ts-node (not in compiled JS)',
  '@jridgewell/trace-mapping': 'ts-node (not in compiled JS)',
  typescript: 'ts-node (not in compiled JS)',
};

/** Our own code, by path, whether it runs as source or compiled (`dist/`): the first match wins. */
const SOURCES: Array<[RegExp, string]> = [
  [/packages\/service-kit\/(?:src|dist)\/http\/http-metrics/, 'metrics (prom-client)'],
  [/packages\/service-kit\/(?:src|dist)\/(correlation|http\/http-app)/, 'HTTP: app (routes, request ids)'],
  [/packages\/service-kit\/(?:src|dist)\/logger/, 'logging (pino)'],
  [/packages\/messaging\/(?:src|dist)\/(relay|publish-confirmed)/, 'relay'],
  [/packages\/messaging\/(?:src|dist)\/outbox/, 'JSON/envelope (outbox)'],
  [/packages\/messaging\/(?:src|dist)\//, 'messaging (consumer, bus)'],
  [/(services\/[^/]+\/(?:dist\/)?src\/(domain|application)|packages\/shared-kernel)\//, 'domain and use cases'],
  [/services\/[^/]+\/(?:dist\/)?src\/infrastructure\//, 'repositories and routers'],
  [/@opentelemetry\//, 'tracing'],
  [/\/bench\/(?:src|dist)\//, 'bench (its measuring)'],
];

/** Node's own code, for a sample with no component anywhere on its stack: by its frame nearest the top. */
const NODE: Array<[RegExp, string]> = [
  [/^node:(_http|net|internal\/(streams|stream_base|http))/, 'Node: HTTP server, sockets, streams'],
  [/^node:(internal\/process\/task_queues|internal\/async_hooks|async_hooks|domain|events)/, 'Node: promises, async hooks, events'],
];

export const GC = 'GC';
export const UNATTRIBUTED = 'Node and V8, other';

export function nodeComponentOfUrl(url: string): string | null {
  return NODE.find(([pattern]) => pattern.test(url))?.[1] ?? null;
}

export function componentOfUrl(url: string): string | null {
  const source = SOURCES.find(([pattern]) => pattern.test(url));
  if (source) return source[1];
  const modules = url.lastIndexOf('/node_modules/');
  if (modules < 0) return null;
  const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
  const name = first?.startsWith('@') ? `${first}/${second}` : first;
  return (name && PACKAGES[name]) ?? 'other packages';
}
