import { retentionCutoff } from './retention-cutoff';

describe('retentionCutoff', () => {
  const now = new Date('2026-06-30T12:00:00Z');

  it('lies the given number of days before now', () => {
    expect(retentionCutoff(now, 90)).toEqual(new Date('2026-04-01T12:00:00Z'));
    // 3650 days are ten years less the leap days of 2020 and 2024.
    expect(retentionCutoff(now, 3650)).toEqual(new Date('2016-07-02T12:00:00Z'));
  });

  it('is null (keep for ever) for 0 days', () => {
    expect(retentionCutoff(now, 0)).toBeNull();
  });
});
