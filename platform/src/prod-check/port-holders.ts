import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** TCP state LISTEN in /proc/net/tcp. */
const LISTEN = '0A';

/** The inodes of the sockets listening on `port`, IPv4 and IPv6, from Linux's /proc; none elsewhere. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
      if (state === LISTEN && inode && parseInt(local?.split(':')[1] ?? '', 16) === port) inodes.add(inode);
    }
  }
  return inodes;
}

function holdsOneOf(pid: string, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // gone, or not ours to read
  }
  return fds.some((fd) => {
    try {
      const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return socket !== null && inodes.has(socket[1] as string);
    } catch {
      return false;
    }
  });
}

function commandOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 120);
  } catch {
    return '?';
  }
}

/**
 * The processes listening on `port`, as "pid 1234: node …", so that a port in use names what to stop. Linux
 * only, and only the processes this user may look into: empty when nothing is found.
 */
export function portHolders(port: number): string[] {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && holdsOneOf(name, inodes))
    .map((pid) => `pid ${pid}: ${commandOf(pid)}`);
}
