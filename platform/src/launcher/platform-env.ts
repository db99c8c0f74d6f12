import { config as loadDotenv } from 'dotenv';
import { resolve } from 'node:path';
import { repoRoot } from '../generated-docs';

/**
 * Run it as its image does: this command in this (deployed) folder, with `env` alone, nothing inherited.
 * Without it, a process runs from its sources with ts-node, in this process's environment plus `env`.
 */
export interface ImageRun {
  folder: string;
  command: string[];
}

export interface ServiceLaunch {
  name: 'videos' | 'courses' | 'users';
  port: number;
  env: NodeJS.ProcessEnv;
  image?: ImageRun;
}

/** The operations console, run from its own folder beside the services; it needs no database. */
export interface ConsoleLaunch {
  name: 'console';
  folder: 'console';
  port: number;
  env: NodeJS.ProcessEnv;
  image?: ImageRun;
}

export interface PlatformEnv {
  adminDatabaseUrl: string;
  database: string;
  rabbitmqUrl: string;
  /** RabbitMQ's management API, when configured: where the stale bindings are looked for. */
  rabbitmqManagementUrl: string | undefined;
  smtpPort: number;
  mailWebPort: number;
  services: ServiceLaunch[];
  console: ConsoleLaunch;
}

/**
 * The local platform's settings: `.env` if present, else `.env.example`'s defaults. Each service gets its
 * own DATABASE_URL (its own role) and, when configured, its own RabbitMQ user.
 */
export function platformEnv(env: NodeJS.ProcessEnv = process.env): PlatformEnv {
  loadDotenv({ path: [resolve(repoRoot, '.env'), resolve(repoRoot, '.env.example')], quiet: true });
  const get = (name: string, fallback: string) => env[name] ?? fallback;
  const database = get('PLATFORM_DATABASE', 'course_platform');
  const rabbitmqUrl = get('RABBITMQ_URL', 'amqp://guest:guest@127.0.0.1:5672');
  const smtpPort = Number(get('MAILDEV_SMTP_PORT', '1025'));
  const common = {
    EVENTS_EXCHANGE: get('EVENTS_EXCHANGE', 'videos'),
    LOG_LEVEL: get('LOG_LEVEL', 'info'),
    ...(env.ADMIN_TOKEN ? { ADMIN_TOKEN: env.ADMIN_TOKEN } : {}),
  };
  const service = (name: ServiceLaunch['name'], port: number, extra: NodeJS.ProcessEnv = {}): ServiceLaunch => {
    const upper = name.toUpperCase();
    return {
      name,
      port,
      env: {
        ...common,
        PORT: String(port),
        DATABASE_URL: get(`${upper}_DATABASE_URL`, `postgres://${name}_service@127.0.0.1:5432/${database}`),
        RABBITMQ_URL: get(`${upper}_RABBITMQ_URL`, rabbitmqUrl),
        ...extra,
      },
    };
  };
  const services = [
    service('videos', Number(get('VIDEOS_PORT', '3001'))),
    service('courses', Number(get('COURSES_PORT', '3002'))),
    service('users', Number(get('USERS_PORT', '3003')), {
      SMTP_URL: get('SMTP_URL', `smtp://127.0.0.1:${smtpPort}`),
      MAIL_FROM: get('MAIL_FROM', 'courses@course-platform.local'),
    }),
  ];
  const consolePort = Number(get('CONSOLE_PORT', '3000'));
  return {
    adminDatabaseUrl: get('ADMIN_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
    database,
    rabbitmqUrl,
    rabbitmqManagementUrl: env.RABBITMQ_MANAGEMENT_URL,
    smtpPort,
    mailWebPort: Number(get('MAILDEV_WEB_PORT', '1080')),
    services,
    console: {
      name: 'console',
      folder: 'console',
      port: consolePort,
      env: {
        ...common,
        PORT: String(consolePort),
        HOST: get('CONSOLE_HOST', '127.0.0.1'),
        ...Object.fromEntries(services.map(({ name, port }) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}`])),
        RABBITMQ_URL: rabbitmqUrl,
        RABBITMQ_MANAGEMENT_URL: get('RABBITMQ_MANAGEMENT_URL', 'http://127.0.0.1:15672'),
        ...(env.TRACE_URL ? { TRACE_URL: env.TRACE_URL } : {}),
      },
    },
  };
}
