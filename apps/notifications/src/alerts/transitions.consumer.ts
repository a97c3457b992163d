import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { EventEnvelope, GoalTransition, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { DeliveryQueue } from '../delivery/delivery.queue';

const CONSUMER = 'notifications.goal-transitions';

/**
 * Turns a breach or recovery into one alert with a delivery per owner channel. The alert and its
 * deliveries commit with the processed event id, so a redelivered event creates nothing new; the
 * deliveries are queued after the commit (and re-queued by the sweeper if the process died in between).
 */
@Controller()
export class TransitionsConsumer {
  private readonly logger = new Logger(TransitionsConsumer.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly queue: DeliveryQueue,
  ) {}

  @EventPattern(TOPICS.goalTransitions)
  async onTransition(@Payload() event: EventEnvelope<'goal.breached' | 'goal.recovered' | 'goal.at-risk'>): Promise<void> {
    const alert = event.payload as GoalTransition;
    const outcome = await this.transactions.runOnce(CONSUMER, event, async ({ manager }) => {
      const alertId = randomUUID();
      await manager.query(
        `INSERT INTO alerts (id, event_id, event_type, goal_id, municipality, transition, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [alertId, event.id, event.type, alert.goalId, alert.municipality, alert.transition, alert],
      );
      const targets = [
        ...(alert.owner.email ? [{ channel: 'email', target: alert.owner.email }] : []),
        ...(alert.owner.webhookUrl ? [{ channel: 'webhook', target: alert.owner.webhookUrl }] : []),
      ];
      const ids = targets.map(() => randomUUID());
      await manager.query(
        `INSERT INTO deliveries (id, alert_id, channel, target, status)
         SELECT d.id, $1, d.channel, d.target, 'pending' FROM unnest($2::uuid[], $3::text[], $4::text[]) AS d(id, channel, target)`,
        [alertId, ids, targets.map((t) => t.channel), targets.map((t) => t.target)],
      );
      return ids;
    });
    if (outcome.duplicate) {
      this.logger.log({ eventId: event.id }, 'duplicate transition event ignored');
      return;
    }
    await this.queue.enqueue(outcome.result);
    this.logger.log({ eventId: event.id, goalId: alert.goalId, transition: alert.transition, deliveries: outcome.result.length }, 'alert queued');
  }
}
