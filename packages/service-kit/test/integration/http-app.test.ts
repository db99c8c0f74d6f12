import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { ConflictError, InvalidArgumentError, NotFoundError } from '@course-platform/shared-kernel';
import pino from 'pino';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { createHttpApp, defineRoute, listen, type RunningHttpServer } from '../../src';

class ThingNotFound extends NotFoundError {
  readonly code = 'THING_NOT_FOUND';
}

class ThingNameTaken extends ConflictError {
  readonly code = 'THING_NAME_TAKEN';
}

const things = new Map<string, { name: string; count: number }>();
const params = z.object({ id: z.uuid() });

const routes = [
  defineRoute({
    method: 'put',
    path: '/things/:id',
    summary: 'Save a thing',
    tag: 'things',
    params,
    body: z.object({ name: z.string().min(1), count: z.number().int().positive() }),
    responses: { 201: { description: 'Saved' }, 400: { description: 'Invalid' }, 409: { description: 'Name taken' }, 422: { description: 'Refused' } },
    async handle({ params: { id }, body }) {
      if ([...things.values()].some((thing) => thing.name === body.name)) throw new ThingNameTaken(`${body.name} is taken`);
      if (body.count % 2 === 1) throw new InvalidArgumentError('count must be even', 'count', 'ODD_COUNT');
      things.set(id, body);
      return { status: 201 };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/things/:id',
    summary: 'Read a thing',
    tag: 'things',
    params,
    responses: { 200: { description: 'The thing', schema: z.object({ name: z.string(), count: z.number() }) }, 404: { description: 'Unknown' } },
    async handle({ params: { id } }) {
      const thing = things.get(id);
      if (!thing) throw new ThingNotFound(`no thing ${id}`);
      return { status: 200, body: thing };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/boom',
    summary: 'A bug',
    tag: 'things',
    responses: { 500: { description: 'Always' } },
    async handle() {
      throw new Error('secret internals at /srv/app.ts:12:3');
    },
  }),
];

const logLines: string[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
let databaseUp = true;
let server: RunningHttpServer;

beforeAll(async () => {
  const app = createHttpApp({
    service: 'things',
    logger,
    metrics: new Registry(),
    routes,
    readiness: [
      { name: 'database', check: async () => databaseUp },
      { name: 'broker', check: async () => true },
    ],
  });
  server = await listen(app, 0);
});

afterAll(() => server.close());

interface Answer {
  status: number;
  type: string;
  /** Response headers, by lower-case name. */
  headers: Record<string, string>;
  text: string;
  json(): Record<string, unknown>;
}

/** Calls the app; every answer is also checked to leak no stack trace. */
async function call(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': contentType } }),
  });
  const text = await response.text();
  expect(text).not.toMatch(/\bat .*:\d+:\d+|node_modules|packages\/service-kit/);
  const headers = Object.fromEntries(response.headers.entries());
  return { status: response.status, type: response.headers.get('content-type') ?? '', headers, text, json: () => JSON.parse(text) };
}

const put = (id: string, body: unknown) => call('PUT', `/things/${id}`, JSON.stringify(body));

describe('routes', () => {
  it('serves a defined route', async () => {
    const id = randomUUID();
    expect((await put(id, { name: `a-${id}`, count: 2 })).status).toBe(201);
    const read = await call('GET', `/things/${id}`);
    expect(read.status).toBe(200);
    expect(read.json()).toEqual({ name: `a-${id}`, count: 2 });
  });

  it('answers 404 problem+json for an unknown route', async () => {
    const answer = await call('GET', '/nowhere');
    expect(answer.status).toBe(404);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', title: 'Not Found' });
  });

  it('answers 405 problem+json with Allow for a method the path does not serve', async () => {
    const id = randomUUID();
    const answer = await call('DELETE', `/things/${id}`);
    expect(answer.status).toBe(405);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.headers.allow).toBe('PUT, GET, HEAD');
    expect(answer.json()).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', title: 'Method Not Allowed' });
    expect((await call('POST', '/health')).headers.allow).toBe('GET, HEAD');
    // No CORS preflight is served: OPTIONS is a method like the others.
    const preflight = await call('OPTIONS', `/things/${id}`);
    expect([preflight.status, preflight.headers.allow]).toEqual([405, 'PUT, GET, HEAD']);
    // A path that is not served at all stays a 404.
    expect((await call('DELETE', '/nowhere')).status).toBe(404);
  });

  it('answers 400 MALFORMED_JSON for a broken body', async () => {
    const answer = await call('PUT', `/things/${randomUUID()}`, '{"name": ');
    expect(answer.status).toBe(400);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('answers 415 for a body that is not JSON', async () => {
    const answer = await call('PUT', `/things/${randomUUID()}`, 'name=x&count=2', 'application/x-www-form-urlencoded');
    expect(answer.status).toBe(415);
    expect(answer.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers 400 VALIDATION_FAILED naming the fields of the body', async () => {
    const answer = await put(randomUUID(), { name: '', count: 1.5 });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((answer.json().errors as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['body.count', 'body.name']);
  });

  it('answers 400 VALIDATION_FAILED naming a field the endpoint does not know, and saves nothing', async () => {
    const id = randomUUID();
    const answer = await put(id, { name: `typo-${id}`, count: 2, cuont: 4 });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body.cuont', message: 'is not a field of this request' }],
    });
    expect((await call('GET', `/things/${id}`)).status).toBe(404);
  });

  it('describes a command body as closed in /openapi.json', async () => {
    const document = (await call('GET', '/openapi.json')).json() as {
      paths: Record<string, { put: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const body = document.paths['/things/{id}']?.put.requestBody.content['application/json']?.schema;
    expect(body).toMatchObject({ additionalProperties: false, required: ['name', 'count'] });
  });

  it('answers 400 VALIDATION_FAILED naming a bad path parameter', async () => {
    const answer = await call('GET', '/things/not-a-uuid');
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'params.id' }] });
  });

  it('maps a not-found domain error to 404 with its code', async () => {
    const answer = await call('GET', `/things/${randomUUID()}`);
    expect(answer.status).toBe(404);
    expect(answer.json()).toMatchObject({ code: 'THING_NOT_FOUND' });
  });

  it('maps a conflict to 409 with its code', async () => {
    const name = `taken-${randomUUID()}`;
    await put(randomUUID(), { name, count: 2 });
    const answer = await put(randomUUID(), { name, count: 4 });
    expect(answer.status).toBe(409);
    expect(answer.json()).toMatchObject({ code: 'THING_NAME_TAKEN', detail: `${name} is taken` });
  });

  it('maps an invalid argument to 422 with its code and field', async () => {
    const answer = await put(randomUUID(), { name: `odd-${randomUUID()}`, count: 3 });
    expect(answer.status).toBe(422);
    expect(answer.json()).toMatchObject({ code: 'ODD_COUNT', errors: [{ field: 'count', message: 'count must be even' }] });
  });

  it('answers a bug with a bare 500 and logs what happened', async () => {
    const answer = await call('GET', '/boom');
    expect(answer.status).toBe(500);
    expect(answer.json()).toEqual({
      type: 'urn:course-platform:problem:internal-error',
      title: 'Internal Server Error',
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: 'an unexpected error occurred',
    });
    expect(answer.text).not.toContain('secret');
    expect(logLines.some((line) => line.includes('unhandled error') && line.includes('secret internals'))).toBe(true);
  });

  it('echoes a well-formed correlation id and replaces a bad one', async () => {
    const echoed = await fetch(`http://127.0.0.1:${server.port}/health`, { headers: { 'x-correlation-id': 'req-42' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('req-42');
    const replaced = await fetch(`http://127.0.0.1:${server.port}/health`, { headers: { 'x-correlation-id': 'bad id!' } });
    expect(replaced.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('operational endpoints', () => {
  it('/health answers while the process is up', async () => {
    const answer = await call('GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ status: 'up', service: 'things' });
  });

  it('/ready answers 200 when every check passes and 503 naming the failing one', async () => {
    databaseUp = true;
    const ready = await call('GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'up', broker: 'up' } });
    databaseUp = false;
    const unavailable = await call('GET', '/ready');
    databaseUp = true;
    expect(unavailable.status).toBe(503);
    expect(unavailable.json()).toEqual({ status: 'unavailable', checks: { database: 'down', broker: 'up' } });
  });

  it('/metrics has the request histogram by route pattern and the default process metrics', async () => {
    const id = randomUUID();
    await call('GET', `/things/${id}`);
    const answer = await call('GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/plain/);
    expect(answer.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/things\/:id"[^}]*status="404"/);
    expect(answer.text).toContain('process_cpu_user_seconds_total');
    expect(answer.text).toContain('nodejs_eventloop_lag_seconds');
    expect(answer.text).not.toContain(id);
  });

  it('/openapi.json lists the routes with their methods and responses', async () => {
    const doc = (await call('GET', '/openapi.json')).json() as { openapi: string; paths: Record<string, Record<string, { responses: object; requestBody?: object }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/boom', '/things/{id}']);
    expect(Object.keys(doc.paths['/things/{id}'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(doc.paths['/things/{id}']?.put?.requestBody).toBeDefined();
    expect(Object.keys(doc.paths['/things/{id}']?.get?.responses ?? {})).toEqual(['200', '404']);
  });

  it('/docs answers the HTML of the API explorer', async () => {
    const answer = await call('GET', '/docs');
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/html/);
    expect(answer.text).toContain('swagger-ui');
  });
});

describe("requests Node's HTTP parser rejects", () => {
  async function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      let answer = '';
      const socket = connect(server.port, '127.0.0.1', () => socket.write(request));
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('answers an unknown method token with problem+json, not a bare status line', async () => {
    const answer = await raw('FOO /health HTTP/1.1\r\nhost: x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('content-type: application/problem+json');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
  });

  it('answers headers that are too large with 431 problem+json', async () => {
    const answer = await raw(`GET /health HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });
});
