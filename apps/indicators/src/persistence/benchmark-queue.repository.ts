import { EntityManager } from 'typeorm';

export interface QueuedPeriod {
  indicatorId: string;
  period: string;
}

/**
 * Notes (indicator, period) pairs whose values changed, so the benchmark worker recomputes each
 * once after the burst instead of once per figure. Append-only: consumers of different partitions
 * that touch the same pairs never wait for each other's transactions.
 */
export async function queueBenchmarks(manager: EntityManager, pairs: readonly QueuedPeriod[], correlationId?: string): Promise<void> {
  const unique = [...new Map(pairs.map((pair) => [`${pair.indicatorId}|${pair.period}`, pair])).values()];
  if (unique.length === 0) return;
  await manager.query(
    `INSERT INTO benchmark_queue (indicator_id, period, correlation_id) SELECT i, p, $3::uuid FROM unnest($1::text[], $2::text[]) AS q(i, p)`,
    [unique.map((pair) => pair.indicatorId), unique.map((pair) => pair.period), correlationId ?? null],
  );
}

export interface DuePeriod extends QueuedPeriod {
  correlationId: string | null;
}

/**
 * Takes up to `limit` pairs that are due (untouched for `debounceMs`, or first queued more than
 * `maxDelayMs` ago) off the queue, in the order they were first queued. A pair another worker is
 * recomputing right now (its transaction-scoped advisory lock is held) is left for later.
 */
export async function takeDuePeriods(manager: EntityManager, debounceMs: number, maxDelayMs: number, limit: number): Promise<DuePeriod[]> {
  const candidates: { indicator_id: string; period: string }[] = await manager.query(
    `SELECT indicator_id, period FROM benchmark_queue GROUP BY indicator_id, period
      HAVING max(touched_at) < clock_timestamp() - make_interval(secs => $1 / 1000.0) OR min(touched_at) < clock_timestamp() - make_interval(secs => $2 / 1000.0)
      ORDER BY min(seq) LIMIT $3`,
    [debounceMs, maxDelayMs, limit],
  );
  return takeQueuedPeriods(
    manager,
    candidates.map((pair) => ({ indicatorId: pair.indicator_id, period: pair.period })),
  );
}

/** Held, shared, by every transaction that applies figures: the queue cannot show what they will queue. */
const FIGURES_IN_FLIGHT_LOCK = `hashtext('indicators.figures-in-flight')`;

/** Marks the caller's transaction as applying figures, until it ends (a few-microsecond wait at most, see `figureStream`). */
export async function markFiguresInFlight(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${FIGURES_IN_FLIGHT_LOCK})`);
}

/**
 * How quiet the figure stream is, over every instance: how many milliseconds ago anything was last
 * queued (null when the queue is empty; a full scan, but the queue holds only what waits), and
 * whether a transaction is applying figures right now. The latter takes the lock exclusively and
 * lets go of it in the same statement, so a batch that starts meanwhile waits microseconds at most.
 */
export async function figureStream(manager: EntityManager): Promise<{ queueIdleMs: number | null; figuresInFlight: boolean }> {
  const [row]: { idle_ms: number | null; in_flight: boolean }[] = await manager.query(
    `SELECT (SELECT (extract(epoch FROM clock_timestamp() - max(touched_at)) * 1000)::float8 FROM benchmark_queue) AS idle_ms,
            NOT (CASE WHEN pg_try_advisory_lock(${FIGURES_IN_FLIGHT_LOCK}) THEN pg_advisory_unlock(${FIGURES_IN_FLIGHT_LOCK}) ELSE false END) AS in_flight`,
  );
  return { queueIdleMs: row.idle_ms, figuresInFlight: row.in_flight };
}

/**
 * Takes the given pairs off the queue, those still on it: the due ones, or a lone batch's pairs,
 * which need not be due yet. A pair another worker is recomputing right now is left for later.
 */
export async function takeQueuedPeriods(manager: EntityManager, pairs: readonly QueuedPeriod[]): Promise<DuePeriod[]> {
  if (pairs.length === 0) return [];
  // Pairs whose lock another worker holds are skipped; the rest are taken off the queue at once.
  // Only rows committed now are taken: a touch that commits later queues the pair again.
  const taken: { indicator_id: string; period: string; correlation_id: string | null }[] = await manager.query(
    `WITH claimed AS (
       SELECT c.indicator_id, c.period FROM unnest($1::text[], $2::text[]) AS c(indicator_id, period)
        WHERE pg_try_advisory_xact_lock(hashtext('benchmarks|' || c.indicator_id || '|' || c.period)))
     , taken AS (
       DELETE FROM benchmark_queue q USING claimed WHERE q.indicator_id = claimed.indicator_id AND q.period = claimed.period
       RETURNING q.indicator_id, q.period, q.correlation_id, q.seq)
     -- A SELECT on top: TypeORM answers a bare DELETE … RETURNING with [rows, count], not rows.
     SELECT indicator_id, period, correlation_id FROM taken ORDER BY seq`,
    [pairs.map((pair) => pair.indicatorId), pairs.map((pair) => pair.period)],
  );
  const due = new Map<string, DuePeriod>();
  for (const row of taken)
    due.set(`${row.indicator_id}|${row.period}`, { indicatorId: row.indicator_id, period: row.period, correlationId: row.correlation_id });
  return [...due.values()];
}
