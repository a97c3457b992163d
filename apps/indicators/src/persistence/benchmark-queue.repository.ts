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
  if (candidates.length === 0) return [];
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
    [candidates.map((pair) => pair.indicator_id), candidates.map((pair) => pair.period)],
  );
  const due = new Map<string, DuePeriod>();
  for (const row of taken)
    due.set(`${row.indicator_id}|${row.period}`, { indicatorId: row.indicator_id, period: row.period, correlationId: row.correlation_id });
  return [...due.values()];
}
