import { platformExchange } from '../platform-subscriptions';
import { answersWithin, brokerAnswers, databaseAnswers, restartPostgres, restartRabbitmq } from './dependencies';
import type { FaultPlatform } from './fault-platform';
import type { Fault } from './fault-schedule';
import { publishPoison, type PoisonMessage } from './poison-messages';

const DEPENDENCY_BACK_WITHIN_MS = 60_000;

/** The four faults of the suite, in their order. */
export function platformFaults(platform: FaultPlatform, poison: readonly PoisonMessage[]): Fault[] {
  const { vhost, db, services } = platform;
  return [
    {
      name: 'RabbitMQ restart',
      inject: async () => {
        await restartRabbitmq();
        await answersWithin(() => brokerAnswers(vhost.url, vhost.admin), DEPENDENCY_BACK_WITHIN_MS);
      },
    },
    {
      name: 'users SIGKILL + start',
      inject: async () => {
        const [users] = services.users;
        if (!users) throw new Error('no users service');
        await users.stop('SIGKILL');
        users.start();
      },
    },
    {
      name: 'Postgres restart',
      inject: async () => {
        await restartPostgres();
        await answersWithin(() => databaseAnswers(db.superuserUrl), DEPENDENCY_BACK_WITHIN_MS);
      },
    },
    {
      name: `${poison.length} poison messages`,
      inject: () => publishPoison(vhost.url, platformExchange, poison),
    },
  ];
}
