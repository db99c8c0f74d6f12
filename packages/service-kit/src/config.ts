import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { brokerUrls } from './broker-urls';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

// An empty PORT= must not become 0 (a random port): only digits count.
const port = z.string().regex(/^\d+$/, 'must be a port number').transform(Number).pipe(z.number().int().min(0).max(65535));
const amqpUrl = z.url({ protocol: /^amqps?$/ });
// One node, or the nodes of one cluster separated by commas: every one of them an amqp(s) URL.
const amqpUrlList = z.string().refine((list) => brokerUrls(list).every((url) => amqpUrl.safeParse(url).success), 'must be an amqp URL or a comma-separated list of them');
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });

/** What every service process reads from its environment. Services extend it with their own variables. */
export const serviceConfigSchema = z.object({
  PORT: port,
  DATABASE_URL: postgresUrl,
  // At least two: migrating holds one connection for the replicas' lock while the migrations use another.
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  RABBITMQ_URL: amqpUrlList,
  // Optional: lets a service find the bindings its removed handlers left behind. Without a user in it, the
  // user of RABBITMQ_URL is used.
  RABBITMQ_MANAGEMENT_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Opens /admin/* to requests carrying it (x-admin-token); without it they answer on loopback only.
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  EVENTS_EXCHANGE: z.string().regex(/^[\w.-]{1,255}$/, 'must be an exchange name').default('videos'),
  CONSUMER_PREFETCH: z.coerce.number().int().min(1).max(5000).default(800),
  CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(2),
  // Messages one consumer transaction handles at most, and how long a free transaction waits for more to
  // arrive before it takes fewer (0: it takes what one socket read delivered).
  CONSUMER_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  CONSUMER_BATCH_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(2),
  RELAY_LANES: z.coerce.number().int().min(1).max(16).default(2),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(1000),
  OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).max(8_760).default(168),
  // Duplicates are skipped for as long as the inbox keeps their entry: never less than a day.
  INBOX_RETENTION_HOURS: z.coerce.number().int().min(24).max(8_760).default(168),
  RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be a comma-separated list of milliseconds')
    .default('1000,5000,30000,120000,600000')
    .transform((list) => list.split(',').map(Number))
    .refine((delays) => delays.every((ms) => ms <= 86_400_000), 'each delay must be at most 86400000 (a day)'),
  // A handler call past this is cut off and retried. Under RabbitMQ's consumer_timeout (30 min), which would
  // close the whole channel over one unacked message; ten minutes is already no handler's honest need.
  HANDLER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  QUEUE_TYPE: z.enum(['classic', 'quorum']).default('classic'),
  // Quorum handler queues only: deliveries of one message (crashes, timeouts, lost connections) before the
  // broker dead-letters it instead of looping. Never below 2: one redelivery after a lost connection is normal.
  QUEUE_DELIVERY_LIMIT: z.coerce.number().int().min(2).max(1000).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/**
 * A rule between variables, checked after each has parsed. Not a refinement of the schema: zod refuses to
 * extend a refined object, and every service extends this one. It applies only where the schema has them all.
 */
interface CrossCheck {
  variables: readonly string[];
  problem(config: Record<string, unknown>): string | undefined;
}

const crossChecks: readonly CrossCheck[] = [
  {
    variables: ['CONSUMER_PREFETCH', 'CONSUMER_BATCH_SIZE', 'CONSUMER_CONCURRENCY'],
    problem: ({ CONSUMER_PREFETCH: prefetch, CONSUMER_BATCH_SIZE: size, CONSUMER_CONCURRENCY: concurrency }) =>
      Number(prefetch) < Number(size) * Number(concurrency)
        ? `is too small (${String(prefetch)}): it must be at least CONSUMER_BATCH_SIZE × CONSUMER_CONCURRENCY (${Number(size) * Number(concurrency)}), ` +
          'or the broker stops delivering before a transaction can fill its batch, and every batch waits out its linger'
        : undefined,
  },
];

/**
 * Reads `.env` (without overriding the real environment) and validates it. A bad or missing value throws a
 * ConfigError that names the first offending variable; `runService` turns it into one line and exit code 1.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  if (env === process.env) loadDotenv({ quiet: true });
  const result = schema.safeParse(env);
  if (result.success) {
    const config = result.data as Record<string, unknown>;
    for (const check of crossChecks) {
      if (!check.variables.every((variable) => variable in config)) continue;
      const problem = check.problem(config);
      if (problem) throw new ConfigError(check.variables[0] ?? '(unknown)', problem);
    }
    return result.data;
  }
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const variable = String(issue.path[0] ?? '(unknown)');
  const value = env[variable];
  const got = value === undefined ? 'is missing' : `is invalid (${issue.message}; got ${JSON.stringify(value)})`;
  throw new ConfigError(variable, got);
}
