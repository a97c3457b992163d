import { Injectable } from '@nestjs/common';
import { OnceResult, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { awaitOwners, goalHasWaitingAlerts, lockOwnerContacts, resolveOwners } from '../persistence/owner-contacts.repository';
import { AlertIntake } from './alert-intake';
import { fromGoalEvent, GoalEvent, ownerIdsOf } from './incoming-alert';

/** What became of a goal event: the owners it waits for (none when handled) and how many deliveries it queued. */
export interface GoalEventOutcome {
  waiting: string[];
  deliveries: number;
}

/**
 * Handles a goal transition or correction once. Its owners' channels come from the owner contacts
 * goals publishes on the internal owners topic: an alert whose owners have not all arrived yet (or
 * whose goal has an earlier alert waiting) is parked and handled when they arrive (StoreOwnerContacts).
 * The deliveries are queued after the commit (the sweeper re-queues them if the process dies in between).
 */
@Injectable()
export class HandleGoalEvent {
  constructor(
    private readonly transactions: Transactions,
    private readonly intake: AlertIntake,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
  ) {}

  async run(event: GoalEvent): Promise<OnceResult<GoalEventOutcome>> {
    const outcome = await this.transactions.runOnce('notifications.goal-transitions', event, async ({ manager }) => {
      const goalId = event.payload.goalId;
      const ownerIds = ownerIdsOf(event);
      await lockOwnerContacts(manager, 'shared');
      const { owners, missing } = await resolveOwners(manager, ownerIds);
      if (missing.length > 0 || (await goalHasWaitingAlerts(manager, goalId))) {
        await awaitOwners(manager, event.id, goalId, ownerIds, event);
        return { waiting: missing, queued: [] };
      }
      return { waiting: [], queued: await this.intake.intake(manager, fromGoalEvent(event, owners), this.clock.now()) };
    });
    if (outcome.duplicate) return outcome;
    await this.queue.enqueue(outcome.result.queued);
    return { duplicate: false, result: { waiting: outcome.result.waiting, deliveries: outcome.result.queued.length } };
  }
}
