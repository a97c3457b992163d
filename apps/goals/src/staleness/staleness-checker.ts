import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { createEvent } from '@pejling/contracts';
import { EngineState, evaluateRule, explainResult, GoalSpec } from '@pejling/domain-goals';
import { EvaluationPeriodKind, latestDuePeriod, monthOf } from '@pejling/domain-kernel';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { evaluatedPayload, indicatorLabels } from '../evaluation/goal-evaluator';
import { GoalRow } from '../goals/goal-row';
import { transitionPayload } from '../evaluation/transition-event';
import { GoalsEnv } from '../goals.env';

export const SCHEDULED_QUEUE = 'goals-scheduled';
const STALENESS_JOB = 'staleness-check';

interface StaleCandidate extends GoalRow {
  evaluation_period: EvaluationPeriodKind;
  state: EngineState;
  state_period: string;
  last_value: number | null;
}

/**
 * A repeatable Bull job: a goal whose newest figure is older than the publication calendar allows
 * becomes `stale` (its last judged state is kept, so fresh data does not re-alert an open breach),
 * and a `goal.stale` transition tells its owners that newer data is overdue.
 */
@Processor(SCHEDULED_QUEUE)
@Injectable()
export class StalenessChecker implements OnApplicationBootstrap {
  private readonly logger = new Logger(StalenessChecker.name);

  constructor(
    @InjectQueue(SCHEDULED_QUEUE) private readonly queue: Queue,
    private readonly transactions: Transactions,
    @Inject(SERVICE_ENV) private readonly env: GoalsEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.STALENESS_CHECK_EVERY_MS === 0) return;
    await this.queue.add(STALENESS_JOB, {}, { repeat: { every: this.env.STALENESS_CHECK_EVERY_MS }, jobId: STALENESS_JOB, removeOnComplete: true, removeOnFail: true });
  }

  /** Marks every overdue goal stale; returns how many. */
  @Process(STALENESS_JOB)
  async check(now = new Date()): Promise<number> {
    const asOf = monthOf(now instanceof Date ? now : new Date());
    return this.transactions.run(async (unit) => {
      const candidates: StaleCandidate[] = await unit.manager.query(
        `SELECT g.*, s.state, s.period AS state_period, e.value AS last_value
           FROM goals g JOIN goal_states s ON s.goal_id = g.id JOIN evaluations e ON e.id = s.evaluation_id
          WHERE g.deleted_at IS NULL AND s.state NOT IN ('stale', 'not_applicable')
          FOR UPDATE OF s FOR SHARE OF g`,
      );
      let marked = 0;
      for (const goal of candidates) {
        const latestDue = latestDuePeriod(goal.evaluation_period, asOf, this.env.PUBLICATION_LAG_MONTHS);
        const spec: GoalSpec = { rule: goal.rule, direction: goal.direction };
        const reading = { period: goal.state_period, value: goal.last_value };
        const outcome = evaluateRule(spec, reading, { asOf, latestDue });
        if (outcome.state !== 'stale') continue;
        const explanation = explainResult(spec, reading, outcome, await indicatorLabels(unit.manager, goal));
        // Its own kind of evaluation: overdue data says nothing about the period's judgement, which stays current.
        const evaluationId = randomUUID();
        await unit.manager.query(
          `INSERT INTO evaluations (id, goal_id, period, value, rule, state, raw_state, previous_state, reason, explanation, inputs, kind)
           VALUES ($1, $2, $3, $4, $5, 'stale', 'stale', $6, 'stale', $7, $8, 'staleness')`,
          [evaluationId, goal.id, goal.state_period, goal.last_value, goal.rule, goal.state, explanation, { asOf, latestDue }],
        );
        await unit.manager.query(`UPDATE goal_states SET state = 'stale', evaluation_id = $2, changed_at = now() WHERE goal_id = $1`, [goal.id, evaluationId]);
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
        unit.publish(createEvent('goal.evaluated', payload, options), createEvent('goal.stale', await transitionPayload(unit.manager, goal, payload, 'stale', false), options));
        marked += 1;
      }
      if (marked > 0) this.logger.log({ marked, asOf }, 'goals marked stale');
      return marked;
    });
  }
}
