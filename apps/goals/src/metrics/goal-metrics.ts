import { Injectable, OnModuleInit } from '@nestjs/common';
import { ServiceMetrics } from '@pejling/platform';
import { GoalCountsRepository } from './goal-counts.repository';

/** Evaluations by state and goals by their current state, read at each scrape. */
@Injectable()
export class GoalMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly counts: GoalCountsRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.addGauge('pejling_evaluations', 'Goal evaluations stored, by the state they found', ['state'], async () =>
      (await this.counts.evaluationsByState()).map(({ state, n }) => ({ labels: { state }, value: n })),
    );
    this.metrics.addGauge('pejling_goals', 'Goals by their current state', ['state'], async () =>
      (await this.counts.goalsByState()).map(({ state, n }) => ({ labels: { state }, value: n })),
    );
  }
}
