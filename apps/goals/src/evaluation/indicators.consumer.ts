import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IndicatorComputedV1, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { evaluateGoal, GoalRow } from './goal-evaluator';

const CONSUMER = 'goals.indicators';

/** Evaluates every goal an indicator value touches. */
@Controller()
export class IndicatorsConsumer {
  private readonly logger = new Logger(IndicatorsConsumer.name);

  constructor(private readonly transactions: Transactions) {}

  @EventPattern(TOPICS.indicators)
  async onIndicatorComputed(@Payload() event: EventEnvelope<'indicator.computed'>): Promise<void> {
    const indicator = event.payload as IndicatorComputedV1;
    const outcome = await this.transactions.runOnce(CONSUMER, event, async (unit) => {
      const inputs = { numerator: indicator.numerator, denominator: indicator.denominator, parts: indicator.parts, previousValue: indicator.previousValue };
      await unit.manager.query(
        `INSERT INTO indicator_values (indicator_id, municipality, period, value, inputs) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (indicator_id, municipality, period) DO UPDATE SET value = EXCLUDED.value, inputs = EXCLUDED.inputs`,
        [indicator.indicatorId, indicator.municipality, indicator.period, indicator.value, inputs],
      );
      const goals: GoalRow[] = await unit.manager.query(
        `SELECT * FROM goals WHERE indicator_id = $1 AND municipality = $2 AND deleted_at IS NULL ORDER BY id`,
        [indicator.indicatorId, indicator.municipality],
      );
      const reading = { indicatorId: indicator.indicatorId, municipality: indicator.municipality, period: indicator.period, value: indicator.value, inputs };
      for (const goal of goals) unit.publish(...(await evaluateGoal(unit.manager, goal, reading, event.id)));
      return goals.length;
    });
    if (outcome.duplicate) this.logger.log({ eventId: event.id }, 'duplicate indicator event ignored');
    else this.logger.log({ eventId: event.id, municipality: event.municipality, goalsEvaluated: outcome.result }, 'indicator applied');
  }
}
