/** One JSON request to a service; throws unless the answer is one of `expected`. */
export async function putJson(url: string, body: unknown = undefined, expected: readonly number[] = [200, 201]): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`PUT ${url}: ${response.status} ${text}`);
}
