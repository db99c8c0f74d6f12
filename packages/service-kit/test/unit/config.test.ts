import { z } from 'zod';
import { brokerUrls, ConfigError, loadConfig, serviceConfigSchema } from '../../src';

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
      CONSUMER_PREFETCH: 800,
      CONSUMER_CONCURRENCY: 2,
      CONSUMER_BATCH_SIZE: 200,
      CONSUMER_BATCH_LINGER_MS: 2,
      RELAY_LANES: 2,
      RELAY_BATCH_SIZE: 1000,
      OUTBOX_RETENTION_HOURS: 168,
      INBOX_RETENTION_HOURS: 168,
      RETRY_DELAYS_MS: [1000, 5000, 30000, 120000, 600000],
      HANDLER_TIMEOUT_MS: 30000,
      QUEUE_TYPE: 'classic',
      QUEUE_DELIVERY_LIMIT: 10,
      LOG_LEVEL: 'info',
    });
  });

  it('leaves RABBITMQ_MANAGEMENT_URL unset unless given', () => {
    expect(loadConfig(serviceConfigSchema, valid).RABBITMQ_MANAGEMENT_URL).toBeUndefined();
    expect(loadConfig(serviceConfigSchema, { ...valid, RABBITMQ_MANAGEMENT_URL: 'http://rabbitmq:15672' }).RABBITMQ_MANAGEMENT_URL).toBe('http://rabbitmq:15672');
  });

  it('takes a comma-separated list of the nodes of a cluster as RABBITMQ_URL', () => {
    const list = 'amqp://u:p@127.0.0.1:5681/v, amqp://u:p@127.0.0.1:5682/v,amqps://u:p@node3:5671/v';
    expect(loadConfig(serviceConfigSchema, { ...valid, RABBITMQ_URL: list }).RABBITMQ_URL).toBe(list);
    expect(brokerUrls(list)).toEqual(['amqp://u:p@127.0.0.1:5681/v', 'amqp://u:p@127.0.0.1:5682/v', 'amqps://u:p@node3:5671/v']);
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
    ['RABBITMQ_URL', 'amqp://127.0.0.1:5681,'],
    ['RABBITMQ_URL', 'amqp://127.0.0.1:5681,,amqp://127.0.0.1:5682'],
    ['RABBITMQ_URL', 'amqp://127.0.0.1:5681,http://127.0.0.1:15672'],
    ['RABBITMQ_URL', 'amqp://127.0.0.1:5681;amqp://127.0.0.1:5682'],
    ['RABBITMQ_MANAGEMENT_URL', 'amqp://127.0.0.1:15672'],
    ['RABBITMQ_MANAGEMENT_URL', ''],
    ['EVENTS_EXCHANGE', 'no spaces allowed'],
    ['DATABASE_POOL_MAX', '1'],
    ['CONSUMER_PREFETCH', '0'],
    ['CONSUMER_CONCURRENCY', '1.5'],
    ['CONSUMER_BATCH_SIZE', '0'],
    ['CONSUMER_BATCH_LINGER_MS', '-1'],
    ['CONSUMER_BATCH_LINGER_MS', '5000'],
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
    ['QUEUE_DELIVERY_LIMIT', '1'],
    ['LOG_LEVEL', 'loud'],
  ])('names %s when it is malformed (%p) and shows the value', (variable, value) => {
    const error = failure({ ...valid, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`invalid configuration: ${variable} is invalid (`);
    expect(error.message).toContain(JSON.stringify(value));
    expect(error.message).not.toContain('\n');
  });

  it('refuses a prefetch smaller than a full batch for every transaction, and says why', () => {
    const error = failure({ ...valid, CONSUMER_PREFETCH: '150', CONSUMER_BATCH_SIZE: '50', CONSUMER_CONCURRENCY: '4' });
    expect(error.variable).toBe('CONSUMER_PREFETCH');
    expect(error.message).toContain('at least CONSUMER_BATCH_SIZE × CONSUMER_CONCURRENCY (200)');
    expect(error.message).toContain('fill its batch');
    expect(loadConfig(serviceConfigSchema, { ...valid, CONSUMER_PREFETCH: '200', CONSUMER_BATCH_SIZE: '50', CONSUMER_CONCURRENCY: '4' }).CONSUMER_PREFETCH).toBe(200);
  });

  it('checks across variables only where the schema has them all', () => {
    const picked = serviceConfigSchema.pick({ CONSUMER_PREFETCH: true });
    expect(loadConfig(picked, { CONSUMER_PREFETCH: '1' })).toEqual({ CONSUMER_PREFETCH: 1 });
  });

  it('names the variables a service adds to the schema', () => {
    const schema = serviceConfigSchema.extend({ SMTP_URL: z.url({ protocol: /^smtps?$/ }) });
    expect(failure(valid, schema).variable).toBe('SMTP_URL');
    expect(failure({ ...valid, SMTP_URL: 'http://mail' }, schema).variable).toBe('SMTP_URL');
  });
});
