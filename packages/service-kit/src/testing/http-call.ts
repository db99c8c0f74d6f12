export interface HttpAnswer {
  status: number;
  contentType: string | null;
  correlationId: string | null;
  headers: Headers;
  /** The parsed JSON body; {} when there is none. */
  body: Record<string, unknown> & { code?: string };
}

/** One JSON request to a service under test, answered with what its assertions look at. */
export async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    correlationId: response.headers.get('x-correlation-id'),
    headers: response.headers,
    body: text ? (JSON.parse(text) as HttpAnswer['body']) : {},
  };
}
