/** One HTTP attempt as the load generator saw it: `status` 0 is a connection error or a timeout. */
export interface HttpAttempt {
  service: string;
  method: string;
  route: string;
  status: number;
  at: number;
  endedAt: number;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

const ATTEMPT_TIMEOUT_MS = 10_000;

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return text;
  }
}

/**
 * The load generator's HTTP client. It records every attempt, and retries what a real client retries — a 503
 * and a request that never got an answer — with backoff until a deadline; PUTs are idempotent, so a retry
 * of a request that did commit answers 200. Any other answer is returned as it is.
 */
export class RecordingClient {
  readonly attempts: HttpAttempt[] = [];

  constructor(private readonly requestDeadlineMs = 90_000) {}

  async send(service: string, baseUrl: string, method: string, path: string, route: string, body?: unknown): Promise<HttpAnswer> {
    const deadline = Date.now() + this.requestDeadlineMs;
    for (let attempt = 0; ; attempt += 1) {
      const answer = await this.once(service, baseUrl, method, path, route, body);
      if (answer.status !== 503 && answer.status !== 0) return answer;
      if (Date.now() > deadline) return answer;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
    }
  }

  /** One attempt, recorded, without retry: for the readers that only watch what the services answer. */
  async once(service: string, baseUrl: string, method: string, path: string, route: string, body?: unknown): Promise<HttpAnswer> {
    const at = Date.now();
    let answer: HttpAnswer;
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      answer = { status: response.status, body: parseJson(await response.text()) };
    } catch {
      answer = { status: 0, body: null };
    }
    this.attempts.push({ service, method, route, status: answer.status, at, endedAt: Date.now() });
    return answer;
  }
}
