import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createEvent } from '@pejling/contracts';
import { evaluateRule, explainResult, GoalSpec } from '@pejling/domain-goals';
import { latestDuePeriod, monthOf } from '@pejling/domain-kernel';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { evaluatedPayload } from '../evaluation/evaluated-payload';
import { indicatorLabels } from '../evaluation/indicator-labels';
import { insertEvaluations, lockStaleCandidates, markGoalStale } from '../evaluation/timeline.repository';
import { transitionPayload } from '../evaluation/transition-event';
import { GoalsEnv } from '../goals.env';

/**
 * A goal whose newest figure is older than the publication calendar allows becomes `stale` (its
 * last judged state is kept, so fresh data does not re-alert an open breach), and a `goal.stale`
 * transition tells its owners that newer data is overdue.
 */
@Injectable()
export class MarkStaleGoals {
  private readonly logger = new Logger(MarkStaleGoals.name);

  constructor(
    private readonly transactions: Transactions,
    @Inject(SERVICE_ENV) private readonly env: GoalsEnv,
  ) {}

  /** Marks every goal overdue at `now`; returns how many. */
  execute(now: Date): Promise<number> {
    const asOf = monthOf(now);
    return this.transactions.run(async (unit) => {
      let marked = 0;
      for (const goal of await lockStaleCandidates(unit.manager)) {
        const latestDue = latestDuePeriod(goal.evaluation_period, asOf, this.env.PUBLICATION_LAG_MONTHS);
        const spec: GoalSpec = { rule: goal.rule, direction: goal.direction };
        const reading = { period: goal.state_period, value: goal.last_value };
        const outcome = evaluateRule(spec, reading, { asOf, latestDue });
        if (outcome.state !== 'stale') continue;
        const explanation = explainResult(spec, reading, outcome, await indicatorLabels(unit, goal));
        // Its own kind of evaluation: overdue data says nothing about the period's judgement, which stays current.
        const evaluationId = randomUUID();
        await insertEvaluations(unit.manager, [
          {
            id: evaluationId,
            goalId: goal.id,
            kind: 'staleness',
            period: goal.state_period,
            value: goal.last_value,
            rule: goal.rule,
            gap: null,
            state: 'stale',
            rawState: 'stale',
            previousState: goal.state,
            transition: null,
            reason: 'stale',
            measured: null,
            required: null,
            benchmarks: null,
            projection: null,
            explanation,
            inputs: { asOf, latestDue },
            causeEventId: null,
          },
        ]);
        await markGoalStale(unit.manager, goal.id, evaluationId);
        const payload = evaluatedPayload(goal, {
          evaluationId,
          period: goal.state_period,
          value: goal.last_value,
          state: 'stale',
          rawState: 'stale',
          previousState: goal.state,
          reason: 'stale',
          measured: null,
          required: null,
          gap: null,
          benchmarks: { national: null, cluster: null, nationalBasis: null, clusterBasis: null },
          projection: null,
          explanation,
        });
        const options = { source: 'pejling/goals', municipality: goal.municipality };
        // Owners hear about overdue data too (its own transition type), with the goal's last judged state kept.
        unit.publish(
          createEvent('goal.evaluated', payload, options),
          createEvent('goal.stale', await transitionPayload(unit, goal, payload, 'stale', false), options),
        );
        marked += 1;
      }
      if (marked > 0) this.logger.log({ marked, asOf }, 'goals marked stale');
      return marked;
    });
  }
}
