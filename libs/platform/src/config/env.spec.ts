import { z } from 'zod';
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

  it('reports a required variable as not set', () => {
    const schema = baseEnvSchema.extend({ SECRET: z.string().min(16) });
    expect(() => validateEnv(schema, {}, 'svc')).toThrow(/SECRET: .*\(not set\)/);
  });
});
