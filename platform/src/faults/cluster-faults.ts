import { platformExchange } from '../platform-subscriptions';
import { busiestNode, clusterNodes, killNode, nodeRunning, startNodes, stopNode } from './cluster-nodes';
import { answersWithin, brokerAnswers } from './dependencies';
import type { FaultPlatform } from './fault-platform';
import type { Fault } from './fault-schedule';
import { publishPoison, type PoisonMessage } from './poison-messages';

const BROKER_BACK_WITHIN_MS = 120_000;

/** The faults of the cluster suite (make faults-cluster), in their order: the (a) to (d). */
export function clusterFaults(platform: FaultPlatform, poison: readonly PoisonMessage[], say: (line: string) => void): Fault[] {
  const { vhost } = platform;
  const backUp = async () => {
    await startNodes();
    await answersWithin(() => brokerAnswers(vhost.url, vhost.admin), BROKER_BACK_WITHIN_MS);
  };
  const killAndRestart = async (node: (typeof clusterNodes)[number]) => {
    say(`  SIGKILL ${node}`);
    killNode(node);
    await backUp();
  };
  return [
    {
      name: 'busiest node SIGKILL + start',
      inject: async () => killAndRestart(await busiestNode(vhost, () => true)),
    },
    {
      name: 'rolling restart of 3 nodes',
      inject: async () => {
        for (const node of clusterNodes) {
          say(`  restarting ${node}`);
          await stopNode(node);
          await backUp();
        }
      },
    },
    {
      // The relays publish all through the load: killing the node under the videos relays' connections cuts
      // publishes that were sent and not yet confirmed. Their rows stay unpublished and go out again elsewhere.
      name: 'node under the videos relays SIGKILL mid-publish',
      inject: async () => killAndRestart(await busiestNode(vhost, (name) => name.startsWith('videos-') && name.endsWith('-publisher'))),
    },
    {
      name: `${poison.length} poison messages (quorum)`,
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
