import pino, { type Logger } from 'pino';
import { activeCorrelation } from './correlation';

export type { Logger };

/** JSON logs, one event a line, each stamped with the service name and the current correlation id. */
export function createLogger(options: { service: string; level?: string }): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const correlation = activeCorrelation();
      return correlation ? { correlationId: correlation.correlationId } : {};
    },
  });
}
