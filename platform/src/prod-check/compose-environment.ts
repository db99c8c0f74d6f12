// docker-compose.yml as prod-check reads it: each container's environment, with every URL that names a
// compose service turned into the address this machine publishes that service on, in this run's own
// database and vhost. Nothing else is changed, so a wrong name or credential in the file fails the run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../generated-docs';

interface ComposeService {
  environment?: Record<string, string | number | boolean | null>;
  ports?: Array<string | number>;
}

export interface Compose {
  services: Record<string, ComposeService>;
}

/** Where this run keeps its data on the shared Postgres and RabbitMQ. */
export interface Isolation {
  database: string;
  vhost: string;
}

const defaultPorts: Record<string, number> = { 'postgres:': 5432, 'amqp:': 5672, 'smtp:': 25, 'http:': 80 };

export function readCompose(path = resolve(repoRoot, 'docker-compose.yml')): Compose {
  return parse(readFileSync(path, 'utf8')) as Compose;
}

function serviceOf(compose: Compose, name: string): ComposeService {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service ${name}`);
  return service;
}

/** The host port that compose publishes for a container port of a service ("3001:3001" publishes 3001 on 3001). */
export function publishedPort(compose: Compose, name: string, containerPort: number): number {
  for (const entry of serviceOf(compose, name).ports ?? []) {
    const parts = String(entry).split(':');
    if (parts.length >= 2 && Number(parts.at(-1)) === containerPort) return Number(parts.at(-2));
  }
  throw new Error(`docker-compose.yml: ${name} publishes no port ${containerPort}, so nothing on this machine stands for it`);
}

/** A value as it reaches its container, turned into one that reaches the same thing from this machine. */
export function onThisMachine(compose: Compose, value: string, isolation: Isolation): string {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  if (!(url.hostname in compose.services)) return value;
  const containerPort = Number(url.port || defaultPorts[url.protocol]);
  url.port = String(publishedPort(compose, url.hostname, containerPort));
  url.hostname = '127.0.0.1';
  if (url.protocol === 'postgres:') url.pathname = `/${isolation.database}`;
  if (url.protocol === 'amqp:') url.pathname = `/${encodeURIComponent(isolation.vhost)}`;
  return url.toString();
}

/** A service's `environment` map, as compose hands it to the container (values are strings there). */
export function environmentOf(compose: Compose, name: string): Record<string, string> {
  const environment = serviceOf(compose, name).environment;
  if (!environment || Array.isArray(environment)) throw new Error(`docker-compose.yml: ${name} has no environment map`);
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

export function environmentOnThisMachine(compose: Compose, name: string, isolation: Isolation): Record<string, string> {
  const environment = environmentOf(compose, name);
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, onThisMachine(compose, value, isolation)]));
}
