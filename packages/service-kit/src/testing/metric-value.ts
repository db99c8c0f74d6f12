/** One sample of a service's /metrics, e.g. a counter with the given labels; 0 while it has none. */
export async function metricValue(target: { baseUrl: string }, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${target.baseUrl}/metrics`)).text();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
