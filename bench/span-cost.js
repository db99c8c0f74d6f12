/* global __filename, setImmediate */
// `node bench/span-cost.js [spans]`: the CPU one exported span costs, stage by stage, without I/O of the
// platform's own. Each stage runs in a process of its own (a span built by one stage must not warm up or
// fill the heap of the next), making the process span of messaging/src/message-tracing.ts: extracted parent
// context, six attributes at start, two set later, ended. The stages add one piece each: the API without an
// SDK; the SDK's span (ids, attributes, end); a BatchSpanProcessor whose exporter does nothing (spans kept
// until their batch leaves); the OTLP transform and serialisation (protobuf, JSON) without sending; the
// OTLP/HTTP exporters sending to a receiver in another process. CPU is this process's (user + system) over
// the measured spans, flushed included. The SDK's packages are resolved through @opentelemetry/sdk-node,
// which depends on all of them, so the bench needs no dependency of its own for this.
const { fork } = require('node:child_process');
const http = require('node:http');
const { createRequire } = require('node:module');
const { join } = require('node:path');

const STAGES = ['api-only', 'sdk-span', 'batched', 'protobuf-serialised', 'json-serialised', 'http/protobuf', 'http/json'];
const WARM_UP = 5_000;

/** Requires a package as @opentelemetry/sdk-node sees it. */
function sdkRequire(name) {
  const serviceKit = join(__dirname, '..', 'packages', 'service-kit', 'package.json');
  const fromSdkNode = createRequire(createRequire(serviceKit).resolve('@opentelemetry/sdk-node'));
  return fromSdkNode(name);
}

/** The receiver: answers every export, in a process of its own so that its CPU is not counted. */
function receive() {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const json = (request.headers['content-type'] ?? '').includes('json');
      response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      response.end(json ? '{}' : '');
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

function exporterOf(stage, url) {
  const transformer = sdkRequire('@opentelemetry/otlp-transformer');
  const answer = (done) => setImmediate(() => done({ code: 0 }));
  const local = (serialise) => ({ export: (spans, done) => (serialise(spans), answer(done)), shutdown: async () => {}, forceFlush: async () => {} });
  if (stage === 'batched') return local(() => undefined);
  if (stage === 'protobuf-serialised') return local((spans) => transformer.ProtobufTraceSerializer.serializeRequest(spans));
  if (stage === 'json-serialised') return local((spans) => transformer.JsonTraceSerializer.serializeRequest(spans));
  if (stage === 'http/protobuf') return new (sdkRequire('@opentelemetry/exporter-trace-otlp-proto').OTLPTraceExporter)({ url });
  return new (sdkRequire('@opentelemetry/exporter-trace-otlp-http').OTLPTraceExporter)({ url });
}

/** One stage: `spans` process spans after a warm-up, in slices of 100 that let the exporter run between them. */
async function measure(stage, spans, url) {
  const api = sdkRequire('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = sdkRequire('@opentelemetry/context-async-hooks');
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(new (sdkRequire('@opentelemetry/core').W3CTraceContextPropagator)());
  let provider;
  if (stage !== 'api-only') {
    const sdk = sdkRequire('@opentelemetry/sdk-trace');
    // The SDK's defaults (OTEL_BSP_*), but a queue that never drops: a dropped span would cost nothing.
    const processors = stage === 'sdk-span' ? [] : [new sdk.BatchSpanProcessor({ exporter: exporterOf(stage, url), maxQueueSize: 1_000_000 })];
    const { resourceFromAttributes } = sdkRequire('@opentelemetry/resources');
    provider = new sdk.TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'span-cost' }), sampler: new sdk.AlwaysOnSampler(), spanProcessors: processors });
    api.trace.setGlobalTracerProvider(provider);
  }
  const tracer = api.trace.getTracer('@course-platform/messaging');
  const headers = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
  const queue = 'courses.add_video_on_video_created';
  const processSpan = (i) => {
    const span = tracer.startSpan(
      `process ${queue}`,
      {
        kind: api.SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'rabbitmq',
          'messaging.operation.type': 'process',
          'messaging.destination.name': queue,
          'messaging.rabbitmq.destination.routing_key': 'video.created',
          'messaging.message.id': `c1a0a7b2-4f35-4f5e-9d8e-${String(i).padStart(12, '0')}`,
          'handler.attempt': 1,
        },
      },
      api.propagation.extract(api.ROOT_CONTEXT, headers),
    );
    api.context.with(api.trace.setSpan(api.ROOT_CONTEXT, span), () => undefined);
    span.setAttribute('handler.inbox', 'new');
    span.setAttribute('handler.result', 'ack');
    span.end();
  };
  const run = async (count) => {
    for (let i = 0; i < count; i += 100) {
      for (let j = 0; j < 100; j += 1) processSpan(i + j);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await provider?.forceFlush();
  };
  await run(WARM_UP);
  const before = process.cpuUsage();
  await run(spans);
  const { user, system } = process.cpuUsage(before);
  return (user + system) / spans;
}

async function main() {
  const spans = Number(process.argv[2] ?? 60_000);
  const receiver = fork(__filename, ['--receive'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve) => receiver.once('message', resolve));
  const url = `http://127.0.0.1:${port}/v1/traces`;
  try {
    const cost = {};
    for (const stage of STAGES) {
      const stageProcess = fork(__filename, ['--stage', stage, String(spans), url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      cost[stage] = await new Promise((resolve, reject) => {
        stageProcess.once('message', resolve);
        stageProcess.once('exit', (code) => reject(new Error(`stage ${stage} exited with code ${code}`)));
      });
      // Each stage against the one it adds to: the exporting stages all add to the batched one.
      const base = STAGES.indexOf(stage) <= 2 ? STAGES[STAGES.indexOf(stage) - 1] : 'batched';
      const added = base ? ` (${cost[stage] - cost[base] >= 0 ? '+' : ''}${(cost[stage] - cost[base]).toFixed(1)} over ${base})` : '';
      process.stdout.write(`${stage.padEnd(20)} ${cost[stage].toFixed(1).padStart(6)} µs CPU per span${added}\n`);
    }
  } finally {
    receiver.disconnect();
  }
}

if (process.argv[2] === '--receive') receive();
else if (process.argv[2] === '--stage') {
  const [, , , stage, spans, url] = process.argv;
  measure(stage, Number(spans), url).then((microseconds) => process.send(microseconds, () => process.exit(0)));
} else main();
