import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, FigureFlagged, PullFailedV1, TOPICS } from '@pejling/contracts';
import { HandleAlert } from './handle-alert.use-case';
import { HandleGoalEvent } from './handle-goal-event.use-case';
import { fromFigureFlagged, fromPullFailed, GoalEvent, IncomingAlert } from './incoming-alert';

/**
 * Consumes goal transitions and data-quality events. Each event is handled once (its id is
 * recorded with the alert, the episode change and the planned items in one transaction); the
 * deliveries are queued after the commit, and re-queued by the sweeper if the process died in between.
 */
@Controller()
export class AlertsConsumer {
  private readonly logger = new Logger(AlertsConsumer.name);

  constructor(
    private readonly handleGoalEvent: HandleGoalEvent,
    private readonly handleAlert: HandleAlert,
  ) {}

  /**
   * Transitions name their owners by id; their channels come from the owner contacts goals
   * publishes on the internal owners topic. An alert whose owners have not all arrived yet (or
   * whose goal has an earlier alert waiting) is parked and handled when they arrive (OwnersConsumer).
   */
  @EventPattern(TOPICS.goalTransitions)
  async onTransition(@Payload() event: GoalEvent): Promise<void> {
    const outcome = await this.handleGoalEvent.run(event);
    if (outcome.duplicate) {
      this.logger.log({ eventId: event.id }, 'duplicate event ignored');
      return;
    }
    if (outcome.result.deliveries === 0 && outcome.result.waiting.length > 0) {
      this.logger.warn(
        { eventId: event.id, goalId: event.payload.goalId, waitingForOwners: outcome.result.waiting },
        'alert waits for its owners’ contacts',
      );
    } else this.logger.log({ eventId: event.id, goalId: event.payload.goalId, deliveries: outcome.result.deliveries }, 'alert handled');
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
    const outcome = await this.handleAlert.run(consumer, event, alert);
    if (outcome.duplicate) {
      this.logger.log({ eventId: event.id }, 'duplicate event ignored');
      return;
    }
    this.logger.log({ eventId: event.id, goalId: alert.goalId, kind: alert.kind, deliveries: outcome.result }, 'alert handled');
  }
}
