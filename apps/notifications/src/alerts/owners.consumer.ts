import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, OwnerContactsChanged, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { EntityManager } from 'typeorm';
import { Clock } from '../clock';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { QueuedDelivery } from '../persistence/delivery-planner';
import { lockOwnerContacts, releaseWaitingAlert, resolveOwners, upsertOwnerContacts, waitingAlerts } from '../persistence/owner-contacts.repository';
import { AlertIntake } from './alert-intake';
import { fromGoalEvent } from './incoming-alert';
import { storedGoalEvent } from './stored-goal-event';

/**
 * Keeps notifications' own copy of owners' contacts from the internal owners topic (goals writes a
 * change with the owner, and a snapshot at start-up), and hands on the alerts that waited for them,
 * oldest first; a goal whose oldest waiting alert still misses an owner keeps its later ones waiting.
 */
@Controller()
export class OwnersConsumer {
  private readonly logger = new Logger(OwnersConsumer.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly intake: AlertIntake,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
  ) {}

  @EventPattern(TOPICS.ownersInternal)
  async onOwnerContacts(@Payload() event: EventEnvelope<'owner.contacts-changed'>): Promise<void> {
    const contacts = event.payload as OwnerContactsChanged;
    const outcome = await this.transactions.runOnce('notifications.owner-contacts', event, async ({ manager }) => {
      await lockOwnerContacts(manager, 'exclusive');
      const changed = await upsertOwnerContacts(manager, event.id, contacts);
      return { changed, ...(await this.releaseWaiting(manager)) };
    });
    if (outcome.duplicate) return;
    await this.queue.enqueue(outcome.result.queued);
    this.logger.log({ eventId: event.id, ownerId: contacts.ownerId, changed: outcome.result.changed, released: outcome.result.released }, 'owner contacts stored');
  }

  private async releaseWaiting(manager: EntityManager): Promise<{ released: number; queued: QueuedDelivery[] }> {
    const queued: QueuedDelivery[] = [];
    const blockedGoals = new Set<string>();
    let released = 0;
    for (const waiting of await waitingAlerts(manager)) {
      if (waiting.goal_id && blockedGoals.has(waiting.goal_id)) continue;
      const { owners, missing } = await resolveOwners(manager, waiting.owner_ids);
      if (missing.length > 0) {
        if (waiting.goal_id) blockedGoals.add(waiting.goal_id);
        continue;
      }
      queued.push(...(await this.intake.intake(manager, fromGoalEvent(storedGoalEvent(waiting.position, waiting.envelope), owners), this.clock.now())));
      await releaseWaitingAlert(manager, waiting.position);
      released += 1;
    }
    return { released, queued };
  }
}
