import { hostname } from 'node:os';
import { z } from 'zod';
import { defineRoute, type Route } from './route';

export interface AdminStatusOptions {
  service: string;
  version: string;
  startedAt: Date;
}

const statusSchema = z.object({
  service: z.string(),
  version: z.string(),
  instance: z.string(),
  startedAt: z.iso.datetime(),
  uptimeSeconds: z.number(),
});

/** Which replica answered, since when and in which version: what an operator asks first of each one. */
export function adminStatusRoute(options: AdminStatusOptions): Route {
  return defineRoute({
    method: 'get',
    path: '/admin/status',
    summary: 'This replica: service, version, instance and uptime',
    tag: 'admin',
    responses: { 200: { description: 'The replica', schema: statusSchema }, 401: { description: 'ADMIN_TOKEN_REQUIRED' } },
    async handle() {
      const body = {
        service: options.service,
        version: options.version,
        instance: `${hostname()}:${process.pid}`,
        startedAt: options.startedAt.toISOString(),
        uptimeSeconds: Math.round((Date.now() - options.startedAt.getTime()) / 1000),
      };
      return { status: 200, body };
    },
  });
}
