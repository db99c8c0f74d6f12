import type { testing } from '@course-platform/service-kit';
import { withFreshInfra } from '../fresh-infra';
import type { BenchSettings } from '../settings';
import { consumerDrain, type ConsumerDrainResult } from './consumer-drain';
import { relayDrain, type RelayDrainResult } from './relay-drain';

export interface ClusterQuorumResult {
  /** The cluster's nodes, host:port. */
  nodes: string[];
  relay: { classic: RelayDrainResult; quorum: RelayDrainResult };
  consumer: { classic: ConsumerDrainResult; quorum: ConsumerDrainResult };
}

/** The cluster of `make cluster`, unless BENCH_CLUSTER_RABBITMQ_URL and BENCH_CLUSTER_MANAGEMENT_URL name another. */
export const clusterBroker: testing.TestBroker = {
  amqpUrl:
    process.env.BENCH_CLUSTER_RABBITMQ_URL ?? ['5681', '5682', '5683'].map((port) => `amqp://guest:guest@127.0.0.1:${port}`).join(','),
  managementUrl: process.env.BENCH_CLUSTER_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15681',
};

/** Whether the cluster's management API answers: without a cluster, B8 is reported as not measured. */
export async function clusterAnswers(): Promise<boolean> {
  const url = new URL(clusterBroker.managementUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  return fetch(new URL('/api/overview', url.origin), { headers: { authorization }, signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.ok,
    () => false,
  );
}

/**
 * B8: B3 (relay drain) and B4 (consumer drain) with classic queues on the machine's single node and with quorum
 * queues on the 3-node cluster, alternating, in fresh databases and vhosts, so that both sides see the same
 * machine load. The cluster's three nodes share the machine's cores with Postgres and the bench.
 */
export async function clusterQuorum(settings: BenchSettings): Promise<ClusterQuorumResult> {
  const relayClassic = await withFreshInfra((infra) => relayDrain(infra, settings, 'classic'));
  const relayQuorum = await withFreshInfra((infra) => relayDrain(infra, settings, 'quorum'), clusterBroker);
  const consumerClassic = await withFreshInfra((infra) => consumerDrain(infra, settings, 'classic'));
  const consumerQuorum = await withFreshInfra((infra) => consumerDrain(infra, settings, 'quorum'), clusterBroker);
  return {
    nodes: clusterBroker.amqpUrl.split(',').map((url) => new URL(url.trim()).host),
    relay: { classic: relayClassic, quorum: relayQuorum },
    consumer: { classic: consumerClassic, quorum: consumerQuorum },
  };
}
