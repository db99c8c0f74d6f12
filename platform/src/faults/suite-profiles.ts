import { clusterFaults, restoreCluster } from './cluster-faults';
import { answersWithin, brokerAnswers, databaseAnswers, startPostgres, startRabbitmq } from './dependencies';
import type { FaultPlatform, FaultPlatformOptions } from './fault-platform';
import type { Fault } from './fault-schedule';
import { platformFaults } from './platform-faults';
import type { PoisonMessage } from './poison-messages';

type Say = (line: string) => void;

/** What differs between the suite on the machine's broker (make faults) and on the 3-node cluster (make faults-cluster). */
export interface SuiteProfile {
  title: string;
  platform: FaultPlatformOptions;
  /** The load's pace unless FAULTS_VIDEO_RATE says otherwise: slow enough that every fault happens while videos are PUT. */
  videosPerSecond: number;
  /** It restarts the shared broker and database server: it must wait until no other test run uses them. */
  disturbsSharedServers: boolean;
  faults(platform: FaultPlatform, poison: readonly PoisonMessage[], say: Say): Fault[];
  /** Puts back what a fault left down, so that the cleanup (and everyone else) can go on. */
  restore(platform: FaultPlatform, say: Say): Promise<void>;
}

/** The machine's broker and database server, restarted in place. */
export const singleNodeProfile: SuiteProfile = {
  title: 'Fault suite',
  platform: { replicas: 1, env: {}, tapQueueType: 'classic' },
  videosPerSecond: 40,
  disturbsSharedServers: true,
  faults: (platform, poison) => platformFaults(platform, poison),
  async restore(platform, say) {
    if (!(await brokerAnswers(platform.vhost.url, platform.vhost.admin).catch(() => false))) {
      say('RabbitMQ does not answer: start_app');
      await startRabbitmq();
      await answersWithin(() => brokerAnswers(platform.vhost.url, platform.vhost.admin), 60_000);
    }
    if (!(await databaseAnswers(platform.db.superuserUrl).catch(() => false))) {
      say('Postgres does not answer: starting the cluster');
      await startPostgres();
      await answersWithin(() => databaseAnswers(platform.db.superuserUrl), 60_000);
    }
  },
};

/**
 * The nodes of `make cluster`, with quorum queues and two replicas of every service. TEST_RABBITMQ_URL and
 * TEST_RABBITMQ_MANAGEMENT_URL must name the cluster (make faults-cluster sets them). The shared broker and
 * Postgres are never restarted, so other test runs may go on beside it.
 */
export const clusterProfile: SuiteProfile = {
  title: 'Cluster fault suite (3 RabbitMQ nodes, quorum queues, 2 replicas of each service)',
  platform: { replicas: 2, env: { QUEUE_TYPE: 'quorum' }, tapQueueType: 'quorum' },
  // A node takes about 25 s to boot here, so the faults last about four minutes: the load must outlast them.
  videosPerSecond: 6,
  disturbsSharedServers: false,
  faults: clusterFaults,
  restore: (_platform, say) => restoreCluster(say),
};
