/**
 * The URL with our heartbeat, unless it names its own. amqplib reads the heartbeat from the URL, never from
 * the socket options: before amqplib's bundled types showed it, `heartbeat: 10` passed there was ignored and
 * every connection ran on the broker's suggestion (60 s), so a dead peer took a minute to notice.
 */
export function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (parsed.searchParams.has('heartbeat')) return url;
  parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}
