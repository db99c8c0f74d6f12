import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Route } from './route';

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** Builds the OpenAPI 3.1 document of a service from its routes' zod schemas. */
export function buildOpenApi(info: { title: string; version: string }, routes: Route[]): object {
  const registry = new OpenAPIRegistry();
  for (const route of routes) {
    const responses: Record<string, ResponseConfig> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const isProblem = Number(status) >= 400;
      const schema = response.schema ?? (isProblem ? problemSchema : undefined);
      responses[status] = {
        description: response.description,
        ...(schema ? { content: { [isProblem ? 'application/problem+json' : 'application/json']: { schema } } } : {}),
      };
    }
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      summary: route.summary,
      tags: [route.tag],
      request: {
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } }, required: true } } : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info });
}
