import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { periodEndMonth } from '@pejling/domain-kernel';
import { GoalRow, parseGoalRow } from './goal-row';
import { IndicatorReading } from './indicator-reading';

/** Upserts the batch's readings in one statement; a later reading for the same key replaces an earlier one. */
export async function storeReadings(manager: EntityManager, all: readonly IndicatorReading[]): Promise<void> {
  const readings = [
    ...new Map(all.map((reading) => [`${reading.indicatorId}|${reading.municipality}|${reading.period}`, reading])).values(),
  ];
  if (readings.length === 0) return;
  const rows = readings.map((reading) => {
    const { benchmarks: _benchmarks, rank: _rank, ...inputs } = reading.inputs;
    return {
      indicator_id: reading.indicatorId,
      municipality: reading.municipality,
      period: reading.period,
      period_end: periodEndMonth(reading.period),
      value: reading.value,
      inputs,
      benchmarks: reading.benchmarks,
      rank: reading.rank,
    };
  });
  await manager.query(
    `INSERT INTO indicator_values (indicator_id, municipality, period, period_end, value, inputs, benchmarks, rank)
     SELECT r.indicator_id, r.municipality, r.period, r.period_end, r.value, r.inputs, r.benchmarks, r.rank
       FROM jsonb_to_recordset($1::jsonb) AS r(indicator_id text, municipality char(3), period text, period_end text, value float8, inputs jsonb, benchmarks jsonb, rank jsonb)
     ON CONFLICT (indicator_id, municipality, period) DO UPDATE SET value = EXCLUDED.value, period_end = EXCLUDED.period_end, inputs = EXCLUDED.inputs,
       benchmarks = EXCLUDED.benchmarks, rank = EXCLUDED.rank`,
    [JSON.stringify(rows)],
  );
}

/**
 * The live goals on the batch's (indicator, municipality) pairs, in one query. FOR SHARE waits for
 * a PATCH in flight and then reads the goal as committed, so no reading is judged by a replaced rule.
 */
export async function goalsOf(manager: EntityManager, readings: readonly IndicatorReading[]): Promise<Map<string, GoalRow[]>> {
  const pairs = [...new Map(readings.map((r) => [`${r.indicatorId}|${r.municipality}`, r])).values()];
  const stored: unknown[] =
    pairs.length === 0
      ? []
      : await manager.query(
          `SELECT g.* FROM goals g JOIN unnest($1::text[], $2::bpchar[]) AS t(indicator_id, municipality) ON g.indicator_id = t.indicator_id AND g.municipality = t.municipality
      WHERE g.deleted_at IS NULL ORDER BY g.id FOR SHARE OF g`,
          [pairs.map((r) => r.indicatorId), pairs.map((r) => r.municipality)],
        );
  const rows = stored.map(parseGoalRow);
  const byPair = new Map<string, GoalRow[]>();
  for (const goal of rows) {
    const key = `${goal.indicator_id}|${goal.municipality}`;
    const goals = byPair.get(key);
    if (goals) goals.push(goal);
    else byPair.set(key, [goal]);
  }
  return byPair;
}

/** The live conditional (STAR focus) goals of the municipalities, which a ministry benchmark pair decides. */
export async function conditionalGoalsOf(manager: EntityManager, municipalities: readonly string[]): Promise<GoalRow[]> {
  if (municipalities.length === 0) return [];
  const rows: unknown[] = await manager.query(
    `SELECT * FROM goals WHERE municipality = ANY($1::bpchar[]) AND applicability IS NOT NULL AND deleted_at IS NULL ORDER BY id FOR SHARE`,
    [municipalities],
  );
  return rows.map(parseGoalRow);
}

/** The indicator's readings for the municipality up to the month `periodEnd` (any period kind), newest first (at most 48). */
export async function readingsUpTo(
  manager: EntityManager,
  indicatorId: string,
  municipality: string,
  periodEnd: string,
): Promise<{ period: string; value: number }[]> {
  const rows: unknown[] = await manager.query(
    `SELECT period, value FROM indicator_values WHERE indicator_id = $1 AND municipality = $2 AND period_end <= $3
      ORDER BY period_end DESC, period DESC LIMIT 48`,
    [indicatorId, municipality, periodEnd],
  );
  return rows.map((row) => readingRow.parse(row));
}

const readingRow = z.object({ period: z.string(), value: z.coerce.number() });
