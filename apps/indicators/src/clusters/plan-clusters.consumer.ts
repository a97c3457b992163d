import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, PlanClustersDeclared, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { declarePlanClusters } from './declare-plan-clusters';

const CONSUMER = 'indicators.plan-clusters';

/** The clusters plans declare (goals → indicators): stored once per event, benchmarks recomputed from their month. */
@Controller()
export class PlanClustersConsumer {
  private readonly logger = new Logger(PlanClustersConsumer.name);

  constructor(private readonly transactions: Transactions) {}

  @EventPattern(TOPICS.plans)
  async onPlanClustersDeclared(@Payload() event: EventEnvelope): Promise<void> {
    if (event.type !== 'plan.clusters-declared') return;
    const outcome = await this.transactions.runOnce(CONSUMER, event, (unit) => declarePlanClusters(unit, event.payload as PlanClustersDeclared, event.correlationId));
    this.logger.log({ eventId: event.id, planId: (event.payload as PlanClustersDeclared).planId, outcome }, 'plan clusters declared');
  }
}
