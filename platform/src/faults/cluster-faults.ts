import { Client } from 'pg';
import { platformExchange } from '../platform-subscriptions';
import { busiestNode, clusterNodes, killNode, nodeRunning, startNodes, stopNode } from './cluster-nodes';
import { answersWithin, brokerAnswers } from './dependencies';
import type { FaultPlatform } from './fault-platform';
import type { Fault } from './fault-schedule';
import { publishPoison, type PoisonMessage } from './poison-messages';

const BROKER_BACK_WITHIN_MS = 120_000;

/**
 * Resolves as soon as the videos outbox holds a row not yet marked published: the relay marks a row only after
 * its confirm, so a kill right then most likely falls between a publish and its confirm (or just before the
 * publish). Polled on one connection, as fast as the database answers.
 */
async function whileVideosAreInFlight(superuserUrl: string, timeoutMs = 30_000): Promise<void> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      const { rows } = await client.query<{ found: boolean }>('select exists (select 1 from videos.outbox where published_at is null) as found');
      if (rows[0]?.found) return;
    }
    throw new Error(`no outbox row in flight within ${timeoutMs / 1_000} s: is the load running?`);
  } finally {
    await client.end();
  }
}

/** The faults of the cluster suite (make faults-cluster), in their order: the (a) to (d). */
export function clusterFaults(platform: FaultPlatform, poison: readonly PoisonMessage[], say: (line: string) => void): Fault[] {
  const { vhost, db } = platform;
  const backUp = async () => {
    await startNodes();
    await answersWithin(() => brokerAnswers(vhost.url, vhost.admin), BROKER_BACK_WITHIN_MS);
  };
  const killAndRestart = async (node: (typeof clusterNodes)[number]) => {
    say(`  SIGKILL ${node}`);
    await killNode(node);
    await backUp();
  };
  // (c) before (b): the rolling restart takes minutes, and (c) needs the load running to catch a publish.
  return [
    {
      name: '(a) busiest node SIGKILL + start',
      inject: async () => killAndRestart(await busiestNode(vhost, () => true)),
    },
    {
      // Killing the node under the videos relays' connections while an outbox row is in flight cuts a publish
      // that was sent and not yet confirmed: its row stays unpublished and goes out again through another node.
      name: '(c) node under the videos relays SIGKILL mid-publish',
      inject: async () => {
        const node = await busiestNode(vhost, (name) => name.startsWith('videos-') && name.endsWith('-publisher'));
        await whileVideosAreInFlight(db.superuserUrl);
        await killAndRestart(node);
      },
    },
    {
      name: '(b) rolling restart of 3 nodes',
      inject: async () => {
        for (const node of clusterNodes) {
          say(`  restarting ${node}`);
          await stopNode(node);
          await backUp();
        }
      },
    },
    {
      name: `(d) ${poison.length} poison messages (quorum)`,
      inject: () => publishPoison(vhost.url, platformExchange, poison),
    },
  ];
}

/** Starts any node a failed fault left down, so that the cleanup (and the next run) finds the cluster whole. */
export async function restoreCluster(say: (line: string) => void): Promise<void> {
  const running = await Promise.all(clusterNodes.map(nodeRunning));
  if (running.every(Boolean)) return;
  say('a cluster node is down: cluster.sh start');
  await startNodes();
}
