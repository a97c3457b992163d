import { validateEnv } from '@pejling/platform';
import { ingestEnvSchema } from './ingest.env';

const check = (env: Record<string, string>) => () => validateEnv(ingestEnvSchema, env, 'pejling-ingest');

describe('ingest configuration', () => {
  it('reads the scheduled pulls with their defaults', () => {
    const env = validateEnv(
      ingestEnvSchema,
      { JOBINDSATS_API_KEY: 'star-issued-key', JOBINDSATS_PULLS: '[{"table":"y07a02","cron":"0 6 * * *"}]' },
      'pejling-ingest',
    );
    expect(env.JOBINDSATS_PULLS).toEqual([{ table: 'y07a02', cron: '0 6 * * *', areas: '*', periods: { latest: 3 } }]);
    expect(env.JOBINDSATS_BASE_URL).toBe('https://api.jobindsats.dk');
  });

  it('names what is wrong with a pull schedule, without printing the key', () => {
    expect(check({ JOBINDSATS_PULLS: 'not json' })).toThrow(/JOBINDSATS_PULLS: must be a JSON array of pulls/);
    expect(check({ JOBINDSATS_API_KEY: 'star-issued-key', JOBINDSATS_PULLS: '[{"table":"y99z99","cron":"0 6 * * *"}]' })).toThrow(
      /JOBINDSATS_PULLS\[0\]\.table: must be one of the tables Pejling reads: y01a02/,
    );
    expect(check({ JOBINDSATS_API_KEY: 'star-issued-key', JOBINDSATS_PULLS: '[{"table":"y07a02","cron":"every morning"}]' })).toThrow(
      /JOBINDSATS_PULLS\[0\]\.cron: must be a cron expression/,
    );
    expect(
      check({ JOBINDSATS_API_KEY: 'star-issued-key', JOBINDSATS_PULLS: '[{"table":"y07a02","cron":"0 6 * * *","areas":["Atlantis"]}]' }),
    ).toThrow(/JOBINDSATS_PULLS\[0\]\.areas\[0\]: must be a municipality code or name/);
    expect(check({ JOBINDSATS_PULLS: '[{"table":"y07a02","cron":"0 6 * * *"}]' })).toThrow(
      /JOBINDSATS_API_KEY: is required when JOBINDSATS_PULLS schedules pulls \(not set\)/,
    );
    expect(check({ JOBINDSATS_API_KEY: 'short' })).toThrow(/JOBINDSATS_API_KEY: .*\(got a value of 5 characters, not shown\)/);
  });
});
