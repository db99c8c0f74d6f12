import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, type Registry } from 'prom-client';

export function httpMetrics(registry: Registry) {
  // /metrics promises the process metrics too (CPU, memory, event loop lag); skip them if the caller already
  // registered them, since prom-client refuses a metric name twice on one registry.
  if (!registry.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // The matched route pattern, never the raw URL: ids in labels would explode the series count.
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
