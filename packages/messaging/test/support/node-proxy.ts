import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A stand-in for one node of a cluster: a TCP proxy to the test broker that can die at once, as a node killed
 * with SIGKILL does (every connection through it cut, nothing listening any more).
 */
export class NodeProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((client) => {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });

  private constructor(private readonly target: { host: string; port: number }) {}

  static async start(brokerUrl: string): Promise<NodeProxy> {
    const url = new URL(brokerUrl);
    const proxy = new NodeProxy({ host: url.hostname, port: Number(url.port || 5672) });
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The broker URL with this proxy as its host: same user, same vhost. */
  urlFor(brokerUrl: string): string {
    const url = new URL(brokerUrl);
    url.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return url.toString();
  }

  get connections(): number {
    return this.sockets.size / 2;
  }

  kill(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
