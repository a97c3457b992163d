import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, FigureFlagged, PullFailedV1, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { AlertIntake } from './alert-intake';
import { awaitOwners, goalHasWaitingAlerts, lockOwnerContacts, resolveOwners } from '../persistence/owner-contacts.repository';
import { fromFigureFlagged, fromGoalEvent, fromPullFailed, GoalEvent, IncomingAlert, ownerIdsOf } from './incoming-alert';

/**
 * Consumes goal transitions and data-quality events. Each event is handled once (its id is
 * recorded with the alert, the episode change and the planned items in one transaction); the
 * deliveries are queued after the commit, and re-queued by the sweeper if the process died in between.
 */
@Controller()
export class AlertsConsumer {
  private readonly logger = new Logger(AlertsConsumer.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly intake: AlertIntake,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
  ) {}

  /**
   * Transitions name their owners by id; their channels come from the owner contacts goals
   * publishes on the internal owners topic. An alert whose owners have not all arrived yet (or
   * whose goal has an earlier alert waiting) is parked and handled when they arrive (OwnersConsumer).
   */
  @EventPattern(TOPICS.goalTransitions)
  async onTransition(@Payload() event: GoalEvent): Promise<void> {
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
    if (outcome.duplicate) {
      this.logger.log({ eventId: event.id }, 'duplicate event ignored');
      return;
    }
    await this.queue.enqueue(outcome.result.queued);
    if (outcome.result.queued.length === 0 && outcome.result.waiting.length > 0) {
      this.logger.warn({ eventId: event.id, goalId: event.payload.goalId, waitingForOwners: outcome.result.waiting }, 'alert waits for its owners’ contacts');
    } else this.logger.log({ eventId: event.id, goalId: event.payload.goalId, deliveries: outcome.result.queued.length }, 'alert handled');
  }

  @EventPattern(TOPICS.dataQuality)
  onDataQuality(@Payload() event: EventEnvelope<'figure.flagged'>): Promise<void> {
    return this.handle('notifications.data-quality', event, fromFigureFlagged(event.id, event.payload as FigureFlagged));
  }

  /** A failed pull is a data-quality problem once it will not be retried; completed pulls and retries are not news. */
  @EventPattern(TOPICS.ingestRuns)
  async onIngestRun(@Payload() event: EventEnvelope<'pull.failed' | 'pull.completed'>): Promise<void> {
    if (event.type !== 'pull.failed' || (event.payload as PullFailedV1).willRetry) return;
    return this.handle('notifications.ingest-runs', event, fromPullFailed(event.id, event.municipality, event.payload as PullFailedV1));
  }

  private async handle(consumer: string, event: EventEnvelope, alert: IncomingAlert): Promise<void> {
    const outcome = await this.transactions.runOnce(consumer, event, ({ manager }) => this.intake.intake(manager, alert, this.clock.now()));
    if (outcome.duplicate) {
      this.logger.log({ eventId: event.id }, 'duplicate event ignored');
      return;
    }
    await this.queue.enqueue(outcome.result);
    this.logger.log({ eventId: event.id, goalId: alert.goalId, kind: alert.kind, deliveries: outcome.result.length }, 'alert handled');
  }
}
