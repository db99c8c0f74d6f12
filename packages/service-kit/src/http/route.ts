import type { Request, Response } from 'express';
import { z } from 'zod';

type Method = 'get' | 'put' | 'post' | 'delete';

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

/**
 * One endpoint: its schemas validate the request at the edge and describe it in /openapi.json, so the docs
 * cannot drift from what the code accepts.
 */
export interface Route<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** express syntax: /videos/:id */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handle(input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<RouteResponse>;
}

/**
 * A command body is strict: a field the endpoint does not know is a 400 naming it, never silently dropped (a
 * typo like `durationSecs` would otherwise lose the value without a word), and /openapi.json says
 * `additionalProperties: false`.
 */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  route: Route<P, Q, B>,
): Route {
  const body = route.body instanceof z.ZodObject ? route.body.strict() : route.body;
  return { ...route, body } as unknown as Route;
}
