import { validateEnv } from '@pejling/platform';
import { goalsEnvSchema } from './goals.env';

const check = (env: Record<string, string>) => () => validateEnv(goalsEnvSchema, env, 'pejling-goals');

describe('goals configuration', () => {
  it('judges national goals only against a complete national average by default, and takes a lower threshold', () => {
    expect(validateEnv(goalsEnvSchema, {}, 'pejling-goals').NATIONAL_COVERAGE_MIN).toBe(98);
    expect(validateEnv(goalsEnvSchema, { NATIONAL_COVERAGE_MIN: '90' }, 'pejling-goals').NATIONAL_COVERAGE_MIN).toBe(90);
  });

  it.each(['0', '99', '12.5', 'all'])('refuses NATIONAL_COVERAGE_MIN=%s with the variable named', (value) => {
    expect(check({ NATIONAL_COVERAGE_MIN: value })).toThrow(/NATIONAL_COVERAGE_MIN: must be a whole number from 1 to 98/);
  });

  it('keeps superseded evaluations ten years by default, for ever with 0, and refuses a negative retention', () => {
    expect(validateEnv(goalsEnvSchema, {}, 'pejling-goals').EVALUATIONS_RETENTION_DAYS).toBe(3650);
    expect(validateEnv(goalsEnvSchema, { EVALUATIONS_RETENTION_DAYS: '0' }, 'pejling-goals').EVALUATIONS_RETENTION_DAYS).toBe(0);
    expect(check({ EVALUATIONS_RETENTION_DAYS: '-1' })).toThrow(/EVALUATIONS_RETENTION_DAYS/);
  });
});
