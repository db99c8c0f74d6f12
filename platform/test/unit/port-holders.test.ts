import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { assertPortsFree } from '../../src/prod-check/ports';
import { portHolders } from '../../src/prod-check/port-holders';

// Reads Linux's /proc, as the platform's CI and images run; elsewhere portHolders finds nothing.
async function listening(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer().listen(0);
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('names the process listening on a port, and no one once it stopped', async () => {
  const server = await listening();
  try {
    expect(portHolders(server.port)).toEqual([expect.stringMatching(new RegExp(`^pid ${process.pid}: .*node`))]);
  } finally {
    await server.close();
  }
  expect(portHolders(server.port)).toEqual([]);
});

test('a port in use fails prod-check with the port, its purpose and its holder', async () => {
  const server = await listening();
  try {
    await expect(assertPortsFree([{ port: server.port, what: 'maildev SMTP' }])).rejects.toThrow(
      `ports in use: ${server.port} (maildev SMTP; held by pid ${process.pid}: `,
    );
  } finally {
    await server.close();
  }
});
