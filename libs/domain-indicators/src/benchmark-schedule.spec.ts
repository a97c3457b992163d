import { decideLoneRecompute, isLoneBatch, LONE_BATCH_MAX_FIGURES, StreamState } from './benchmark-schedule';

const figures = (...municipalities: string[]) => municipalities.map((municipality) => ({ municipality }));

describe('benchmark schedule: lone figures', () => {
  it("takes a few figures of one municipality for a lone batch, not a backfill's chunk", () => {
    expect(isLoneBatch(figures('147'))).toBe(true);
    expect(isLoneBatch(figures('147', '147', '147'))).toBe(true);
    expect(isLoneBatch(figures(...Array<string>(LONE_BATCH_MAX_FIGURES).fill('147')))).toBe(true);
    expect(isLoneBatch(figures(...Array<string>(LONE_BATCH_MAX_FIGURES + 1).fill('147')))).toBe(false);
    expect(isLoneBatch(figures('147', '101'))).toBe(false);
    expect(isLoneBatch([])).toBe(false);
  });

  const timings = { quietMs: 50, debounceMs: 1000 };
  const stream = (queueIdleMs: number | null, waitedMs: number, figuresInFlight = false): StreamState => ({
    queueIdleMs,
    waitedMs,
    figuresInFlight,
  });

  it('recomputes once nothing has been queued for the quiet time and no batch is in flight', () => {
    expect(decideLoneRecompute(stream(50, 50), timings)).toEqual({ kind: 'recompute' });
    expect(decideLoneRecompute(stream(400, 60), timings)).toEqual({ kind: 'recompute' });
  });

  it('waits while figures keep arriving, until the stream could have been quiet long enough', () => {
    expect(decideLoneRecompute(stream(20, 50), timings)).toEqual({ kind: 'wait', ms: 30 });
    expect(decideLoneRecompute(stream(0, 900), timings)).toEqual({ kind: 'wait', ms: 50 });
  });

  it('waits a whole quiet time while a batch is being applied: the rest of a burst, in another partition or instance', () => {
    expect(decideLoneRecompute(stream(400, 50, true), timings)).toEqual({ kind: 'wait', ms: 50 });
  });

  it('leaves the pairs to the debounce when that comes first, and when another worker took them already', () => {
    expect(decideLoneRecompute(stream(0, 950), timings)).toEqual({ kind: 'leave' });
    expect(decideLoneRecompute(stream(10, 990), timings)).toEqual({ kind: 'leave' });
    expect(decideLoneRecompute(stream(400, 960, true), timings)).toEqual({ kind: 'leave' });
    expect(decideLoneRecompute(stream(null, 50), timings)).toEqual({ kind: 'leave' });
  });

  it('recomputes at once with no quiet time', () => {
    expect(decideLoneRecompute(stream(0, 0), { quietMs: 0, debounceMs: 1000 })).toEqual({ kind: 'recompute' });
  });
});
