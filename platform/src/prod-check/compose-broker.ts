// The run's vhost, loaded as compose's RabbitMQ loads infra/rabbitmq/definitions.json at boot: its users,
// their permissions, and the exchanges, queues and bindings. Users are cluster-wide on this shared broker, so
// a missing one is added and an existing one is never changed; they stay for the next run. Everything else
// lives in the run's own vhost, which the run deletes.
import { readFileSync } from 'node:fs';
import type { testing } from '@course-platform/service-kit';
import { definitionsPath } from '../generated-docs';

interface Definitions {
  users: Array<{ name: string; password_hash: string; hashing_algorithm: string; tags: string[] | string }>;
  permissions: Array<{ user: string; configure: string; write: string; read: string }>;
  topic_permissions: Array<{ user: string; exchange: string; write: string; read: string }>;
  exchanges: Array<Record<string, unknown>>;
  queues: Array<Record<string, unknown>>;
  bindings: Array<Record<string, unknown>>;
}

/** Loads the definitions into the vhost; returns the names of the users it had to add to the broker. */
export async function loadDefinitions(vhost: testing.TestVhost): Promise<string[]> {
  const definitions = JSON.parse(readFileSync(definitionsPath, 'utf8')) as Definitions;
  const { admin, name } = vhost;
  const existing = new Set((await admin.request<Array<{ name: string }>>('GET', '/users')).map((user) => user.name));
  const added: string[] = [];
  for (const user of definitions.users.filter((entry) => !existing.has(entry.name))) {
    const tags = Array.isArray(user.tags) ? user.tags.join(',') : user.tags;
    await admin.request('PUT', `/users/${encodeURIComponent(user.name)}`, {
      password_hash: user.password_hash,
      hashing_algorithm: user.hashing_algorithm,
      tags,
    });
    added.push(user.name);
  }
  const path = (kind: string, user: string) => `/${kind}/${encodeURIComponent(name)}/${encodeURIComponent(user)}`;
  for (const { user, configure, write, read } of definitions.permissions)
    await admin.request('PUT', path('permissions', user), { configure, write, read });
  for (const { user, exchange, write, read } of definitions.topic_permissions) {
    await admin.request('PUT', path('topic-permissions', user), { exchange, write, read });
  }
  const inThisVhost = (entries: Array<Record<string, unknown>>) => entries.map((entry) => ({ ...entry, vhost: name }));
  await admin.request('POST', `/definitions/${encodeURIComponent(name)}`, {
    exchanges: inThisVhost(definitions.exchanges),
    queues: inThisVhost(definitions.queues),
    bindings: inThisVhost(definitions.bindings),
  });
  return added;
}
