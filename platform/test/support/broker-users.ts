// Each service's RabbitMQ user with exactly the permissions infra/rabbitmq/definitions.json gives it, created
// under a unique name in a test vhost (the definitions are written for vhost "/").
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { testing } from '@course-platform/service-kit';
import { repoRoot } from '../../src/generated-docs';
import type { ServiceName } from './in-process-services';

interface Permission {
  user: string;
  vhost: string;
  configure: string;
  write: string;
  read: string;
}

interface Definitions {
  users: Array<{ name: string; tags: string[] }>;
  permissions: Permission[];
  topic_permissions: Array<{ user: string; vhost: string; exchange: string; write: string; read: string }>;
}

export const definitions = JSON.parse(readFileSync(join(repoRoot, 'infra', 'rabbitmq', 'definitions.json'), 'utf8')) as Definitions;

export interface BrokerUser {
  service: ServiceName;
  name: string;
  /** amqp URL of the test vhost as this user. */
  url: string;
}

export async function createBrokerUser(vhost: testing.TestVhost, service: ServiceName): Promise<BrokerUser> {
  const role = `${service}_service`;
  const permission = definitions.permissions.find((entry) => entry.user === role && entry.vhost === '/');
  if (!permission) throw new Error(`definitions.json gives ${role} no permission on "/"`);
  const name = `cpt_${randomBytes(4).toString('hex')}_${role}`;
  const password = randomBytes(12).toString('hex');
  const tags = definitions.users.find((user) => user.name === role)?.tags ?? [];
  await vhost.admin.request('PUT', `/users/${name}`, { password, tags: tags.join(',') });
  const { configure, write, read } = permission;
  await vhost.admin.request('PUT', `/permissions/${vhost.name}/${name}`, { configure, write, read });
  for (const topic of definitions.topic_permissions.filter((entry) => entry.user === role && entry.vhost === '/')) {
    await vhost.admin.request('PUT', `/topic-permissions/${vhost.name}/${name}`, { exchange: topic.exchange, write: topic.write, read: topic.read });
  }
  const url = new URL(vhost.url);
  url.username = name;
  url.password = password;
  return { service, name, url: url.toString() };
}

export const deleteBrokerUser = (vhost: testing.TestVhost, user: BrokerUser) => vhost.admin.request('DELETE', `/users/${user.name}`);
