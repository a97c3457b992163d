import { z } from 'zod';
import { serviceEnvSchema } from '../service-spec';
import { baseEnvSchema, validateEnv } from './env';

describe('validateEnv', () => {
  it('applies defaults', () => {
    const env = validateEnv(baseEnvSchema, {}, 'test');
    expect(env.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(env.DATABASE_URL).toMatch(/^postgres:/);
  });

  it('names every bad variable and what it got', () => {
    expect(() => validateEnv(baseEnvSchema, { KAFKA_BROKERS: 'localhost', KAFKA_PARTITIONS: '0' }, 'pejling-ingest')).toThrow(
      /Invalid configuration for pejling-ingest:\n {2}KAFKA_BROKERS: must be host:port.*\(got 'localhost'\)\n {2}KAFKA_PARTITIONS: .*\(got '0'\)/,
    );
  });

  it('takes a static group member name only when it is a plain name, and leaves membership dynamic without one', () => {
    expect(validateEnv(baseEnvSchema, {}, 'test').KAFKA_GROUP_INSTANCE_ID).toBeUndefined();
    expect(validateEnv(baseEnvSchema, { KAFKA_GROUP_INSTANCE_ID: 'goals-0' }, 'test').KAFKA_GROUP_INSTANCE_ID).toBe('goals-0');
    expect(() => validateEnv(baseEnvSchema, { KAFKA_GROUP_INSTANCE_ID: 'goals 0' }, 'test')).toThrow(
      /KAFKA_GROUP_INSTANCE_ID: may only contain/,
    );
  });

  it('runs the retention jobs hourly by default, takes 0 for off, and refuses an interval under a second', () => {
    expect(validateEnv(serviceEnvSchema, { PORT: '0' }, 'svc')).toMatchObject({
      RETENTION_EVERY_MS: 3_600_000,
      PROCESSED_EVENTS_MARGIN_DAYS: 7,
      RETENTION_BATCH_SIZE: 5_000,
    });
    expect(validateEnv(serviceEnvSchema, { PORT: '0', RETENTION_EVERY_MS: '0' }, 'svc').RETENTION_EVERY_MS).toBe(0);
    expect(() => validateEnv(serviceEnvSchema, { PORT: '0', RETENTION_EVERY_MS: '10' }, 'svc')).toThrow(
      /RETENTION_EVERY_MS: must be 0 \(off\) or at least 1000 \(got '10'\)/,
    );
    expect(() => validateEnv(serviceEnvSchema, { PORT: '0', PROCESSED_EVENTS_MARGIN_DAYS: '0' }, 'svc')).toThrow(
      /PROCESSED_EVENTS_MARGIN_DAYS/,
    );
  });

  it('takes SASL settings all together or not at all, never printing the password', () => {
    const sasl = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'pejling', KAFKA_SASL_PASSWORD: 'hunter2hunter2' };
    expect(validateEnv(serviceEnvSchema, { PORT: '0', ...sasl }, 'svc')).toMatchObject(sasl);
    let message = '';
    try {
      validateEnv(serviceEnvSchema, { PORT: '0', KAFKA_SASL_USERNAME: 'pejling', KAFKA_SASL_PASSWORD: 'hunter2hunter2' }, 'svc');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/KAFKA_SASL_MECHANISM: must be set with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD .*\(not set\)/);
    expect(() => validateEnv(baseEnvSchema, { ...sasl, KAFKA_SASL_MECHANISM: 'gssapi' }, 'svc')).toThrow(
      /KAFKA_SASL_MECHANISM: .*got 'gssapi'/,
    );
    expect(message).not.toContain('hunter2');
  });

  it("refuses docker-compose.yml's example secrets in production, naming the variable, and takes them in development", () => {
    const example = { PORT: '0', CONSOLE_TOKEN_SECRET: 'change-me-console-token-secret-at-least-32-chars' };
    expect(() => validateEnv(serviceEnvSchema, { ...example, NODE_ENV: 'production' }, 'svc')).toThrow(
      /CONSOLE_TOKEN_SECRET: is the example value of docker-compose.yml: set a secret of your own in production \(got a value of 48 characters, not shown\)/,
    );
    expect(validateEnv(serviceEnvSchema, { ...example, NODE_ENV: 'development' }, 'svc')).toMatchObject({
      CONSOLE_TOKEN_SECRET: example.CONSOLE_TOKEN_SECRET,
    });
    expect(validateEnv(serviceEnvSchema, { PORT: '0', NODE_ENV: 'production', CONSOLE_TOKEN_SECRET: 'x'.repeat(40) }, 'svc')).toBeTruthy();
  });

  it('reports a required variable as not set', () => {
    const schema = baseEnvSchema.extend({ SECRET: z.string().min(16) });
    expect(() => validateEnv(schema, {}, 'svc')).toThrow(/SECRET: .*\(not set\)/);
  });

  it('never prints secrets or passwords in URLs', () => {
    const schema = baseEnvSchema.extend({ WEBHOOK_SIGNING_SECRET: z.string().min(16), REDIS_URL: z.string().regex(/^redis:/) });
    let message = '';
    try {
      validateEnv(
        schema,
        { WEBHOOK_SIGNING_SECRET: 'hunter2', DATABASE_URL: 'mysql://app:s3cr3t@db/pejling', REDIS_URL: 'http://:pw0rd@cache:6379' },
        'svc',
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/WEBHOOK_SIGNING_SECRET: .*\(got a value of 7 characters, not shown\)/);
    expect(message).toMatch(/DATABASE_URL: .*\(got 'mysql:\/\/app:\*\*\*@db\/pejling'\)/);
    expect(message).toMatch(/REDIS_URL: .*\(got 'http:\/\/:\*\*\*@cache:6379'\)/);
    expect(message).not.toMatch(/hunter2|s3cr3t|pw0rd/);
  });

  it('takes CONSOLE_TOKEN_SECRET as optional, and refuses a short one without printing it', () => {
    expect(validateEnv(serviceEnvSchema, { PORT: '3001' }, 'svc').CONSOLE_TOKEN_SECRET).toBeUndefined();
    expect(validateEnv(serviceEnvSchema, { PORT: '3001', CONSOLE_TOKEN_SECRET: 'x'.repeat(32) }, 'svc').CONSOLE_TOKEN_SECRET).toHaveLength(
      32,
    );
    expect(() => validateEnv(serviceEnvSchema, { PORT: '3001', CONSOLE_TOKEN_SECRET: 'too-short-secret' }, 'svc')).toThrow(
      /CONSOLE_TOKEN_SECRET: must be at least 32 characters \(got a value of 16 characters, not shown\)/,
    );
  });
});
