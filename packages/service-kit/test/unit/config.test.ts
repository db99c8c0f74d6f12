import { z } from 'zod';
import { ConfigError, loadConfig, serviceConfigSchema } from '../../src';

const valid = {
  PORT: '3001',
  DATABASE_URL: 'postgres://videos_service@127.0.0.1:5432/course_platform',
  RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

function failure(env: NodeJS.ProcessEnv, schema: z.ZodObject = serviceConfigSchema): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns typed values with defaults for what is not set', () => {
    expect(loadConfig(serviceConfigSchema, valid)).toMatchObject({
      PORT: 3001,
      DATABASE_URL: valid.DATABASE_URL,
      EVENTS_EXCHANGE: 'videos',
      CONSUMER_PREFETCH: 200,
      CONSUMER_CONCURRENCY: 2,
      RELAY_LANES: 2,
      RELAY_BATCH_SIZE: 1000,
      OUTBOX_RETENTION_HOURS: 168,
      INBOX_RETENTION_HOURS: 168,
      RETRY_DELAYS_MS: [1000, 5000, 30000, 120000, 600000],
      HANDLER_TIMEOUT_MS: 30000,
      QUEUE_TYPE: 'classic',
      LOG_LEVEL: 'info',
    });
  });

  it('leaves RABBITMQ_MANAGEMENT_URL unset unless given', () => {
    expect(loadConfig(serviceConfigSchema, valid).RABBITMQ_MANAGEMENT_URL).toBeUndefined();
    expect(loadConfig(serviceConfigSchema, { ...valid, RABBITMQ_MANAGEMENT_URL: 'http://rabbitmq:15672' }).RABBITMQ_MANAGEMENT_URL).toBe('http://rabbitmq:15672');
  });

  it('parses the retry delays into numbers', () => {
    expect(loadConfig(serviceConfigSchema, { ...valid, RETRY_DELAYS_MS: '10,20' }).RETRY_DELAYS_MS).toEqual([10, 20]);
  });

  it.each(['PORT', 'DATABASE_URL', 'RABBITMQ_URL'])('names %s when it is missing', (variable) => {
    const env: NodeJS.ProcessEnv = { ...valid };
    delete env[variable];
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(`invalid configuration: ${variable} is missing`);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', ''],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://root@localhost/db'],
    ['DATABASE_URL', 'not a url'],
    ['RABBITMQ_URL', 'http://127.0.0.1:15672'],
    ['RABBITMQ_MANAGEMENT_URL', 'amqp://127.0.0.1:15672'],
    ['RABBITMQ_MANAGEMENT_URL', ''],
    ['EVENTS_EXCHANGE', 'no spaces allowed'],
    ['DATABASE_POOL_MAX', '1'],
    ['CONSUMER_PREFETCH', '0'],
    ['CONSUMER_CONCURRENCY', '1.5'],
    ['RELAY_LANES', '0'],
    ['RELAY_BATCH_SIZE', 'many'],
    ['OUTBOX_RETENTION_HOURS', '0'],
    ['INBOX_RETENTION_HOURS', '12'],
    ['RETRY_DELAYS_MS', '1000,soon'],
    ['RETRY_DELAYS_MS', '1000,3000000000'],
    ['OUTBOX_RETENTION_HOURS', '1e9'],
    ['SHUTDOWN_TIMEOUT_MS', '99999999999'],
    ['HANDLER_TIMEOUT_MS', '0'],
    ['HANDLER_TIMEOUT_MS', '3600000'],
    ['QUEUE_TYPE', 'lazy'],
    ['LOG_LEVEL', 'loud'],
  ])('names %s when it is malformed (%p) and shows the value', (variable, value) => {
    const error = failure({ ...valid, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`invalid configuration: ${variable} is invalid (`);
    expect(error.message).toContain(JSON.stringify(value));
    expect(error.message).not.toContain('\n');
  });

  it('names the variables a service adds to the schema', () => {
    const schema = serviceConfigSchema.extend({ SMTP_URL: z.url({ protocol: /^smtps?$/ }) });
    expect(failure(valid, schema).variable).toBe('SMTP_URL');
    expect(failure({ ...valid, SMTP_URL: 'http://mail' }, schema).variable).toBe('SMTP_URL');
  });
});
