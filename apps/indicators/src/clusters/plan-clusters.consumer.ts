import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, PlanClustersDeclared, TOPICS } from '@pejling/contracts';
import { DeclarePlanClusters } from './declare-plan-clusters';

/** The clusters plans declare (goals → indicators): stored once per event, benchmarks recomputed from their month. */
@Controller()
export class PlanClustersConsumer {
  private readonly logger = new Logger(PlanClustersConsumer.name);

  constructor(private readonly declarePlanClusters: DeclarePlanClusters) {}

  @EventPattern(TOPICS.plans)
  async onPlanClustersDeclared(@Payload() event: EventEnvelope): Promise<void> {
    if (event.type !== 'plan.clusters-declared') return;
    const outcome = await this.declarePlanClusters.run(event, event.payload as PlanClustersDeclared);
    this.logger.log({ eventId: event.id, planId: (event.payload as PlanClustersDeclared).planId, outcome }, 'plan clusters declared');
  }
}
