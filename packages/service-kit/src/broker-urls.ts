/**
 * The nodes named by RABBITMQ_URL: one amqp URL, or a comma-separated list of the nodes of one cluster, in the
 * order a connection tries them. Spaces around the commas are allowed; an empty entry is not.
 */
export function brokerUrls(list: string): string[] {
  return list.split(',').map((url) => url.trim());
}

/** Host and port of a node, for logs and errors: never its user or password. */
export function brokerNode(url: string): string {
  return new URL(url).host;
}
