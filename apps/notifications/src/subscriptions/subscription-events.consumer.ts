import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { currentVersion, EventEnvelope, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { SUBSCRIBABLE_EVENT_TYPES } from './event-types';
import { storePublicEvent } from './public-events.repository';
import { SubscriptionDeliveriesRepository } from './subscription-deliveries.repository';
import { SubscriptionDeliveryQueue } from './subscription-delivery.queue';
import { SubscriptionsRepository } from './subscriptions.repository';

/**
 * Stores every subscribable public event in notifications' own table (replay reads it, not Kafka's
 * retention) and plans one delivery per matching active subscription, in one transaction; the
 * deliveries are queued after the commit. A handler of its own beside the alerts consumer: Nest
 * runs both for a topic; this one is idempotent by the stored event's id.
 */
@Controller()
export class SubscriptionEventsConsumer {
  private readonly logger = new Logger(SubscriptionEventsConsumer.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: SubscriptionDeliveriesRepository,
    private readonly queue: SubscriptionDeliveryQueue,
  ) {}

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
    if (!SUBSCRIBABLE_EVENT_TYPES.includes(event.type)) return;
    // The stored event is the idempotency record: a redelivered event inserts nothing and plans nothing.
    const planned = await this.transactions.run(async ({ manager }) => {
      // Handlers see the payload upcast to the current version, so that is the version stored and named in ce-dataschema.
      if (!(await storePublicEvent(manager, event, currentVersion(event.type)))) return [];
      const matching = await this.subscriptions.matching(manager, event.type, event.municipality);
      return this.deliveries.planLive(manager, event.id, matching.map((subscription) => subscription.id));
    });
    if (planned.length === 0) return;
    await this.queue.enqueue(planned);
    this.logger.log({ eventId: event.id, type: event.type, deliveries: planned.length }, 'event planned for subscriptions');
  }
}
