import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, TOPICS } from '@pejling/contracts';
import { PlanSubscriptionDeliveries } from './plan-subscription-deliveries.use-case';

/**
 * Hands every public event to PlanSubscriptionDeliveries (stored for replay, planned for the
 * matching subscriptions). A handler of its own beside the alerts consumer: Nest runs both for a
 * topic; this one is idempotent by the stored event's id.
 */
@Controller()
export class SubscriptionEventsConsumer {
  private readonly logger = new Logger(SubscriptionEventsConsumer.name);

  constructor(private readonly planDeliveries: PlanSubscriptionDeliveries) {}

  @EventPattern(TOPICS.goalTransitions)
  onTransition(@Payload() event: EventEnvelope): Promise<void> {
    return this.handle(event);
  }

  @EventPattern(TOPICS.goalEvaluations)
  onEvaluation(@Payload() event: EventEnvelope): Promise<void> {
    return this.handle(event);
  }

  @EventPattern(TOPICS.dataQuality)
  onDataQuality(@Payload() event: EventEnvelope): Promise<void> {
    return this.handle(event);
  }

  @EventPattern(TOPICS.ingestRuns)
  onIngestRun(@Payload() event: EventEnvelope): Promise<void> {
    return this.handle(event);
  }

  @EventPattern(TOPICS.notifications)
  onNotification(@Payload() event: EventEnvelope): Promise<void> {
    return this.handle(event);
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const planned = await this.planDeliveries.run(event);
    if (planned > 0) this.logger.log({ eventId: event.id, type: event.type, deliveries: planned }, 'event planned for subscriptions');
  }
}
