import pino, { type Logger } from 'pino';
import { activeCorrelation } from './correlation';
import { activeTraceIds } from './trace-context';

export type { Logger };

/**
 * JSON logs, one event a line, each stamped with the service name, the current correlation id and, inside a
 * request or a handler, the trace and span ids that find the same moment in a tracing backend.
 */
export function createLogger(options: { service: string; level?: string }): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const correlation = activeCorrelation();
      return { ...(correlation && { correlationId: correlation.correlationId }), ...activeTraceIds() };
    },
  });
}
