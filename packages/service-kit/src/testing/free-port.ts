import { createServer, type AddressInfo } from 'node:net';

/**
 * A port nobody listens on at the moment: for a server a test starts later (a mail server that is down at
 * first) or for a child process that must be told its port before it starts.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
