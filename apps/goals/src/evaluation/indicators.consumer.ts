import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IndicatorComputed, TOPICS } from '@pejling/contracts';
import { periodEndMonth } from '@pejling/domain';
import { Transactions } from '@pejling/platform';
import { AlertPolicyProvider } from './alert-policy';
import { evaluateAgainstLatest } from './evaluate-latest';
import { BENCHMARK_ACTUAL, BENCHMARK_EXPECTED, evaluateGoal, GoalRow } from './goal-evaluator';

const CONSUMER = 'goals.indicators';

/** Evaluates every goal an indicator value touches. */
@Controller()
export class IndicatorsConsumer {
  private readonly logger = new Logger(IndicatorsConsumer.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly policy: AlertPolicyProvider,
  ) {}

  @EventPattern(TOPICS.indicators)
  async onIndicatorComputed(@Payload() event: EventEnvelope<'indicator.computed'>): Promise<void> {
    const indicator = event.payload as IndicatorComputed;
    const policy = this.policy.now();
    const outcome = await this.transactions.runOnce(CONSUMER, event, async (unit) => {
      const inputs = { numerator: indicator.numerator, denominator: indicator.denominator, parts: indicator.parts, previousValue: indicator.previousValue };
      const benchmarks = { national: indicator.benchmarks.national, cluster: indicator.benchmarks.cluster };
      const rank = indicator.rank;
      await unit.manager.query(
        `INSERT INTO indicator_values (indicator_id, municipality, period, period_end, value, inputs, benchmarks, rank) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (indicator_id, municipality, period) DO UPDATE SET value = EXCLUDED.value, inputs = EXCLUDED.inputs,
           benchmarks = EXCLUDED.benchmarks, rank = EXCLUDED.rank`,
        [indicator.indicatorId, indicator.municipality, indicator.period, periodEndMonth(indicator.period), indicator.value, inputs, benchmarks, rank],
      );
      // FOR SHARE waits for a PATCH in flight and then reads the goal (and its versions) as committed,
      // so an evaluation is never judged by a rule that was replaced while it ran.
      const goals: GoalRow[] = await unit.manager.query(
        `SELECT * FROM goals WHERE indicator_id = $1 AND municipality = $2 AND deleted_at IS NULL ORDER BY id FOR SHARE`,
        [indicator.indicatorId, indicator.municipality],
      );
      const inputsWithBenchmarks = { ...inputs, benchmarks: indicator.benchmarks, rank: indicator.rank };
      const reading = { indicatorId: indicator.indicatorId, municipality: indicator.municipality, period: indicator.period, value: indicator.value, inputs: inputsWithBenchmarks, benchmarks, rank };
      for (const goal of goals) unit.publish(...(await evaluateGoal(unit.manager, goal, reading, event.id, policy)));
      // A new ministry benchmark decides whether the conditional (STAR focus) goals apply: judge them again.
      if (indicator.indicatorId === BENCHMARK_ACTUAL || indicator.indicatorId === BENCHMARK_EXPECTED) {
        const conditional: GoalRow[] = await unit.manager.query(
          `SELECT * FROM goals WHERE municipality = $1 AND applicability IS NOT NULL AND deleted_at IS NULL ORDER BY id FOR SHARE`,
          [indicator.municipality],
        );
        for (const goal of conditional) unit.publish(...(await evaluateAgainstLatest(unit.manager, goal, policy)));
      }
      return goals.length;
    });
    if (outcome.duplicate) this.logger.log({ eventId: event.id }, 'duplicate indicator event ignored');
    else this.logger.log({ eventId: event.id, municipality: event.municipality, goalsEvaluated: outcome.result }, 'indicator applied');
  }
}
