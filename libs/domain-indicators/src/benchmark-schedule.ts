/**
 * When a lone figure's benchmarks are recomputed. Benchmarks are coalesced: a queued (indicator,
 * period) waits until no figure has touched it for the debounce, so a period's 98 municipalities
 * cost one recomputation. A lone figure, though, is not the start of such a burst, and should not
 * wait a whole debounce for one that is not coming. So a small batch of one municipality's figures
 * has its pairs recomputed as soon as the figure stream has been quiet for a short while (no batch
 * being applied, nothing queued by anyone for `quietMs`); while figures keep arriving, they wait
 * for the debounce as before.
 */

/** A batch of more figures than this is a backfill's chunk, never a lone figure. */
export const LONE_BATCH_MAX_FIGURES = 20;

/**
 * A batch that may be a lone figure: a few figures of one municipality. A backfill's batches hold
 * many municipalities (or many figures of one), and keep waiting for the debounce, so a gap between
 * two of its batches never recomputes a period halfway through.
 */
export function isLoneBatch(figures: readonly { municipality: string }[]): boolean {
  if (figures.length === 0 || figures.length > LONE_BATCH_MAX_FIGURES) return false;
  return figures.every((figure) => figure.municipality === figures[0].municipality);
}

export interface LoneTimings {
  /** How long nothing may have been queued before a lone batch's pairs are recomputed. */
  quietMs: number;
  /** The ordinary wait of a queued pair, which takes over when the stream does not quiet down. */
  debounceMs: number;
}

export type LoneDecision = { kind: 'recompute' } | { kind: 'wait'; ms: number } | { kind: 'leave' };

export interface StreamState {
  /** How long ago anything was last queued, by any instance; null when the queue is empty. */
  queueIdleMs: number | null;
  /** Whether a batch of figures is being applied right now: what it queues is not visible yet. */
  figuresInFlight: boolean;
  /** How long the oldest of the lone batches has waited since it committed. */
  waitedMs: number;
}

/**
 * What to do with the pairs of lone batches: recompute them now if the stream has been quiet long
 * enough; else look again once it could be, unless the debounce would take them by then anyway
 * (leave them to it).
 */
export function decideLoneRecompute(stream: StreamState, timings: LoneTimings): LoneDecision {
  // Nothing queued: another worker has taken the pairs already.
  if (stream.queueIdleMs === null) return { kind: 'leave' };
  if (!stream.figuresInFlight && stream.queueIdleMs >= timings.quietMs) return { kind: 'recompute' };
  // A batch in flight queues its pairs when it commits, and the quiet time starts over then.
  const ms = stream.figuresInFlight ? timings.quietMs : timings.quietMs - stream.queueIdleMs;
  if (stream.waitedMs + ms >= timings.debounceMs) return { kind: 'leave' };
  return { kind: 'wait', ms };
}
