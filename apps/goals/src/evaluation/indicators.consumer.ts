import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { EventEnvelope, IndicatorComputed, TOPICS } from '@pejling/contracts';
import { periodEndMonth } from '@pejling/domain';
import { BATCH_HANDLER, Transactions } from '@pejling/platform';
import { AlertPolicyProvider } from './alert-policy';
import { evaluateAgainstLatest } from './evaluate-latest';
import { BENCHMARK_ACTUAL, BENCHMARK_EXPECTED, evaluateGoal, GoalRow, IndicatorReading } from './goal-evaluator';

const CONSUMER = 'goals.indicators';

/**
 * Stores every indicator reading (the history goals are judged against) and evaluates the goals
 * each one touches. Readings arrive in batches of one partition: the batch's values are stored in
 * one statement and its goals read in one query, then each reading is judged in delivery order.
 */
@Controller()
export class IndicatorsConsumer {
  private readonly logger = new Logger(IndicatorsConsumer.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly policy: AlertPolicyProvider,
  ) {}

  @EventPattern(TOPICS.indicators, BATCH_HANDLER)
  async onIndicatorsComputed(@Payload() events: EventEnvelope<'indicator.computed'>[]): Promise<void> {
    const policy = this.policy.now();
    const outcome = await this.transactions.runOnceBatch(CONSUMER, events, async (unit, fresh) => {
      const readings = fresh.map((event) => ({ eventId: event.id, reading: toReading(event.payload as IndicatorComputed) }));
      await storeReadings(unit.manager, readings.map(({ reading }) => reading));
      const goals = await goalsOf(unit.manager, readings.map(({ reading }) => reading));
      let evaluated = 0;
      for (const { eventId, reading } of readings) {
        for (const goal of goals.get(`${reading.indicatorId}|${reading.municipality}`) ?? []) {
          unit.publish(...(await evaluateGoal(unit.manager, goal, reading, eventId, policy)));
          evaluated += 1;
        }
        // A new ministry benchmark decides whether the conditional (STAR focus) goals apply: judge them again.
        if (reading.indicatorId === BENCHMARK_ACTUAL || reading.indicatorId === BENCHMARK_EXPECTED) {
          const conditional: GoalRow[] = await unit.manager.query(
            `SELECT * FROM goals WHERE municipality = $1 AND applicability IS NOT NULL AND deleted_at IS NULL ORDER BY id FOR SHARE`,
            [reading.municipality],
          );
          for (const goal of conditional) unit.publish(...(await evaluateAgainstLatest(unit.manager, goal, policy)));
          evaluated += conditional.length;
        }
      }
      return evaluated;
    });
    this.logger.log({ events: events.length, duplicates: outcome.duplicates, goalsEvaluated: outcome.result, firstEventId: events[0]?.id }, 'indicator readings applied');
  }
}

function toReading(indicator: IndicatorComputed): IndicatorReading {
  const inputs = { numerator: indicator.numerator, denominator: indicator.denominator, parts: indicator.parts, previousValue: indicator.previousValue };
  return {
    indicatorId: indicator.indicatorId,
    municipality: indicator.municipality,
    period: indicator.period,
    value: indicator.value,
    inputs: { ...inputs, benchmarks: indicator.benchmarks, rank: indicator.rank },
    benchmarks: {
      national: indicator.benchmarks.national,
      cluster: indicator.benchmarks.cluster,
      nationalBasis: indicator.benchmarks.nationalBasis,
      clusterBasis: indicator.benchmarks.clusterBasis,
    },
    rank: indicator.rank,
  };
}

/** Upserts the batch's readings in one statement; a later reading for the same key replaces an earlier one. */
async function storeReadings(manager: EntityManager, all: readonly IndicatorReading[]): Promise<void> {
  const readings = [...new Map(all.map((reading) => [`${reading.indicatorId}|${reading.municipality}|${reading.period}`, reading])).values()];
  if (readings.length === 0) return;
  const rows = readings.map((reading) => {
    const { benchmarks: _benchmarks, rank: _rank, ...inputs } = reading.inputs;
    return {
      indicator_id: reading.indicatorId, municipality: reading.municipality, period: reading.period, period_end: periodEndMonth(reading.period),
      value: reading.value, inputs, benchmarks: reading.benchmarks, rank: reading.rank,
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
async function goalsOf(manager: EntityManager, readings: readonly IndicatorReading[]): Promise<Map<string, GoalRow[]>> {
  const pairs = [...new Map(readings.map((r) => [`${r.indicatorId}|${r.municipality}`, r])).values()];
  const rows: GoalRow[] = pairs.length === 0 ? [] : await manager.query(
    `SELECT g.* FROM goals g JOIN unnest($1::text[], $2::bpchar[]) AS t(indicator_id, municipality) ON g.indicator_id = t.indicator_id AND g.municipality = t.municipality
      WHERE g.deleted_at IS NULL ORDER BY g.id FOR SHARE OF g`,
    [pairs.map((r) => r.indicatorId), pairs.map((r) => r.municipality)],
  );
  const byPair = new Map<string, GoalRow[]>();
  for (const goal of rows) {
    const key = `${goal.indicator_id}|${goal.municipality}`;
    const goals = byPair.get(key);
    if (goals) goals.push(goal);
    else byPair.set(key, [goal]);
  }
  return byPair;
}
