import { createServer } from 'node:net';
import { portHolders } from './port-holders';

function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    // On every interface, as the services and maildev will listen.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** Fails, naming each and, where it can tell, the process holding it, when something already listens on ports the run must use. */
export async function assertPortsFree(wanted: Array<{ port: number; what: string }>): Promise<void> {
  const busy: string[] = [];
  for (const { port, what } of wanted) {
    if (await isFree(port)) continue;
    const holders = portHolders(port);
    busy.push(`${port} (${what}${holders.length > 0 ? `; held by ${holders.join(', ')}` : ''})`);
  }
  if (busy.length > 0) {
    throw new Error(
      `ports in use: ${busy.join(', ')}. prod-check runs the services and maildev on the ports docker-compose.yml publishes; stop what listens there (a \`make start\`?) and run it again`,
    );
  }
}
