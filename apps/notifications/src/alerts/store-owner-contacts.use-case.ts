import { Injectable } from '@nestjs/common';
import { EventEnvelope, OwnerContactsChanged } from '@pejling/contracts';
import { OnceResult, Transactions, UnitOfWork } from '@pejling/platform';
import { Clock } from '../clock';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { QueuedDelivery } from '../persistence/delivery-planner';
import {
  lockOwnerContacts,
  releaseWaitingAlert,
  resolveOwners,
  upsertOwnerContacts,
  waitingAlerts,
} from '../persistence/owner-contacts.repository';
import { AlertIntake } from './alert-intake';
import { fromGoalEvent } from './incoming-alert';
import { storedGoalEvent } from './stored-goal-event';

/** Whether the stored contacts changed, and how many waiting alerts were handed on. */
export interface OwnerContactsOutcome {
  changed: boolean;
  released: number;
}

/**
 * Keeps notifications' own copy of an owner's contacts (once per event) and hands on the alerts that
 * waited for them, oldest first; a goal whose oldest waiting alert still misses an owner keeps its
 * later ones waiting. The released alerts' deliveries are queued after the commit.
 */
@Injectable()
export class StoreOwnerContacts {
  constructor(
    private readonly transactions: Transactions,
    private readonly intake: AlertIntake,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
  ) {}

  async run(event: EventEnvelope<'owner.contacts-changed'>, contacts: OwnerContactsChanged): Promise<OnceResult<OwnerContactsOutcome>> {
    const outcome = await this.transactions.runOnce('notifications.owner-contacts', event, async ({ manager }) => {
      await lockOwnerContacts(manager, 'exclusive');
      const changed = await upsertOwnerContacts(manager, event.id, contacts);
      return { changed, ...(await this.releaseWaiting(manager)) };
    });
    if (outcome.duplicate) return outcome;
    await this.queue.enqueue(outcome.result.queued);
    return { duplicate: false, result: { changed: outcome.result.changed, released: outcome.result.released } };
  }

  private async releaseWaiting(manager: UnitOfWork['manager']): Promise<{ released: number; queued: QueuedDelivery[] }> {
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
      queued.push(
        ...(await this.intake.intake(
          manager,
          fromGoalEvent(storedGoalEvent(waiting.position, waiting.envelope), owners),
          this.clock.now(),
        )),
      );
      await releaseWaitingAlert(manager, waiting.position);
      released += 1;
    }
    return { released, queued };
  }
}
