import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testing } from '../../src';

// The SDK module as a service process loads it (`node -r`), configured by OTEL_* variables only.
const fixtures = join(__dirname, '..', 'fixtures');
const cwd = mkdtempSync(join(tmpdir(), 'service-kit-tracing-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const traceparent = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

function runTraced(env: Record<string, string>) {
  const register = require.resolve('ts-node/register');
  const child = spawn(process.execPath, ['--conditions=source', '-r', register, '-r', join(fixtures, 'traced-tracing.ts'), join(fixtures, 'traced-service.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const lines = () => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  const port = () => testing.eventually(() => (lines().find((line) => line.msg === 'listening')?.port as number | undefined) ?? false);
  const stop = async () => {
    child.kill('SIGTERM');
    return exit;
  };
  return { lines, port, stop, stderr: () => stderr };
}

describe('a traced service process', () => {
  it('without an endpoint exports and prints nothing, and its request logs carry trace ids', async () => {
    const service = runTraced({});
    const port = await service.port();
    expect((await fetch(`http://127.0.0.1:${port}/greetings`, { headers: { traceparent } })).status).toBe(204);
    expect((await fetch(`http://127.0.0.1:${port}/greetings`)).status).toBe(204);
    const greetings = await testing.eventually(() => {
      const found = service.lines().filter((line) => line.msg === 'greeting');
      return found.length === 2 && found;
    });
    expect(greetings[0]).toMatchObject({ trace_id: TRACE_ID, span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    // A request without a traceparent starts a trace of its own, made even though nothing is exported.
    expect(greetings[1]?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(greetings[1]?.trace_id).not.toBe(TRACE_ID);
    expect(service.lines().find((line) => line.msg === 'listening')).not.toHaveProperty('trace_id');
    expect(await service.stop()).toBe(0);
    expect(service.stderr()).toBe('');
  });

  it.each(['http/json', 'http/protobuf'])('exports its spans to OTEL_EXPORTER_OTLP_ENDPOINT over %s', async (protocol) => {
    const receiver = await testing.OtlpReceiver.start();
    try {
      const service = runTraced({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: protocol });
      const port = await service.port();
      await fetch(`http://127.0.0.1:${port}/greetings`, { headers: { traceparent } });
      await fetch(`http://127.0.0.1:${port}/health`);
      // The stop flushes what the batch processor still holds.
      expect(await service.stop()).toBe(0);
      if (protocol === 'http/json') {
        const spans = receiver.trace(TRACE_ID);
        expect(spans.map((span) => span.service)).toContain('fixture');
        const server = spans.find((span) => span.kind === 2);
        // Named after its route by the app (no express instrumentation), never after the raw URL.
        expect(server).toMatchObject({ name: 'GET /greetings', parentSpanId: '00f067aa0ba902b7', attributes: expect.objectContaining({ 'http.route': '/greetings' }) });
        // Probes make no trace.
        expect(receiver.spans.filter((span) => String(span.attributes['url.path'] ?? span.attributes['http.target']).includes('/health'))).toEqual([]);
      } else {
        const bodies = Buffer.concat(receiver.protobufBodies);
        expect(bodies.includes(Buffer.from(TRACE_ID, 'hex'))).toBe(true);
        expect(bodies.includes(Buffer.from('fixture'))).toBe(true);
      }
      expect(service.stderr()).toBe('');
    } finally {
      await receiver.stop();
    }
  });

  it('stops cleanly when its collector takes the spans and never answers', async () => {
    // A collector that hangs: the stop gives up its spans rather than overrun the fixture's 5 s deadline.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const service = runTraced({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
      const port = await service.port();
      await fetch(`http://127.0.0.1:${port}/greetings`);
      expect(await service.stop()).toBe(0);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('makes no trace ids when OTEL_SDK_DISABLED is true', async () => {
    const service = runTraced({ OTEL_SDK_DISABLED: 'true' });
    const port = await service.port();
    await fetch(`http://127.0.0.1:${port}/greetings`, { headers: { traceparent } });
    const greeting = await testing.eventually(() => service.lines().find((line) => line.msg === 'greeting') ?? false);
    expect(greeting).not.toHaveProperty('trace_id');
    expect(await service.stop()).toBe(0);
  });
});
