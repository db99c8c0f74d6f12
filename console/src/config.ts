import { serviceConfigSchema } from '@course-platform/service-kit';
import { z } from 'zod';

/** A comma-separated list of base URLs, one per replica of a service. */
const replicas = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((list) => list.split(',').map((url) => url.trim().replace(/\/$/, '')))
    .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1));

export const consoleConfigSchema = z.object({
  PORT: serviceConfigSchema.shape.PORT.default(3000),
  // Loopback unless told otherwise: the console shows payloads and, with a token, changes the broker's state.
  HOST: z.string().min(1).default('127.0.0.1'),
  VIDEOS_URL: replicas('http://127.0.0.1:3001'),
  COURSES_URL: replicas('http://127.0.0.1:3002'),
  USERS_URL: replicas('http://127.0.0.1:3003'),
  RABBITMQ_URL: serviceConfigSchema.shape.RABBITMQ_URL,
  RABBITMQ_MANAGEMENT_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:15672'),
  EVENTS_EXCHANGE: serviceConfigSchema.shape.EVENTS_EXCHANGE,
  ADMIN_TOKEN: serviceConfigSchema.shape.ADMIN_TOKEN,
  // Where the journey links an event's trace, {traceId} replaced: Jaeger's is http://127.0.0.1:16686/trace/{traceId}.
  // Unset, the journey shows the trace id as text.
  TRACE_URL: z.string().regex(/^https?:\/\/\S*\{traceId\}/, 'must be an http(s) URL containing {traceId}').optional(),
  AUDIT_LOG_FILE: z.string().min(1).default('console-audit.jsonl'),
  LOG_LEVEL: serviceConfigSchema.shape.LOG_LEVEL,
  SHUTDOWN_TIMEOUT_MS: serviceConfigSchema.shape.SHUTDOWN_TIMEOUT_MS,
});

export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;
