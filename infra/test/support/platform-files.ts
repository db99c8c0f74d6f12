// Reads the deployment files the infra tests check: docker-compose.yml and the RabbitMQ definitions.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const services = ['videos', 'courses', 'users'] as const;
export type ServiceName = (typeof services)[number];

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }> | string[];
  profiles?: string[];
  hostname?: string;
}

export function readCompose(): { services: Record<string, ComposeService> } {
  return parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'));
}

export interface Permission {
  user: string;
  vhost: string;
  configure: string;
  write: string;
  read: string;
}

export interface TopicPermission {
  user: string;
  vhost: string;
  exchange: string;
  write: string;
  read: string;
}

export interface Definitions {
  users: Array<{ name: string; password_hash: string; hashing_algorithm: string; tags: string[] }>;
  vhosts: Array<{ name: string }>;
  permissions: Permission[];
  topic_permissions: TopicPermission[];
  exchanges: Array<{ name: string; vhost: string; type: string; durable: boolean; auto_delete: boolean }>;
}

export function readDefinitions(): Definitions {
  return JSON.parse(readFileSync(join(repoRoot, 'infra', 'rabbitmq', 'definitions.json'), 'utf8'));
}

export function environmentOf(service: string): Record<string, string> {
  const environment = readCompose().services[service]?.environment;
  if (!environment || Array.isArray(environment)) throw new Error(`${service} has no environment map in docker-compose.yml`);
  return environment;
}

/** The password the compose file gives a service's RabbitMQ user. */
export function brokerPasswordOf(service: ServiceName): string {
  return decodeURIComponent(new URL(environmentOf(service).RABBITMQ_URL ?? '').password);
}

export interface ConfigSchema {
  shape: Record<string, unknown>;
  safeParse(env: unknown): { error?: { issues: unknown[] } };
}

/** A service's own config schema, `<service>ConfigSchema` in services/<service>/src/config.ts. */
export function configSchemaOf(service: ServiceName): ConfigSchema {
  // A computed path: the same check for every service, reading the schema its main.ts validates with.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(repoRoot, 'services', service, 'src', 'config.ts')) as Record<string, ConfigSchema | undefined>;
  const schema = module[`${service}ConfigSchema`];
  if (!schema) throw new Error(`services/${service}/src/config.ts exports no ${service}ConfigSchema`);
  return schema;
}
