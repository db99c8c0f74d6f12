import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as an OTLP/HTTP JSON export carries it, flattened with the name of the service that made it. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: string;
  attributes: Record<string, string | number | boolean>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpTraces {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{ spans?: Array<Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes?: OtlpAttribute[] }> }>;
  }>;
}

const valueOf = (value: OtlpValue) => value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue);
const attributesOf = (attributes: OtlpAttribute[] = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, valueOf(value)]));

/**
 * An OpenTelemetry collector's front door, as small as a test needs: POST /v1/traces over OTLP/HTTP. JSON
 * exports are decoded into spans; protobuf ones are kept as bytes, enough to see that they arrived and what
 * they name. Like the SMTP sink, it stands where the platform talks to the outside.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly protobufBodies: Buffer[] = [];
  private readonly server: Server;

  private constructor(readonly port: number, server: Server) {
    this.server = server;
  }

  static async start(): Promise<OtlpReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new OtlpReceiver((server.address() as AddressInfo).port, server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver.take(request.url ?? '', String(request.headers['content-type']), Buffer.concat(chunks));
        response.writeHead(200, { 'content-type': String(request.headers['content-type']) }).end(request.headers['content-type'] === 'application/json' ? '{}' : '');
      });
    });
    return receiver;
  }

  /** What OTEL_EXPORTER_OTLP_ENDPOINT should say. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The spans of one trace, in the order they started. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId).sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private take(url: string, contentType: string, body: Buffer): void {
    if (!url.startsWith('/v1/traces')) return;
    if (contentType !== 'application/json') {
      this.protobufBodies.push(body);
      return;
    }
    const traces = JSON.parse(body.toString()) as OtlpTraces;
    for (const resourceSpans of traces.resourceSpans ?? []) {
      const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '');
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const { attributes, ...span } of scope.spans ?? []) {
          this.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            name: span.name,
            kind: span.kind,
            startTimeUnixNano: String(span.startTimeUnixNano),
            attributes: attributesOf(attributes),
          });
        }
      }
    }
  }
}
