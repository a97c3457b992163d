import { decideCorrection, decideEpisode, nextReminderAt, OpenEpisode } from './episodes';

const breach: OpenEpisode = { id: 'b', kind: 'breach', status: 'open' };
const acknowledged: OpenEpisode = { id: 'b', kind: 'breach', status: 'acknowledged' };
const atRisk: OpenEpisode = { id: 'r', kind: 'at_risk', status: 'open' };

describe('episode state machine', () => {
  it.each([
    ['a breach with nothing open opens a breach episode', 'breach', [], { action: 'open', kind: 'breach', supersedes: [] }],
    ['a second breach while one is open is a repeat (no second alert)', 'breach', [breach], { action: 'repeat', episodeId: 'b' }],
    ['a breach while the breach is acknowledged is still a repeat', 'breach', [acknowledged], { action: 'repeat', episodeId: 'b' }],
    ['a breach supersedes an open at-risk episode', 'breach', [atRisk], { action: 'open', kind: 'breach', supersedes: ['r'] }],
    ['at risk with nothing open opens its own episode', 'at_risk', [], { action: 'open', kind: 'at_risk', supersedes: [] }],
    ['at risk while at risk is a repeat', 'at_risk', [atRisk], { action: 'repeat', episodeId: 'r' }],
    ['at risk while breached is ignored', 'at_risk', [breach], { action: 'ignore', reason: 'a breach episode is open for the goal' }],
    ['a recovery closes every open episode', 'recovery', [breach, atRisk], { action: 'close', episodeIds: ['b', 'r'] }],
    ['a recovery closes an acknowledged episode', 'recovery', [acknowledged], { action: 'close', episodeIds: ['b'] }],
    ['a recovery with nothing open is ignored', 'recovery', [], { action: 'ignore', reason: 'no open episode to recover' }],
    ['stale data is a notice', 'stale', [breach], { action: 'notice' }],
    ['a data-quality problem is a notice', 'data_quality', [], { action: 'notice' }],
  ] as const)('%s', (_name, kind, open, expected) => {
    expect(decideEpisode(kind, open)).toEqual(expected);
  });

  it('schedules the next reminder one interval on, or when a silence ends if that is later', () => {
    const from = new Date('2026-11-23T10:00:00Z');
    const week = 7 * 86_400_000;
    expect(nextReminderAt(from, week)).toEqual(new Date('2026-11-30T10:00:00Z'));
    expect(nextReminderAt(from, week, new Date('2026-11-24T00:00:00Z'))).toEqual(new Date('2026-11-30T10:00:00Z'));
    expect(nextReminderAt(from, week, new Date('2026-12-24T00:00:00Z'))).toEqual(new Date('2026-12-24T00:00:00Z'));
  });
});

describe('corrections and episodes', () => {
  const ackedRisk: OpenEpisode = { ...atRisk, status: 'acknowledged' };

  it.each([
    ['met', [breach], { close: ['b'], open: null }],
    ['no_data', [breach, ackedRisk], { close: ['b', 'r'], open: null }],
    ['breached', [breach], { close: [], open: null }],
    ['breached', [], { close: [], open: 'breach' }],
    ['breached', [atRisk], { close: ['r'], open: 'breach' }],
    ['at_risk', [breach], { close: ['b'], open: 'at_risk' }],
    ['at_risk', [ackedRisk], { close: [], open: null }],
    ['met', [], { close: [], open: null }],
  ] as [string, OpenEpisode[], object][])('the goal now %s with %j open: %j', (state, open, expected) => {
    expect(decideCorrection(state, open)).toEqual(expected);
  });

  it('leaves corrections to decideCorrection', () => {
    expect(decideEpisode('correction', [breach])).toMatchObject({ action: 'ignore' });
  });
});
