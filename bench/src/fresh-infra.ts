import { testing } from '@course-platform/service-kit';
import { progress } from './progress';

export interface FreshInfra {
  db: testing.TestDatabase;
  vhost: testing.TestVhost;
}

const live = new Set<FreshInfra>();

async function dropInfra(infra: FreshInfra): Promise<void> {
  live.delete(infra);
  await infra.vhost.drop().catch((error: unknown) => progress(`could not drop vhost ${infra.vhost.name}: ${String(error)}`));
  await infra.db.drop().catch((error: unknown) => progress(`could not drop database ${infra.db.name}: ${String(error)}`));
}

/**
 * Runs one scenario in its own database and vhost, so no figure sees another's rows or messages, and drops
 * both afterwards whether the scenario succeeded or not.
 */
export async function withFreshInfra<T>(scenario: (infra: FreshInfra) => Promise<T>, broker?: testing.TestBroker): Promise<T> {
  const db = await testing.createTestDatabase();
  const vhost = await testing.createTestVhost(broker).catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  const infra = { db, vhost };
  live.add(infra);
  try {
    return await scenario(infra);
  } finally {
    await dropInfra(infra);
  }
}

/**
 * On Ctrl-C, or an error that escapes every scenario, their `finally` never runs: drop what is still there,
 * then exit. Whatever fails while dropping (a scenario's connection to the vhost just dropped, say) changes
 * nothing: the first reason to exit wins and the drops are waited for.
 */
export function dropInfraOnExit(): void {
  let exiting = false;
  const exit = (reason: string, code: number) => {
    if (exiting) return;
    exiting = true;
    progress(`${reason}: dropping ${live.size} scenario database(s) and vhost(s)`);
    void Promise.all([...live].map(dropInfra)).finally(() => process.exit(code));
  };
  process.on('SIGINT', () => exit('SIGINT', 130));
  process.on('SIGTERM', () => exit('SIGTERM', 143));
  process.on('uncaughtException', (error) => exit(`uncaught ${error.stack ?? error.message}`, 1));
  process.on('unhandledRejection', (error) => exit(`unhandled rejection ${error instanceof Error ? error.stack : String(error)}`, 1));
}
