import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { currentVersion, EventEnvelope, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { SUBSCRIBABLE_EVENT_TYPES } from './event-types';
import { storePublicEvent } from './public-events.repository';
import { SubscriptionDeliveriesRepository } from './subscription-deliveries.repository';
import { SubscriptionDeliveryQueue } from './subscription-delivery.queue';
import { SubscriptionsRepository } from './subscriptions.repository';

const CONSUMER = 'notifications.subscriptions';

/**
 * Stores every subscribable public event in notifications' own table (replay reads it, not Kafka's
 * retention) and plans one delivery per matching active subscription, in one transaction; the
 * deliveries are queued after the commit. A handler of its own beside the alerts consumer: Nest
 * runs both for a topic, each idempotent under its own consumer name.
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
    const outcome = await this.transactions.runOnce(CONSUMER, event, async ({ manager }) => {
      // Handlers see the payload upcast to the current version, so that is the version stored and named in ce-dataschema.
      await storePublicEvent(manager, event, currentVersion(event.type));
      const matching = await this.subscriptions.matching(manager, event.type, event.municipality);
      return this.deliveries.planLive(manager, event.id, matching.map((subscription) => subscription.id));
    });
    if (outcome.duplicate || outcome.result.length === 0) return;
    await this.queue.enqueue(outcome.result);
    this.logger.log({ eventId: event.id, type: event.type, deliveries: outcome.result.length }, 'event planned for subscriptions');
  }
}
