import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { testing } from '@course-platform/service-kit';
import { repoRoot } from '../generated-docs';
import { command } from './dependencies';

// The nodes of `make cluster` (infra/rabbitmq/cluster.sh), driven as an operator would: by name, by pid.

export const clusterNodes = ['cpa1', 'cpa2', 'cpa3'] as const;
export type ClusterNode = (typeof clusterNodes)[number];

const clusterScript = join(repoRoot, 'infra', 'rabbitmq', 'cluster.sh');
const run = promisify(execFile);
const erlangName = (node: ClusterNode) => `${node}@localhost`;

/** SIGKILL to the node's Erlang VM (its pid asked from the node itself): no goodbye to its clients or its peers. */
export async function killNode(node: ClusterNode): Promise<void> {
  const { stdout } = await run('rabbitmqctl', ['-n', erlangName(node), '-q', 'eval', 'os:getpid().'], { timeout: 30_000 });
  const pid = Number(/\d+/.exec(stdout)?.[0]);
  if (!pid) throw new Error(`no pid from ${erlangName(node)}: ${stdout}`);
  process.kill(pid, 'SIGKILL');
}

/** A clean stop of one node, once every quorum queue can lose it without losing its majority. */
export async function stopNode(node: ClusterNode): Promise<void> {
  await command('rabbitmq-upgrade', ['-n', erlangName(node), 'await_online_quorum_plus_one', '-t', '120'], 130_000);
  await command('rabbitmqctl', ['-n', erlangName(node), 'stop'], 60_000);
}

/** Starts whichever nodes are down (cluster.sh start is idempotent) and returns once the cluster is healthy. */
export const startNodes = () => command(clusterScript, ['start'], 240_000);

export const nodeRunning = (node: ClusterNode) =>
  command('rabbitmqctl', ['-n', erlangName(node), '-q', 'ping'], 10_000).then(
    () => true,
    () => false,
  );

/** The node that holds most of the vhost's client connections whose name matches, as the management API lists them. */
export async function busiestNode(vhost: testing.TestVhost, named: (connectionName: string) => boolean): Promise<ClusterNode> {
  const connections = await vhost.admin.request<Array<{ node: string; client_properties?: { connection_name?: string } }>>(
    'GET',
    `/vhosts/${encodeURIComponent(vhost.name)}/connections`,
  );
  const perNode = new Map<ClusterNode, number>();
  for (const { node, client_properties } of connections) {
    const name = clusterNodes.find((candidate) => node === erlangName(candidate));
    if (name && named(client_properties?.connection_name ?? '')) perNode.set(name, (perNode.get(name) ?? 0) + 1);
  }
  const [busiest] = [...perNode.entries()].sort((a, b) => b[1] - a[1]);
  if (!busiest) throw new Error(`no matching connection of vhost ${vhost.name} on the cluster`);
  return busiest[0];
}
